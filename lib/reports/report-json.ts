import { createHash } from 'node:crypto';
import type { ComplianceReport } from './types';

// The report as JSON (the API's body) and its canonical form for the log's hash: the same
// content always hashes the same, whenever it was generated, so two runs that showed the same
// thing can be told apart from two that did not. Dates are ISO 8601 in UTC.

type Jsonified<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? Jsonified<U>[]
    : T extends object
      ? { [K in keyof T]: Jsonified<T[K]> }
      : T;

export type ComplianceReportJson = Jsonified<ComplianceReport>;

export function complianceReportJson(report: ComplianceReport): ComplianceReportJson {
  return JSON.parse(JSON.stringify(report)) as ComplianceReportJson;
}

/** JSON with object keys sorted at every level: one spelling per content. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

export function sha256Hex(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}

/** SHA-256 of what the report shows, without the moment it was generated. */
export function complianceReportHash(report: ComplianceReport): string {
  const { generatedAt: _generatedAt, ...content } = complianceReportJson(report);
  return sha256Hex(canonicalJson(content));
}
