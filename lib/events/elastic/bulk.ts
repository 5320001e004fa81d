import { randomBytes } from 'node:crypto';
import type { Db } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { ingestEvents } from '../ingest';
import type { BulkAction, BulkOperation } from './bulk-lines';

// Running a bulk request: every index/create document goes to ingestEvents in one batch; the
// answer has one item per operation, in order, in the bulk API's shape. A rejected document is
// a 400 in its item (Beats and Logstash drop such an item rather than retry it forever); the
// others are kept. Vigil never changes or removes an event, so update and delete are refused
// per item, and the rest of the batch is kept.

export type BulkItemResult = {
  _index: string;
  _id: string;
  status: number;
  result?: 'created';
  _version?: number;
  _shards?: { total: number; successful: number; failed: number };
  _seq_no?: number;
  _primary_term?: number;
  error?: { type: string; reason: string };
};

export type BulkResponse = {
  took: number;
  errors: boolean;
  items: Partial<Record<BulkAction, BulkItemResult>>[];
};

/** What an item names when neither its metadata nor the path gave an index. */
export const DEFAULT_INDEX = 'vigil-events';

const NOT_SUPPORTED: Record<'update' | 'delete', string> = {
  update:
    'Vigil keeps log events as evidence and never changes one: update is not supported. Send the corrected event with index or create.',
  delete:
    'Vigil keeps log events as evidence: delete is not supported. Events leave only when their day passes the retention period (Settings → Organization).',
};

/**
 * Stands in for the document id Elasticsearch would generate: Vigil's own event ids are
 * assigned by the store, and a shipper only reads this back to log it.
 */
function generatedId(): string {
  return randomBytes(15).toString('base64url');
}

function created(index: string, id: string): BulkItemResult {
  return {
    _index: index,
    _id: id,
    _version: 1,
    result: 'created',
    _shards: { total: 1, successful: 1, failed: 0 },
    _seq_no: 0,
    _primary_term: 1,
    status: 201,
  };
}

function failed(index: string, id: string, status: number, type: string, reason: string) {
  return { _index: index, _id: id, status, error: { type, reason } };
}

export async function runBulk(
  db: Db,
  actor: Actor,
  operations: BulkOperation[],
): Promise<BulkResponse> {
  const started = performance.now();
  const raws: unknown[] = [];
  const indices = operations.map((operation) => operation.index ?? DEFAULT_INDEX);
  const ids = operations.map((operation) => operation.id ?? generatedId());
  // For each operation, the index of its document in `raws`, or its ready answer.
  const slots = operations.map((operation, i): number | BulkItemResult => {
    const [index, id] = [indices[i], ids[i]];
    if (operation.action === 'update' || operation.action === 'delete')
      return failed(index, id, 400, 'illegal_argument_exception', NOT_SUPPORTED[operation.action]);
    const source = operation.source!;
    if (!source.ok) return failed(index, id, 400, 'document_parsing_exception', source.reason);
    raws.push(source.value);
    return raws.length - 1;
  });

  const { rejected } = raws.length ? await ingestEvents(db, actor, raws, 'bulk') : { rejected: [] };
  const reasons = new Map(rejected.map((r) => [r.index, r.reason]));

  const items = operations.map((operation, i) => {
    const slot = slots[i];
    let result: BulkItemResult;
    if (typeof slot !== 'number') result = slot;
    else {
      const [index, id] = [indices[i], ids[i]];
      const reason = reasons.get(slot);
      result =
        reason === undefined
          ? created(index, id)
          : failed(index, id, 400, 'document_parsing_exception', reason);
    }
    return { [operation.action]: result };
  });
  return {
    took: Math.round(performance.now() - started),
    errors: items.some((item) => Object.values(item)[0]?.error),
    items,
  };
}
