import type { ReactNode } from 'react';

/** What a list shows when nothing is in it: what is missing, and what to do about it. */
export function EmptyState({
  title,
  children,
  action,
}: {
  title: string;
  children?: ReactNode;
  action?: ReactNode;
}) {
  return (
    <div className="px-6 py-10 text-center" role="status">
      <p className="text-sm font-medium text-slate-900">{title}</p>
      {children && (
        <div className="mx-auto mt-1 max-w-prose text-sm text-slate-600">{children}</div>
      )}
      {action && <div className="mt-4 flex justify-center gap-2">{action}</div>}
    </div>
  );
}
