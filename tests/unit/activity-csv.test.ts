import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { ActivityRow } from '@/db/schema';
import { activityToCsv } from '@/lib/activity/activity-csv';

const row = (id: number, changes: ActivityRow['changes'], action = 'incident.updated'): ActivityRow => ({
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
  it('writes one line per changed field, oldest first, in the viewer’s offset, with a BOM', () => {
    const csv = activityToCsv(
      [row(2, { severity: { old: 'low', new: 'high' }, owner: { old: null, new: 'team:1' } }), row(1, {}, 'incident.created')],
      'America/Chicago',
    );
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = parse(csv.slice(1)) as string[][];
    expect(lines[0]).toEqual(['Time', 'Actor', 'Action', 'Field', 'Old', 'New', 'Request ID', 'Client address']);
    expect(lines[1].slice(0, 4)).toEqual(['2026-11-28T14:05:00-06:00', 'Dana Whitfield <dana@example.com>', 'incident.created', '']);
    expect(lines[2].slice(3, 6)).toEqual(['severity', 'low', 'high']);
    expect(lines[3].slice(3, 6)).toEqual(['owner', '', 'team:1']);
  });

  it('neutralises formulas and keeps commas, quotes and newlines intact', () => {
    const csv = activityToCsv([row(1, { title: { old: 'a, "b"\nc', new: '=HYPERLINK("http://x")' } })], 'UTC');
    const [, line] = parse(csv.slice(1)) as string[][];
    expect(line[4]).toBe('a, "b"\nc');
    expect(line[5]).toBe('\'=HYPERLINK("http://x")');
  });
});
