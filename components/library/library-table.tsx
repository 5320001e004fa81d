'use client';

import { useRef, useState } from 'react';
import { copyTemplatesAction } from '@/app/(app)/library/actions';
import { TimeZoneSelect } from '@/components/settings/time-zone-select';
import { OwnerSelect } from '@/components/tickets/owner-select';
import { WatcherPicker } from '@/components/tickets/watcher-picker';
import { Alert } from '@/components/ui/alert';
import { BadgeList } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { DataTable, type Column } from '@/components/ui/data-table';
import { Markdown } from '@/components/ui/markdown';
import { useKeptForm } from '@/components/ui/use-kept-form';
import type { PickerOptions } from '@/lib/pickers';

export type LibraryRow = {
  key: string;
  name: string;
  category: string;
  intervalLabel: string;
  dueInDays: number;
  description: string;
  query: string;
  policies: string[];
};

/** The templates with checkboxes, and the "Copy selected" dialog. */
export function LibraryTable({
  rows,
  canCopy,
  options,
  defaultTimeZone,
}: {
  rows: LibraryRow[];
  canCopy: boolean;
  options: PickerOptions;
  defaultTimeZone: string;
}) {
  const [selected, setSelected] = useState<string[]>([]);
  const [open, setOpen] = useState<string | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const { result: state, pending, formProps } = useKeptForm(copyTemplatesAction);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const toggle = (key: string, on: boolean) =>
    setSelected((s) => (on ? [...s, key] : s.filter((k) => k !== key)));
  // The selection is this component's state (the copy dialog lists it), so the boxes are a
  // column of their own rather than the table's form-bound selection.
  const columns: Column<LibraryRow>[] = [
    ...(canCopy
      ? [
          {
            key: 'select',
            header: 'Select',
            srOnlyHeader: true,
            cell: (row: LibraryRow) => (
              <input
                type="checkbox"
                aria-label={`Select ${row.name}`}
                checked={selected.includes(row.key)}
                onChange={(e) => toggle(row.key, e.target.checked)}
              />
            ),
          },
        ]
      : []),
    {
      key: 'name',
      header: 'Template',
      primary: true,
      unclamped: true,
      cell: (row) => (
        <>
          <button
            type="button"
            className="text-left font-medium text-brand-700 underline"
            onClick={() => setOpen(open === row.key ? null : row.key)}
            aria-expanded={open === row.key}
          >
            {row.name}
          </button>
          {open === row.key && (
            <div className="mt-2 max-w-2xl space-y-2">
              <Markdown>{row.description}</Markdown>
              {row.query && (
                <p className="text-xs">
                  Example query: <code className="rounded bg-slate-100 px-1">{row.query}</code>
                </p>
              )}
            </div>
          )}
        </>
      ),
    },
    {
      key: 'category',
      header: 'Category',
      hideBelow: 'md',
      fold: true,
      cell: (row) => row.category,
    },
    { key: 'interval', header: 'Interval', nowrap: true, cell: (row) => row.intervalLabel },
    {
      key: 'dueIn',
      header: 'Due in',
      nowrap: true,
      hideBelow: 'md',
      fold: true,
      cell: (row) => `${row.dueInDays} days`,
    },
    {
      key: 'policies',
      header: 'Policies',
      hideBelow: 'lg',
      fold: true,
      cell: (row) => <BadgeList items={row.policies} />,
    },
  ];

  return (
    <>
      {canCopy && (
        <div className="mb-3 flex items-center gap-3">
          <Button disabled={selected.length === 0} onClick={() => dialog.current?.showModal()}>
            Copy selected{selected.length ? ` (${selected.length})` : ''}
          </Button>
          <span className="text-sm text-slate-500">
            Copies appear on Task Schedules, tagged with the template they came from.
          </span>
        </div>
      )}
      <DataTable
        caption="Library templates"
        columns={columns}
        rows={rows}
        rowKey={(row) => row.key}
        empty="No templates match these filters."
      />
      <dialog
        ref={dialog}
        aria-labelledby="copy-title"
        className="m-auto w-full max-w-xl rounded-lg p-0 backdrop:bg-slate-900/40"
      >
        <form {...formProps} className="space-y-4 p-6" noValidate>
          <h2 id="copy-title" className="text-lg font-semibold">
            Copy {selected.length} template{selected.length === 1 ? '' : 's'}
          </h2>
          {state && !state.ok && <Alert tone="error">{state.error}</Alert>}
          {errors.keys && <Alert tone="error">{errors.keys}</Alert>}
          {selected.map((key) => (
            <input key={key} type="hidden" name="keys" value={key} />
          ))}
          <TimeZoneSelect defaultValue={defaultTimeZone} error={errors.timeZone} />
          <OwnerSelect
            options={{ teams: options.teams, people: options.owners }}
            error={errors.owner}
          />
          <WatcherPicker people={options.people} error={errors.watchers} />
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="active" />
            Activate now (otherwise the copies start paused, ready to tailor)
          </label>
          <div className="flex gap-2">
            <Button type="submit" disabled={pending || selected.length === 0}>
              {pending ? 'Copying…' : 'Copy'}
            </Button>
            <Button variant="secondary" onClick={() => dialog.current?.close()}>
              Cancel
            </Button>
          </div>
        </form>
      </dialog>
    </>
  );
}
