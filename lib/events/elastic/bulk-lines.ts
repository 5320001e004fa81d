import { DomainError } from '@/lib/errors';

// The bulk API's body: NDJSON, an action/metadata line, then (for index, create and update) the
// line it applies to. A broken action line breaks the framing of everything after it, so, as
// in Elasticsearch, it fails the request with its line number; a broken document only fails
// its own item.

export const BULK_ACTIONS = ['index', 'create', 'update', 'delete'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

export type BulkOperation = {
  action: BulkAction;
  /** The metadata's `_index`, else the index in the path (`/{index}/_bulk`), else null. */
  index: string | null;
  id: string | null;
  /** The line after the action (index, create, update); undefined for delete. */
  source?: { ok: true; value: unknown } | { ok: false; reason: string };
  line: number;
};

function malformed(line: number, detail: string): DomainError {
  return new DomainError(`Malformed action/metadata line [${line}]: ${detail}`, 400);
}

function parseAction(text: string, line: number, defaultIndex: string | null): BulkOperation {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw malformed(line, 'it is not JSON.');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw malformed(line, 'expected an object such as {"index":{}}.');
  const keys = Object.keys(parsed);
  const action = keys[0] as BulkAction;
  if (keys.length !== 1 || !BULK_ACTIONS.includes(action))
    throw malformed(
      line,
      `expected one of ${BULK_ACTIONS.join(', ')} but found [${keys.join(', ')}].`,
    );
  const meta = (parsed as Record<string, unknown>)[action];
  if (meta !== null && (typeof meta !== 'object' || Array.isArray(meta)))
    throw malformed(line, `the metadata of "${action}" must be an object.`);
  const { _index, _id } = (meta ?? {}) as Record<string, unknown>;
  return {
    action,
    index: typeof _index === 'string' && _index ? _index : defaultIndex,
    id: typeof _id === 'string' || typeof _id === 'number' ? String(_id) : null,
    line,
  };
}

function parseSource(text: string): NonNullable<BulkOperation['source']> {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const detail = error instanceof SyntaxError ? error.message : 'not JSON';
    return { ok: false, reason: `The document is not JSON (${detail}).` };
  }
}

/** The operations of a bulk body, in order. Blank lines between operations are skipped. */
export function parseBulkBody(body: string, defaultIndex: string | null): BulkOperation[] {
  const lines = body.split('\n');
  const operations: BulkOperation[] = [];
  let i = 0;
  while (i < lines.length) {
    const text = lines[i].replace(/\r$/, '');
    i += 1;
    if (!text.trim()) continue;
    const operation = parseAction(text, i, defaultIndex);
    if (operation.action !== 'delete') {
      if (i >= lines.length || (i === lines.length - 1 && !lines[i].trim()))
        throw malformed(operation.line, `"${operation.action}" has no document on the next line.`);
      operation.source = parseSource(lines[i].replace(/\r$/, ''));
      i += 1;
    }
    operations.push(operation);
  }
  if (!operations.length) throw new DomainError('The request body is required.', 400);
  return operations;
}
