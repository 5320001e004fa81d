import type { Metadata } from 'next';
import Link from 'next/link';
import { LibraryTable } from '@/components/library/library-table';
import { Button } from '@/components/ui/button';
import { inputClass } from '@/components/ui/field';
import { Flash } from '@/components/ui/flash';
import { PageHeader } from '@/components/ui/page-header';
import { getDb } from '@/db/client';
import { roleCan } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import {
  getLibraryFacets,
  getLibraryTemplates,
  parseLibraryParams,
} from '@/lib/library/get-library';
import { INTERVAL_LABELS, INTERVALS, type Interval } from '@/lib/library/templates';
import { getOrganization } from '@/lib/organization/get-organization';
import { getPickerOptions } from '@/lib/pickers';
import { getStillCopied } from './copied';

export const metadata: Metadata = { title: 'Library' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function LibraryPage({ searchParams }: Props) {
  const { user } = await requirePermission('tickets.view');
  const search = await searchParams;
  const params = parseLibraryParams(search);
  const db = getDb();
  const canCopy = roleCan(user.role, 'library.manage');
  const [templates, facets, options, organization, copied] = await Promise.all([
    getLibraryTemplates(db, params),
    getLibraryFacets(db),
    getPickerOptions(db),
    getOrganization(db),
    getStillCopied(db, search.copied),
  ]);
  return (
    <>
      <PageHeader
        title="Library"
        description="Expert-written schedule templates with recommended intervals, ready to copy and tailor."
      />
      {copied.length > 0 && (
        <Flash
          title={`Copied ${copied.length} template${copied.length === 1 ? '' : 's'} to your schedules`}
          dismissHref="/library"
        >
          <p>Open each to tailor it; paused copies start once activated.</p>
          <ul className="list-disc pl-5">
            {copied.map((schedule) => (
              <li key={schedule.id}>
                <Link href={`/schedules/${schedule.id}`} className="font-medium underline">
                  {schedule.name}
                </Link>
              </li>
            ))}
          </ul>
        </Flash>
      )}
      <form
        method="get"
        className="mb-4 grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-4"
        aria-label="Filters"
      >
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">Category</span>
          <select name="category" defaultValue={params.category ?? ''} className={inputClass}>
            <option value="">All</option>
            {facets.categories.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">Framework</span>
          <select name="framework" defaultValue={params.framework ?? ''} className={inputClass}>
            <option value="">All</option>
            {facets.frameworks.map((f) => (
              <option key={f} value={f}>
                {f}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">Interval</span>
          <select name="interval" defaultValue={params.interval ?? ''} className={inputClass}>
            <option value="">All</option>
            {INTERVALS.map((i) => (
              <option key={i} value={i}>
                {INTERVAL_LABELS[i]}
              </option>
            ))}
          </select>
        </label>
        <div className="flex items-end gap-2">
          <Button type="submit">Filter</Button>
          <Link href="/library" className="text-sm text-brand-700 underline">
            Clear
          </Link>
        </div>
      </form>
      {/* Keyed by the copy just made: the copy dialog and the selection start afresh. */}
      <LibraryTable
        key={String(search.copied ?? '')}
        canCopy={canCopy}
        options={options}
        defaultTimeZone={organization?.timeZone ?? user.timeZone}
        rows={templates.map((t) => ({
          key: t.key,
          name: t.name,
          category: t.category,
          intervalLabel: INTERVAL_LABELS[t.interval as Interval] ?? t.interval,
          dueInDays: t.dueInDays,
          description: t.description,
          query: t.query,
          policies: t.policyRefs.map((p) => `${p.framework} ${p.reference}`),
        }))}
      />
    </>
  );
}
