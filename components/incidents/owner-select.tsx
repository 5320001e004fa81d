import type { SelectHTMLAttributes } from 'react';
import { inputClass } from '@/components/ui/field';
import type { PickerOptions } from '@/lib/pickers';

/** People and teams in one list; the value is "user:<id>", "team:<id>" or "" (unassigned, or what emptyLabel says). */
export function OwnerSelect({
  options,
  emptyLabel = 'Unassigned',
  ...rest
}: { options: Pick<PickerOptions, 'teams'> & { people: { id: string; name: string }[] }; emptyLabel?: string } & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <select name="owner" className={inputClass} {...rest}>
      <option value="">{emptyLabel}</option>
      <optgroup label="Teams">
        {options.teams.map((team) => (
          <option key={team.id} value={`team:${team.id}`}>
            {team.name} (team)
          </option>
        ))}
      </optgroup>
      <optgroup label="People">
        {options.people.map((person) => (
          <option key={person.id} value={`user:${person.id}`}>
            {person.name}
          </option>
        ))}
      </optgroup>
    </select>
  );
}
