import type { QueryNode } from '../types';
import { EventQuerySyntaxError } from './syntax-error';

const DAY_MS = 86_400_000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** `>=4000`, `<2026-03-01` and the like, as a range. */
export function rangeFromComparison(field: string, raw: string, at: number): QueryNode {
  const match = /^(>=|<=|>|<)(.*)$/.exec(raw)!;
  const [, operator, value] = match;
  if (!value)
    throw new EventQuerySyntaxError(
      `Expected a value after ${operator} (character ${at + operator.length + 1}).`,
      at + operator.length,
      [`a value after ${operator}`],
    );
  const lower = operator.startsWith('>');
  return rangeNode(
    field,
    lower ? value : null,
    lower ? null : value,
    operator === '>=',
    operator === '<=',
    at,
  );
}

export function rangeNode(
  field: string,
  lower: string | null,
  upper: string | null,
  includeLower: boolean,
  includeUpper: boolean,
  at: number,
): QueryNode {
  if (lower === null && upper === null) return { type: 'exists', field };
  if (field === 'timestamp') {
    // A date alone is a whole UTC day: [2026-03-01 TO 2026-03-31] includes 31 March, and
    // {2026-03-01 TO ...} starts after 1 March.
    if (lower !== null) {
      const day = isDateOnly(lower);
      lower = instant(lower, at, day && !includeLower ? DAY_MS : 0);
      if (day) includeLower = true;
    }
    if (upper !== null) {
      const day = isDateOnly(upper);
      upper = instant(upper, at, day && includeUpper ? DAY_MS : 0);
      if (day) includeUpper = false;
    }
  }
  return { type: 'range', field, lower, upper, includeLower, includeUpper };
}

/** `timestamp:2026-03-01` is that UTC day; a full date and time is that instant. */
export function timestampTermRange(value: string, at: number): QueryNode {
  const day = isDateOnly(value);
  return {
    type: 'range',
    field: 'timestamp',
    lower: instant(value, at, 0),
    upper: instant(value, at, day ? DAY_MS : 0),
    includeLower: true,
    includeUpper: !day,
  };
}

function isDateOnly(value: string) {
  return DATE_ONLY.test(value);
}

/** An ISO instant, `plusMs` later than `value` (a date alone is UTC midnight). */
function instant(value: string, at: number, plusMs: number): string {
  // Without an offset, a time is UTC: the server's own zone must not change what matches.
  const parsed = new Date(/T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value) ? `${value}Z` : value);
  if (Number.isNaN(parsed.getTime()))
    throw new EventQuerySyntaxError(
      `"${value}" is not a date and time; use 2026-03-01 or 2026-03-01T10:00:00Z (character ${at + 1}).`,
      at,
      ['a date and time, such as 2026-03-01T10:00:00Z'],
    );
  return new Date(parsed.getTime() + plusMs).toISOString();
}
