/** Lines of a plain-text table: a header, a rule, then one line per row, columns padded. */
export function formatTable(headers: string[], rows: string[][]): string[] {
  const widths = headers.map((header, i) =>
    Math.max(header.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

/** Prints a table (formatTable) line by line. */
export function printTable(out: (line: string) => void, headers: string[], rows: string[][]): void {
  for (const line of formatTable(headers, rows)) out(line);
}

/** A moment as people read it in a terminal: `2025-03-04 14:05 UTC`. */
export function formatTimestamp(date: Date | null | undefined): string {
  if (!date) return '-';
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
