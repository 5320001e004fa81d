import type { ComponentProps, ReactNode } from 'react';
import { PageHeader } from './page-header';

/** A page that is one form (new or edit): the header, then the form on a panel. */
export function FormPage({
  children,
  ...header
}: ComponentProps<typeof PageHeader> & { children: ReactNode }) {
  return (
    <>
      <PageHeader {...header} />
      <div className="max-w-4xl rounded-lg border border-slate-200 bg-white p-6">{children}</div>
    </>
  );
}
