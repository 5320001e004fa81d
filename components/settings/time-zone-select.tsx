'use client';

import type { ReactNode } from 'react';
import { Combobox } from '@/components/ui/combobox';
import { TIME_ZONES } from '@/lib/time/time-zones';

// Built once: some 400 zones, filtered by typing ("chic" finds America/Chicago).
const OPTIONS = TIME_ZONES.map((zone) => ({ id: zone, label: zone.replaceAll('_', ' ') }));

export function TimeZoneSelect({
  name = 'timeZone',
  label = 'Time zone',
  defaultValue,
  hint,
  error,
}: {
  name?: string;
  label?: string;
  defaultValue?: string;
  hint?: ReactNode;
  error?: string;
}) {
  return (
    <Combobox
      name={name}
      label={label}
      options={OPTIONS}
      defaultValue={defaultValue ?? 'UTC'}
      hint={hint}
      error={error}
    />
  );
}
