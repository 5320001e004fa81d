import { describe, expect, inject, it } from 'vitest';

// proxy.ts in the built app: every response names a server-made request id, and the route
// handler behind it uses that same id, whatever X-Request-Id the client sent.
const appUrl = inject('appUrl');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('request ids through proxy.ts', () => {
  it('answer a page with a server id, not the one the client sent', async () => {
    const response = await fetch(`${appUrl}/sign-in`, { headers: { 'x-request-id': 'spoofed' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toMatch(UUID);
  });

  it('give a route handler the id the response names', async () => {
    const forgedServerId = crypto.randomUUID();
    const response = await fetch(`${appUrl}/api/v1/incidents`, {
      headers: { 'x-request-id': 'spoofed', 'x-vigil-request-id': forgedServerId },
    });
    expect(response.status).toBe(401);
    const { requestId } = (await response.json()) as { requestId: string };
    expect(requestId).toMatch(UUID);
    expect(requestId).not.toBe(forgedServerId);
    expect(response.headers.get('x-request-id')).toBe(requestId);
  });
});
