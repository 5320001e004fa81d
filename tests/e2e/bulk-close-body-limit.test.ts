import { describe, expect, inject, it } from 'vitest';

// The list's bulk close (POST /incidents/bulk-close, signed in by cookie) once read its
// JSON body whole, however large: a signed-in client could make the server buffer and parse
// gigabytes. It is now cut off at the API's JSON limit (2 MB) with a 413, before parsing.

const appUrl = inject('appUrl');

async function signIn(): Promise<string> {
  const csrf = await fetch(`${appUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${appUrl}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: csrf.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; '),
    },
    body: new URLSearchParams({
      csrfToken,
      email: inject('adminEmail'),
      password: inject('adminPassword'),
    }),
  });
  const session = response.headers.getSetCookie().find((c) => c.includes('authjs.session-token='));
  if (!session) throw new Error(`sign-in failed: ${response.status}`);
  return session.split(';')[0];
}

describe('the bulk close body', () => {
  it('is refused with a 413 past 2 MB, before it is parsed', async () => {
    const cookie = await signIn();
    const post = (body: string) =>
      fetch(`${appUrl}/incidents/bulk-close`, {
        method: 'POST',
        headers: { cookie, origin: appUrl, 'content-type': 'application/json' },
        body,
      });

    const huge = await post(JSON.stringify({ ids: [], note: 'x'.repeat(3 * 1024 * 1024) }));
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as { error: string }).error).toMatch(/2 MB/);

    // Within the limit, a bad body is still the 400 it was.
    const small = await post('{"ids": [], "note": "x"}');
    expect(small.status).toBe(400);
    const notJson = await post('{not json');
    expect(notJson.status).toBe(400);
  });
});
