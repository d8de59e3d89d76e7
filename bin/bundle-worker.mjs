// A worker thread started from the bundle (src/worker.ts): runs the worker entry workerData.entry of
// the build workerData.bundle with its code cache (bin/bundle.mjs). The worker module calls
// globalThis.__governWorkDone (src/worker.ts workDone) before its last message, which writes the
// cache of a first run.
import { workerData } from 'node:worker_threads';
import { codeCacheKey, runBundle } from './bundle.mjs';

const { saveCodeCache } = runBundle(workerData.bundle, workerData.entry, codeCacheKey([workerData.entry]));
globalThis.__governWorkDone = saveCodeCache;
