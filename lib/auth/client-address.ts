import { BlockList, isIP } from 'node:net';

// Where the client's address comes from. The socket's own peer is the only address nobody
// can forge: Next.js copies it into X-Vigil-Peer-Address on every request (a client's copy of
// that header is overwritten; scripts/patches/next+16.4.6.patch), while X-Forwarded-For is
// whatever the client or each proxy on the way wrote. VIGIL_TRUSTED_PROXIES says how much of
// X-Forwarded-For to believe:
//   unset or 0   — none: the socket's peer is the client (Vigil reached directly);
//   a number N   — N proxies of ours in front: the client is the N-th address from the right
//                  of X-Forwarded-For followed by the peer;
//   CIDRs        — "10.0.0.0/8, 2001:db8::/32": walking from the peer leftwards, every
//                  address inside them is one of our proxies; the first outside is the client.
// A request whose chain is shorter than the proxies we expect yields its leftmost address:
// an outsider can then only name an address of their own choosing for themselves, as before.

export const PEER_ADDRESS_HEADER = 'x-vigil-peer-address';

export type TrustedProxies = { kind: 'none' } | { kind: 'hops'; hops: number } | CidrProxies;
type CidrProxies = { kind: 'cidrs'; list: BlockList; text: string };

/** VIGIL_TRUSTED_PROXIES read, or the reason it cannot be. */
export function parseTrustedProxies(value: string | undefined): TrustedProxies | string {
  const text = value?.trim() ?? '';
  if (text === '' || text === '0') return { kind: 'none' };
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    return hops <= 16 ? { kind: 'hops', hops } : 'must be at most 16 proxies';
  }
  const list = new BlockList();
  for (const entry of text.split(',').map((s) => s.trim())) {
    const [address, prefix] = entry.split('/');
    const family = isIP(address);
    if (!family) return `"${entry}" is not an address or CIDR (like 10.0.0.0/8)`;
    const type = family === 4 ? 'ipv4' : 'ipv6';
    const bits = prefix === undefined ? (family === 4 ? 32 : 128) : Number(prefix);
    if (!Number.isInteger(bits) || bits < 0 || bits > (family === 4 ? 32 : 128))
      return `"${entry}" has a prefix length that is not valid`;
    list.addSubnet(address, bits, type);
  }
  return { kind: 'cidrs', list, text };
}

let configured: TrustedProxies | undefined;

function trustedProxies(): TrustedProxies {
  if (!configured) {
    const parsed = parseTrustedProxies(process.env.VIGIL_TRUSTED_PROXIES);
    // The environment check at start-up refuses a bad value; should one get here, trust nothing.
    configured = typeof parsed === 'string' ? { kind: 'none' } : parsed;
  }
  return configured;
}

/** The address of whoever sent the request, as VIGIL_TRUSTED_PROXIES says to find it. */
export function clientAddressFrom(
  headers: Headers,
  proxies: TrustedProxies = trustedProxies(),
): string | null {
  const peer = normalize(headers.get(PEER_ADDRESS_HEADER));
  // A handler called without Next's server in front (tests, scripts) has no peer.
  if (!peer) return null;
  if (proxies.kind === 'none') return peer;
  const chain = [
    ...(headers.get('x-forwarded-for') ?? '')
      .split(',')
      .map(normalize)
      .filter((a): a is string => !!a),
    peer,
  ];
  if (proxies.kind === 'hops') return chain[Math.max(0, chain.length - 1 - proxies.hops)];
  for (let i = chain.length - 1; i > 0; i--) {
    if (!isTrusted(proxies, chain[i])) return chain[i];
  }
  return chain[0];
}

function isTrusted(proxies: CidrProxies, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && proxies.list.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** An address as text, or null when it is not one: "::ffff:10.0.0.1" is 10.0.0.1. */
function normalize(value: string | null | undefined): string | null {
  let address = value?.trim() ?? '';
  if (address.startsWith('[') && address.includes(']'))
    address = address.slice(1, address.indexOf(']'));
  if (address.toLowerCase().startsWith('::ffff:') && isIP(address.slice(7)) === 4)
    address = address.slice(7);
  return isIP(address) ? address : null;
}
