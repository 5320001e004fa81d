import type { SelectHTMLAttributes } from 'react';
import { inputClass } from '@/components/ui/field';
import type { PickerOptions } from '@/lib/pickers';

/** People and teams in one list; the value is "user:<id>", "team:<id>" or "" (unassigned). */
export function OwnerSelect({ options, ...rest }: { options: PickerOptions } & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <select name="owner" className={inputClass} {...rest}>
      <option value="">Unassigned</option>
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
