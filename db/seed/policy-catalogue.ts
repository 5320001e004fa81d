// Policy statements every organization starts with: the controls examiners ask about
// most. Organizations add their own in Policies.
export const POLICY_CATALOGUE = [
  {
    framework: 'CIS',
    reference: '1.1',
    title: 'Establish and maintain a detailed enterprise asset inventory',
  },
  { framework: 'CIS', reference: '2.1', title: 'Establish and maintain a software inventory' },
  { framework: 'CIS', reference: '5.1', title: 'Establish and maintain an inventory of accounts' },
  { framework: 'CIS', reference: '5.3', title: 'Disable dormant accounts' },
  {
    framework: 'CIS',
    reference: '5.4',
    title: 'Restrict administrator privileges to dedicated administrator accounts',
  },
  {
    framework: 'CIS',
    reference: '7.3',
    title: 'Perform automated operating system patch management',
  },
  { framework: 'CIS', reference: '8.11', title: 'Conduct audit log reviews' },
  { framework: 'CIS', reference: '11.2', title: 'Perform automated backups' },
  { framework: 'CIS', reference: '13.11', title: 'Tune security event alerting thresholds' },
  { framework: 'CIS', reference: '17.1', title: 'Designate personnel to manage incident handling' },
  {
    framework: 'PCI DSS',
    reference: '10.4.1',
    title: 'Review security events and critical system logs at least once daily',
  },
  {
    framework: 'PCI DSS',
    reference: '12.10',
    title: 'Respond immediately to suspected and confirmed security incidents',
  },
  {
    framework: 'FFIEC',
    reference: 'CAT D1.G.Ov.B.3',
    title: 'The board receives a report on the information security program at least yearly',
  },
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
] as const;

// Controls the schedule library maps its templates to (lib/library/templates.ts). Kept
// apart so the library sync can add them to organizations seeded before they existed.
export const LIBRARY_POLICY_CATALOGUE = [
  { framework: 'CIS', reference: '1.2', title: 'Address unauthorized assets' },
  { framework: 'CIS', reference: '2.3', title: 'Address unauthorized software' },
  {
    framework: 'CIS',
    reference: '5.5',
    title: 'Establish and maintain an inventory of service accounts',
  },
  { framework: 'CIS', reference: '6.8', title: 'Define and maintain role-based access control' },
  { framework: 'CIS', reference: '7.2', title: 'Establish and maintain a remediation process' },
  { framework: 'CIS', reference: '7.4', title: 'Perform automated application patch management' },
  {
    framework: 'CIS',
    reference: '8.1',
    title: 'Establish and maintain an audit log management process',
  },
  { framework: 'CIS', reference: '11.5', title: 'Test data recovery' },
  {
    framework: 'CIS',
    reference: '14.1',
    title: 'Establish and maintain a security awareness program',
  },
  {
    framework: 'CIS',
    reference: '15.1',
    title: 'Establish and maintain an inventory of service providers',
  },
  { framework: 'CIS', reference: '15.5', title: 'Assess service providers' },
  {
    framework: 'PCI DSS',
    reference: '1.2.7',
    title: 'Review configurations of network security controls at least once every six months',
  },
  {
    framework: 'PCI DSS',
    reference: '7.2.4',
    title: 'Review user accounts and access privileges at least once every six months',
  },
  {
    framework: 'PCI DSS',
    reference: '8.2.6',
    title: 'Remove or disable inactive user accounts within 90 days',
  },
  {
    framework: 'PCI DSS',
    reference: '11.2.1',
    title: 'Detect authorized and unauthorized wireless access points quarterly',
  },
  {
    framework: 'PCI DSS',
    reference: '11.3.1',
    title: 'Perform internal vulnerability scans at least quarterly',
  },
  {
    framework: 'PCI DSS',
    reference: '11.3.2',
    title: 'Perform external vulnerability scans at least quarterly',
  },
  {
    framework: 'PCI DSS',
    reference: '11.4',
    title: 'Perform external and internal penetration testing regularly',
  },
  {
    framework: 'PCI DSS',
    reference: '11.5.2',
    title: 'Deploy a change-detection mechanism for critical files',
  },
  {
    framework: 'PCI DSS',
    reference: '12.6.3',
    title: 'Train personnel on security awareness upon hire and at least once every 12 months',
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
    reference: 'CAT',
    title: 'Cybersecurity Assessment Tool: inherent risk profile and cybersecurity maturity',
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
] as const;
