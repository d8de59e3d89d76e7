#!/usr/bin/env node
// The `govern` command: runs the CLI from its esbuild bundle (bin/launch.mjs builds it on first use
// and whenever a source changed), or from the TypeScript sources through tsx where no bundle can be made.
import { loadEntry, restartWithGcFlags } from './launch.mjs';

const argv = process.argv.slice(2);
const restarted = await restartWithGcFlags(argv);
if (restarted !== undefined) {
  process.exitCode = restarted;
} else {
  const { exports, saveCodeCache } = await loadEntry('govern', argv);
  process.exitCode = await exports.main(argv);
  saveCodeCache();
}
