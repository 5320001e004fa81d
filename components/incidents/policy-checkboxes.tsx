import type { PickerOptions } from '@/lib/pickers';

export function PolicyCheckboxes({ policies, checked = [], error }: { policies: PickerOptions['policies']; checked?: string[]; error?: string }) {
  return (
    <fieldset>
      <legend className="block text-sm font-medium text-slate-800">Policies</legend>
      <input type="hidden" name="policiesPresent" value="1" />
      {policies.length === 0 ? (
        <p className="text-sm text-slate-500">No policies yet.</p>
      ) : (
        <div className="mt-1 max-h-40 space-y-1 overflow-y-auto rounded-md border border-slate-200 p-2">
          {policies.map((policy) => (
            <label key={policy.id} className="flex items-start gap-2 text-sm">
              <input type="checkbox" name="policyIds" value={policy.id} defaultChecked={checked.includes(policy.id)} className="mt-1" />
              {policy.label}
            </label>
          ))}
        </div>
      )}
      {error && <p className="mt-1 text-sm text-red-700">{error}</p>}
    </fieldset>
  );
}
