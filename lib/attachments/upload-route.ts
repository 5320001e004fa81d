import type { UserActor } from '@/lib/auth/actor';
import { routeSession } from '@/lib/auth/route-session';
import { isDomainError, ValidationError } from '@/lib/errors';
import { readLimitedBody } from '@/lib/http/read-limited-body';
import { isSameOrigin } from '@/lib/http/same-origin';
import { MAX_ATTACHMENT_BYTES } from './file-content';

// Multipart overhead on top of the file itself.
const BODY_LIMIT = MAX_ATTACHMENT_BYTES + 64 * 1024;
const TOO_LARGE = 'Files can be at most 25 MB.';

/**
 * The upload route of an item's evidence (incidents and tasks alike): same-origin only,
 * signed in with `tickets.work`, the body cut off past 25 MB before anything is buffered
 * whole, then one domain call that stores the file. Answers JSON for the page's uploader.
 */
export async function handleAttachmentUpload(
  request: Request,
  item: { findId: () => Promise<string | undefined>; notFound: string },
  store: (
    actor: UserActor,
    itemId: string,
    file: { fileName: string; data: Buffer },
  ) => Promise<unknown>,
): Promise<Response> {
  if (!isSameOrigin(request))
    return Response.json({ error: 'Cross-site request refused.' }, { status: 403 });
  const session = await routeSession('tickets.work');
  if ('response' in session) return session.response;
  const itemId = await item.findId();
  if (!itemId) return Response.json({ error: item.notFound }, { status: 404 });

  const body = await readLimitedBody(request, BODY_LIMIT);
  if (body === 'too-large')
    return Response.json({ error: TOO_LARGE, fields: { file: TOO_LARGE } }, { status: 413 });
  let file: FormDataEntryValue | null;
  try {
    const form = await new Response(body, {
      headers: { 'content-type': request.headers.get('content-type') ?? '' },
    }).formData();
    file = form.get('file');
  } catch {
    return Response.json(
      { error: 'Send the file as multipart/form-data in a field named "file".' },
      { status: 400 },
    );
  }
  if (!(file instanceof File))
    return Response.json(
      { error: 'Choose a file.', fields: { file: 'Choose a file.' } },
      { status: 400 },
    );

  try {
    const stored = await store(session.actor, itemId, {
      fileName: file.name,
      data: Buffer.from(await file.arrayBuffer()),
    });
    return Response.json(stored, { status: 201 });
  } catch (error) {
    if (error instanceof ValidationError)
      return Response.json({ error: error.message, fields: error.fieldErrors }, { status: 400 });
    if (isDomainError(error))
      return Response.json({ error: error.message }, { status: error.status });
    throw error;
  }
}
