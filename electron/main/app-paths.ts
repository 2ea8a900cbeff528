import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** out/main — where this bundle and the engine bundle live (inside app.asar when packaged). */
const mainDir = dirname(fileURLToPath(import.meta.url));

export const engineEntryPath = join(mainDir, 'engine.js');
export const preloadPath = join(mainDir, '..', 'preload', 'index.cjs');

export interface SqliteBindingContext {
  env: NodeJS.ProcessEnv;
  isPackaged: boolean;
  resourcesPath: string;
  electronVersion: string;
  platform: string;
  arch: string;
}

/**
 * The better-sqlite3 binding built for Electron's ABI, for the engine's LOUPE_SQLITE_BINDING:
 * - LOUPE_SQLITE_BINDING from the environment (set by scripts/start.mjs) wins;
 * - packaged: the binary electron-builder rebuilt and unpacked from app.asar;
 * - development: the cache written by scripts/electron-native.mjs.
 * Undefined means "let better-sqlite3 find its own", which only works if it was built for Electron.
 */
export function resolveSqliteBinding(ctx: SqliteBindingContext): string | undefined {
  const fromEnv = ctx.env.LOUPE_SQLITE_BINDING?.trim();
  if (fromEnv) return fromEnv;
  const candidate = ctx.isPackaged
    ? join(
        ctx.resourcesPath,
        'app.asar.unpacked',
        'node_modules',
        'better-sqlite3',
        'build',
        'Release',
        'better_sqlite3.node',
      )
    : join(
        resolve(mainDir, '..', '..'),
        '.cache',
        'electron-native',
        `${ctx.electronVersion}-${ctx.platform}-${ctx.arch}`,
        'better_sqlite3.node',
      );
  return existsSync(candidate) ? candidate : undefined;
}
