import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the built renderer is: `LOUPE_UI_DIR`, else `out/renderer` found relative to this module
 * (which is `out/main/*.js` when built and `electron/engine/config/` when run from source).
 */
export function resolveUiDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.LOUPE_UI_DIR) return env.LOUPE_UI_DIR;
  const candidates = ['../renderer', '../../../out/renderer'].map((rel) =>
    fileURLToPath(new URL(rel, import.meta.url)),
  );
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? candidates[candidates.length - 1]!;
}
