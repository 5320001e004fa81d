import type { Permission } from '@/lib/auth/permissions';

export type NavItem = { href: string; label: string; permission?: Permission };

// The app's sections. A permission hides the link from roles that may not open the page;
// the page itself checks again.
export const NAV_ITEMS: NavItem[] = [
  { href: '/dashboard', label: 'Dashboard', permission: 'tickets.view' },
  { href: '/incidents', label: 'Incidents', permission: 'tickets.view' },
  { href: '/tasks', label: 'Tasks', permission: 'tickets.view' },
  { href: '/schedules', label: 'Task Schedules', permission: 'tickets.view' },
  { href: '/library', label: 'Library', permission: 'tickets.view' },
  { href: '/events', label: 'Events', permission: 'events.view' },
  { href: '/triggers', label: 'Triggers', permission: 'tickets.view' },
  { href: '/policies', label: 'Policies', permission: 'tickets.view' },
  { href: '/reports', label: 'Reports', permission: 'tickets.view' },
  { href: '/settings', label: 'Settings' },
];
