import { describe, expect, it } from 'vitest';
import { type CatalogueEntry, CIS, FFIEC_CAT, NIST_CSF, PCI_DSS } from '@/db/seed/catalogue';
import { CAT_RETIRED_NOTE } from '@/db/seed/catalogue/ffiec-cat';
import { LIBRARY_POLICY_CATALOGUE, POLICY_CATALOGUE } from '@/db/seed/policy-catalogue';
import { LIBRARY_TEMPLATES } from '@/lib/library/templates';

// Every statement the catalogue held before the four frameworks joined it: rows in existing
// databases that incidents, tasks and schedules point at. Each must stay, with its title.
const EARLIER: [string, string, string][] = [
  ['CIS', '1.1', 'Establish and maintain a detailed enterprise asset inventory'],
  ['CIS', '2.1', 'Establish and maintain a software inventory'],
  ['CIS', '5.1', 'Establish and maintain an inventory of accounts'],
  ['CIS', '5.3', 'Disable dormant accounts'],
  ['CIS', '5.4', 'Restrict administrator privileges to dedicated administrator accounts'],
  ['CIS', '7.3', 'Perform automated operating system patch management'],
  ['CIS', '8.11', 'Conduct audit log reviews'],
  ['CIS', '11.2', 'Perform automated backups'],
  ['CIS', '13.11', 'Tune security event alerting thresholds'],
  ['CIS', '17.1', 'Designate personnel to manage incident handling'],
  ['PCI DSS', '10.4.1', 'Review security events and critical system logs at least once daily'],
  ['PCI DSS', '12.10', 'Respond immediately to suspected and confirmed security incidents'],
  [
    'FFIEC',
    'CAT D1.G.Ov.B.3',
    'The board receives a report on the information security program at least yearly',
  ],
  ['FFIEC', 'IS.III.D', 'Security operations: monitor, detect and respond to threats'],
  ['GLBA', '314.4(h)', 'Establish a written incident response plan'],
  ['NCUA', '748 App. B', 'Notify the NCUA within 72 hours of a reportable cyber incident'],
  ['CIS', '1.2', 'Address unauthorized assets'],
  ['CIS', '2.3', 'Address unauthorized software'],
  ['CIS', '5.5', 'Establish and maintain an inventory of service accounts'],
  ['CIS', '6.8', 'Define and maintain role-based access control'],
  ['CIS', '7.2', 'Establish and maintain a remediation process'],
  ['CIS', '7.4', 'Perform automated application patch management'],
  ['CIS', '8.1', 'Establish and maintain an audit log management process'],
  ['CIS', '11.5', 'Test data recovery'],
  ['CIS', '14.1', 'Establish and maintain a security awareness program'],
  ['CIS', '15.1', 'Establish and maintain an inventory of service providers'],
  ['CIS', '15.5', 'Assess service providers'],
  [
    'PCI DSS',
    '1.2.7',
    'Review configurations of network security controls at least once every six months',
  ],
  ['PCI DSS', '7.2.4', 'Review user accounts and access privileges at least once every six months'],
  ['PCI DSS', '8.2.6', 'Remove or disable inactive user accounts within 90 days'],
  ['PCI DSS', '11.2.1', 'Detect authorized and unauthorized wireless access points quarterly'],
  ['PCI DSS', '11.3.1', 'Perform internal vulnerability scans at least quarterly'],
  ['PCI DSS', '11.3.2', 'Perform external vulnerability scans at least quarterly'],
  ['PCI DSS', '11.4', 'Perform external and internal penetration testing regularly'],
  ['PCI DSS', '11.5.2', 'Deploy a change-detection mechanism for critical files'],
  [
    'PCI DSS',
    '12.6.3',
    'Train personnel on security awareness upon hire and at least once every 12 months',
  ],
  [
    'GLBA',
    'Interagency Guidelines III.F',
    'Report to the board at least annually on the information security program',
  ],
  [
    'NCUA',
    '748 App. A',
    'Guidelines for safeguarding member information: annual report to the board',
  ],
  [
    'FFIEC',
    'CAT',
    'Cybersecurity Assessment Tool: inherent risk profile and cybersecurity maturity',
  ],
  ['FFIEC', 'BCM', 'Business continuity management: test the business continuity plan'],
  ['FFIEC', 'IS user access', 'IT Handbook, Information Security: review user access rights'],
  ['FFIEC', 'IS log management', 'IT Handbook, Information Security: log management and review'],
  ['FFIEC', 'Outsourcing', 'Outsourcing technology services: monitor service providers'],
  [
    'FTC Safeguards',
    '314.4(d)(2)',
    'Annual penetration testing and semiannual vulnerability assessments',
  ],
];

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
