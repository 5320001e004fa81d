import { type CatalogueEntry, type CatalogueRow, catalogueEntries } from './entry';

// FFIEC Cybersecurity Assessment Tool (2017 update): the baseline declarative statements,
// under their domain, assessment factor and component. The FFIEC retired the tool on
// 31 August 2025; many institutions still map their controls to it. References carry a
// "CAT " prefix, as Vigil's first catalogue did ("CAT D1.G.Ov.B.3"), to tell them from the
// IT Examination Handbook references under the same framework; the root is "CAT". The
// statements are our own short words for each baseline statement.
export const FFIEC_CAT_URL = 'https://www.ffiec.gov/cyberassessmenttool.htm';
export const CAT_RETIRED_NOTE = 'The FFIEC retired the CAT on 31 August 2025.';

/** "CAT D1.G.Ov.B.1" → "CAT D1.G.Ov" → "CAT D1.G" → "CAT D1" → "CAT" → null. */
export function catParent(reference: string): string | null {
  if (reference === 'CAT') return null;
  const statement = /^(CAT D\d\.[A-Za-z]+\.[A-Za-z]+)\.B\.\d+$/.exec(reference);
  if (statement) return statement[1];
  const cut = reference.lastIndexOf('.');
  return cut === -1 ? 'CAT' : reference.slice(0, cut);
}

