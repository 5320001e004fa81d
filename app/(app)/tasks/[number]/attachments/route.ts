import { getDb } from '@/db/client';
import { handleAttachmentUpload } from '@/lib/attachments/upload-route';
import { addTaskAttachment } from '@/lib/tasks/attachments';
import { getTaskIdByNumber } from '@/lib/tasks/get-task';
import { parseTaskNumber } from '@/lib/tasks/schemas';

export async function POST(request: Request, { params }: { params: Promise<{ number: string }> }) {
  const number = parseTaskNumber((await params).number);
  return handleAttachmentUpload(
    request,
    { findId: async () => (number ? getTaskIdByNumber(getDb(), number) : undefined), notFound: 'That task does not exist.' },
    (actor, taskId, file) => addTaskAttachment(getDb(), actor, taskId, file),
  );
}
