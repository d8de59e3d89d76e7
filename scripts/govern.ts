// Edge: the `govern` executable (bin/govern.mjs loads this). All behaviour lives in src/cli.
export { main } from '../src/cli/main.ts';
