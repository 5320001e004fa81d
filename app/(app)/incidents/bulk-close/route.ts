import { getDb } from '@/db/client';
import { MAX_JSON_BODY_BYTES } from '@/lib/api/read-json';
import { can } from '@/lib/auth/permissions';
import { actorFor, getCurrentUser } from '@/lib/auth/session';
import { isDomainError, ValidationError } from '@/lib/errors';
import {
  bulkCloseStream,
  csrfProblem,
  resolveBulkCloseTargets,
} from '@/lib/incidents/bulk-close-request';
import { readLimitedBody } from '@/lib/http/read-limited-body';
import { getListViewer } from '@/lib/tickets/list-viewer';

function problem(status: number, error: string, fields?: Record<string, string>): Response {
  return Response.json(
    { error, ...(fields ? { fields } : {}) },
    { status, headers: { 'Cache-Control': 'no-store' } },
  );
}

/** The origins this app is served from: the request's own, and AUTH_URL's behind a proxy. */
function ownOrigins(request: Request): string[] {
  const origins = [new URL(request.url).origin];
  const forwardedHost = request.headers.get('x-forwarded-host');
  if (forwardedHost)
    origins.push(`${request.headers.get('x-forwarded-proto') ?? 'https'}://${forwardedHost}`);
  if (process.env.AUTH_URL) origins.push(new URL(process.env.AUTH_URL).origin);
  return origins;
}

// POST { ids, note } or { filter: "<the list's query string>", note } → NDJSON progress lines.
export async function POST(request: Request): Promise<Response> {
  const csrf = csrfProblem(request, ownOrigins(request));
  if (csrf) return problem(403, csrf);
  const user = await getCurrentUser();
  if (!user) return problem(401, 'Sign in again to close incidents.');
  const actor = await actorFor(user);
  if (!can(actor, 'incidents.bulk-close'))
    return problem(403, 'Only administrators can close incidents in bulk.');

  // Bounded as the API's JSON bodies are: a signed-in client cannot make us buffer gigabytes.
  const bytes = await readLimitedBody(request, MAX_JSON_BODY_BYTES);
  if (bytes === 'too-large')
    return problem(413, `The request is larger than ${MAX_JSON_BODY_BYTES / 1024 / 1024} MB.`);
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return problem(
      400,
      'Send a JSON body: { "ids": [...], "note": "..." } or { "filter": "...", "note": "..." }.',
    );
  }
  const db = getDb();
  try {
    const { ids, note } = await resolveBulkCloseTargets(db, await getListViewer(db, user), body);
    return new Response(bulkCloseStream(db, actor, ids, note), {
      headers: {
        'Content-Type': 'application/x-ndjson; charset=utf-8',
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    });
  } catch (error) {
    if (error instanceof ValidationError) return problem(400, error.message, error.fieldErrors);
    if (isDomainError(error)) return problem(error.status, error.message);
    throw error;
  }
}
