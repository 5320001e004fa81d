import { getDb } from '@/db/client';
import { routeSession } from '@/lib/auth/route-session';
import { isDomainError } from '@/lib/errors';
import { getTaskAttachment } from '@/lib/tasks/attachments';
import { getTaskIdByNumber } from '@/lib/tasks/get-task';
import { parseTaskNumber } from '@/lib/tasks/schemas';

/** Evidence files are hostile until proven otherwise: always a download, never rendered inline. */
export async function GET(_request: Request, { params }: { params: Promise<{ number: string; id: string }> }) {
  const session = await routeSession('tickets.view');
  if ('response' in session) return session.response;
  const { number: rawNumber, id } = await params;
  const number = parseTaskNumber(rawNumber);
  const taskId = number ? await getTaskIdByNumber(getDb(), number) : undefined;
  if (!taskId || !/^[0-9a-f-]{36}$/i.test(id)) return Response.json({ error: 'Not found.' }, { status: 404 });
  try {
    const file = await getTaskAttachment(getDb(), taskId, id);
    const asciiName = file.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
    return new Response(new Uint8Array(file.data), {
      headers: {
        'Content-Type': 'application/octet-stream',
        'Content-Disposition': `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        'Content-Length': String(file.sizeBytes),
        'X-Content-Type-Options': 'nosniff',
        'Content-Security-Policy': "default-src 'none'; sandbox",
        'Cache-Control': 'private, no-store',
        'X-Detected-Content-Type': file.contentType,
      },
    });
  } catch (error) {
    if (isDomainError(error)) return Response.json({ error: error.message }, { status: error.status });
    throw error;
  }
}
