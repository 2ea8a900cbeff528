import { CONTENT_SECURITY_POLICY } from '../../shared/security/content-security-policy';
import { dialog, shell, type BrowserWindow, type IpcMainInvokeEvent, type Session, type WebContents } from 'electron';

/**
 * The single origin the app trusts: the engine's UI (e.g. `http://127.0.0.1:4320`). It can change
 * when the engine restarts on another port, so every check reads it at call time.
 */
export type TrustedOrigin = () => string | null;

/** Fallback CSP, only applied when the engine's response carries none (the engine's is the source of truth). */
export const FALLBACK_CSP = CONTENT_SECURITY_POLICY;

export function originOf(url: string | undefined | null): string | null {
  if (!url) return null;
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

/**
 * Session-wide rules: deny every permission request (the only exception is writing to the clipboard
 * from the engine UI, which copy buttons need), and add the CSP to engine responses that lack one.
 */
export function hardenSession(session: Session, trustedOrigin: TrustedOrigin): void {
  const allowed = (permission: string, origin: string | null): boolean =>
    permission === 'clipboard-sanitized-write' && origin !== null && origin === trustedOrigin();

  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(allowed(permission, originOf(details.requestingUrl)));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    allowed(permission, originOf(requestingOrigin)),
  );
  session.setDevicePermissionHandler(() => false);
  session.setDisplayMediaRequestHandler((_request, callback) => callback({}));

  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = details.responseHeaders;
    const trusted = trustedOrigin();
    if (!headers || trusted === null || originOf(details.url) !== trusted) {
      callback({});
      return;
    }
    const hasCsp = Object.keys(headers).some((name) => name.toLowerCase() === 'content-security-policy');
    if (hasCsp) {
      callback({});
      return;
    }
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [FALLBACK_CSP] } });
  });
}

/**
 * Per-window rules: no navigation away from the engine UI, no new windows, no webviews. http(s)
 * links open in the user's browser after a confirmation (span content is untrusted).
 */
export function hardenWebContents(
  contents: WebContents,
  trustedOrigin: TrustedOrigin,
  parent: () => BrowserWindow | null,
): void {
  contents.on('will-navigate', (event, url) => {
    if (originOf(url) !== null && originOf(url) === trustedOrigin()) return;
    event.preventDefault();
    void confirmOpenExternal(url, parent());
  });
  contents.on('will-redirect', (event, url) => {
    if (originOf(url) !== null && originOf(url) === trustedOrigin()) return;
    event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    void confirmOpenExternal(url, parent());
    return { action: 'deny' };
  });
}

let confirmQueue: Promise<void> = Promise.resolve();

/** Asks before opening an http(s) link in the default browser; anything else is dropped. */
export function confirmOpenExternal(url: string, parent: BrowserWindow | null): Promise<void> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return Promise.resolve();
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return Promise.resolve();
  const href = parsed.href;
  // One dialog at a time, so a burst of clicks cannot stack prompts.
  confirmQueue = confirmQueue.then(async () => {
    const options = {
      type: 'question' as const,
      buttons: ['Open in browser', 'Cancel'],
      defaultId: 1,
      cancelId: 1,
      title: 'Open link',
      message: 'Open this link in your browser?',
      detail: href.length > 500 ? `${href.slice(0, 500)}…` : href,
      noLink: true,
    };
    const { response } =
      parent && !parent.isDestroyed()
        ? await dialog.showMessageBox(parent, options)
        : await dialog.showMessageBox(options);
    if (response === 0) await shell.openExternal(href);
  });
  confirmQueue = confirmQueue.catch((err: unknown) => {
    console.error('[loupe] could not open link:', err);
  });
  return confirmQueue;
}

/**
 * IPC sender check: the call must come from the top frame of the app window, showing the engine
 * UI's origin. Throws otherwise (the renderer sees a rejected promise).
 */
export function assertTrustedSender(
  event: IpcMainInvokeEvent,
  trustedOrigin: TrustedOrigin,
  window: () => BrowserWindow | null,
): void {
  const frame = event.senderFrame;
  const win = window();
  const trusted = trustedOrigin();
  const ok =
    frame !== null &&
    win !== null &&
    !win.isDestroyed() &&
    event.sender === win.webContents &&
    frame.parent === null &&
    trusted !== null &&
    originOf(frame.url) === trusted;
  if (!ok) throw new Error('Loupe refused an IPC call from an untrusted frame.');
}
