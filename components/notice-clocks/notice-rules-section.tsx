import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { DataTable } from '@/components/ui/data-table';
import type { NoticeRule } from '@/db/schema';
import { NoticeRuleForm, NoticeRuleToggle } from './notice-rule-forms';

/** Settings → Organization: the rules incidents can be marked notifiable under. */
export function NoticeRulesSection({ rules }: { rules: NoticeRule[] }) {
  const own = rules.filter((rule) => !rule.builtinKey);
  return (
    <Card title="Regulator notification rules" className="mt-6">
      <p className="mb-3 text-sm text-slate-600">
        Enable the rules that apply to the organization: an incident can then be marked notifiable
        under them, and its clock warns the owners and the administrators at half and three quarters
        of the time and when the deadline passes. The summaries are plain-words readings; the
        citation is the rule.
      </p>
      <DataTable
        caption="Regulator notification rules"
        columns={[
          {
            key: 'rule',
            header: 'Rule',
            primary: true,
            unclamped: true,
            cell: (rule) => (
              <div className="space-y-1">
                <p className="font-medium text-slate-900">
                  {rule.name}{' '}
                  {rule.builtinKey ? <Badge>Shipped</Badge> : <Badge tone="brand">Ours</Badge>}
                </p>
                {rule.citation && <p className="text-xs text-slate-600">{rule.citation}</p>}
                {rule.summary && <p className="text-sm text-slate-700">{rule.summary}</p>}
                <p className="text-xs text-slate-600">
                  Notify: {rule.notify}. The clock starts at {rule.clockStartsWhen}.
                </p>
              </div>
            ),
          },
          {
            key: 'hours',
            header: 'Deadline',
            nowrap: true,
            cell: (rule) => `${rule.deadlineHours} h`,
          },
          {
            key: 'enabled',
            header: 'Status',
            nowrap: true,
            cell: (rule) =>
              rule.enabled ? <Badge tone="green">Enabled</Badge> : <Badge>Disabled</Badge>,
          },
          {
            key: 'actions',
            header: 'Change',
            srOnlyHeader: true,
            nowrap: true,
            cell: (rule) => <NoticeRuleToggle key={rule.version} rule={rule} />,
          },
        ]}
        rows={rules}
        rowKey={(rule) => rule.id}
        empty="No rules yet: run the migrations (`npm run vigil -- migrate`) to add the shipped ones."
      />
      {own.length > 0 && (
        <div className="mt-6 space-y-3">
          <h3 className="text-sm font-semibold text-slate-900">Edit the organization’s rules</h3>
          {own.map((rule) => (
            <details
              key={`${rule.id}:${rule.version}`}
              className="rounded border border-slate-200 p-3"
            >
              <summary className="cursor-pointer text-sm font-medium text-brand-700">
                {rule.name}
              </summary>
              <div className="mt-3">
                <NoticeRuleForm rule={rule} />
              </div>
            </details>
          ))}
        </div>
      )}
      <details className="mt-6 rounded border border-slate-200 p-3">
        <summary className="cursor-pointer text-sm font-medium text-brand-700">
          Add a rule of the organization’s own (a state law, a contract)
        </summary>
        <div className="mt-3">
          <NoticeRuleForm />
        </div>
      </details>
    </Card>
  );
}
