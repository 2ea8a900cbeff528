const STORAGE_KEY = 'loupe.token';
const HASH_PARAM = 'token';

/**
 * The engine's access token. `loupe serve` prints a link carrying it as `#token=<hex>`: take it
 * from there, keep it for this tab in sessionStorage (so a reload still works) and remove it from
 * the visible URL. Whatever else the hash held (a route) is kept.
 */
export function takeAccessToken(win: Window = window): string | null {
  const { token, remainingHash } = splitTokenFromHash(win.location.hash);
  if (token === null) return readStoredToken(win);
  storeToken(win, token);
  win.history.replaceState(win.history.state, '', `${win.location.pathname}${win.location.search}${remainingHash}`);
  return token;
}

export function hasAccessTokenInHash(hash: string): boolean {
  return splitTokenFromHash(hash).token !== null;
}

/** `#token=abc&/run/x` → `{ token: 'abc', remainingHash: '#/run/x' }`. */
export function splitTokenFromHash(hash: string): { token: string | null; remainingHash: string } {
  const parts = hash.replace(/^#/, '').split('&');
  let token: string | null = null;
  const rest: string[] = [];
  for (const part of parts) {
    if (part.startsWith(`${HASH_PARAM}=`)) {
      const value = safeDecode(part.slice(HASH_PARAM.length + 1)).trim();
      if (value !== '') token = value;
    } else if (part !== '') {
      rest.push(part);
    }
  }
  if (token === null) return { token: null, remainingHash: hash };
  return { token, remainingHash: rest.length > 0 ? `#${rest.join('&')}` : '' };
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function readStoredToken(win: Window): string | null {
  try {
    const stored = win.sessionStorage.getItem(STORAGE_KEY);
    return stored !== null && stored !== '' ? stored : null;
  } catch {
    return null;
  }
}

function storeToken(win: Window, token: string): void {
  try {
    win.sessionStorage.setItem(STORAGE_KEY, token);
  } catch {
    // Storage can be disabled; the token then lasts until the page is reloaded.
  }
}
