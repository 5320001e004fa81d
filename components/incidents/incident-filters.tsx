import Link from 'next/link';
import { PolicyFilterFields } from '@/components/list/policy-filter-fields';
import { Button } from '@/components/ui/button';
import { inputClass } from '@/components/ui/field';
import {
  INCIDENT_STATES,
  SEVERITIES,
  SEVERITY_LABELS,
  STATE_LABELS,
} from '@/lib/incidents/schemas';
import type { PolicyFilterOptions } from '@/lib/list/policy-filter';
import { ownerToken } from '@/lib/list/sql-conditions';
import { DEFAULT_SORT, sortToken, type IncidentListParams } from '@/lib/incidents/list-params';

// A plain GET form: the filters live in the URL, so a shared link shows the same list,
// the back button works, and nothing here needs JavaScript.

type Option = { id: string; name: string };

function ownerValue(owner: IncidentListParams['owner']): string {
  return owner ? ownerToken(owner) : '';
}

/** A date input shows only YYYY-MM-DD; a full datetime from an API link is kept as text. */
function DateInput({ name, label, value }: { name: string; label: string; value?: string }) {
  const dateOnly = !value || /^\d{4}-\d{2}-\d{2}$/.test(value);
  return (
    <label className="block text-sm">
      <span className="mb-1 block font-medium text-slate-800">{label}</span>
      <input
        type={dateOnly ? 'date' : 'text'}
        name={name}
        defaultValue={value ?? ''}
        className={inputClass}
      />
    </label>
  );
}

export function IncidentFilters({
  params,
  people,
  teams,
  policyOptions,
}: {
  params: IncidentListParams;
  people: Option[];
  teams: Option[];
  policyOptions: PolicyFilterOptions;
}) {
  const stateChecked = (s: string) => params.allStates || params.states.includes(s as never);
  return (
    <form
      method="get"
      action="/incidents"
      role="search"
      aria-label="Filter incidents"
      className="mb-6 rounded-lg border border-slate-200 bg-white p-4"
    >
      <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-4">
        <fieldset>
          <legend className="mb-1 text-sm font-medium text-slate-800">State</legend>
          <div className="flex flex-wrap gap-x-4 gap-y-1">
            {INCIDENT_STATES.map((s) => (
              <label key={s} className="inline-flex items-center gap-1.5 text-sm">
                <input type="checkbox" name="state" value={s} defaultChecked={stateChecked(s)} />
                {STATE_LABELS[s]}
              </label>
            ))}
          </div>
          <p className="mt-1 text-xs text-slate-500">None ticked: every state but Closed.</p>
        </fieldset>
        <fieldset>
          <legend className="mb-1 text-sm font-medium text-slate-800">Severity</legend>
          <div className="flex flex-wrap gap-x-4 gap-y-1">
            {SEVERITIES.map((s) => (
              <label key={s} className="inline-flex items-center gap-1.5 text-sm">
                <input
                  type="checkbox"
                  name="severity"
                  value={s}
                  defaultChecked={params.severities.includes(s)}
                />
                {SEVERITY_LABELS[s]}
              </label>
            ))}
          </div>
        </fieldset>
        <label className="block text-sm">
          <span className="mb-1 block font-medium text-slate-800">Owner</span>
          <select name="owner" defaultValue={ownerValue(params.owner)} className={inputClass}>
            <option value="">Anyone</option>
            <option value="me">Me (and my teams)</option>
            <option value="my-teams">My teams (and me)</option>
            <option value="unassigned">Unassigned</option>
            <optgroup label="Teams">
              {teams.map((t) => (
                <option key={t.id} value={`team:${t.id}`}>
                  {t.name}
                </option>
              ))}
            </optgroup>
            <optgroup label="People">
              {people.map((p) => (
                <option key={p.id} value={`user:${p.id}`}>
                  {p.name}
                </option>
              ))}
            </optgroup>
          </select>
        </label>
        <label className="block text-sm">
          <span className="mb-1 block font-medium text-slate-800">Created by</span>
          <select
            name="createdBy"
            defaultValue={
              params.createdBy ? (params.createdBy.me ? 'me' : params.createdBy.id) : ''
            }
            className={inputClass}
          >
            <option value="">Anyone</option>
            <option value="me">Me</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <DateInput name="dueFrom" label="Due from" value={params.due.from?.text} />
        <DateInput name="dueTo" label="Due to" value={params.due.to?.text} />
        <DateInput name="createdFrom" label="Created from" value={params.created.from?.text} />
        <DateInput name="createdTo" label="Created to" value={params.created.to?.text} />
        <DateInput name="closedFrom" label="Closed from" value={params.closed.from?.text} />
        <DateInput name="closedTo" label="Closed to" value={params.closed.to?.text} />
        <PolicyFilterFields filter={params.policy} options={policyOptions} />
        <label className="block text-sm">
          <span className="mb-1 block font-medium text-slate-800">Title contains</span>
          <input
            type="search"
            name="q"
            defaultValue={params.q ?? ''}
            maxLength={200}
            className={inputClass}
          />
        </label>
        <label className="block text-sm">
          <span className="mb-1 block font-medium text-slate-800">Response target</span>
          <select name="response" defaultValue={params.response ?? ''} className={inputClass}>
            <option value="">Any</option>
            <option value="breached">Breached</option>
            <option value="at-risk">At risk</option>
          </select>
        </label>
      </div>
      {sortToken(params.sort) !== sortToken(DEFAULT_SORT) && (
        <input type="hidden" name="sort" value={sortToken(params.sort)} />
      )}
      <div className="mt-4 flex items-center gap-3">
        <Button type="submit">Apply filters</Button>
        <Link href="/incidents" className="text-sm text-brand-700 hover:underline">
          Clear
        </Link>
      </div>
    </form>
  );
}
