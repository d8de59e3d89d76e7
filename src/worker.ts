// Starts one of the package's worker threads: from the esbuild bundle when the process runs from
// it (bin/launch.mjs records the bundle's folder) through bin/bundle-worker.mjs, else from the
// TypeScript sources through bin/worker.mjs. The worker module reads its data from workerData.data in both cases.
import { Worker } from 'node:worker_threads';
import { packagePath, sourceUrl } from './paths.ts';

/** Worker modules; bin/launch.mjs bundles each under the same name. */
export const WORKER_SOURCES = { 'policy-worker': 'src/policy/worker.ts' } as const;
export type WorkerName = keyof typeof WORKER_SOURCES;

/** The folder of the bundle this process runs from (set by bin/launch.mjs), if any. */
function bundleDir(): string | undefined {
  const dir = (globalThis as { __governBundleDir?: unknown }).__governBundleDir;
  return typeof dir === 'string' ? dir : undefined;
}

export function startWorker(name: WorkerName, data: unknown): Worker {
  const bundle = bundleDir();
  if (bundle) return new Worker(packagePath('bin', 'bundle-worker.mjs'), { workerData: { bundle, entry: name, data } });
  return new Worker(packagePath('bin', 'worker.mjs'), { workerData: { entry: sourceUrl(WORKER_SOURCES[name]), data } });
}

/**
 * Called by a worker module when its work is done, before its last message (the main thread may
 * stop it on that message): a worker run from the bundle writes its code cache then (bin/bundle-worker.mjs).
 */
export function workDone(): void {
  (globalThis as { __governWorkDone?: () => void }).__governWorkDone?.();
}
