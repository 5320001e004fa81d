'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { inputClass } from '@/components/ui/field';
import { useSelectedCount } from '@/components/ui/row-selection';
import { BULK_FORM_ID } from './bulk-form-id';

// Administrators only (the page renders this for them alone; the route refuses others).
// The row checkboxes live in the server-rendered table and join this form through their
// `form` attribute, so the table needs no client state of its own. At rest the bar is one
// quiet line; ticking rows (or "all matching") shows the count and "Close…", which asks for
// the shared note before the red button appears.

type Progress = { closed: number; alreadyClosed: number; missing: number; total: number };
type Line =
  | ({ type: 'progress' } & Progress)
  | ({ type: 'done'; message: string } & Progress)
  | { type: 'error'; message: string };

export function BulkCloseBar({
  filter,
  matchCount,
  capped,
  limit,
}: {
  filter: string;
  matchCount: number;
  capped: boolean;
  limit: number;
}) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [result, setResult] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const [running, setRunning] = useState(false);
  const [all, setAll] = useState(false);
  const [closing, setClosing] = useState(false);
  const noteField = useRef<HTMLTextAreaElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  const opened = useRef(false);
  const ticked = useSelectedCount(BULK_FORM_ID, 'ids');
  const selected = all || ticked > 0;
  // The note field appears on "Close…": put the cursor there, as a dialog would, and give it
  // back to "Close…" on Cancel or Escape so a keyboard user is not dropped at the page's top.
  useEffect(() => {
    if (closing) noteField.current?.focus();
    else if (opened.current) closeButton.current?.focus();
    opened.current = closing;
  }, [closing]);
  const matching = capped
    ? `${matchCount.toLocaleString('en-US')}+`
    : matchCount.toLocaleString('en-US');

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const note = String(form.get('note') ?? '').trim();
    const all = form.get('all') === 'on';
    const ids = form.getAll('ids').map(String);
    if (!note)
      return setResult({ tone: 'error', text: 'Write the closing note shared by all of them.' });
    if (!all && ids.length === 0)
      return setResult({
        tone: 'error',
        text: 'Tick the incidents to close, or “all matching this filter”.',
      });
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
        const problem = (await response.json().catch(() => null)) as {
          error?: string;
          fields?: Record<string, string>;
        } | null;
        const detail = problem?.fields ? Object.values(problem.fields).join(' ') : '';
        setResult({
          tone: 'error',
          text: [problem?.error ?? `The server answered ${response.status}.`, detail]
            .filter(Boolean)
            .join(' '),
        });
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
      setAll(false);
      setClosing(false);
      router.refresh();
    } catch {
      setResult({
        tone: 'error',
        text: 'The connection was lost. Incidents closed so far stay closed; reload to see where it stopped.',
      });
    } finally {
      setRunning(false);
    }
  }

  const selectedText = all
    ? `All ${matching} matching`
    : `${ticked.toLocaleString('en-US')} selected`;

  return (
    <form
      id={BULK_FORM_ID}
      ref={formRef}
      onSubmit={submit}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && closing && !running) setClosing(false);
      }}
      aria-label="Close incidents in bulk"
      className={
        selected || result
          ? 'sticky bottom-4 z-20 mt-3 rounded-lg border border-slate-300 bg-white px-4 py-3 shadow-lg'
          : 'mt-3'
      }
    >
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
        {selected && (
          <p className="font-medium text-slate-900" data-testid="bulk-selected" aria-live="polite">
            {selectedText}
          </p>
        )}
        <label className="inline-flex items-center gap-1.5 text-slate-700">
          <input
            type="checkbox"
            name="all"
            checked={all}
            onChange={(event) => setAll(event.target.checked)}
            disabled={running || matchCount === 0}
          />
          Select all {matching} matching this filter
          {capped && (
            <span className="text-slate-500">(up to {limit.toLocaleString('en-US')})</span>
          )}
        </label>
        {selected && !closing && (
          <Button ref={closeButton} size="sm" variant="secondary" onClick={() => setClosing(true)}>
            Close…
          </Button>
        )}
      </div>
      {selected && closing && (
        <div className="mt-3 flex flex-wrap items-end gap-3">
          <label className="block min-w-72 flex-1 text-sm">
            <span className="mb-1 block font-medium text-slate-800">
              Closing note, shared by all
            </span>
            <textarea
              ref={noteField}
              name="note"
              rows={2}
              maxLength={20000}
              className={inputClass}
              disabled={running}
            />
          </label>
          <Button type="submit" variant="danger" disabled={running}>
            {running ? 'Closing…' : 'Close selected'}
          </Button>
          <Button variant="ghost" disabled={running} onClick={() => setClosing(false)}>
            Cancel
          </Button>
        </div>
      )}
      <div aria-live="polite" className="space-y-2 empty:hidden">
        {running && progress && (
          <div className="mt-3">
            <progress
              className="w-full"
              max={progress.total}
              value={progress.closed + progress.alreadyClosed + progress.missing}
            />
            <p className="text-sm text-slate-600">
              {(progress.closed + progress.alreadyClosed + progress.missing).toLocaleString(
                'en-US',
              )}{' '}
              of {progress.total.toLocaleString('en-US')} done
            </p>
          </div>
        )}
        {result && (
          <div className="mt-3">
            <Alert tone={result.tone}>{result.text}</Alert>
          </div>
        )}
      </div>
    </form>
  );
}
