import type { Db } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { DomainError } from '@/lib/errors';
import { ingestEvents } from '../ingest';
import { elasticError, elasticJson } from './responses';

/**
 * `POST /{index}/_doc`, `PUT|POST /{index}/_doc/{id}` and `/{index}/_create/{id}`: one event,
 * as rsyslog's omelasticsearch sends them when its bulk mode is off.
 */
export async function indexDocument(
  db: Db,
  actor: Actor,
  body: string,
  index: string,
  id: string | null,
): Promise<Response> {
  let document: unknown;
  try {
    document = JSON.parse(body);
  } catch {
    throw new DomainError('The document is not JSON.', 400);
  }
  const { rejected } = await ingestEvents(db, actor, [document], 'bulk');
  if (rejected.length) return elasticError(400, rejected[0].reason, 'document_parsing_exception');
  return elasticJson(
    {
      _index: index,
      _id: id ?? crypto.randomUUID(),
      _version: 1,
      result: 'created',
      _shards: { total: 1, successful: 1, failed: 0 },
      _seq_no: 0,
      _primary_term: 1,
    },
    201,
  );
}
