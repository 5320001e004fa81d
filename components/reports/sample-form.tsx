import { Button } from '@/components/ui/button';
import { Field, inputClass } from '@/components/ui/field';
import { COMPLIANCE_PARAMETERS } from '@/lib/reports/params';

/** Draws a sample of the report's occurrences; the filters travel as hidden fields. */
export function SampleForm({
  params,
  errors = {},
}: {
  params: URLSearchParams;
  errors?: Record<string, string>;
}) {
  return (
    <form
      method="get"
      action="/reports/compliance/sample"
      className="grid gap-3 sm:grid-cols-4"
      noValidate
    >
      {COMPLIANCE_PARAMETERS.map((name) =>
        params.get(name) ? (
          <input key={name} type="hidden" name={name} value={params.get(name) ?? ''} />
        ) : null,
      )}
      <Field label="Sample size" hint="How many occurrences to draw." error={errors.size}>
        <input
          type="number"
          name="size"
          min={1}
          max={1000}
          defaultValue={params.get('size') ?? '25'}
          className={inputClass}
        />
      </Field>
      <Field
        label="Seed"
        hint="Leave empty for a new one; give one to draw a sample again."
        error={errors.seed}
      >
        <input
          type="text"
          name="seed"
          defaultValue={params.get('seed') ?? ''}
          className={inputClass}
        />
      </Field>
      <div className="flex items-end pb-6">
        <label className="flex items-center gap-2 text-sm text-slate-800">
          <input
            type="checkbox"
            name="perSchedule"
            value="1"
            defaultChecked={params.get('perSchedule') === '1'}
          />
          That many of each schedule
        </label>
      </div>
      <div className="flex items-end pb-6">
        <Button type="submit" variant="secondary">
          Draw sample
        </Button>
      </div>
    </form>
  );
}
