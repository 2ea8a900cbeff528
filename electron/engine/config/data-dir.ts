import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_FOLDER_NAME = 'Loupe';

/**
 * The platform's app-data folder for Loupe — the same folder Electron's `app.getPath('userData')`
 * gives for an app named "Loupe" — so the desktop app and `loupe serve` share one database.
 */
export function platformDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_FOLDER_NAME);
  if (platform === 'win32') {
    return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_FOLDER_NAME);
  }
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), APP_FOLDER_NAME);
}

/** `--data-dir` wins, then `LOUPE_DATA_DIR`, then the platform folder. */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (flag && flag.trim() !== '') return flag;
  const fromEnv = env.LOUPE_DATA_DIR;
  if (fromEnv && fromEnv.trim() !== '') return fromEnv;
  return platformDataDir(process.platform, env);
}
