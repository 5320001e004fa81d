import { getDb } from '@/db/client';
import { attachmentDownload } from '@/lib/attachments/download-response';
import { handleAttachmentUpload } from '@/lib/attachments/upload-route';
import { routeSession } from '@/lib/auth/route-session';
import { isDomainError } from '@/lib/errors';
import { addAttachment, getAttachment } from '../attachments';
import { getTicketIdByNumber } from '../find-by-number';
import { parseTicketNumber } from '../ticket-number';
import type { TicketKind } from '../ticket-kind';
import { isUuid } from '@/lib/uuid';

type NumberContext = { params: Promise<{ number: string }> };
type FileContext = { params: Promise<{ number: string; id: string }> };

async function ticketIdOf(kind: TicketKind, rawNumber: string): Promise<string | undefined> {
  const number = parseTicketNumber(kind.numberPrefix, rawNumber);
  return number ? getTicketIdByNumber(getDb(), kind, number) : undefined;
}

/** POST …/[number]/attachments of a kind: one uploaded file stored as evidence. */
export function attachmentUploadRoute(kind: TicketKind) {
  return async function POST(request: Request, { params }: NumberContext): Promise<Response> {
    const { number } = await params;
    return handleAttachmentUpload(
      request,
      { findId: () => ticketIdOf(kind, number), notFound: `That ${kind.noun} does not exist.` },
      (actor, ticketId, file) => addAttachment(getDb(), kind, actor, ticketId, file),
    );
  };
}

/** GET …/[number]/attachments/[id] of a kind: the file, always as a download. */
export function attachmentDownloadRoute(kind: TicketKind) {
  return async function GET(_request: Request, { params }: FileContext): Promise<Response> {
    const session = await routeSession(kind.permissions.view);
    if ('response' in session) return session.response;
    const { number, id } = await params;
    const ticketId = await ticketIdOf(kind, number);
    if (!ticketId || !isUuid(id)) return Response.json({ error: 'Not found.' }, { status: 404 });
    try {
      return attachmentDownload(await getAttachment(getDb(), kind, ticketId, id));
    } catch (error) {
      if (isDomainError(error))
        return Response.json({ error: error.message }, { status: error.status });
      throw error;
    }
  };
}
