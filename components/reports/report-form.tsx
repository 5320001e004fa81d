import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Field, inputClass } from '@/components/ui/field';
import type { ReportOptions } from '@/lib/reports/get-report-options';

export type ReportFormValues = Partial<
  Record<'from' | 'to' | 'policy' | 'framework' | 'tag' | 'group', string>
>;

// A plain GET form: the report's URL is its filters, so a report can be bookmarked, sent to
// a colleague and run again; the server answers a refused filter with this form, the fields
// at fault marked and what was typed kept.
export function ReportForm({
  options,
  values,
  errors = {},
  action = '/reports/compliance',
}: {
  options: ReportOptions;
  values: ReportFormValues;
  errors?: Record<string, string>;
  action?: string;
}) {
  const select = (
    name: keyof ReportFormValues,
    label: string,
    items: { value: string; label: string }[],
    hint: string,
  ) => (
    <Field label={label} hint={hint} error={errors[name]}>
      <select name={name} defaultValue={values[name] ?? ''} className={inputClass}>
        <option value="">Any</option>
        {/* A value typed into the URL that the list lacks stays chosen, so its error makes sense. */}
        {values[name] && !items.some((i) => i.value === values[name]) && (
          <option value={values[name]}>{values[name]}</option>
        )}
        {items.map((item) => (
          <option key={item.value} value={item.value}>
            {item.label}
          </option>
        ))}
      </select>
    </Field>
  );
  const plain = (list: string[]) => list.map((v) => ({ value: v, label: v }));
  return (
    <Card title="Compliance report">
      <form method="get" action={action} className="grid gap-4 sm:grid-cols-2" noValidate>
        <Field label="From" hint="First day, in the organization's time zone." error={errors.from}>
          <input type="date" name="from" defaultValue={values.from} className={inputClass} />
        </Field>
        <Field label="To" hint="Last day, included. At most five years." error={errors.to}>
          <input type="date" name="to" defaultValue={values.to} className={inputClass} />
        </Field>
        {select(
          'policy',
          'Policy',
          options.policies.map((p) => ({ value: p.id, label: p.label })),
          'Schedules mapped to this policy, at the version attached.',
        )}
        {select(
          'framework',
          'Framework',
          plain(options.frameworks),
          'Schedules mapped to any statement of it.',
        )}
        {select('tag', 'Tag', plain(options.tags), 'Schedules with this tag.')}
        {select('group', 'Group', plain(options.groups), 'Schedules in this group.')}
        <div className="sm:col-span-2">
          <Button type="submit">Run report</Button>
        </div>
      </form>
    </Card>
  );
}
