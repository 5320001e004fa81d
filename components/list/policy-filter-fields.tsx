import { Combobox } from '@/components/ui/combobox';
import { inputClass } from '@/components/ui/field';
import type { PolicyFilter, PolicyFilterOptions } from '@/lib/list/policy-filter';

// The policy and framework filters, the same on the incident, task and schedule lists. One
// policy is picked here; a link may carry several (policy=a&policy=b, any of them), and the
// ones beyond the first travel on as hidden fields so applying other filters keeps them.
export function PolicyFilterFields({
  filter,
  options,
}: {
  filter: PolicyFilter | undefined;
  options: PolicyFilterOptions;
}) {
  const [first, ...more] = filter?.policyIds ?? [];
  return (
    <>
      <div className="text-sm">
        <Combobox
          name="policy"
          label="Policy"
          options={options.policies}
          defaultValue={first ?? ''}
          emptyLabel="Any policy"
          opensOn="input"
          hint={more.length ? `Also any of ${more.length} more from the link.` : undefined}
        />
        {more.map((id) => (
          <input key={id} type="hidden" name="policy" value={id} />
        ))}
      </div>
      <label className="block text-sm">
        <span className="mb-1 block font-medium text-slate-800">Framework</span>
        <select name="framework" defaultValue={filter?.framework ?? ''} className={inputClass}>
          <option value="">Any</option>
          {options.frameworks.map((f) => (
            <option key={f} value={f}>
              {f}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}
