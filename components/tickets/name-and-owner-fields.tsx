import type { ReactNode } from 'react';
import { OwnerField, TitleField } from '@/components/tickets/ticket-fields';
import type { PickerOptions } from '@/lib/pickers';

/**
 * The first row of a form for something that makes tickets on its own (a schedule, a
 * trigger): its name, which titles what it makes, and the owner those tickets go to.
 */
export function NameAndOwnerFields({
  options,
  values,
  errors,
  nameHint,
  ownerHint,
}: {
  options: PickerOptions;
  values: { name: string; owner: string };
  errors: Record<string, string | undefined>;
  nameHint: ReactNode;
  ownerHint: ReactNode;
}) {
  return (
    <div className="grid gap-4 sm:grid-cols-3">
      <div className="sm:col-span-2">
        <TitleField
          label="Name"
          name="name"
          defaultValue={values.name}
          error={errors.name}
          hint={nameHint}
        />
      </div>
      <OwnerField
        options={options}
        defaultValue={values.owner}
        error={errors.owner}
        hint={ownerHint}
      />
    </div>
  );
}
