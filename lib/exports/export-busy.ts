import { apiProblem } from '@/lib/api/with-api-auth';
import { instanceOf } from '@/lib/api/problem';
import { EXPORT_RETRY_AFTER_SECONDS, exportBusyMessage } from './export-slots';

// The answer to a person's export beyond their limit: 429 with Retry-After, as an RFC 9457
// problem from the API and as plain text from the pages' export links (which a browser
// shows as it is).

export function exportBusyProblem(request: Request, requestId: string | undefined): Response {
  const response = apiProblem({
    status: 429,
    message: exportBusyMessage(),
    requestId: requestId ?? '',
    instance: instanceOf(request),
  });
  response.headers.set('Retry-After', String(EXPORT_RETRY_AFTER_SECONDS));
  return response;
}

export function exportBusyText(): Response {
  return new Response(`${exportBusyMessage()}\n`, {
    status: 429,
    headers: {
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': 'no-store',
      'Retry-After': String(EXPORT_RETRY_AFTER_SECONDS),
    },
  });
}
