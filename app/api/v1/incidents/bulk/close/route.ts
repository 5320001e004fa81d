import { getDb } from '@/db/client';
import { resolveBulkCloseTargets } from '@/lib/api/bulk-close-targets';
import { bulkCloseBody } from '@/lib/api/incident-requests';
import { readJsonBody } from '@/lib/api/read-json';
import { withApiAuth } from '@/lib/api/with-api-auth';
import { assertCan } from '@/lib/auth/permissions';
import { closeIncidents } from '@/lib/incidents/close-incidents';
import { parseInput } from '@/lib/validation';
import { otherMethods } from '@/lib/api/method-not-allowed';

/** Administrators close many incidents with one note: `{ numbers | filter, note }` (also at the deprecated POST /incidents/close). */
export const POST = withApiAuth(
  async (request, actor) => {
    // Before reading anything: others learn nothing about which numbers exist.
    assertCan(actor, 'incidents.bulk-close');
    const body = parseInput(bulkCloseBody, await readJsonBody(request));
    const db = getDb();
    const { ids, missing } = await resolveBulkCloseTargets(db, actor, body);
    const result = ids.length
      ? await closeIncidents(db, actor, { incidentIds: ids, note: body.note })
      : { closed: 0, alreadyClosed: 0, missing: 0 };
    return Response.json({
      closed: result.closed,
      alreadyClosed: result.alreadyClosed,
      missing: result.missing + missing,
    });
  },
  // Only administrators may bulk close: the token needs the admin scope too.
  { scope: 'admin' },
);

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
