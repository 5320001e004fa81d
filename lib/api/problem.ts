import { STATUS_CODES } from 'node:http';

// Every refusal of /api/v1 is an RFC 9457 problem: `application/problem+json` with `type`,
// `title`, `status`, `detail`, `instance`, the fields at fault in `errors` and the request's
// id. `type` is "about:blank" (the status says what kind of problem it is) so `title` is the
// status's own phrase; what went wrong this time is in `detail`. `error` and `fields` repeat
// `detail` and `errors` for clients written against the answers before this one; they go
// away in the release after (README, "Errors").

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export type ProblemInit = {
  status: number;
  /** What went wrong this time, meant for a person. */
  detail: string;
  /** The request's path (never its query string: signed links carry a token there). */
  instance?: string;
  requestId?: string;
  /** Each field (or query parameter) at fault, with what is wrong with it. */
  errors?: Record<string, string>;
  /** Members a problem adds for its own kind (the events query's `position`, `expected`). */
  extensions?: Record<string, unknown>;
  headers?: HeadersInit;
};

export type ProblemBody = {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: Record<string, string>;
  requestId?: string;
  /** Alias of `detail`, kept for one release. */
  error: string;
  /** Alias of `errors`, kept for one release. */
  fields?: Record<string, string>;
} & Record<string, unknown>;

export function problemTitle(status: number): string {
  return STATUS_CODES[status] ?? (status >= 500 ? 'Server Error' : 'Client Error');
}

export function problemBody({
  status,
  detail,
  instance,
  requestId,
  errors,
  extensions,
}: ProblemInit): ProblemBody {
  return {
    ...extensions,
    type: 'about:blank',
    title: problemTitle(status),
    status,
    detail,
    ...(instance ? { instance } : {}),
    ...(errors ? { errors } : {}),
    ...(requestId ? { requestId } : {}),
    error: detail,
    ...(errors ? { fields: errors } : {}),
  };
}

/** The one way an /api/v1 refusal is answered. */
export function problemResponse(init: ProblemInit): Response {
  const headers = new Headers(init.headers);
  headers.set('Content-Type', PROBLEM_CONTENT_TYPE);
  headers.set('Cache-Control', 'no-store');
  return new Response(JSON.stringify(problemBody(init)), { status: init.status, headers });
}

/** `instance` for a request: its path alone. */
export function instanceOf(request: Request): string {
  return new URL(request.url).pathname;
}
