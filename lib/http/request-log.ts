import { withLogContext } from '@/lib/log';
import type { RequestIds } from './request-id';

/** Runs `fn` with a child logger carrying the request's ids on every line. */
export function withRequestLog<T>(ids: RequestIds, fn: () => T): T {
  return withLogContext(
    ids.clientRequestId
      ? { requestId: ids.requestId, clientRequestId: ids.clientRequestId }
      : { requestId: ids.requestId },
    fn,
  );
}
