import { getDb } from '@/db/client';
import { handleAttachmentUpload } from '@/lib/attachments/upload-route';
import { addIncidentAttachment } from '@/lib/incidents/attachments';
import { getIncidentIdByNumber } from '@/lib/incidents/get-incident';
import { parseIncidentNumber } from '@/lib/incidents/schemas';

export async function POST(request: Request, { params }: { params: Promise<{ number: string }> }) {
  const number = parseIncidentNumber((await params).number);
  return handleAttachmentUpload(
    request,
    { findId: async () => (number ? getIncidentIdByNumber(getDb(), number) : undefined), notFound: 'That incident does not exist.' },
    (actor, incidentId, file) => addIncidentAttachment(getDb(), actor, incidentId, file),
  );
}
