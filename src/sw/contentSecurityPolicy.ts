import type { Plugin } from 'vite';

/**
 * The built page's Content-Security-Policy: only its own scripts, no eval, no plug-ins, no requests
 * to other hosts (the app makes none: maps, orders and instances come from the site itself), so a
 * scenario, an address or a dropped file is data, never code. A strategy file is code by the user's
 * choice: it is compiled and run in the simulation worker, whose script is not under the page's
 * policy. Styles allow inline ones for React's style attributes and the dev server. Set as a
 * <meta> in the build only (the dev server's React refresh needs an inline script).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "connect-src 'self' data: blob:", // small shipped files are inlined by the build as data: addresses
  "worker-src 'self' blob:",
].join('; ');

export function contentSecurityPolicyPlugin(): Plugin {
  return {
    name: 'vanfleet-content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' }],
  };
}
