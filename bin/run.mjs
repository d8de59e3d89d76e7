#!/usr/bin/env node
// Runs one TypeScript script (npm run gen / bench) through tsx: `node bin/run.mjs scripts/x.ts args...`.
import { register } from 'tsx/esm/api';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

register();
const [script, ...rest] = process.argv.slice(2);
if (!script) {
  console.error('用法 usage: node bin/run.mjs <script.ts> [args...]');
  process.exit(2);
}
process.argv = [process.argv[0], resolve(script), ...rest];
const mod = await import(pathToFileURL(resolve(script)).href);
if (typeof mod.main === 'function') process.exitCode = await mod.main(rest);
