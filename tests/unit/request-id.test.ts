import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import { requestIdsFrom, sanitizeClientRequestId } from '@/lib/http/request-id';
import { proxy } from '@/proxy';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

// What the app behind proxy.ts sees: NextResponse.next() passes the rewritten request
// headers on as x-middleware-request-<name>.
function forwarded(response: Response, name: string): string | null {
  return response.headers.get(`x-middleware-request-${name}`);
}

describe('proxy.ts', () => {
  it('gives each request a server id, in the request and the response, whatever the client sent', async () => {
    const response = await proxy(
      new NextRequest('http://vigil.test/incidents', {
        headers: {
          'x-request-id': 'client-7',
          'x-vigil-request-id': '00000000-0000-4000-8000-000000000000',
          'x-client-request-id': 'forged',
        },
      }),
    );
    const id = response.headers.get('x-request-id');
    expect(id).toMatch(UUID);
    expect(id).not.toBe('00000000-0000-4000-8000-000000000000');
    expect(forwarded(response, 'x-vigil-request-id')).toBe(id);
    expect(forwarded(response, 'x-request-id')).toBe(id);
    expect(forwarded(response, 'x-client-request-id')).toBe('client-7');
  });

  it('passes no client id on when the client sent none', async () => {
    const response = await proxy(
      new NextRequest('http://vigil.test/', { headers: { 'x-client-request-id': 'forged' } }),
    );
    expect(forwarded(response, 'x-client-request-id')).toBeNull();
  });
});

describe('request ids', () => {
  it('trust only the id proxy.ts set, and only in its form', () => {
    const id = crypto.randomUUID();
    expect(
      requestIdsFrom(new Headers({ 'x-vigil-request-id': id, 'x-client-request-id': 'c-1' })),
    ).toEqual({ requestId: id, clientRequestId: 'c-1' });
    const forged = requestIdsFrom(
      new Headers({ 'x-vigil-request-id': 'not-a-uuid', 'x-request-id': 'mine' }),
    );
    expect(forged.requestId).toMatch(UUID);
    expect(forged.clientRequestId).toBe('mine');
  });

  it('cut a client id short and keep only characters that are safe in a log and a header', () => {
    expect(sanitizeClientRequestId('a b"c\\d{e}')).toBe('abcde');
    expect(sanitizeClientRequestId('x'.repeat(500))).toHaveLength(64);
    expect(sanitizeClientRequestId('  ')).toBeUndefined();
    expect(sanitizeClientRequestId(null)).toBeUndefined();
  });
});
