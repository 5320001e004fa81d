import { verifyActivityChain } from '@/lib/audit/verify-chain';
import type { Command } from './command';
import { CliError, UsageError } from './errors';

function parseInstant(option: string, value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  // An ISO date or date-time; a bare date is midnight UTC.
  const date = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value)
    ? new Date(/T/.test(value) && !/(Z|[+-]\d{2}:?\d{2})$/.test(value) ? `${value}Z` : value)
    : new Date(NaN);
  if (Number.isNaN(date.getTime()))
    throw new UsageError(
      `--${option} must be an ISO date or time like 2026-03-01 or 2026-03-01T12:00:00Z, not "${value}".`,
      'audit verify --help',
    );
  return date;
}

export const auditCommands: Command[] = [
  {
    path: ['audit', 'verify'],
    summary:
      'Checks the activity log’s hash chain and reports the first broken link (exit code 1 when broken).',
    options: {
      from: {
        placeholder: 'ISO',
        description: 'Only rows that happened at or after this time (times without zone are UTC).',
      },
      to: { placeholder: 'ISO', description: 'Only rows that happened at or before this time.' },
    },
    notes: [
      'Compare the head hash with the one in the daily "audit anchor" email: a log rewritten',
      'with every later link recomputed still verifies, but its head no longer matches the mail.',
    ],
    async run(options, { db, out }) {
      const from = parseInstant('from', options.from);
      const to = parseInstant('to', options.to);
      if (from && to && from > to)
        throw new UsageError('--from must not be after --to.', 'audit verify --help');
      const verdict = await verifyActivityChain(db, { from, to });
      if (verdict.ok) {
        out(`Rows checked: ${verdict.rows}`);
        out(`Chain intact. Head hash: ${verdict.headHash ?? '(no rows)'}`);
        return;
      }
      out(`Rows checked: ${verdict.rows}`);
      out(
        `First broken link: activity row ${verdict.brokenAt.id} at ${verdict.brokenAt.occurredAt.toISOString()}`,
      );
      out(`What differs: ${verdict.brokenAt.reason}`);
      throw new CliError('The audit chain is broken.');
    },
  },
];
