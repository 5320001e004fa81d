export function TeamCheckboxes({
  teams,
  checked = [],
}: {
  teams: { id: string; name: string }[];
  checked?: string[];
}) {
  if (teams.length === 0) return <p className="text-sm text-slate-500">No teams yet.</p>;
  return (
    <fieldset>
      <legend className="block text-sm font-medium text-slate-800">Teams</legend>
      <div className="mt-1 flex flex-wrap gap-4">
        {teams.map((team) => (
          <label key={team.id} className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              name="teamIds"
              value={team.id}
              defaultChecked={checked.includes(team.id)}
            />
            {team.name}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
