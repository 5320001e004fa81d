import type { NextRequest } from 'next/server';
import { handlers } from '@/lib/auth/next-auth';
import { requestAtBrowserOrigin } from '@/lib/auth/request-at-browser-origin';

// The callback must name the same origin as the server action that started the sign-in.
export const GET = (request: NextRequest) => handlers.GET(requestAtBrowserOrigin(request));
export const POST = (request: NextRequest) => handlers.POST(requestAtBrowserOrigin(request));
