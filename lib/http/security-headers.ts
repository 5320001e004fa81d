/**
 * The browser-facing hardening of every answer. Headers that never change are set for every
 * path by next.config.ts (build assets included); the Content-Security-Policy, whose nonce is
 * new on each request, and HSTS, which depends on how Vigil is served, are set by proxy.ts.
 */

/** Same for every answer: pages, route handlers, API JSON and build assets. */
export const STATIC_SECURITY_HEADERS: { key: string; value: string }[] = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  // CSP's frame-ancestors 'none' is the rule; this is for browsers that predate it.
  { key: 'X-Frame-Options', value: 'DENY' },
  // Links in notes point anywhere; the address of an incident is nobody else's business, so
  // other sites get no referrer. Not no-referrer: under it Chromium sends `Origin: null` with a
  // form posted before scripts run, and Next.js refuses that server action as cross-site.
  { key: 'Referrer-Policy', value: 'same-origin' },
  // Vigil uses none of these. Not listed: publickey-credentials-* (passkeys) and clipboard.
  {
    key: 'Permissions-Policy',
    value: [
      'accelerometer',
      'autoplay',
      'camera',
      'display-capture',
      'geolocation',
      'gyroscope',
      'hid',
      'magnetometer',
      'microphone',
      'midi',
      'payment',
      'serial',
      'usb',
      'browsing-topics',
    ]
      .map((feature) => `${feature}=()`)
      .join(', '),
  },
];

type PublicUrlEnv = Record<string, string | undefined>;

export const HSTS_VALUE = 'max-age=31536000; includeSubDomains';

/**
 * Whether browsers reach Vigil over HTTPS: the operator declared an https public URL (AUTH_URL
 * or VIGIL_PUBLIC_URL), as for a TLS-terminating proxy in front of `next start` (which speaks
 * plain HTTP). The request's own URL is not asked: Next.js builds its protocol from
 * X-Forwarded-Proto, which any client can send while no trusted-proxy setting says otherwise.
 */
export function servedOverHttps(env: PublicUrlEnv = process.env): boolean {
  return [env.AUTH_URL, env.VIGIL_PUBLIC_URL].some((url) => !!url && /^https:\/\//i.test(url));
}

/** A fresh, unguessable nonce: 128 random bits, base64 as CSP's nonce-source grammar takes it. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The policy of every page. Scripts run only with this request's nonce (Next.js reads it from
 * the request's copy of this header and puts it on its own scripts; 'strict-dynamic' lets those
 * load their chunks). Images only from Vigil itself or data: URLs, so an image in a Markdown
 * note cannot report who read it. Styles allow inline: React Aria and Recharts set style
 * attributes, which no nonce can cover; a style cannot run code, so the cost is small.
 */
export function contentSecurityPolicy(
  nonce: string,
  {
    development = false,
    https = false,
    formActionOrigins = [],
  }: { development?: boolean; https?: boolean; formActionOrigins?: string[] } = {},
): string {
  return [
    "default-src 'self'",
    // React rebuilds server error stacks with eval in development only.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    // Chromium applies form-action to the redirects after a submission too: the single sign-on
    // button's form is answered with a redirect to the identity provider (lib/auth/sso-env.ts).
    ["form-action 'self'", ...formActionOrigins].join(' '),
    "frame-ancestors 'none'",
    // Over plain HTTP (a laptop, the tests) upgrading would send the page's own assets to a
    // port that speaks no TLS.
    ...(https ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}
