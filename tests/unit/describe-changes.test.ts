import { describe, expect, it } from 'vitest';
import { changeKeys, ownerLabelFrom, referencedKeys } from '@/lib/activity/activity-labels';
import { describeChanges, fieldLabel } from '@/lib/activity/describe-changes';

const DANA = 'user:5f0b7c2e-1111-4a55-9c1e-2b1c7a0d9e11';
const TRAC = 'team:2a03e1c4-2222-4f6b-8a77-0c5f4b1a2e33';
const SCHEDULE = 'c2f9a4d1-3333-4b8e-9f10-6d2c1e0a7b44';
const names = new Map([
  [DANA, 'Dana Reyes'],
  [TRAC, 'TRAC (team)'],
  [`schedule:${SCHEDULE}`, 'Weekly firewall review'],
]);
const log = { audience: 'log' } as const;

describe('describing a change in the activity log', () => {
  it('reads an owner change with names: Dana → TRAC (team)', () => {
    expect(describeChanges({ owner: { old: DANA, new: TRAC } }, 'UTC', names, log)).toEqual([
      { label: 'Owner', old: 'Dana Reyes', new: 'TRAC (team)' },
    ]);
    expect(describeChanges({ owner: { old: null, new: DANA } }, 'UTC', names, log)[0].old).toBe(
      'Unassigned',
    );
  });

  it('names the schedule of a generated task instead of its id', () => {
    const [line] = describeChanges({ scheduleId: { old: null, new: SCHEDULE } }, 'UTC', names, log);
    expect(line).toEqual({ label: 'Schedule', old: '—', new: 'Weekly firewall review' });
  });

  it('says someone is gone rather than showing the id of a deleted person or team', () => {
    const lines = describeChanges(
      {
        owner: {
          old: 'user:9f0b7c2e-0000-4a55-9c1e-2b1c7a0d9e11',
          new: 'team:9a03e1c4-0000-4f6b-8a77-0c5f4b1a2e33',
        },
      },
      'UTC',
      names,
      log,
    );
    expect(lines).toEqual([
      { label: 'Owner', old: 'someone no longer in Vigil', new: 'a team no longer in Vigil' },
    ]);
    expect(ownerLabelFrom(names, '')).toBe('Unassigned');
  });

  it('puts times in the reader’s zone, labels enum values, and words booleans and unknown fields', () => {
    const lines = describeChanges(
      {
        dueAt: { old: null, new: '2026-03-02T20:05:00Z' },
        role: { old: 'user', new: 'power_user' },
        active: { old: true, new: false },
        retentionDays: { old: null, new: 30 },
      },
      'America/Chicago',
      names,
      log,
    );
    expect(lines).toEqual([
      { label: 'Due', old: '—', new: 'Mar 2, 2026, 14:05 CST' },
      { label: 'Role', old: 'User', new: 'Power User' },
      { label: 'Active', old: 'Yes', new: 'No' },
      { label: 'Retention in days', old: '—', new: '30' },
    ]);
    expect(fieldLabel('lastSeenAt')).toBe('Last seen at');
  });

  it('collects every id a row mentions for one look-up: its item, owners and schedule', () => {
    const keys = referencedKeys([
      {
        entityType: 'task',
        entityId: 'a1',
        changes: {
          owner: { old: DANA, new: TRAC },
          scheduleId: { old: null, new: SCHEDULE },
          title: { old: null, new: 'user:not-an-owner' },
        },
      },
      { entityType: 'holiday', entityId: '2026-12-25', changes: {} },
    ]);
    expect([...keys].sort()).toEqual([`schedule:${SCHEDULE}`, 'task:a1', TRAC, DANA].sort());
    expect(changeKeys({ fallbackOwner: { old: null, new: DANA } })).toEqual([DANA]);
  });
});
