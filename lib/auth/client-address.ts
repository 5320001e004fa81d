/**
 * The address of whoever sent the request. Next.js (and any proxy in front of it) appends
 * the peer it saw to X-Forwarded-For, so the last entry is the one our side observed;
 * earlier entries are whatever the client claimed and are not trusted.
 */
export function clientAddressFrom(headers: Headers): string | null {
  const forwarded = headers.get('x-forwarded-for');
  const last = forwarded
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .at(-1);
  const address = last ?? headers.get('x-real-ip')?.trim();
  return address ? address.slice(0, 64) : null;
}