const ROWS: CatalogueRow[] = [
  [
    'CAT',
    'Cybersecurity Assessment Tool: inherent risk profile and cybersecurity maturity',
    'The inherent risk profile and the cybersecurity maturity assessment as a whole.',
  ],
  [
    'CAT D1',
    'Domain 1: Cyber risk management and oversight',
    'Governance, risk management, resources, and training and culture.',
  ],
  [
    'CAT D1.G',
    'Governance',
    'Board and management oversight, strategy and policies, IT asset management.',
  ],
  ['CAT D1.G.Ov', 'Oversight', 'Board and management oversight of the security programme.'],
  [
    'CAT D1.G.Ov.B.1',
    'Management is accountable to the board for the security and continuity programmes',
    'Named managers answer to the board, or a board committee, for the information security and business continuity programmes.',
  ],
  [
    'CAT D1.G.Ov.B.2',
    'Management discusses security risks when major cyber events occur',
    'Management meetings take up information security risks when a visible cyber event or a regulatory alert prompts it.',
  ],
  [
    'CAT D1.G.Ov.B.3',
    'The board receives a report on the information security program at least yearly',
    'Management reports the status of the information security and business continuity programmes to the board at least once a year.',
  ],
  [
    'CAT D1.G.Ov.B.4',
    'The budget covers information security',
    'The budgeting process includes information security expenses and tools.',
  ],
  [
    'CAT D1.G.Ov.B.5',
    'Risks from other critical infrastructure are considered',
    'Management considers what failures in sectors such as telecommunications or energy would mean for the institution.',
  ],
  ['CAT D1.G.SP', 'Strategy and policies', 'The security strategy and the policies behind it.'],
  [
    'CAT D1.G.SP.B.1',
    'A security strategy brings technology, policy, procedure and training together',
    'The information security strategy combines technology, policies, procedures and training to reduce risk.',
  ],
  [
    'CAT D1.G.SP.B.2',
    'Policies cover IT risk management',
    'Policies in proportion to the institution’s risk and complexity address IT risk management.',
  ],
  [
    'CAT D1.G.SP.B.3',
    'Policies cover threat information sharing',
    'Policies in proportion to the institution’s risk and complexity address sharing threat information.',
  ],
  [
    'CAT D1.G.SP.B.4',
    'The board approves the information security policies',
    'Board-approved policies in proportion to the institution’s risk and complexity address information security.',
  ],
  [
    'CAT D1.G.SP.B.5',
    'Policies cover third-party management',
    'Policies in proportion to the institution’s risk and complexity address external dependencies and third parties.',
  ],
  [
    'CAT D1.G.SP.B.6',
    'Policies cover incident response and resilience',
    'Policies in proportion to the institution’s risk and complexity address incident response and resilience.',
  ],
  [
    'CAT D1.G.SP.B.7',
    'The security programme is coordinated across the enterprise',
    'Every part of the information security programme is coordinated enterprise-wide.',
  ],
  ['CAT D1.G.IT', 'IT asset management', 'Knowing and managing the institution’s assets.'],
  [
    'CAT D1.G.IT.B.1',
    'An asset inventory is maintained',
    'Hardware, software, data and externally hosted systems are kept in an inventory.',
  ],
  ['CAT D1.RM', 'Risk management', 'The risk management programme, risk assessment and audit.'],
  [
    'CAT D1.RM.RA',
    'Risk assessment',
    'Assessing the risk to the institution and its customers’ information.',
  ],
  [
    'CAT D1.RM.RA.B.1',
    'A risk assessment covers threats to customer information',
    'A risk assessment names the foreseeable threats to customer information, their likelihood and damage, and whether controls suffice.',
  ],
  [
    'CAT D1.RM.RA.B.2',
    'The risk assessment flags systems that need stronger authentication',
    'The risk assessment identifies internet-facing systems and high-risk transactions that warrant additional authentication.',
  ],
  ['CAT D1.RM.Au', 'Audit', 'Independent audit of the security programme.'],
  [
    'CAT D1.RM.Au.B.1',
    'Independent audit covers the security controls',
    'An independent audit or review evaluates policies, procedures and controls across the institution for significant risks and weaknesses.',
  ],
  ['CAT D1.R', 'Resources', 'Staffing for information security.'],
  ['CAT D1.R.St', 'Staffing', 'The people who carry out the security programme.'],
  [
    'CAT D1.R.St.B.1',
    'Security roles are identified',
    'Information security roles and responsibilities have been identified.',
  ],
  ['CAT D1.TC', 'Training and culture', 'Security training and a culture of accountability.'],
  ['CAT D1.TC.Tr', 'Training', 'Security training for staff.'],
  [
    'CAT D1.TC.Tr.B.1',
    'Security training is given every year',
    'Staff receive information security training annually.',
  ],
  [
    'CAT D1.TC.Tr.B.2',
    'Training covers incident response and current threats',
    'The annual training covers incident response, current threats such as phishing and social engineering, and emerging issues.',
  ],
  ['CAT D1.TC.Cu', 'Culture', 'Accountability for security.'],
  [
    'CAT D1.TC.Cu.B.1',
    'Staff are held to the security programme',
    'Management holds employees accountable for complying with the information security programme.',
  ],
  [
    'CAT D2',
    'Domain 2: Threat intelligence and collaboration',
    'Threat intelligence, monitoring and analysis, information sharing.',
  ],
  ['CAT D2.TI', 'Threat intelligence', 'Gathering and using threat information.'],
  [
    'CAT D2.TI.Ti',
    'Threat intelligence and information',
    'Sources of threat information and their use.',
  ],
  [
    'CAT D2.TI.Ti.B.1',
    'The institution subscribes to a threat information source',
    'The institution belongs to at least one threat and vulnerability information-sharing source, such as FS-ISAC.',
  ],
  [
    'CAT D2.TI.Ti.B.2',
    'Threat information is used for monitoring',
    'Threat information is used to watch for threats and vulnerabilities.',
  ],
  [
    'CAT D2.TI.Ti.B.3',
    'Threat information improves risk management',
    'Threat information is used to strengthen internal risk management and controls.',
  ],
  ['CAT D2.MA', 'Monitoring and analyzing', 'Reviewing and using logs.'],
  ['CAT D2.MA.Ma', 'Monitoring and analyzing', 'Log review and retention.'],
  [
    'CAT D2.MA.Ma.B.1',
    'Audit and security logs are reviewed and kept securely',
    'Audit log records and other security event logs are reviewed and retained securely.',
  ],
  [
    'CAT D2.MA.Ma.B.2',
    'Event logs support investigations',
    'Computer event logs are used to investigate an event after it occurred.',
  ],
  [
    'CAT D2.IS',
    'Information sharing',
    'Sharing threat information inside and outside the institution.',
  ],
  ['CAT D2.IS.Is', 'Information sharing', 'Sharing with staff, law enforcement and regulators.'],
  [
    'CAT D2.IS.Is.B.1',
    'Threats are shared with staff',
    'Information security threats are gathered and shared with the employees who need them.',
  ],
  [
    'CAT D2.IS.Is.B.2',
    'Law enforcement and regulator contacts are kept current',
    'Contact details for law enforcement and the regulators are maintained and updated regularly.',
  ],
  [
    'CAT D2.IS.Is.B.3',
    'Threats are shared with law enforcement and regulators',
    'Information about threats is shared with law enforcement and regulators when required or prompted.',
  ],
  [
    'CAT D3',
    'Domain 3: Cybersecurity controls',
    'Preventative, detective and corrective controls.',
  ],
  ['CAT D3.PC', 'Preventative controls', 'Controls that stop attacks.'],
  ['CAT D3.PC.Im', 'Infrastructure management', 'Perimeter, configuration and change control.'],
  [
    'CAT D3.PC.Im.B.1',
    'Perimeter defences are used',
    'Network perimeter defence tools such as border routers and firewalls are in use.',
  ],
  [
    'CAT D3.PC.Im.B.2',
    'Internet-facing systems sit behind firewalls',
    'Systems reached from the internet or by outside parties are protected by firewalls or similar devices.',
  ],
  ['CAT D3.PC.Im.B.3', 'All ports are monitored', 'Every network port is monitored.'],
  [
    'CAT D3.PC.Im.B.5',
    'Configurations follow standards',
    'System configurations for servers, desktops, routers and the like follow industry standards and are enforced.',
  ],
  [
    'CAT D3.PC.Im.B.6',
    'Unneeded ports and services are turned off',
    'Ports, functions, protocols and services no longer needed for business are prohibited.',
  ],
  [
    'CAT D3.PC.Im.B.7',
    'Configuration changes are controlled and monitored',
    'Access to change system configurations, virtual machines and hypervisors included, is controlled and monitored.',
  ],
  ['CAT D3.PC.Am', 'Access and data management', 'Who can reach which systems and data, and how.'],
  [
    'CAT D3.PC.Am.B.1',
    'Access follows job role and least privilege',
    'Employees get access to systems and confidential data according to their job and the least privilege they need.',
  ],
  [
    'CAT D3.PC.Am.B.2',
    'Access keeps duties separate',
    'Employee access to systems and confidential data provides for separation of duties.',
  ],
  [
    'CAT D3.PC.Am.B.3',
    'Administrator privileges are limited and tightly controlled',
    'Elevated privileges are few, assigned to individuals, never shared, and protected by stronger passwords.',
  ],
  [
    'CAT D3.PC.Am.B.6',
    'Identification and authentication are required',
    'Access to systems, applications and hardware requires managed identification and authentication.',
  ],
  [
    'CAT D3.PC.Am.B.7',
    'Passwords are complex and attempts limited',
    'Access controls include password complexity and limits on attempts and reuse.',
  ],
  [
    'CAT D3.PC.Am.B.8',
    'Default passwords and accounts are changed',
    'Default passwords and unneeded default accounts are changed before a system goes live.',
  ],
  [
    'CAT D3.PC.Am.B.10',
    'Production is separated from non-production',
    'Production and non-production environments are kept apart to prevent unauthorized access or change.',
  ],
  [
    'CAT D3.PC.Am.B.12',
    'Passwords are encrypted',
    'All passwords are encrypted in storage and in transit.',
  ],
  [
    'CAT D3.PC.Am.B.13',
    'Confidential data is encrypted over untrusted networks',
    'Confidential data sent across the internet or other untrusted networks is encrypted.',
  ],
  [
    'CAT D3.PC.Am.B.15',
    'Remote access uses encryption and multi-factor authentication',
    'Remote access to critical systems by staff, contractors and third parties is encrypted and uses multi-factor authentication.',
  ],
  [
    'CAT D3.PC.Am.B.16',
    'Users cannot install unauthorized software',
    'Controls keep users without administrative duties from installing unauthorized software.',
  ],
  ['CAT D3.PC.Se', 'Secure coding', 'Secure software development.'],
  [
    'CAT D3.PC.Se.B.1',
    'Developers follow secure coding practices',
    'The institution’s developers follow secure coding practices, within a development life cycle, that meet industry standards.',
  ],
  ['CAT D3.DC', 'Detective controls', 'Controls that find attacks.'],
  ['CAT D3.DC.Th', 'Threat and vulnerability detection', 'Testing for weaknesses.'],
  [
    'CAT D3.DC.Th.B.1',
    'Independent testing covers external and internal systems',
    'Independent penetration testing and vulnerability scanning of external-facing systems and the internal network follow the risk assessment.',
  ],
  ['CAT D3.DC.An', 'Anomalous activity detection', 'Finding unusual activity.'],
  [
    'CAT D3.DC.An.B.1',
    'Anomalous activity is detected across the environment',
    'Monitoring across the environment detects anomalous activity.',
  ],
  [
    'CAT D3.DC.An.B.2',
    'Anomalous customer transactions are reviewed',
    'Customer transactions that raise anomalous-activity alerts are monitored and reviewed.',
  ],
  [
    'CAT D3.DC.An.B.3',
    'Access logs are reviewed after events',
    'Physical and logical access logs are reviewed following events.',
  ],
  [
    'CAT D3.DC.An.B.4',
    'Third-party access to critical systems is monitored',
    'Third parties’ access to critical systems is monitored for unauthorized or unusual activity.',
  ],
  [
    'CAT D3.DC.An.B.5',
    'Elevated privileges are monitored',
    'Use of elevated privileges is monitored.',
  ],
  ['CAT D3.DC.Ev', 'Event detection', 'Baselines and alerts.'],
  [
    'CAT D3.DC.Ev.B.1',
    'A baseline of normal network activity exists',
    'A baseline of normal network activity is established.',
  ],
  [
    'CAT D3.DC.Ev.B.2',
    'Alerts warn management of potential attacks',
    'Mechanisms such as antivirus and log event alerts warn management of potential attacks.',
  ],
  [
    'CAT D3.DC.Ev.B.3',
    'Unauthorized users, devices, connections and software are watched for',
    'Processes monitor for unauthorized users, devices, connections and software.',
  ],
  ['CAT D3.CC', 'Corrective controls', 'Controls that fix weaknesses.'],
  ['CAT D3.CC.PM', 'Patch management', 'Applying and checking patches.'],
  [
    'CAT D3.CC.PM.B.1',
    'Patches are applied in good time',
    'A patch management programme applies software and firmware patches in a timely manner.',
  ],
  [
    'CAT D3.CC.PM.B.3',
    'Patch reports are reviewed',
    'Patch management reports are reviewed and show the security patches that are missing.',
  ],
  [
    'CAT D4',
    'Domain 4: External dependency management',
    'Connections and relationships with third parties.',
  ],
  ['CAT D4.C', 'Connections', 'Connections to third parties.'],
  ['CAT D4.C.Co', 'Connections', 'Knowing and authorizing external connections.'],
  [
    'CAT D4.C.Co.B.2',
    'Third-party connections are authorized',
    'The institution makes sure every third-party connection is authorized.',
  ],
  [
    'CAT D4.RM',
    'Relationship management',
    'Due diligence, contracts and ongoing monitoring of third parties.',
  ],
  ['CAT D4.RM.Dd', 'Due diligence', 'Checking third parties before contracting.'],
  [
    'CAT D4.RM.Dd.B.1',
    'Third parties are checked before contracts are signed',
    'Risk-based due diligence covers a prospective third party’s background, reputation, finances and security controls.',
  ],
  ['CAT D4.RM.Co', 'Contracts', 'Security terms in third-party contracts.'],
  [
    'CAT D4.RM.Co.B.1',
    'Contracts carry security and privacy requirements',
    'Third parties that handle confidential data or provide critical services have formal contracts with security and privacy requirements.',
  ],
  ['CAT D4.RM.Om', 'Ongoing monitoring', 'Watching third parties over the relationship.'],
  [
    'CAT D4.RM.Om.B.1',
    'Third-party risk assessments are updated regularly',
    'The risk assessment of each third party is brought up to date regularly.',
  ],
  [
    'CAT D4.RM.Om.B.2',
    'Critical third parties’ audits and reports are reviewed',
    'Audits, assessments and performance reports that validate critical third parties’ security controls are obtained and reviewed regularly.',
  ],
  [
    'CAT D5',
    'Domain 5: Cyber incident management and resilience',
    'Planning, detection and response, escalation and reporting.',
  ],
  [
    'CAT D5.IR',
    'Incident resilience planning and strategy',
    'Planning for and testing incident response and recovery.',
  ],
  ['CAT D5.IR.Pl', 'Planning', 'Incident response and recovery plans.'],
  [
    'CAT D5.IR.Pl.B.1',
    'How to respond to cyber incidents is documented',
    'The institution has written down how it will react to and respond to cyber incidents.',
  ],
  [
    'CAT D5.IR.Pl.B.6',
    'Continuity, recovery and backups are planned for incidents',
    'The institution plans to use business continuity, disaster recovery and data backup programmes to recover after an incident.',
  ],
  ['CAT D5.IR.Te', 'Testing', 'Exercising the plans.'],
  [
    'CAT D5.IR.Te.B.1',
    'Scenarios improve detection and response',
    'Scenarios are used to improve incident detection and response.',
  ],
  [
    'CAT D5.IR.Te.B.3',
    'Recovery is tested every year',
    'Recovery of systems, applications and data is tested at least once a year.',
  ],
  [
    'CAT D5.DR',
    'Detection, response and mitigation',
    'Finding, containing and mitigating incidents.',
  ],
  ['CAT D5.DR.De', 'Detection', 'Detecting incidents.'],
  [
    'CAT D5.DR.De.B.1',
    'Alert parameters detect incidents',
    'Alert parameters are set so that security incidents are detected and prompt mitigation.',
  ],
  [
    'CAT D5.DR.De.B.2',
    'Performance reports serve as risk indicators',
    'System performance reports contain information usable as an indicator of security incidents.',
  ],
  [
    'CAT D5.DR.De.B.3',
    'Tools detect, alert and start incident response',
    'Tools and processes detect incidents, raise alerts and trigger the incident response programme.',
  ],
  ['CAT D5.DR.Re', 'Response and mitigation', 'Containing incidents.'],
  [
    'CAT D5.DR.Re.B.1',
    'Incidents are contained',
    'Steps are taken to contain and control an incident and prevent further damage.',
  ],
  ['CAT D5.ER', 'Escalation and reporting', 'Escalating and reporting incidents.'],
  ['CAT D5.ER.Es', 'Escalation and reporting', 'Who is told, when.'],
  [
    'CAT D5.ER.Es.B.1',
    'Responders can be reached',
    'There is a process to contact the people responsible for analysing and responding to an incident.',
  ],
  [
    'CAT D5.ER.Es.B.2',
    'Customers, regulators and law enforcement are notified as required',
    'Procedures say when and how to notify customers, regulators and law enforcement of unauthorized access to sensitive customer information.',
  ],
  [
    'CAT D5.ER.Es.B.3',
    'The board receives a yearly report of security incidents',
    'An annual report of security incidents or violations goes to the board or a board committee.',
  ],
  [
    'CAT D5.ER.Es.B.4',
    'Incidents are classified, logged and tracked',
    'Every incident is classified, logged and tracked.',
  ],
];

export const FFIEC_CAT: CatalogueEntry[] = catalogueEntries(
  'FFIEC',
  FFIEC_CAT_URL,
  catParent,
  ROWS,
).map((entry) => ({ ...entry, statement: `${entry.statement} ${CAT_RETIRED_NOTE}` }));
