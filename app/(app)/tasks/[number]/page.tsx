import type { Metadata } from 'next';
import Link from 'next/link';
import { ReviewEvidenceSection } from '@/components/tasks/review-evidence-section';
import { TaskStateForm } from '@/components/tasks/task-state-form';
import { ActivitySection } from '@/components/tickets/activity-section';
import { AttachmentsSection } from '@/components/tickets/attachments-section';
import { DescriptionSection } from '@/components/tickets/description-section';
import { DetailRow, DetailsSection } from '@/components/tickets/details-section';
import { NotesSection } from '@/components/tickets/notes-section';
import { TicketHeader } from '@/components/tickets/ticket-header';
import { TicketLayout } from '@/components/tickets/ticket-layout';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { Markdown } from '@/components/ui/markdown';
import { getDb } from '@/db/client';
import { getActivity } from '@/lib/activity/get-activity';
import { roleCan } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { TASK_STATE_LABELS, taskNumberLabel } from '@/lib/tasks/schemas';
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
  const activity = await getActivity(getDb(), {
    entityType: 'task',
    entityId: task.id,
    limit: 200,
  });
  const canWork = roleCan(user.role, 'tickets.work');
  const tz = user.timeZone;
  const label = taskNumberLabel(task.number);
  const basePath = `/tasks/${task.number}`;
  // "created" holds the version the new task had: once it changed, the banner is old news.
  const justCreated = created !== undefined && Number(created) === task.version;

  return (
    <>
      {justCreated && (
        <div className="mb-4">
          <Alert tone="success">{label} is open. Its owner and watchers are being notified.</Alert>
        </div>
      )}
      <TicketHeader
        title={`${label} · ${task.title}`}
        badges={
          <>
            <Badge
              tone={task.state === 'open' ? 'brand' : task.state === 'closed' ? 'green' : 'neutral'}
            >
              {TASK_STATE_LABELS[task.state]}
            </Badge>
            {task.overdue && <Badge tone="red">Overdue</Badge>}
            {task.generatedLate && <Badge tone="amber">Generated late</Badge>}
            {task.tags.map((tag) => (
              <Link key={tag} href={`/tasks?state=all&tag=${encodeURIComponent(tag)}`}>
                <Badge>{tag}</Badge>
              </Link>
            ))}
          </>
        }
        editHref={canWork ? `${basePath}/edit` : undefined}
      />
      <TicketLayout
        main={
          <>
            <DescriptionSection description={task.description} />
            {task.reviewEvidence && (
              <ReviewEvidenceSection evidence={task.reviewEvidence} timeZone={tz} />
            )}
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
            <NotesSection
              notes={task.notes}
              timeZone={tz}
              addNote={canWork ? addTaskNoteAction.bind(null, task.id) : undefined}
            />
            <ActivitySection basePath={basePath} rows={activity} timeZone={tz} />
          </>
        }
        aside={
          <>
            <DetailsSection
              ticket={task}
              timeZone={tz}
              closedTerm={task.state === 'invalid' ? 'Marked invalid' : 'Closed'}
              extra={
                <>
                  {task.scheduleId && (
                    <DetailRow term="Schedule">
                      <Link
                        href={`/tasks?state=all&schedule=${task.scheduleId}`}
                        className="text-brand-700 underline"
                      >
                        Tasks of this schedule
                      </Link>
                      {task.occurrenceAt &&
                        ` · occurrence ${formatDateTime(task.occurrenceAt, tz)}`}
                    </DetailRow>
                  )}
                  {task.query && (
                    <DetailRow term="Event query">
                      <span className="font-mono text-xs">{task.query}</span>
                    </DetailRow>
                  )}
                </>
              }
            />
            {canWork && (
              <Card title="State">
                {/* Keyed by version: after any change the panel is drawn afresh for the new state. */}
                <TaskStateForm
                  key={task.version}
                  taskId={task.id}
                  state={task.state}
                  version={task.version}
                />
              </Card>
            )}
            <AttachmentsSection
              basePath={basePath}
              attachments={task.attachments}
              canUpload={canWork}
            />
          </>
        }
      />
    </>
  );
}
