import type { Instrumentation } from 'next';

// Errors Next.js catches itself (pages, route handlers, actions outside toActionResult) are
// logged like every other line: JSON, redacted, under the request's id.
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { reportRequestError } = await import('@/lib/http/report-request-error');
  reportRequestError(error, request, context);
};
