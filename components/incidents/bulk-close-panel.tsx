'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { inputClass } from '@/components/ui/field';
import { BULK_FORM_ID } from './bulk-form-id';

// Administrators only (the page renders this for them alone; the route refuses others).
// The row checkboxes live in the server-rendered table and join this form through their
// `form` attribute, so the table needs no client state of its own.


type Progress = { closed: number; alreadyClosed: number; missing: number; total: number };
type Line = ({ type: 'progress' } & Progress) | ({ type: 'done'; message: string } & Progress) | { type: 'error'; message: string };

/** Ticks or clears every row on this page. */
export function SelectPageCheckbox() {
  return (
    <input
      type="checkbox"
      aria-label="Select every incident on this page"
      onChange={(event) => {
        for (const box of document.querySelectorAll<HTMLInputElement>(`input[name="ids"][form="${BULK_FORM_ID}"]`)) box.checked = event.target.checked;
      }}
    />
  );
}

export function BulkClosePanel({ filter, matchCount, capped, limit }: { filter: string; matchCount: number; capped: boolean; limit: number }) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [result, setResult] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const [running, setRunning] = useState(false);
  const matching = capped ? `${matchCount.toLocaleString('en-US')}+` : matchCount.toLocaleString('en-US');

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const note = String(form.get('note') ?? '').trim();
    const all = form.get('all') === 'on';
    const ids = form.getAll('ids').map(String);
    if (!note) return setResult({ tone: 'error', text: 'Write the closing note shared by all of them.' });
    if (!all && ids.length === 0) return setResult({ tone: 'error', text: 'Tick the incidents to close, or “all matching this filter”.' });
    const count = all ? matching : ids.length.toLocaleString('en-US');
    if (!confirm(`Close ${count} incident${count === '1' ? '' : 's'} with this note?`)) return;

    setRunning(true);
    setResult(null);
    setProgress(null);
    try {
      const response = await fetch('/incidents/bulk-close', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(all ? { filter, note } : { ids, note }),
      });
      if (!response.ok || !response.body) {
        const problem = (await response.json().catch(() => null)) as { error?: string; fields?: Record<string, string> } | null;
        const detail = problem?.fields ? Object.values(problem.fields).join(' ') : '';
        setResult({ tone: 'error', text: [problem?.error ?? `The server answered ${response.status}.`, detail].filter(Boolean).join(' ') });
        return;
      }
      // One JSON object per line: a progress line per batch of 500, then "done" or "error".
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffered = '';
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffered += value;
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const text of lines.filter(Boolean)) {
          const line = JSON.parse(text) as Line;
          if (line.type === 'progress') setProgress(line);
          else if (line.type === 'done') setResult({ tone: 'success', text: line.message });
          else setResult({ tone: 'error', text: line.message });
        }
      }
      formRef.current?.reset();
      router.refresh();
    } catch {
      setResult({ tone: 'error', text: 'The connection was lost. Incidents closed so far stay closed; reload to see where it stopped.' });
    } finally {
      setRunning(false);
    }
  }

  return (
    <form id={BULK_FORM_ID} ref={formRef} onSubmit={submit} className="mb-4 rounded-lg border border-slate-200 bg-white p-4" aria-label="Close incidents in bulk">
      <h2 className="mb-2 text-sm font-semibold text-slate-900">Close in bulk</h2>
      <div className="flex flex-wrap items-end gap-4">
        <label className="block min-w-72 flex-1 text-sm">
          <span className="mb-1 block font-medium text-slate-800">Closing note, shared by all</span>
          <textarea name="note" rows={2} maxLength={20000} className={inputClass} disabled={running} />
        </label>
        <label className="inline-flex items-center gap-1.5 text-sm">
          <input type="checkbox" name="all" disabled={running || matchCount === 0} />
          Select all {matching} matching this filter
          {capped && <span className="text-slate-500">(up to {limit.toLocaleString('en-US')})</span>}
        </label>
        <Button type="submit" variant="danger" disabled={running}>
          {running ? 'Closing…' : 'Close selected'}
        </Button>
      </div>
      <div aria-live="polite" className="mt-3 space-y-2">
        {running && progress && (
          <div>
            <progress className="w-full" max={progress.total} value={progress.closed + progress.alreadyClosed + progress.missing} />
            <p className="text-sm text-slate-600">
              {(progress.closed + progress.alreadyClosed + progress.missing).toLocaleString('en-US')} of {progress.total.toLocaleString('en-US')} done
            </p>
          </div>
        )}
        {result && <Alert tone={result.tone}>{result.text}</Alert>}
      </div>
    </form>
  );
}
