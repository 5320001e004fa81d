'use client';

import { useState } from 'react';
import { MultiCombobox } from '@/components/ui/combobox';
import type { PickerOptions } from '@/lib/pickers';

/**
 * The policies an item evidences, filtered by typing; submits `policiesPresent` and a
 * `policyIds` each. Only active policies are offered; a retired one the item is already
 * attached to stays shown (marked retired), so an edit of another field keeps it.
 */
export function PolicyPicker({
  policies: active,
  retired = [],
  checked = [],
  error,
}: {
  policies: PickerOptions['policies'];
  retired?: PickerOptions['retiredPolicies'];
  checked?: string[];
  error?: string;
}) {
  const [chosen, setChosen] = useState(checked);
  const [kept] = useState(() => retired.filter((p) => checked.includes(p.id)));
  const policies = kept.length ? [...active, ...kept] : active;
  if (policies.length === 0) {
    return (
      <div>
        <p className="block text-sm font-medium text-slate-800">Policies</p>
        <input type="hidden" name="policiesPresent" value="1" />
        <p className="text-sm text-slate-500">No policies yet.</p>
      </div>
    );
  }
  const labels = new Map(policies.map((p) => [p.id, p.label]));
  return (
    <div className="space-y-2">
      <input type="hidden" name="policiesPresent" value="1" />
      {chosen.map((id) => (
        <input key={id} type="hidden" name="policyIds" value={id} />
      ))}
      <MultiCombobox
        label="Policies"
        options={policies}
        value={chosen}
        onChange={setChosen}
        error={error}
        placeholder="Type a framework, reference or title"
      />
      {chosen.length > 0 && (
        <p className="text-xs text-slate-600">
          Chosen: {chosen.map((id) => labels.get(id) ?? id).join('; ')}
        </p>
      )}
    </div>
  );
}
