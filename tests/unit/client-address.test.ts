import { describe, expect, it } from 'vitest';
import {
  clientAddressFrom,
  parseTrustedProxies,
  PEER_ADDRESS_HEADER,
  type TrustedProxies,
} from '@/lib/auth/client-address';

const proxies = (value: string): TrustedProxies => {
  const parsed = parseTrustedProxies(value);
  if (typeof parsed === 'string') throw new Error(parsed);
  return parsed;
};
const request = (peer: string | null, forwardedFor?: string) =>
  new Headers({
    ...(peer !== null ? { [PEER_ADDRESS_HEADER]: peer } : {}),
    ...(forwardedFor !== undefined ? { 'x-forwarded-for': forwardedFor } : {}),
  });

describe('the client address', () => {
  it('is the socket peer when no proxy is trusted, whatever X-Forwarded-For says', () => {
    for (const none of ['', '0']) {
      expect(clientAddressFrom(request('198.51.100.4', '203.0.113.9'), proxies(none))).toBe(
        '198.51.100.4',
      );
    }
    expect(clientAddressFrom(request('::ffff:127.0.0.1', '10.0.0.1'), proxies(''))).toBe(
      '127.0.0.1',
    );
    expect(clientAddressFrom(request('::1'), proxies(''))).toBe('::1');
  });

  it('is unknown without a peer (a handler called outside the server), not a header guess', () => {
    expect(clientAddressFrom(request(null, '203.0.113.9'), proxies(''))).toBeNull();
    expect(clientAddressFrom(request('not-an-address'), proxies(''))).toBeNull();
  });

  it('with N trusted hops is the N-th from the right of X-Forwarded-For and the peer', () => {
    // One load balancer (10.0.0.2) appended the client it saw; the client forged the first.
    const headers = request('10.0.0.2', '6.6.6.6, 198.51.100.7');
    expect(clientAddressFrom(headers, proxies('1'))).toBe('198.51.100.7');
    expect(clientAddressFrom(headers, proxies('2'))).toBe('6.6.6.6');
    // A chain shorter than the proxies expected: its leftmost address.
    expect(clientAddressFrom(request('10.0.0.2'), proxies('3'))).toBe('10.0.0.2');
  });

  it('with CIDRs is the first address, from the right, outside them', () => {
    const trusted = proxies('10.0.0.0/8, 2001:db8::/32');
    expect(clientAddressFrom(request('10.0.0.2', '6.6.6.6, 198.51.100.7, 10.1.2.3'), trusted)).toBe(
      '198.51.100.7',
    );
    expect(clientAddressFrom(request('2001:db8::5', '[2001:db8::9], 203.0.113.1'), trusted)).toBe(
      '203.0.113.1',
    );
    // The peer itself is not a trusted proxy: it is the client, headers or not.
    expect(clientAddressFrom(request('198.51.100.1', '6.6.6.6'), trusted)).toBe('198.51.100.1');
    // Junk entries are skipped, never returned.
    expect(clientAddressFrom(request('10.0.0.2', 'junk, 198.51.100.8'), trusted)).toBe(
      '198.51.100.8',
    );
  });

  it('refuses a setting it cannot read, saying why', () => {
    expect(parseTrustedProxies('10.0.0.0/33')).toMatch(/prefix length/);
    expect(parseTrustedProxies('proxy.example.com')).toMatch(/not an address or CIDR/);
    expect(parseTrustedProxies('17')).toMatch(/at most 16/);
  });
});
