// What the accessibility checks found, keyed by page and state, counted by impact.

export type PageSignature = { path: string; states: string[]; fields: string[] };

export type Violation = {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string; summary: string }[];
};

export type PageScan = { key: string; url: string; violations: Violation[] };

/** What one test file leaves for the run's summary. */
export type FileScans = { scans: PageScan[]; visited: string[] };

export const IMPACTS = ['critical', 'serious', 'moderate', 'minor'] as const;
const FAILING = new Set(['critical', 'serious']);

// Ids (numbers, UUIDs, long hex) name an item, not a page: /incidents/12 and /incidents/40 are one page.
const ID_SEGMENT =
  /^(\d+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{16,})$/i;

/**
 * A page and the state it is in: its path without ids, what is open over it (dialog, popup),
 * whether it shows an alert, and which form fields are visible (a revealed form is a new state).
 */
export function pageKey({ path, states, fields }: PageSignature): string {
  const normalized = pathKey(path);
  const parts = [...states];
  if (fields.length > 0) parts.push(`fields ${shortHash(fields.join(','))}`);
  return parts.length > 0 ? `${normalized} [${parts.join(', ')}]` : normalized;
}

/** The page a path shows: ids replaced by `:id`. */
export function pathKey(path: string): string {
  return path
    .split('/')
    .map((segment) => (ID_SEGMENT.test(segment) ? ':id' : segment))
    .join('/');
}

/** The page part of a scan's key, without its state. */
export function pageOf(key: string): string {
  return key.split(' [')[0];
}

function shortHash(text: string): string {
  let hash = 5381;
  for (let i = 0; i < text.length; i++) hash = ((hash << 5) + hash + text.charCodeAt(i)) >>> 0;
  return hash.toString(16).padStart(8, '0').slice(0, 6);
}

/** Violations (rule × page state) and the elements they cover, per impact. */
export function countByImpact(
  scans: readonly PageScan[],
): Record<string, { rules: number; nodes: number }> {
  const counts = Object.fromEntries(IMPACTS.map((impact) => [impact, { rules: 0, nodes: 0 }]));
  for (const scan of scans) {
    for (const violation of scan.violations) {
      const count = (counts[violation.impact] ??= { rules: 0, nodes: 0 });
      count.rules += 1;
      count.nodes += violation.nodes.length;
    }
  }
  return counts;
}

export function formatCounts(scans: readonly PageScan[]): string {
  const counts = countByImpact(scans);
  const pages = new Set(scans.map((scan) => pageOf(scan.key))).size;
  const byImpact = IMPACTS.map(
    (impact) => `${impact} ${counts[impact].rules} (${counts[impact].nodes} elements)`,
  ).join(', ');
  return `${scans.length} page states on ${pages} pages scanned; violations: ${byImpact}`;
}

/** The serious and critical violations, one line per rule and page with the elements it names. */
export function failingViolations(scans: readonly PageScan[]): string[] {
  const lines: string[] = [];
  for (const scan of scans) {
    for (const violation of scan.violations) {
      if (!FAILING.has(violation.impact)) continue;
      const targets = violation.nodes.map((node) => node.target);
      const shown =
        targets.slice(0, 5).join(' | ') +
        (targets.length > 5 ? ` | … ${targets.length - 5} more` : '');
      lines.push(
        `${violation.impact} ${violation.id} (${violation.help}) on ${scan.key} <${scan.url}>: ${shown}`,
      );
    }
  }
  return lines;
}

/** One scan per page state across files: the first file to reach a state speaks for it. */
export function distinctScans(scans: readonly PageScan[]): PageScan[] {
  const byKey = new Map<string, PageScan>();
  for (const scan of scans) if (!byKey.has(scan.key)) byKey.set(scan.key, scan);
  return [...byKey.values()];
}
