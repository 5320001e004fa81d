import { sql, type SQL } from 'drizzle-orm';

// An export's whole CSV record made by PostgreSQL, one text value per row: Node then only
// joins lines, where parsing twenty values a row and quoting them in JavaScript cost more
// than the query itself (scripts/bench/incidents.ts). Free-text cells are written exactly as
// csv-stringify writes them with escape_formulas (tests/unit/export-csv-line.test.ts
// compares the two): a cell starting with =, +, -, @, a tab, a carriage return or their
// full-width forms gets a leading apostrophe, and one holding a quote, a comma or a line
// break is quoted with its quotes doubled.

const FORMULA_STARTS = ['=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20'];
const formulaStarts = sql.raw(FORMULA_STARTS.map(literal).join(', '));
const needsQuotes = (value: SQL) =>
  sql`(strpos(${value}, '"') > 0 or strpos(${value}, ',') > 0 or strpos(${value}, ${sql.raw(literal('\n'))}) > 0 or strpos(${value}, ${sql.raw(literal('\r'))}) > 0)`;

/** A cell anyone may have typed (a title, a name, a note): neutralised and quoted as needed. */
export function csvTextCell(value: SQL): SQL {
  const neutral = sql`(case when left(${value}, 1) in (${formulaStarts}) then '''' || ${value} else ${value} end)`;
  return sql`(case when ${value} is null then ''
    when ${needsQuotes(value)} then '"' || replace(${neutral}, '"', '""') || '"'
    else ${neutral} end)`;
}

/** A cell whose text the query itself makes (a number, a state, a date-time): never quoted. */
export function csvPlainCell(value: SQL): SQL {
  return sql`coalesce(${value}, '')`;
}

/** The record: cells joined by commas, ending in a line feed as csv-stringify ends its lines. */
export function csvLine(cells: SQL[]): SQL<string> {
  return sql<string>`${sql.join(cells, sql` || ',' || `)} || ${sql.raw(literal('\n'))}`;
}

/** A PostgreSQL string literal for a fixed character: E'\n', '=', '\uFF1D'. */
function literal(text: string): string {
  const escaped = [...text]
    .map((c) =>
      c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : c === "'" ? "''" : c,
    )
    .join('');
  return escaped === text ? `'${text}'` : `E'${escaped}'`;
}
