import type { SelectHTMLAttributes } from 'react';
import { inputClass } from '@/components/ui/field';
import { ROLE_LABELS, ROLES } from '@/lib/auth/roles';

export function RoleSelect({
  defaultValue,
  ...rest
}: SelectHTMLAttributes<HTMLSelectElement> & { defaultValue?: string }) {
  return (
    <select name="role" defaultValue={defaultValue ?? 'user'} className={inputClass} {...rest}>
      {ROLES.map((role) => (
        <option key={role} value={role}>
          {ROLE_LABELS[role]}
        </option>
      ))}
    </select>
  );
}
