import { Card } from '@/components/ui/card';
import { getDb } from '@/db/client';
import { getIncidentNoticeClocks } from '@/lib/notice-clocks/incident-clocks';
import { getEnabledNoticeRules } from '@/lib/notice-clocks/rules';
import { formatDateTime } from '@/lib/time/format';
import { isoToLocalInput } from '@/lib/time/local-input';
import { NoticeClockBadge } from './notice-clock-badge';
import { MarkNotifiableForm, RecordNotificationForm } from './notice-clock-forms';

/**
 * The incident's regulator notification clocks: each rule it is notifiable under, who decided
 * and why, the time left or the notification as recorded; and for those who work incidents,
 * "Mark notifiable" and "Record notification".
 */
export async function IncidentNoticeSection({
  incidentId,
  basePath,
  attachments,
  timeZone,
  canWork,
}: {
  incidentId: string;
  basePath: string;
  attachments: { id: string; fileName: string }[];
  timeZone: string;
  canWork: boolean;
}) {
  const db = getDb();
  const [clocks, rules] = await Promise.all([
    getIncidentNoticeClocks(db, incidentId),
    canWork ? getEnabledNoticeRules(db) : [],
  ]);
  const now = new Date();
  const nowInput = isoToLocalInput(now, timeZone);
  const used = new Set(clocks.map((c) => c.ruleId));
  const choices = rules.filter((rule) => !used.has(rule.id));
  if (!clocks.length && !choices.length) return null;
  return (
    <Card title="Regulator notification">
      <div id="notice" className="space-y-4">
        {clocks.map((clock) => (
          <article
            key={clock.id}
            aria-label={`Notice clock: ${clock.ruleName}`}
            className="space-y-2 rounded border border-slate-200 p-3"
          >
            <div className="flex flex-wrap items-center justify-between gap-2">
              <h3 className="text-sm font-semibold text-slate-900">{clock.ruleName}</h3>
              <NoticeClockBadge clock={clock} now={now} />
            </div>
            <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
              {clock.ruleCitation && (
                <>
                  <dt className="text-slate-600">Citation</dt>
                  <dd>{clock.ruleCitation}</dd>
                </>
              )}
              <dt className="text-slate-600">Notify</dt>
              <dd>{clock.ruleNotify}</dd>
              <dt className="text-slate-600">Clock started</dt>
              <dd>{formatDateTime(clock.clockStartedAt, timeZone)}</dd>
              <dt className="text-slate-600">Deadline</dt>
              <dd>{formatDateTime(clock.deadlineAt, timeZone)}</dd>
              <dt className="text-slate-600">Decided</dt>
              <dd>
                {clock.decidedByName ?? 'Vigil'}, {formatDateTime(clock.decidedAt, timeZone)}
              </dd>
              <dt className="text-slate-600">Basis</dt>
              <dd className="whitespace-pre-wrap">{clock.basis}</dd>
              {clock.notifiedAt && (
                <>
                  <dt className="text-slate-600">Notification made</dt>
                  <dd>
                    {clock.notifiedTo}, {formatDateTime(clock.notifiedAt, timeZone)}
                  </dd>
                  <dt className="text-slate-600">Reference</dt>
                  <dd>{clock.notificationReference}</dd>
                  {clock.notificationAttachmentId && (
                    <>
                      <dt className="text-slate-600">Copy</dt>
                      <dd>
                        <a
                          href={`${basePath}/attachments/${clock.notificationAttachmentId}`}
                          className="text-brand-700 underline"
                          download
                        >
                          {clock.attachmentFileName}
                        </a>
                      </dd>
                    </>
                  )}
                  <dt className="text-slate-600">Recorded</dt>
                  <dd>
                    {clock.recordedByName ?? 'Vigil'}, {formatDateTime(clock.recordedAt, timeZone)}
                  </dd>
                </>
              )}
            </dl>
            {canWork && !clock.notifiedAt && (
              <details className="rounded border border-slate-200 p-3">
                <summary className="cursor-pointer text-sm font-medium text-brand-700">
                  Record the notification
                </summary>
                <div className="mt-3">
                  <RecordNotificationForm
                    key={clock.version}
                    clockId={clock.id}
                    version={clock.version}
                    attachments={attachments}
                    now={nowInput}
                  />
                </div>
              </details>
            )}
          </article>
        ))}
        {choices.length > 0 && (
          <details className="rounded border border-slate-200 p-3">
            <summary className="cursor-pointer text-sm font-medium text-brand-700">
              Mark notifiable
            </summary>
            <div className="mt-3">
              <MarkNotifiableForm
                key={choices.map((r) => `${r.id}:${r.version}`).join()}
                incidentId={incidentId}
                rules={choices.map((r) => ({
                  id: r.id,
                  name: r.name,
                  version: r.version,
                  deadlineHours: r.deadlineHours,
                  clockStartsWhen: r.clockStartsWhen,
                }))}
                now={nowInput}
              />
            </div>
          </details>
        )}
      </div>
    </Card>
  );
}
