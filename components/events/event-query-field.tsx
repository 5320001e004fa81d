import type { ReactNode } from 'react';
import { Field, inputClass } from '@/components/ui/field';

/** A saved event query (the Events page's language) in a form, named "query". */
export function EventQueryField({
  defaultValue,
  error,
  hint,
  rows,
  required,
}: {
  defaultValue: string;
  error?: string;
  hint: ReactNode;
  rows: number;
  required?: boolean;
}) {
  return (
    <Field label="Event query" error={error} hint={hint}>
      <textarea
        name="query"
        rows={rows}
        required={required}
        defaultValue={defaultValue}
        className={`${inputClass} font-mono`}
      />
    </Field>
  );
}
