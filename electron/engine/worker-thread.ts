import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Starts the worker script `name`, which sits next to the calling module: built, it is
 * `out/main/<name>.js` (seen from out/main/ or from a shared chunk in out/main/chunks/); run from
 * source, it is `<name>.ts` loaded through tsx's loader, registered inside the worker.
 */
export function startWorkerThread(callerUrl: string, name: string, workerData?: unknown): Worker {
  const options = workerData === undefined ? {} : { workerData };
  if (!callerUrl.endsWith('.ts')) {
    const built = [`./${name}.js`, `../${name}.js`].map((rel) => new URL(rel, callerUrl));
    return new Worker(built.find((url) => existsSync(url)) ?? built[0]!, options);
  }
  const tsxApi = pathToFileURL(createRequire(callerUrl).resolve('tsx/esm/api')).href;
  const source = new URL(`./${name}.ts`, callerUrl).href;
  const boot = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(source)}); });`;
  return new Worker(boot, { ...options, eval: true });
}
