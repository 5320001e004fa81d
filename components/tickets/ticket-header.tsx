import Link from 'next/link';
import type { ReactNode } from 'react';
import { PageHeader } from '@/components/ui/page-header';

/** "INC-1042 · Title", the item's badges, and Edit for those who can work it. */
export function TicketHeader({
  title,
  badges,
  editHref,
}: {
  title: string;
  badges: ReactNode;
  editHref?: string;
}) {
  return (
    <PageHeader
      title={title}
      description={<span className="flex flex-wrap items-center gap-2">{badges}</span>}
      actions={
        editHref && (
          <Link
            href={editHref}
            className="rounded-md border border-slate-300 bg-white px-3.5 py-2 text-sm font-medium hover:bg-slate-100"
          >
            Edit
          </Link>
        )
      }
    />
  );
}
