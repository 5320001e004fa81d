import { DomainError, ValidationError } from '@/lib/errors';
import { readLimitedBody } from '@/lib/http/read-limited-body';

// The body of POST /api/v1/events: a JSON array (or one object), or NDJSON, one event a
// line. NDJSON is taken from its Content-Type, or recognised when a body that is not one
// JSON document has a JSON value on each line (curl --data-binary @events.ndjson sends it
// as application/x-www-form-urlencoded, Fluent Bit's http output as application/json).

export const MAX_EVENTS_BODY_BYTES = 5 * 1024 * 1024;

const NDJSON_TYPES = ['application/x-ndjson', 'application/ndjson', 'application/jsonl'];

/** One item per event sent: the parsed value, or why its NDJSON line could not be read. */
export type EventsBodyItem = { value: unknown } | { error: string };

function bad(message: string): ValidationError {
  return new ValidationError({ _body: message }, message);
}

export async function readEventsBody(request: Request): Promise<EventsBodyItem[]> {
  const bytes = await readLimitedBody(request, MAX_EVENTS_BODY_BYTES);
  if (bytes === 'too-large')
    throw new DomainError(
      `The request is larger than ${MAX_EVENTS_BODY_BYTES / 1024 / 1024} MB: send the events in smaller batches.`,
      413,
    );
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw bad('The request body is not valid UTF-8.');
  }
  const type = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (NDJSON_TYPES.includes(type)) return parseNdjson(text);
  if (!text.trim()) throw bad('The request body is empty: send a JSON array of events or NDJSON.');
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    if (looksLikeNdjson(text)) return parseNdjson(text);
    throw bad(`The request body is not JSON (${(error as Error).message}).`);
  }
  if (Array.isArray(document)) return document.map((value) => ({ value }));
  // A bare string, number or null is no batch of events: refused whole, not as one bad event.
  if (!document || typeof document !== 'object')
    throw bad('The request body must be a JSON array of events, one event object, or NDJSON.');
  return [{ value: document }];
}

function looksLikeNdjson(text: string): boolean {
  const first = text.trimStart().split('\n', 1)[0];
  if (first.trim() === text.trim()) return false;
  try {
    JSON.parse(first);
    return true;
  } catch {
    return false;
  }
}

/**
 * Each non-empty line is one event. A line that is not JSON is that event's rejection (the
 * others are kept); a body in which no line is JSON is not NDJSON at all and answers 400.
 */
function parseNdjson(text: string): EventsBodyItem[] {
  const items: EventsBodyItem[] = [];
  let firstBadLine = 0;
  let parsed = 0;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    try {
      items.push({ value: JSON.parse(line) });
      parsed++;
    } catch (error) {
      firstBadLine ||= i + 1;
      items.push({ error: `Line ${i + 1} is not JSON (${(error as Error).message}).` });
    }
  }
  if (!items.length) throw bad('The request body is empty: send a JSON array of events or NDJSON.');
  if (!parsed) throw bad(`The request body is not NDJSON: line ${firstBadLine} is not JSON.`);
  return items;
}
