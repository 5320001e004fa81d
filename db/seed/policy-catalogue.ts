import { LIBRARY_TEMPLATES } from '@/lib/library/templates';
import { type CatalogueEntry, FRAMEWORK_CATALOGUE } from './catalogue';

// The policy catalogue every organization has: the four frameworks (db/seed/catalogue/) and
// the statements Vigil shipped before them. Rows already in databases are referenced by
// incidents, tasks and schedules, so no (framework, reference) here is ever removed or
// renumbered; lib/policies/sync-catalogue.ts inserts what a database lacks and versions
// what changed. Organizations add their own in Policies.

// Shipped before the framework catalogues and not part of them: regulations and the FFIEC
// IT Examination Handbook. (The earlier CIS, PCI DSS and FFIEC CAT rows are now in their
// frameworks' files, with the same references and titles.)
const EARLIER_STATEMENTS: CatalogueEntry[] = [
  {
    framework: 'FFIEC',
    reference: 'IS.III.D',
    title: 'Security operations: monitor, detect and respond to threats',
  },
  { framework: 'GLBA', reference: '314.4(h)', title: 'Establish a written incident response plan' },
  {
    framework: 'NCUA',
    reference: '748 App. B',
    title: 'Notify the NCUA within 72 hours of a reportable cyber incident',
  },
  {
    framework: 'GLBA',
    reference: 'Interagency Guidelines III.F',
    title: 'Report to the board at least annually on the information security program',
  },
  {
    framework: 'NCUA',
    reference: '748 App. A',
    title: 'Guidelines for safeguarding member information: annual report to the board',
  },
  {
    framework: 'FFIEC',
    reference: 'BCM',
    title: 'Business continuity management: test the business continuity plan',
  },
  {
    framework: 'FFIEC',
    reference: 'IS user access',
    title: 'IT Handbook, Information Security: review user access rights',
  },
  {
    framework: 'FFIEC',
    reference: 'IS log management',
    title: 'IT Handbook, Information Security: log management and review',
  },
  {
    framework: 'FFIEC',
    reference: 'Outsourcing',
    title: 'Outsourcing technology services: monitor service providers',
  },
  {
    framework: 'FTC Safeguards',
    reference: '314.4(d)(2)',
    title: 'Annual penetration testing and semiannual vulnerability assessments',
  },
].map((s) => ({ parentReference: null, statement: '', url: '', ...s }));

/** Every catalogue statement Vigil ships, each (framework, reference) once. */
export const POLICY_CATALOGUE: CatalogueEntry[] = [...FRAMEWORK_CATALOGUE, ...EARLIER_STATEMENTS];

const libraryRefs = new Set(
  LIBRARY_TEMPLATES.flatMap((t) => t.policies.map(([f, r]) => `${f}|${r}`.toLowerCase())),
);

/** The statements the schedule library's templates map to (lib/library/templates.ts). */
export const LIBRARY_POLICY_CATALOGUE: CatalogueEntry[] = POLICY_CATALOGUE.filter((c) =>
  libraryRefs.has(`${c.framework}|${c.reference}`.toLowerCase()),
);
