import { describe, expect, it } from 'vitest';
import { type CatalogueEntry, CIS, FFIEC_CAT, NIST_CSF, PCI_DSS } from '@/db/seed/catalogue';
import { CAT_RETIRED_NOTE } from '@/db/seed/catalogue/ffiec-cat';
import { LIBRARY_POLICY_CATALOGUE, POLICY_CATALOGUE } from '@/db/seed/policy-catalogue';
import { LIBRARY_TEMPLATES } from '@/lib/library/templates';
import { EARLIER } from '../support/earlier-catalogue';

// Subjects a framework does not address: CIS and PCI DSS ask nothing of the board or of the
// CAT itself, and PCI DSS nothing of a core banking system's file maintenance.
const NOT_ADDRESSED: Record<string, string[]> = {
  'board-security-report': ['CIS', 'PCI DSS'],
  'cybersecurity-assessment': ['CIS', 'PCI DSS'],
  'core-file-maintenance': ['PCI DSS'],
};

const key = (framework: string, reference: string) => `${framework}|${reference}`.toLowerCase();
const byLevel = (entries: CatalogueEntry[], parents: Set<string | null>) =>
  entries.filter((e) => parents.has(e.parentReference));

describe('the policy catalogue', () => {
  it('has each (framework, reference) once, whatever the case', () => {
    const keys = POLICY_CATALOGUE.map((c) => key(c.framework, c.reference));
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });

  it('gives every statement a parent that exists in the same framework', () => {
    const keys = new Set(POLICY_CATALOGUE.map((c) => key(c.framework, c.reference)));
    const orphans = POLICY_CATALOGUE.filter(
      (c) => c.parentReference !== null && !keys.has(key(c.framework, c.parentReference)),
    ).map((c) => `${c.framework} ${c.reference} → ${c.parentReference}`);
    expect(orphans).toEqual([]);
  });

  it('has the 6 functions, 22 categories and 106 subcategories of NIST CSF 2.0', () => {
    expect(NIST_CSF.every((c) => c.framework === 'NIST CSF')).toBe(true);
    const functions = byLevel(NIST_CSF, new Set([null]));
    const categories = byLevel(NIST_CSF, new Set(functions.map((f) => f.reference)));
    const subcategories = byLevel(NIST_CSF, new Set(categories.map((c) => c.reference)));
    expect(functions.map((f) => f.reference)).toEqual(['GV', 'ID', 'PR', 'DE', 'RS', 'RC']);
    expect(categories).toHaveLength(22);
    expect(subcategories).toHaveLength(106);
    expect(NIST_CSF).toHaveLength(6 + 22 + 106);
    for (const s of subcategories) expect(s.reference).toMatch(/^[A-Z]{2}\.[A-Z]{2}-\d{2}$/);
    expect(NIST_CSF.every((c) => c.statement.length > 0 && c.url.startsWith('https://'))).toBe(
      true,
    );
  });

  it('has the 18 controls and 153 safeguards of CIS Controls v8.1', () => {
    const controls = byLevel(CIS, new Set([null]));
    expect(controls.map((c) => c.reference)).toEqual(
      Array.from({ length: 18 }, (_, i) => String(i + 1)),
    );
    const safeguards = byLevel(CIS, new Set(controls.map((c) => c.reference)));
    expect(safeguards).toHaveLength(153);
    expect(CIS).toHaveLength(18 + 153);
  });

  it('has the 12 principal requirements of PCI DSS v4.0.1, numbered to three levels', () => {
    const principal = byLevel(PCI_DSS, new Set([null]));
    expect(principal.map((c) => c.reference)).toEqual(
      Array.from({ length: 12 }, (_, i) => String(i + 1)),
    );
    for (const c of PCI_DSS) expect(c.reference).toMatch(/^\d{1,2}(\.\d{1,2}){0,2}$/);
  });

  it('hangs the FFIEC CAT baseline statements under domain, factor and component, and says the CAT is retired', () => {
    const statements = FFIEC_CAT.filter((c) => /\.B\.\d+$/.test(c.reference));
    expect(statements.length).toBeGreaterThan(50);
    for (const s of statements)
      expect(s.reference).toMatch(/^CAT D[1-5]\.[A-Za-z]+\.[A-Za-z]+\.B\.\d+$/);
    const domains = FFIEC_CAT.filter((c) => c.parentReference === 'CAT').map((c) => c.reference);
    expect(domains).toEqual(['CAT D1', 'CAT D2', 'CAT D3', 'CAT D4', 'CAT D5']);
    expect(FFIEC_CAT.every((c) => c.statement.endsWith(CAT_RETIRED_NOTE))).toBe(true);
  });

  it('keeps every statement shipped before, with its reference and title', () => {
    const shipped = new Map(POLICY_CATALOGUE.map((c) => [key(c.framework, c.reference), c]));
    for (const [framework, reference, title] of EARLIER)
      expect(shipped.get(key(framework, reference))?.title, `${framework} ${reference}`).toBe(
        title,
      );
  });

  it('maps every library template to all four frameworks, each to a catalogue statement', () => {
    const shipped = new Set(POLICY_CATALOGUE.map((c) => key(c.framework, c.reference)));
    for (const t of LIBRARY_TEMPLATES) {
      for (const [framework, reference] of t.policies)
        expect(shipped.has(key(framework, reference)), `${t.key}: ${framework} ${reference}`).toBe(
          true,
        );
      const frameworks = new Set(t.policies.map(([framework]) => framework));
      for (const framework of ['NIST CSF', 'CIS', 'FFIEC', 'PCI DSS'])
        expect(frameworks.has(framework), `${t.key} maps to ${framework}`).toBe(
          !NOT_ADDRESSED[t.key]?.includes(framework),
        );
    }
    const library = new Set(LIBRARY_POLICY_CATALOGUE.map((c) => key(c.framework, c.reference)));
    expect(library.size).toBe(
      new Set(LIBRARY_TEMPLATES.flatMap((t) => t.policies.map(([f, r]) => key(f, r)))).size,
    );
  });
});
