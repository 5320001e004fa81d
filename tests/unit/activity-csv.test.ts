import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { ActivityRow } from '@/db/schema';
import { activityToCsv } from '@/lib/activity/activity-csv';
import { activityCsvHeader } from '../support/csv';

const row = (
  id: number,
  changes: ActivityRow['changes'],
  action = 'incident.updated',
): ActivityRow => ({
  id,
  occurredAt: new Date('2026-11-28T20:05:00Z'),
  actorId: null,
  actorLabel: 'Dana Whitfield <dana@example.com>',
  action,
  entityType: 'incident',
  entityId: 'x',
  changes,
  requestId: 'req-1',
  clientAddress: '192.0.2.1',
});

describe('activity log CSV', () => {
  it('writes one line per changed field, oldest first, in the viewer’s zone named in the header, with a BOM', () => {
    const team = 'team:2a03e1c4-2222-4f6b-8a77-0c5f4b1a2e33';
    const labels = {
      names: new Map([
        [team, 'TRAC (team)'],
        ['incident:x', 'INC-1042'],
      ]),
      hrefs: new Map(),
    };
    const csv = activityToCsv(
      [
        row(2, { severity: { old: 'low', new: 'high' }, owner: { old: null, new: team } }),
        row(1, {}, 'incident.created'),
      ],
      'America/Chicago',
      labels,
    );
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = parse(csv.slice(1)) as string[][];
    expect(lines[0]).toEqual(activityCsvHeader('America/Chicago'));
    expect(lines[1].slice(0, 5)).toEqual([
      'INC-1042',
      '2026-11-28 14:05:00',
      'Dana Whitfield <dana@example.com>',
      'created INC-1042',
      '',
    ]);
    expect(lines[2].slice(3, 7)).toEqual(['updated INC-1042', 'Severity', 'Low', 'High']);
    expect(lines[3].slice(4, 7)).toEqual(['Owner', 'Unassigned', 'TRAC (team)']);
  });

  it('neutralises formulas and keeps commas, quotes and newlines intact', () => {
    const csv = activityToCsv(
      [row(1, { title: { old: 'a, "b"\nc', new: '=HYPERLINK("http://x")' } })],
      'UTC',
    );
    const [, line] = parse(csv.slice(1)) as string[][];
    expect(line[5]).toBe('a, "b"\nc');
    expect(line[6]).toBe('\'=HYPERLINK("http://x")');
  });
});
