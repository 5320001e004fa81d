import { getDb, type DbOrTx } from '@/db/client';
import { assertCan } from '@/lib/auth/permissions';
import type { KeysetPage } from '@/lib/list/keyset';
import { getListViewer, type ListViewer } from '@/lib/tickets/list-viewer';
import { parseLimit } from './list-query';
import { withApiAuth } from './with-api-auth';

/** What a kind's list endpoint needs: its parser (refusing unknown names), page, count and row serializer. */
export type ApiList<Params, Row> = {
  parse: (searchParams: URLSearchParams, viewer: ListViewer, extra: readonly string[]) => Params;
  page: (db: DbOrTx, params: Params, options: { limit: number }) => Promise<KeysetPage<Row>>;
  count: (db: DbOrTx, params: Params) => Promise<{ count: number; capped: boolean }>;
  rowJson: (row: Row, now: Date) => unknown;
};

/** GET /api/v1/{kind}: the list filtered as on its page; keyset pages of up to 200, with a count capped at 10,000. */
export function apiListRoute<Params, Row>(list: ApiList<Params, Row>) {
  return withApiAuth(async (request, actor) => {
    assertCan(actor, 'tickets.view');
    const db = getDb();
    const { searchParams } = new URL(request.url);
    const limit = parseLimit(searchParams);
    const params = list.parse(
      searchParams,
      await getListViewer(db, { id: actor.userId, timeZone: actor.timeZone }),
      ['limit'],
    );
    const [page, total] = await Promise.all([
      list.page(db, params, { limit }),
      list.count(db, params),
    ]);
    const now = new Date();
    const json = {
      data: page.rows.map((row) => list.rowJson(row, now)),
      nextCursor: page.nextCursor,
      count: total.count,
      countCapped: total.capped,
    };
    return Response.json(json, { headers: { 'Cache-Control': 'no-store' } });
  });
}
