// Under the query box: the parser's message (it names the character and what it expected there)
// with a caret under that character, or a warning about a field that matches nothing.

export function QuerySyntaxProblem({
  id,
  query,
  message,
  position,
}: {
  id: string;
  query: string;
  message: string;
  position: number;
}) {
  const at = Math.max(0, Math.min(position, query.length));
  return (
    <div id={id} role="alert" className="rounded-md border border-red-200 bg-red-50 px-4 py-3">
      <p className="text-sm font-medium text-red-800">The query does not parse. {message}</p>
      {query && (
        <pre className="mt-2 overflow-x-auto font-mono text-xs text-slate-800" aria-hidden="true">
          {query}
          {'\n'}
          <span className="text-red-700">{' '.repeat(at)}^</span>
        </pre>
      )}
    </div>
  );
}

export function QueryWarnings({ warnings }: { warnings: string[] }) {
  if (!warnings.length) return null;
  return (
    <div role="status" className="rounded-md border border-amber-200 bg-amber-50 px-4 py-3">
      <ul className="space-y-1 text-sm text-amber-900">
        {warnings.map((warning) => (
          <li key={warning}>{warning}</li>
        ))}
      </ul>
    </div>
  );
}
