import Link from 'next/link';
import type { ReactNode } from 'react';
import { NAV_ITEMS } from '@/components/shell/nav-items';
import { NavLinks } from '@/components/shell/nav-links';
import { SignOutButton } from '@/components/shell/sign-out-button';
import { roleCan } from '@/lib/auth/permissions';
import { ROLE_LABELS } from '@/lib/auth/roles';
import { requireUser } from '@/lib/auth/session';

export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  const items = NAV_ITEMS.filter(
    (item) => !item.permission || roleCan(user.role, item.permission),
  ).map(({ href, label }) => ({
    href,
    label,
  }));
  return (
    <div className="flex min-h-screen">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to main content
      </a>
      <aside className="surface-dark sticky top-0 flex h-screen w-60 shrink-0 flex-col self-start bg-brand-900 text-white">
        <Link href="/dashboard" className="px-5 py-5 text-xl font-bold tracking-tight">
          Vigil
        </Link>
        <nav aria-label="Main" className="flex-1 px-3">
          <NavLinks items={items} />
        </nav>
        <div className="border-t border-white/10 px-5 py-4 text-sm">
          <p className="font-medium" data-testid="current-user">
            {user.name}
          </p>
          <p className="text-xs text-slate-300">
            {ROLE_LABELS[user.role]} · {user.timeZone}
          </p>
          <div className="mt-2 -ml-2">
            <SignOutButton />
          </div>
        </div>
      </aside>
      <main id="main" className="min-w-0 flex-1 px-8 py-8">
        {children}
      </main>
    </div>
  );
}
