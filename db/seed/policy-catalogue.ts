// Policy statements every organization starts with: the controls examiners ask about
// most. Organizations add their own in Policies.
export const POLICY_CATALOGUE = [
  { framework: 'CIS', reference: '1.1', title: 'Establish and maintain a detailed enterprise asset inventory' },
  { framework: 'CIS', reference: '2.1', title: 'Establish and maintain a software inventory' },
  { framework: 'CIS', reference: '5.1', title: 'Establish and maintain an inventory of accounts' },
  { framework: 'CIS', reference: '5.3', title: 'Disable dormant accounts' },
  { framework: 'CIS', reference: '5.4', title: 'Restrict administrator privileges to dedicated administrator accounts' },
  { framework: 'CIS', reference: '7.3', title: 'Perform automated operating system patch management' },
  { framework: 'CIS', reference: '8.11', title: 'Conduct audit log reviews' },
  { framework: 'CIS', reference: '11.2', title: 'Perform automated backups' },
  { framework: 'CIS', reference: '13.11', title: 'Tune security event alerting thresholds' },
  { framework: 'CIS', reference: '17.1', title: 'Designate personnel to manage incident handling' },
  { framework: 'PCI DSS', reference: '10.4.1', title: 'Review security events and critical system logs at least once daily' },
  { framework: 'PCI DSS', reference: '12.10', title: 'Respond immediately to suspected and confirmed security incidents' },
  { framework: 'FFIEC', reference: 'CAT D1.G.Ov.B.3', title: 'The board receives a report on the information security program at least yearly' },
  { framework: 'FFIEC', reference: 'IS.III.D', title: 'Security operations: monitor, detect and respond to threats' },
  { framework: 'GLBA', reference: '314.4(h)', title: 'Establish a written incident response plan' },
  { framework: 'NCUA', reference: '748 App. B', title: 'Notify the NCUA within 72 hours of a reportable cyber incident' },
] as const;
