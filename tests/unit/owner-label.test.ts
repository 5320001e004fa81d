import { describe, expect, it } from 'vitest';
import { ownerLabel, rowOwnerLabel, teamLabel } from '@/lib/owners/owner-label';

// One label for an owner on every screen, email and export.
describe('ownerLabel', () => {
  it('names a person, marks a team, and says Unassigned for nobody', () => {
    expect(ownerLabel({ type: 'user', name: 'Justin Park' })).toBe('Justin Park');
    expect(ownerLabel({ type: 'team', name: 'TRAC' })).toBe('TRAC (team)');
    expect(ownerLabel(null)).toBe('Unassigned');
    expect(teamLabel('TRAC')).toBe('TRAC (team)');
  });

  it('reads a list row the same way as a detail page', () => {
    expect(
      rowOwnerLabel({ ownerName: 'TRAC', ownerTeamId: '0b3c0d4e-0000-4000-8000-000000000000' }),
    ).toBe('TRAC (team)');
    expect(rowOwnerLabel({ ownerName: 'Justin Park', ownerTeamId: null })).toBe('Justin Park');
    expect(rowOwnerLabel({ ownerName: null, ownerTeamId: null })).toBe('Unassigned');
  });
});
