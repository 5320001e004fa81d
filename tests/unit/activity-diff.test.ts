import { describe, expect, it } from 'vitest';
import { diffFields } from '@/lib/activity/record-activity';

describe('diffFields', () => {
  const before = { name: 'Dana', role: 'user', timeZone: 'UTC', teams: ['TRAC'] };

  it('lists only the fields that changed, as old and new', () => {
    expect(
      diffFields(before, { name: 'Dana', role: 'admin' }, ['name', 'role', 'timeZone']),
    ).toEqual({
      role: { old: 'user', new: 'admin' },
    });
  });

  it('ignores fields not given and fields not asked about', () => {
    expect(diffFields(before, { timeZone: 'America/Chicago' }, ['name'])).toEqual({});
  });

  it('compares arrays by value and records unset as null', () => {
    expect(diffFields(before, { teams: ['TRAC'] }, ['teams'])).toEqual({});
    expect(
      diffFields({ due: undefined as string | undefined }, { due: '2026-12-01' }, ['due']),
    ).toEqual({
      due: { old: null, new: '2026-12-01' },
    });
  });
});
