import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, newNonce, servedOverHttps } from '@/lib/http/security-headers';

describe('when Vigil counts as served over HTTPS', () => {
  it('is so for an https public URL, and not for an http one or none', () => {
    expect(servedOverHttps({ AUTH_URL: 'https://vigil.example' })).toBe(true);
    expect(servedOverHttps({ VIGIL_PUBLIC_URL: 'HTTPS://vigil.example/' })).toBe(true);
    expect(servedOverHttps({ AUTH_URL: 'http://vigil.example' })).toBe(false);
    expect(servedOverHttps({ VIGIL_PUBLIC_URL: 'http://localhost:3000' })).toBe(false);
    expect(servedOverHttps({})).toBe(false);
  });
});

describe('the page policy', () => {
  it('admits scripts by nonce only, and upgrades requests only over HTTPS', () => {
    const policy = contentSecurityPolicy('abc=');
    expect(policy).toContain("script-src 'self' 'nonce-abc=' 'strict-dynamic';");
    expect(policy).not.toMatch(/script-src[^;]*unsafe/);
    expect(policy).not.toContain('upgrade-insecure-requests');
    expect(contentSecurityPolicy('abc=', { https: true })).toContain('upgrade-insecure-requests');
    expect(contentSecurityPolicy('abc=', { development: true })).toContain("'unsafe-eval'");
  });

  it('makes a new 128-bit nonce each time', () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(Buffer.from(nonce, 'base64')).toHaveLength(16);
  });
});
