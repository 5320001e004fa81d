import Link from 'next/link';
import type { ReactNode } from 'react';

const TONES = {
  success: 'border-green-200 bg-green-50 text-green-900',
  info: 'border-brand-100 bg-brand-50 text-brand-900',
} as const;

/**
 * A message about something that just happened ("Copied 2 templates"), read out by screen
 * readers when it appears. The page decides when it is old news (the item changed since) and
 * stops rendering it; Dismiss goes to `dismissHref`, the same page without the message.
 */
export function Flash({
  tone = 'success',
  title,
  children,
  dismissHref,
}: {
  tone?: keyof typeof TONES;
  title: string;
  children?: ReactNode;
  dismissHref: string;
}) {
  return (
    <div
      role="status"
      aria-label={title}
      className={`mb-4 flex items-start justify-between gap-4 rounded-md border px-4 py-3 text-sm ${TONES[tone]}`}
    >
      <div className="space-y-1">
        <p className="font-semibold">{title}</p>
        {children}
      </div>
      <Link href={dismissHref} className="shrink-0 underline" aria-label={`Dismiss: ${title}`}>
        Dismiss
      </Link>
    </div>
  );
}
