// Starts one of the package's worker threads: from the esbuild bundle when the process runs from
// it (bin/launch.mjs records the bundle's folder), else from the TypeScript sources through
// bin/worker.mjs. The worker module reads its data from workerData.data in both cases.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
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
  if (bundle) return new Worker(pathToFileURL(join(bundle, `${name}.mjs`)), { workerData: { data } });
  return new Worker(packagePath('bin', 'worker.mjs'), { workerData: { entry: sourceUrl(WORKER_SOURCES[name]), data } });
}
