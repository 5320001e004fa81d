// The query language in one screen, one click from the query box: a native disclosure, so it
// opens with Enter or Space and needs no script.

const EXAMPLES: { query: string; meaning: string }[] = [
  { query: 'event_id:4625', meaning: 'A field equals a value (not case-sensitive).' },
  { query: 'failed logon', meaning: 'Either word in any field: a space means OR.' },
  { query: '"audit log was cleared"', meaning: 'A phrase, in any field.' },
  { query: 'event_id:4625 AND hostname:srv*', meaning: 'Both; * is any text, ? one character.' },
  { query: 'app_name:("DefenseStorm Agent" OR sshd)', meaning: 'A field group.' },
  { query: 'NOT category:alert', meaning: 'Leave out what matches.' },
  { query: 'source_ip:10.0.0.5', meaning: 'Punctuation needs no quotes (127.0.0.1, bro_dns).' },
  { query: 'geo_dest.country:US', meaning: 'Nested fields by their dotted name.' },
  { query: 'user:*', meaning: 'The field is present.' },
  { query: 'event_id:[4720 TO 4726]', meaning: 'A range, ends included; {…} leaves them out.' },
  { query: 'event_id:>=4720', meaning: 'Greater than (or equal), less than.' },
];

const FIELDS = [
  'app_name',
  'hostname',
  'event_id',
  'category',
  'message',
  'source_ip',
  'dest_ip',
  'user',
];

export function QuerySyntaxHelp() {
  return (
    <details className="rounded-md border border-slate-200 bg-white text-sm">
      <summary className="cursor-pointer px-3 py-2 font-medium text-brand-700">
        Query syntax and examples
      </summary>
      <div className="space-y-3 border-t border-slate-200 px-3 py-3 text-slate-700">
        <p>
          Terms and quoted phrases; <strong>AND</strong>, <strong>OR</strong>, <strong>NOT</strong>{' '}
          and parentheses. Terms separated by a space are OR&apos;ed (<code>wi fi</code> is{' '}
          <code>wi OR fi</code>). A bare term searches every field; <code>field:value</code> one
          field (a space after the colon is fine). Nothing is case-sensitive.
        </p>
        <table className="w-full text-left">
          <caption className="sr-only">Example queries</caption>
          <thead className="text-xs uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="py-1 pr-4">
                Query
              </th>
              <th scope="col" className="py-1">
                Matches
              </th>
            </tr>
          </thead>
          <tbody>
            {EXAMPLES.map((example) => (
              <tr key={example.query} className="border-t border-slate-100">
                <td className="py-1 pr-4 font-mono text-xs whitespace-nowrap">{example.query}</td>
                <td className="py-1">{example.meaning}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p>
          Every event has the fields{' '}
          {FIELDS.map((field, i) => (
            <span key={field}>
              {i ? ', ' : ''}
              <code>{field}</code>
            </span>
          ))}
          , plus <code>timestamp</code> and <code>source</code>; anything else a shipper sent is
          kept under its dotted name (<code>winlog.event_data.TargetUserName</code>). A field no
          event has ever had matches nothing.
        </p>
      </div>
    </details>
  );
}
