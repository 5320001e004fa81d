import type { Problem } from '@/lib/api/with-api-auth';

// Elasticsearch's own answer shapes, so a shipper's client reads Vigil's answers as it reads
// a cluster's: errors as `{ error: { root_cause, type, reason }, status }`, and every response
// marked X-Elastic-Product (the official clients refuse a server that does not say it).

export const PRODUCT_HEADERS = { 'X-Elastic-Product': 'Elasticsearch' } as const;

export type ElasticErrorCause = { type: string; reason: string };

const TYPE_BY_STATUS: Record<number, string> = {
  400: 'illegal_argument_exception',
  401: 'security_exception',
  403: 'security_exception',
  404: 'resource_not_found_exception',
  405: 'illegal_argument_exception',
  413: 'content_too_long_exception',
  415: 'illegal_argument_exception',
};

export function elasticError(
  status: number,
  reason: string,
  type = TYPE_BY_STATUS[status] ?? 'exception',
  headers: Record<string, string> = {},
): Response {
  const cause = { type, reason };
  return Response.json(
    { error: { root_cause: [cause], ...cause }, status },
    { status, headers: { ...PRODUCT_HEADERS, 'Cache-Control': 'no-store', ...headers } },
  );
}

/** Refusals from the ingest auth (401, 403, 4xx domain errors, 500) in Elasticsearch's shape. */
export function elasticProblem({ status, message, fields }: Problem): Response {
  const detail = fields ? ` ${Object.values(fields).join(' ')}` : '';
  return elasticError(status, `${message}${detail}`);
}

export function elasticJson(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { ...PRODUCT_HEADERS } });
}

/** HEAD answers: the status is the answer; no body. */
export function elasticHead(status: number): Response {
  return new Response(null, { status, headers: { ...PRODUCT_HEADERS } });
}

export function acknowledged(extra: Record<string, unknown> = {}): Response {
  return elasticJson({ acknowledged: true, ...extra });
}
