import NextAuth from 'next-auth';
import type { NextRequest, NextResponse } from 'next/server';
import { sessionConfig } from './session-callbacks';

// Pages cannot set cookies, so the proxy (proxy.ts) is where a signed-in visitor's session
// cookie is re-issued with "last seen now", or marked ended past the organization's idle
// timeout or absolute lifetime (lib/auth/session-callbacks.ts). Its own Auth.js instance
// shares the cookie and callbacks of the sign-in one but loads no sign-in code.
const { auth } = NextAuth({ ...sessionConfig, providers: [] });

type Handler = (request: NextRequest) => NextResponse;

/** `handler`, with the session cookie refreshed (or ended) on its response. */
export function withSessionRefresh(handler: Handler) {
  return auth((request) => handler(request)) as unknown as (
    request: NextRequest,
  ) => Promise<Response>;
}
