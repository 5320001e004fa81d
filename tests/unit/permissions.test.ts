import { describe, expect, it } from 'vitest';
import { systemActor, type UserActor } from '@/lib/auth/actor';
import { assertCan, can, PERMISSIONS, roleCan } from '@/lib/auth/permissions';
import { ROLES } from '@/lib/auth/roles';
import { ForbiddenError } from '@/lib/errors';

const actor = (role: UserActor['role']): UserActor => ({
  kind: 'user',
  userId: 'u',
  name: 'N',
  email: 'n@example.com',
  role,
});

describe('role permissions', () => {
  it('gives read-only users sight and export, and nothing that changes anything', () => {
    const granted = PERMISSIONS.filter((p) => roleCan('read_only', p));
    expect(granted.sort()).toEqual(['events.view', 'tickets.export', 'tickets.view']);
  });

  it('lets users work tickets but not manage schedules, policies or people', () => {
    expect(roleCan('user', 'tickets.work')).toBe(true);
    for (const p of [
      'schedules.manage',
      'library.manage',
      'policies.manage',
      'users.manage',
      'incidents.bulk-close',
    ] as const) {
      expect(roleCan('user', p), p).toBe(false);
    }
  });

  it('adds schedules, the library and policies for power users, but not user management or bulk close', () => {
    expect(roleCan('power_user', 'schedules.manage')).toBe(true);
    expect(roleCan('power_user', 'library.manage')).toBe(true);
    expect(roleCan('power_user', 'policies.manage')).toBe(true);
    expect(roleCan('power_user', 'users.manage')).toBe(false);
    expect(roleCan('power_user', 'incidents.bulk-close')).toBe(false);
  });

  it('gives administrators every permission', () => {
    for (const p of PERMISSIONS) expect(roleCan('admin', p), p).toBe(true);
  });

  it('orders roles so each grants at least what the one below it does', () => {
    const ladder = [...ROLES].reverse(); // read_only, user, power_user, admin
    for (let i = 1; i < ladder.length; i++) {
      for (const p of PERMISSIONS) {
        if (roleCan(ladder[i - 1], p))
          expect(roleCan(ladder[i], p), `${ladder[i]} ${p}`).toBe(true);
      }
    }
  });

  it('throws ForbiddenError for a refused actor and lets the system act', () => {
    expect(() => assertCan(actor('read_only'), 'tickets.work')).toThrow(ForbiddenError);
    expect(() => assertCan(actor('user'), 'tickets.work')).not.toThrow();
    expect(can(systemActor('worker'), 'users.manage')).toBe(true);
  });
});
