import { getDb } from '@/db/client';
import { attachmentDownload } from '@/lib/attachments/download-response';
import { routeSession } from '@/lib/auth/route-session';
import { isDomainError } from '@/lib/errors';
import { getIncidentAttachment } from '@/lib/incidents/attachments';
import { getIncidentIdByNumber } from '@/lib/incidents/get-incident';
import { parseIncidentNumber } from '@/lib/incidents/schemas';

export async function GET(_request: Request, { params }: { params: Promise<{ number: string; id: string }> }) {
  const session = await routeSession('tickets.view');
  if ('response' in session) return session.response;
  const { number: rawNumber, id } = await params;
  const number = parseIncidentNumber(rawNumber);
  const incidentId = number ? await getIncidentIdByNumber(getDb(), number) : undefined;
  if (!incidentId || !/^[0-9a-f-]{36}$/i.test(id)) return Response.json({ error: 'Not found.' }, { status: 404 });
  try {
    const file = await getIncidentAttachment(getDb(), incidentId, id);
    return attachmentDownload(file);
  } catch (error) {
    if (isDomainError(error)) return Response.json({ error: error.message }, { status: error.status });
    throw error;
  }
}
