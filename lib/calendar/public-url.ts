// The base of the links a feed carries and of the feed URL a person copies: the address
// Vigil is reached at. The same rule as the links in emails (issue 12, item 7):
// VIGIL_PUBLIC_URL, else AUTH_URL, else this machine at PORT.
export function publicBaseUrl(env: Record<string, string | undefined> = process.env): string {
  for (const candidate of [env.VIGIL_PUBLIC_URL, env.AUTH_URL]) {
    if (!candidate) continue;
    try {
      const url = new URL(candidate);
      return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
    } catch {
      // lib/env.ts refuses a malformed value at start; here it is skipped, not fatal.
    }
  }
  return `http://localhost:${env.PORT || 3000}`;
}
