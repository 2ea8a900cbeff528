import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  hasAccessTokenInHash,
  splitTokenFromHash,
  takeAccessToken,
} from '../../../../../renderer/src/auth/access-token';

describe('splitTokenFromHash', () => {
  it('takes a lone token and leaves no hash', () => {
    expect(splitTokenFromHash('#token=abc123')).toEqual({ token: 'abc123', remainingHash: '' });
  });

  it('keeps the route that shares the hash, on either side of the token', () => {
    expect(splitTokenFromHash('#token=abc&/run/x')).toEqual({ token: 'abc', remainingHash: '#/run/x' });
    expect(splitTokenFromHash('#/run/x&token=abc')).toEqual({ token: 'abc', remainingHash: '#/run/x' });
    expect(splitTokenFromHash('#a=1&token=abc&b=2')).toEqual({ token: 'abc', remainingHash: '#a=1&b=2' });
  });

  it('works without the leading #', () => {
    expect(splitTokenFromHash('token=abc&/run/x')).toEqual({ token: 'abc', remainingHash: '#/run/x' });
  });

  it('drops empty parts from the remaining hash', () => {
    expect(splitTokenFromHash('#&token=abc&&/run/x&')).toEqual({ token: 'abc', remainingHash: '#/run/x' });
  });

  it('returns the hash untouched when there is no token', () => {
    for (const hash of ['', '#', '#/run/x', '#a=1&&b=2', '#tokens=abc', '#mytoken=abc', '#Token=abc', '#token']) {
      expect(splitTokenFromHash(hash), hash).toEqual({ token: null, remainingHash: hash });
    }
  });

  it('treats an empty or blank token as no token and leaves the hash as it was', () => {
    expect(splitTokenFromHash('#token=&/run/x')).toEqual({ token: null, remainingHash: '#token=&/run/x' });
    expect(splitTokenFromHash('#token=%20%20')).toEqual({ token: null, remainingHash: '#token=%20%20' });
  });

  it('percent-decodes and trims the token', () => {
    expect(splitTokenFromHash('#token=%20ab%2Bcd%3D%20')).toEqual({ token: 'ab+cd=', remainingHash: '' });
  });

  it('keeps a malformed escape as written', () => {
    expect(splitTokenFromHash('#token=ab%ZZ')).toEqual({ token: 'ab%ZZ', remainingHash: '' });
  });

  it('keeps everything after the first = in the value', () => {
    expect(splitTokenFromHash('#token=a=b')).toEqual({ token: 'a=b', remainingHash: '' });
  });

  it('lets the last non-empty token win and removes every token part', () => {
    expect(splitTokenFromHash('#token=first&token=second&/run/x')).toEqual({
      token: 'second',
      remainingHash: '#/run/x',
    });
    expect(splitTokenFromHash('#token=first&token=')).toEqual({ token: 'first', remainingHash: '' });
  });
});

describe('hasAccessTokenInHash', () => {
  it('agrees with splitTokenFromHash', () => {
    expect(hasAccessTokenInHash('#token=abc')).toBe(true);
    expect(hasAccessTokenInHash('#/run/x&token=abc')).toBe(true);
    expect(hasAccessTokenInHash('#token=')).toBe(false);
    expect(hasAccessTokenInHash('#/run/x')).toBe(false);
    expect(hasAccessTokenInHash('')).toBe(false);
  });
});

/** A Window-shaped object with just what takeAccessToken touches. */
function fakeWindow(hash: string, options: { storageThrows?: boolean; stored?: string } = {}) {
  const store = new Map<string, string>();
  if (options.stored !== undefined) store.set('loupe.token', options.stored);
  const sessionStorage = {
    getItem: vi.fn((key: string) => {
      if (options.storageThrows) throw new Error('SecurityError');
      return store.get(key) ?? null;
    }),
    setItem: vi.fn((key: string, value: string) => {
      if (options.storageThrows) throw new Error('QuotaExceededError');
      store.set(key, value);
    }),
  };
  const history = { state: { kept: true }, replaceState: vi.fn() };
  const win = { location: { hash, pathname: '/', search: '?q=1' }, history, sessionStorage };
  return { win: win as unknown as Window, history, sessionStorage, store };
}

describe('takeAccessToken', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('takes the token from the hash, stores it and strips it from the URL', () => {
    const { win, history, store } = fakeWindow('#token=abc&/run/x');
    expect(takeAccessToken(win)).toBe('abc');
    expect(store.get('loupe.token')).toBe('abc');
    expect(history.replaceState).toHaveBeenCalledWith({ kept: true }, '', '/?q=1#/run/x');
  });

  it('prefers the hash over a stored token', () => {
    const { win, store } = fakeWindow('#token=new', { stored: 'old' });
    expect(takeAccessToken(win)).toBe('new');
    expect(store.get('loupe.token')).toBe('new');
  });

  it('falls back to the stored token without touching the URL', () => {
    const { win, history } = fakeWindow('#/run/x', { stored: 'saved' });
    expect(takeAccessToken(win)).toBe('saved');
    expect(history.replaceState).not.toHaveBeenCalled();
  });

  it('returns null when there is no token anywhere (an empty stored value counts as none)', () => {
    expect(takeAccessToken(fakeWindow('').win)).toBeNull();
    expect(takeAccessToken(fakeWindow('', { stored: '' }).win)).toBeNull();
  });

  it('still works when sessionStorage throws', () => {
    const withToken = fakeWindow('#token=abc', { storageThrows: true });
    expect(takeAccessToken(withToken.win)).toBe('abc');
    expect(withToken.history.replaceState).toHaveBeenCalledWith({ kept: true }, '', '/?q=1');
    expect(takeAccessToken(fakeWindow('', { storageThrows: true }).win)).toBeNull();
  });
});
