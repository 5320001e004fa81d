import type { Metadata } from 'next';
import Link from 'next/link';
import { ActivityLog } from '@/components/activity/activity-log';
import { AttachmentUpload } from '@/components/incidents/attachment-upload';
import { NoteForm } from '@/components/notes/note-form';
import { TaskStateForm } from '@/components/tasks/task-state-form';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { Markdown } from '@/components/ui/markdown';
import { PageHeader } from '@/components/ui/page-header';
import { getDb } from '@/db/client';
import { getActivity } from '@/lib/activity/get-activity';
import { roleCan } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { TASK_STATE_LABELS, taskNumberLabel } from '@/lib/tasks/schemas';
import { formatBytes } from '@/lib/format-bytes';
import { formatDateTime } from '@/lib/time/format';
import { addTaskNoteAction } from '../actions';
import { loadTask } from './load-task';

type Props = { params: Promise<{ number: string }>; searchParams: Promise<{ created?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `TASK-${(await params).number.replace(/^task-/i, '')}` };
}

// No delete button, by design: tasks are evidence and PostgreSQL refuses to delete them.
export default async function TaskPage({ params, searchParams }: Props) {
  const { user } = await requirePermission('tickets.view');
  const task = await loadTask((await params).number);
  const { created } = await searchParams;
  const activity = await getActivity(getDb(), { entityType: 'task', entityId: task.id, limit: 200 });
  const canWork = roleCan(user.role, 'tickets.work');
  const tz = user.timeZone;
  const label = taskNumberLabel(task.number);
  // "created" holds the version the new task had: once it changed, the banner is old news.
  const justCreated = created !== undefined && Number(created) === task.version;

  return (
    <>
      {justCreated && (
        <div className="mb-4">
          <Alert tone="success">{label} is open. Its owner and watchers are being notified.</Alert>
        </div>
      )}
      <PageHeader
        title={`${label} · ${task.title}`}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <Badge tone={task.state === 'open' ? 'brand' : task.state === 'closed' ? 'green' : 'neutral'}>{TASK_STATE_LABELS[task.state]}</Badge>
            {task.overdue && <Badge tone="red">Overdue</Badge>}
            {task.generatedLate && <Badge tone="amber">Generated late</Badge>}
            {task.tags.map((tag) => (
              <Link key={tag} href={`/tasks?state=all&tag=${encodeURIComponent(tag)}`}>
                <Badge>{tag}</Badge>
              </Link>
            ))}
          </span>
        }
        actions={
          canWork && (
            <Link href={`/tasks/${task.number}/edit`} className="rounded-md border border-slate-300 bg-white px-3.5 py-2 text-sm font-medium hover:bg-slate-100">
              Edit
            </Link>
          )
        }
      />
      <div className="grid items-start gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card title="Description">
            {task.description ? <Markdown>{task.description}</Markdown> : <p className="text-sm text-slate-500">No description.</p>}
          </Card>
          {task.state === 'closed' && task.findings && (
            <Card title="Findings">
              <Markdown>{task.findings}</Markdown>
            </Card>
          )}
          {task.state === 'invalid' && task.invalidReason && (
            <Card title="Why it is invalid">
              <Markdown>{task.invalidReason}</Markdown>
            </Card>
          )}
          <Card title={`Notes (${task.notes.length})`}>
            <div id="notes" className="space-y-4">
              {task.notes.map((note) => (
                <article key={note.id} className="border-b border-slate-100 pb-3">
                  <header className="mb-1 text-xs text-slate-500">
                    <span className="font-medium text-slate-700">{note.authorLabel.replace(/ <.*>$/, '')}</span> · {formatDateTime(note.createdAt, tz)}
                    {note.editedAt && ` · edited ${formatDateTime(note.editedAt, tz)}`}
                  </header>
                  <Markdown>{note.body}</Markdown>
                </article>
              ))}
              {canWork && <NoteForm action={addTaskNoteAction.bind(null, task.id)} />}
            </div>
          </Card>
          <Card title="Activity log">
            <div id="activity">
              <a href={`/tasks/${task.number}/activity.csv`} className="mb-3 inline-block text-sm text-brand-700 underline" download>
                Download the activity log (CSV)
              </a>
              <ActivityLog rows={activity} timeZone={tz} />
            </div>
          </Card>
        </div>
        <div className="space-y-6">
          <Card title="Details">
            <dl className="grid grid-cols-3 gap-x-3 gap-y-2 text-sm">
              <dt className="text-slate-500">Owner</dt>
              <dd className="col-span-2">{task.owner ? `${task.owner.name}${task.owner.type === 'team' ? ' (team)' : ''}` : 'Unassigned'}</dd>
              <dt className="text-slate-500">Due</dt>
              <dd className="col-span-2">{formatDateTime(task.dueAt, tz)}</dd>
              <dt className="text-slate-500">Created</dt>
              <dd className="col-span-2">
                {formatDateTime(task.createdAt, tz)} by {task.createdByName ?? 'Vigil'}
              </dd>
              {task.closedAt && (
                <>
                  <dt className="text-slate-500">{task.state === 'invalid' ? 'Marked invalid' : 'Closed'}</dt>
                  <dd className="col-span-2">{formatDateTime(task.closedAt, tz)}</dd>
                </>
              )}
              {task.scheduleId && (
                <>
                  <dt className="text-slate-500">Schedule</dt>
                  <dd className="col-span-2">
                    <Link href={`/tasks?state=all&schedule=${task.scheduleId}`} className="text-brand-700 underline">
                      Tasks of this schedule
                    </Link>
                    {task.occurrenceAt && ` · occurrence ${formatDateTime(task.occurrenceAt, tz)}`}
                  </dd>
                </>
              )}
              {task.query && (
                <>
                  <dt className="text-slate-500">Event query</dt>
                  <dd className="col-span-2 font-mono text-xs">{task.query}</dd>
                </>
              )}
              <dt className="text-slate-500">Watchers</dt>
              <dd className="col-span-2">
                {task.watchers.length ? task.watchers.map((w) => `${w.name} (${w.frequency === 'all' ? 'all' : 'opened and closed'})`).join(', ') : '—'}
              </dd>
              <dt className="text-slate-500">Policies</dt>
              <dd className="col-span-2">{task.policies.length ? task.policies.map((p) => `${p.framework} ${p.reference}`).join(', ') : '—'}</dd>
            </dl>
          </Card>
          {canWork && (
            <Card title="State">
              {/* Keyed by version: after any change the panel is drawn afresh for the new state. */}
              <TaskStateForm key={task.version} taskId={task.id} state={task.state} version={task.version} />
            </Card>
          )}
          <Card title={`Attachments (${task.attachments.length})`}>
            <div id="attachments" className="space-y-3">
              <ul className="space-y-1 text-sm">
                {task.attachments.map((a) => (
                  <li key={a.id}>
                    <a href={`/tasks/${task.number}/attachments/${a.id}`} className="text-brand-700 underline" download>
                      {a.fileName}
                    </a>{' '}
                    <span className="text-xs text-slate-500">
                      {a.contentType}, {formatBytes(a.sizeBytes)}
                    </span>
                  </li>
                ))}
              </ul>
              {canWork && <AttachmentUpload uploadUrl={`/tasks/${task.number}/attachments`} />}
            </div>
          </Card>
        </div>
      </div>
    </>
  );
}
