import type { SelectHTMLAttributes } from 'react';
import { inputClass } from '@/components/ui/field';
import { TIME_ZONES } from '@/lib/time/time-zones';

export function TimeZoneSelect({ name = 'timeZone', defaultValue, ...rest }: SelectHTMLAttributes<HTMLSelectElement> & { defaultValue?: string }) {
  return (
    <select name={name} defaultValue={defaultValue ?? 'UTC'} className={inputClass} {...rest}>
      {TIME_ZONES.map((zone) => (
        <option key={zone} value={zone}>
          {zone.replaceAll('_', ' ')}
        </option>
      ))}
    </select>
  );
}
