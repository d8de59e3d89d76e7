// A worker thread started from the TypeScript sources (tests, GOVERN_NO_BUNDLE=1, no esbuild):
// registers tsx in the thread, then runs the worker module named in workerData.entry (src/worker.ts).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
