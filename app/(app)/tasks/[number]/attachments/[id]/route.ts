import { getDb } from '@/db/client';
import { attachmentDownload } from '@/lib/attachments/download-response';
import { routeSession } from '@/lib/auth/route-session';
import { isDomainError } from '@/lib/errors';
import { getTaskAttachment } from '@/lib/tasks/attachments';
import { getTaskIdByNumber } from '@/lib/tasks/get-task';
import { parseTaskNumber } from '@/lib/tasks/schemas';

export async function GET(_request: Request, { params }: { params: Promise<{ number: string; id: string }> }) {
  const session = await routeSession('tickets.view');
  if ('response' in session) return session.response;
  const { number: rawNumber, id } = await params;
  const number = parseTaskNumber(rawNumber);
  const taskId = number ? await getTaskIdByNumber(getDb(), number) : undefined;
  if (!taskId || !/^[0-9a-f-]{36}$/i.test(id)) return Response.json({ error: 'Not found.' }, { status: 404 });
  try {
    const file = await getTaskAttachment(getDb(), taskId, id);
    return attachmentDownload(file);
  } catch (error) {
    if (isDomainError(error)) return Response.json({ error: error.message }, { status: error.status });
    throw error;
  }
}
