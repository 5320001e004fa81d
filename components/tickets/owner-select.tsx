'use client';

import type { ReactNode } from 'react';
import { Combobox, type ComboboxOption } from '@/components/ui/combobox';
import { teamLabel } from '@/lib/owners/owner-label';

export type OwnerOptions = {
  teams: { id: string; name: string }[];
  people: { id: string; name: string; email?: string }[];
};

/** Teams and people, as ownerLabel() names them; the value is "user:<id>", "team:<id>" or "". */
export function ownerOptions(options: OwnerOptions): ComboboxOption[] {
  return [
    ...options.teams.map((team) => ({ id: `team:${team.id}`, label: teamLabel(team.name) })),
    ...options.people.map((person) => ({
      id: `user:${person.id}`,
      label: person.name,
      description: person.email,
    })),
  ];
}

/**
 * The owner, filtered by typing. Pass only people who may own the item (PickerOptions.owners):
 * the domain refuses anyone else (lib/owners/owner.ts).
 */
export function OwnerSelect({
  options,
  name = 'owner',
  label = 'Owner',
  emptyLabel = 'Unassigned',
  defaultValue = '',
  hint,
  error,
}: {
  options: OwnerOptions;
  name?: string;
  label?: string;
  emptyLabel?: string;
  defaultValue?: string;
  hint?: ReactNode;
  error?: string;
}) {
  return (
    <Combobox
      name={name}
      label={label}
      options={ownerOptions(options)}
      defaultValue={defaultValue}
      emptyLabel={emptyLabel}
      hint={hint}
      error={error}
    />
  );
}
