import type { Role } from '@/db/schema';

export const ROLES = [
  'admin',
  'power_user',
  'user',
  'read_only',
] as const satisfies readonly Role[];

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administrator',
  power_user: 'Power User',
  user: 'User',
  read_only: 'Read-only',
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  admin: 'Everything, including user management and bulk close.',
  power_user: 'Works tickets and also manages schedules, the library and policies.',
  user: 'Creates and works incidents and tasks.',
  read_only: 'Sees and exports everything, changes nothing (auditors, examiners).',
};

export type { Role };
