import { lookup } from 'node:dns/promises';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

// Webhook URLs are typed by administrators but the request leaves from inside the bank's
// network: without this, an endpoint could read the cloud metadata service or an internal
// admin page. Only globally routable unicast addresses pass; everything ipaddr.js puts in a
// special range (private, loopback, link-local, CGNAT, multicast, unique-local, NAT64,
// reserved...) is refused, and IPv4-mapped IPv6 is judged as the IPv4 address it carries.

export class BlockedAddressError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BlockedAddressError';
  }
}

const IPV4_COMPATIBLE = ipaddr.parseCIDR('::/96');

export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress())
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  // The deprecated IPv4-compatible form (::127.0.0.1) counts as unicast to ipaddr.js.
  if (parsed.kind() === 'ipv6' && parsed.match(IPV4_COMPATIBLE)) return false;
  return parsed.range() === 'unicast';
}

/** The URL's host without IPv6 brackets. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

/**
 * Resolves the URL's host and refuses it if any of its addresses is not public (a name that
 * resolves to one public and one private address could be steered to the private one).
 */
export async function assertPublicHost(url: URL): Promise<void> {
  const host = hostOf(url);
  const addresses = ipaddr.isValid(host)
    ? [host]
    : (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
  const blocked = addresses.find((a) => !isPublicAddress(a));
  if (blocked)
    throw new BlockedAddressError(
      `${host} resolves to ${blocked}, a private, loopback or otherwise internal address`,
    );
}

/**
 * A `lookup` for http.request that checks what it resolves, at connection time: the address
 * connected to is the one checked, so a DNS answer that changes after the check (rebinding)
 * cannot slip through.
 */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  lookup(hostname, { all: true, verbatim: true }).then(
    (addresses) => {
      const blocked = addresses.find((a) => !isPublicAddress(a.address));
      if (blocked) {
        callback(
          new BlockedAddressError(
            `${hostname} resolves to ${blocked.address}, a private, loopback or otherwise internal address`,
          ) as NodeJS.ErrnoException,
          '',
          0,
        );
        return;
      }
      if (options.all) callback(null, addresses);
      else callback(null, addresses[0].address, addresses[0].family);
    },
    (error: NodeJS.ErrnoException) => callback(error, '', 0),
  );
};
