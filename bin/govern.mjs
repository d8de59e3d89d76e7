#!/usr/bin/env node
// The `govern` command: loads the TypeScript entry point through tsx (no build step needed after `npm ci`).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../scripts/govern.ts');
process.exitCode = await main(process.argv.slice(2));
