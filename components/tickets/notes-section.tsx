import type { ComponentProps } from 'react';
import { NoteForm } from '@/components/notes/note-form';
import { Card } from '@/components/ui/card';
import { Markdown } from '@/components/ui/markdown';
import { formatDateTime } from '@/lib/time/format';
import type { TicketNote } from './ticket-types';

/** The notes, oldest first, and the form to add one when the viewer can work the item. */
export function NotesSection({
  notes,
  timeZone,
  addNote,
}: {
  notes: TicketNote[];
  timeZone: string;
  addNote?: ComponentProps<typeof NoteForm>['action'];
}) {
  return (
    <Card title={`Notes (${notes.length})`}>
      <div id="notes" className="space-y-4">
        {notes.map((note) => (
          <article key={note.id} className="border-b border-slate-100 pb-3">
            <header className="mb-1 text-xs text-slate-500">
              {/* The label carries the address for the record; the page shows the name. */}
              <span className="font-medium text-slate-700">
                {note.authorLabel.replace(/ <.*>$/, '')}
              </span>{' '}
              · {formatDateTime(note.createdAt, timeZone)}
              {note.editedAt && ` · edited ${formatDateTime(note.editedAt, timeZone)}`}
            </header>
            <Markdown>{note.body}</Markdown>
          </article>
        ))}
        {addNote && <NoteForm action={addNote} />}
      </div>
    </Card>
  );
}
