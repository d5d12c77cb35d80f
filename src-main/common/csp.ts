// The toolbar's Content-Security-Policy, sent as a header by the desktop app (app://toolbar) and by
// the browser preview: only the app's own files, nothing inline, no plugins, no framing.

/** `connect` adds what the page may connect to besides its own origin (the preview's bridge). */
export function contentSecurityPolicy(connect = ''): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `connect-src 'self'${connect ? ` ${connect}` : ''}`,
    "img-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
