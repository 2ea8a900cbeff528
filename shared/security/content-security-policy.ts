/**
 * The UI's Content-Security-Policy, served by the engine and enforced as a fallback by the
 * Electron shell: same-origin everything, no inline script, no plugins, no framing. Inline styles
 * and blob: workers are allowed for the editor (Monaco).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
