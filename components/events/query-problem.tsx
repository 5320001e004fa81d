// Under the query box: where the query stopped making sense (a caret under the character) and
// what would have been understood there, or a warning about a field that matches nothing.

export function QuerySyntaxProblem({
  id,
  query,
  message,
  position,
  expected,
}: {
  id: string;
  query: string;
  message: string;
  position: number;
  expected: string[];
}) {
  const at = Math.max(0, Math.min(position, query.length));
  return (
    <div id={id} role="alert" className="rounded-md border border-red-200 bg-red-50 px-4 py-3">
      <p className="text-sm font-medium text-red-800">
        The query does not parse at character {at + 1}: {message}
      </p>
      {query && (
        <pre className="mt-2 overflow-x-auto font-mono text-xs text-slate-800" aria-hidden="true">
          {query}
          {'\n'}
          <span className="text-red-700">{' '.repeat(at)}^</span>
        </pre>
      )}
      {expected.length > 0 && (
        <p className="mt-1 text-sm text-red-800">Expected {expected.join(', or ')}.</p>
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
