import { test as base } from '@playwright/test';
import { type ServeProcess, startServeProcess } from '../helpers/serve-process';
import { makeTempDir } from '../helpers/temp-dir';

/** Each test gets its own `loupe serve` process (own data dir, free ports). */
export const test = base.extend<{ loupe: ServeProcess }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies as a destructured object
  loupe: async ({}, use) => {
    const tmp = makeTempDir('loupe-e2e-');
    const serve = await startServeProcess(tmp.dir);
    await use(serve);
    await serve.stop();
    tmp.remove();
  },
});

export { expect } from '@playwright/test';

export const SCREENSHOT_DIR = 'test/e2e/screenshots';
