/** Recovery codes, shown once right after they are made: only their hashes are kept. */
export function MfaRecoveryCodes({ codes }: { codes: string[] }) {
  return (
    <div className="space-y-2">
      <p className="text-sm text-slate-700">
        Keep these recovery codes somewhere safe, away from your phone. Each signs you in once if
        you cannot use your authenticator app. They are not shown again.
      </p>
      <ul
        aria-label="Recovery codes"
        className="grid grid-cols-2 gap-1 rounded-md bg-slate-50 p-3 font-mono text-sm"
      >
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
    </div>
  );
}
