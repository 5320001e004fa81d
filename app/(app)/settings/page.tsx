import type { Metadata } from 'next';
import Link from 'next/link';
import { DatabaseRoleWarning } from '@/components/settings/database-role-warning';
import { PageHeader } from '@/components/ui/page-header';
import { roleCan, type Permission } from '@/lib/auth/permissions';
import { requireUser } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Settings' };

const SECTIONS: { href: string; title: string; description: string; permission?: Permission }[] = [
  {
    href: '/settings/profile',
    title: 'Your profile',
    description: 'Your name, your time zone, your password and how you get emails.',
  },
  {
    href: '/settings/tokens',
    title: 'API tokens',
    description: 'Tokens that let scripts and other systems use the API as you.',
  },
  {
    href: '/settings/users',
    title: 'Users',
    description: 'Invite people, set roles and teams, reset passwords, deactivate.',
    permission: 'users.manage',
  },
  {
    href: '/settings/organization',
    title: 'Organization',
    description: 'Time zone, holidays and on-call instructions.',
    permission: 'organization.manage',
  },
  {
    href: '/settings/integrations',
    title: 'Integrations',
    description: 'Signed webhooks to other systems, Slack and Microsoft Teams.',
    permission: 'organization.manage',
  },
  {
    href: '/settings/teams',
    title: 'Teams',
    description: 'Groups such as TRAC that can own incidents and tasks.',
    permission: 'users.manage',
  },
  {
    href: '/settings/outbox',
    title: 'Outbox',
    description: 'Queued, sent and failed emails; retry failures; read the development mailbox.',
    permission: 'outbox.view',
  },
];

export default async function SettingsPage() {
  const user = await requireUser();
  const sections = SECTIONS.filter((s) => !s.permission || roleCan(user.role, s.permission));
  return (
    <>
      <PageHeader title="Settings" />
      {roleCan(user.role, 'organization.manage') && (
        <div className="mb-4">
          <DatabaseRoleWarning />
        </div>
      )}
      <ul className="grid gap-4 sm:grid-cols-2">
        {sections.map((s) => (
          <li key={s.href}>
            <Link
              href={s.href}
              className="block rounded-lg border border-slate-200 bg-white p-5 hover:border-brand-600"
            >
              <h2 className="font-semibold">{s.title}</h2>
              <p className="mt-1 text-sm text-slate-600">{s.description}</p>
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
