import { getDb } from '@/db/client';
import { MAX_ATTACHMENT_BYTES } from '@/lib/attachments/file-content';
import { routeSession } from '@/lib/auth/route-session';
import { ValidationError, isDomainError } from '@/lib/errors';
import { isSameOrigin } from '@/lib/http/same-origin';
import { readLimitedBody } from '@/lib/http/read-limited-body';
import { addTaskAttachment } from '@/lib/tasks/attachments';
import { getTaskIdByNumber } from '@/lib/tasks/get-task';
import { parseTaskNumber } from '@/lib/tasks/schemas';

// Multipart overhead on top of the file itself.
const BODY_LIMIT = MAX_ATTACHMENT_BYTES + 64 * 1024;

export async function POST(request: Request, { params }: { params: Promise<{ number: string }> }) {
  if (!isSameOrigin(request)) return Response.json({ error: 'Cross-site request refused.' }, { status: 403 });
  const session = await routeSession('tickets.work');
  if ('response' in session) return session.response;
  const number = parseTaskNumber((await params).number);
  const taskId = number ? await getTaskIdByNumber(getDb(), number) : undefined;
  if (!taskId) return Response.json({ error: 'That task does not exist.' }, { status: 404 });

  const body = await readLimitedBody(request, BODY_LIMIT);
  if (body === 'too-large') return Response.json({ error: 'Files can be at most 25 MB.', fields: { file: 'Files can be at most 25 MB.' } }, { status: 413 });
  let file: FormDataEntryValue | null;
  try {
    const form = await new Response(body, { headers: { 'content-type': request.headers.get('content-type') ?? '' } }).formData();
    file = form.get('file');
  } catch {
    return Response.json({ error: 'Send the file as multipart/form-data in a field named "file".' }, { status: 400 });
  }
  if (!(file instanceof File)) return Response.json({ error: 'Choose a file.', fields: { file: 'Choose a file.' } }, { status: 400 });

  try {
    const attachment = await addTaskAttachment(getDb(), session.actor, taskId, { fileName: file.name, data: Buffer.from(await file.arrayBuffer()) });
    return Response.json(attachment, { status: 201 });
  } catch (error) {
    if (error instanceof ValidationError) return Response.json({ error: error.message, fields: error.fieldErrors }, { status: 400 });
    if (isDomainError(error)) return Response.json({ error: error.message }, { status: error.status });
    throw error;
  }
}
