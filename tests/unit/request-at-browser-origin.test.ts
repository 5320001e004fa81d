import { NextRequest } from 'next/server';
import { afterEach, describe, expect, it } from 'vitest';
import { requestAtBrowserOrigin } from '@/lib/auth/request-at-browser-origin';

// `next start` names its own listen address in a route handler's URL; the sign-in's server
// action names the forwarded host. The callback must use the latter.
const LISTEN_URL = 'http://localhost:3000/api/auth/callback/oidc?code=abc&state=xyz';

function request(headers: Record<string, string>): NextRequest {
  return new NextRequest(LISTEN_URL, { headers });
}

afterEach(() => {
  delete process.env.AUTH_URL;
});

describe('requestAtBrowserOrigin', () => {
  it('moves the request to the forwarded host and protocol, keeping path and query', () => {
    const moved = requestAtBrowserOrigin(
      request({
        host: 'localhost:3000',
        'x-forwarded-host': 'vigil.bank.example',
        'x-forwarded-proto': 'https',
      }),
    );
    expect(moved.url).toBe('https://vigil.bank.example/api/auth/callback/oidc?code=abc&state=xyz');
  });

  it('uses the Host header when no proxy forwarded one', () => {
    const moved = requestAtBrowserOrigin(
      request({ host: 'vigil.bank.test:4123', 'x-forwarded-proto': 'http' }),
    );
    expect(new URL(moved.url).origin).toBe('http://vigil.bank.test:4123');
  });

  it('leaves the request alone when AUTH_URL pins the origin', () => {
    process.env.AUTH_URL = 'https://vigil.bank.example';
    const original = request({ host: 'other.example', 'x-forwarded-proto': 'https' });
    expect(requestAtBrowserOrigin(original)).toBe(original);
  });

  it('leaves a request with an unusable host as it came', () => {
    const original = request({ host: 'bad host', 'x-forwarded-proto': 'http' });
    expect(requestAtBrowserOrigin(original)).toBe(original);
  });
});
