import { getDb } from '@/db/client';
import { routeSession } from '@/lib/auth/route-session';
import { isDomainError } from '@/lib/errors';
import { getIncidentAttachment } from '@/lib/incidents/attachments';
import { getIncidentIdByNumber } from '@/lib/incidents/get-incident';
import { parseIncidentNumber } from '@/lib/incidents/schemas';

/**
 * Evidence files are hostile until proven otherwise: always a download, never rendered
 * inline, no sniffing, and a sandbox CSP in case a browser ignores the rest.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ number: string; id: string }> }) {
  const session = await routeSession('tickets.view');
  if ('response' in session) return session.response;
  const { number: rawNumber, id } = await params;
  const number = parseIncidentNumber(rawNumber);
  const incidentId = number ? await getIncidentIdByNumber(getDb(), number) : undefined;
  if (!incidentId || !/^[0-9a-f-]{36}$/i.test(id)) return Response.json({ error: 'Not found.' }, { status: 404 });
  try {
    const file = await getIncidentAttachment(getDb(), incidentId, id);
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
