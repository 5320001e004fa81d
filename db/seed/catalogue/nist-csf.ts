import { type CatalogueRow, catalogueEntries } from './entry';

// NIST Cybersecurity Framework 2.0 (NIST CSWP 29, 26 February 2024): 6 functions, 22
// categories, 106 subcategories. The CSF is a work of the US government; titles follow its
// wording, the statements are ours, in plain English.
export const NIST_CSF_URL = 'https://doi.org/10.6028/NIST.CSWP.29';

/** "GV.OC-01" → "GV.OC" → "GV" → null. */
export function csfParent(reference: string): string | null {
  if (reference.includes('-')) return reference.slice(0, reference.indexOf('-'));
  if (reference.includes('.')) return reference.slice(0, reference.indexOf('.'));
  return null;
}

const ROWS: CatalogueRow[] = [
  [
    'GV',
    'Govern',
    'Set, communicate and watch over the cybersecurity strategy, expectations and policy.',
  ],
  [
    'GV.OC',
    'Organizational Context',
    'Know the mission, stakeholders, dependencies and obligations that shape cyber risk decisions.',
  ],
  [
    'GV.OC-01',
    'The organizational mission is understood and informs cybersecurity risk management',
    'Let the mission decide what matters most when managing cyber risk.',
  ],
  [
    'GV.OC-02',
    'Internal and external stakeholders are understood, and their needs and expectations regarding cybersecurity risk management are understood and considered',
    'Know who has a stake in our security and what they expect of us.',
  ],
  [
    'GV.OC-03',
    'Legal, regulatory, and contractual requirements regarding cybersecurity — including privacy and civil liberties obligations — are understood and managed',
    'Keep a current list of the laws, rules and contracts we must meet, and meet them.',
  ],
  [
    'GV.OC-04',
    'Critical objectives, capabilities, and services that external stakeholders depend on or expect from the organization are understood and communicated',
    'Know which of our services others rely on and say so.',
  ],
  [
    'GV.OC-05',
    'Outcomes, capabilities, and services that the organization depends on are understood and communicated',
    'Know which outside services we rely on and say so.',
  ],
  [
    'GV.RM',
    'Risk Management Strategy',
    'Agree priorities, risk appetite and assumptions, and use them for operational risk decisions.',
  ],
  [
    'GV.RM-01',
    'Risk management objectives are established and agreed to by organizational stakeholders',
    'Write down and agree what risk management must achieve.',
  ],
  [
    'GV.RM-02',
    'Risk appetite and risk tolerance statements are established, communicated, and maintained',
    'State how much risk we accept, and keep the statement current.',
  ],
  [
    'GV.RM-03',
    'Cybersecurity risk management activities and outcomes are included in enterprise risk management processes',
    'Report cyber risk through the same channels as every other enterprise risk.',
  ],
  [
    'GV.RM-04',
    'Strategic direction that describes appropriate risk response options is established and communicated',
    'Say which ways of responding to risk (accept, reduce, transfer, avoid) we use and when.',
  ],
  [
    'GV.RM-05',
    'Lines of communication across the organization are established for cybersecurity risks, including risks from suppliers and other third parties',
    'Know who tells whom about cyber risks, suppliers included.',
  ],
  [
    'GV.RM-06',
    'A standardized method for calculating, documenting, categorizing, and prioritizing cybersecurity risks is established and communicated',
    'Rate and record every cyber risk the same way.',
  ],
  [
    'GV.RM-07',
    'Strategic opportunities (i.e., positive risks) are characterized and are included in organizational cybersecurity risk discussions',
    'Discuss the opportunities as well as the threats.',
  ],
  [
    'GV.RR',
    'Roles, Responsibilities, and Authorities',
    'Give people the roles, authority and resources to manage cyber risk, and hold them to it.',
  ],
  [
    'GV.RR-01',
    'Organizational leadership is responsible and accountable for cybersecurity risk and fosters a culture that is risk-aware, ethical, and continually improving',
    'Leadership owns cyber risk and sets the tone.',
  ],
  [
    'GV.RR-02',
    'Roles, responsibilities, and authorities related to cybersecurity risk management are established, communicated, understood, and enforced',
    'Everyone knows who is responsible for what in security.',
  ],
  [
    'GV.RR-03',
    'Adequate resources are allocated commensurate with the cybersecurity risk strategy, roles, responsibilities, and policies',
    'Fund and staff security in line with the risk.',
  ],
  [
    'GV.RR-04',
    'Cybersecurity is included in human resources practices',
    'Build security into hiring, onboarding, changes of role and departures.',
  ],
  ['GV.PO', 'Policy', 'Set, communicate and enforce the cybersecurity policy.'],
  [
    'GV.PO-01',
    'Policy for managing cybersecurity risks is established based on organizational context, cybersecurity strategy, and priorities and is communicated and enforced',
    'Have a written security policy that fits the organization, and enforce it.',
  ],
  [
    'GV.PO-02',
    'Policy for managing cybersecurity risks is reviewed, updated, communicated, and enforced to reflect changes in requirements, threats, technology, and organizational mission',
    'Review and update the security policy as things change.',
  ],
  ['GV.OV', 'Oversight', 'Use what the risk management activities show to adjust the strategy.'],
  [
    'GV.OV-01',
    'Cybersecurity risk management strategy outcomes are reviewed to inform and adjust strategy and direction',
    'Check what the strategy achieved and change course where needed.',
  ],
  [
    'GV.OV-02',
    'The cybersecurity risk management strategy is reviewed and adjusted to ensure coverage of organizational requirements and risks',
    'Make sure the strategy still covers every requirement and risk.',
  ],
  [
    'GV.OV-03',
    'Organizational cybersecurity risk management performance is evaluated and reviewed for adjustments needed',
    'Measure how well we manage cyber risk and act on the results.',
  ],
  [
    'GV.SC',
    'Cybersecurity Supply Chain Risk Management',
    'Identify, assess and manage the cyber risks that come with suppliers.',
  ],
  [
    'GV.SC-01',
    'A cybersecurity supply chain risk management program, strategy, objectives, policies, and processes are established and agreed to by organizational stakeholders',
    'Run a supplier security programme that stakeholders have agreed.',
  ],
  [
    'GV.SC-02',
    'Cybersecurity roles and responsibilities for suppliers, customers, and partners are established, communicated, and coordinated internally and externally',
    'Agree who does what on security with suppliers, customers and partners.',
  ],
  [
    'GV.SC-03',
    'Cybersecurity supply chain risk management is integrated into cybersecurity and enterprise risk management, risk assessment, and improvement processes',
    'Treat supplier risk as part of our own risk management.',
  ],
  [
    'GV.SC-04',
    'Suppliers are known and prioritized by criticality',
    'Keep a list of suppliers ranked by how much we depend on them.',
  ],
  [
    'GV.SC-05',
    'Requirements to address cybersecurity risks in supply chains are established, prioritized, and integrated into contracts and other types of agreements with suppliers and other relevant third parties',
    'Put security requirements into supplier contracts.',
  ],
  [
    'GV.SC-06',
    'Planning and due diligence are performed to reduce risks before entering into formal supplier or other third-party relationships',
    'Check a supplier before signing.',
  ],
  [
    'GV.SC-07',
    'The risks posed by a supplier, their products and services, and other third parties are understood, recorded, prioritized, assessed, responded to, and monitored over the course of the relationship',
    'Keep assessing and monitoring each supplier for as long as we use them.',
  ],
  [
    'GV.SC-08',
    'Relevant suppliers and other third parties are included in incident planning, response, and recovery activities',
    'Include key suppliers in incident plans and exercises.',
  ],
  [
    'GV.SC-09',
    'Supply chain security practices are integrated into cybersecurity and enterprise risk management programs, and their performance is monitored throughout the technology product and service life cycle',
    'Watch how well supply chain security works over each product’s life.',
  ],
  [
    'GV.SC-10',
    'Cybersecurity supply chain risk management plans include provisions for activities that occur after the conclusion of a partnership or service agreement',
    'Plan for the end of a supplier relationship: access, data and handover.',
  ],
  ['ID', 'Identify', 'Understand the organization’s current cybersecurity risks.'],
  [
    'ID.AM',
    'Asset Management',
    'Know the assets (data, hardware, software, systems, services, people) and how much each matters.',
  ],
  [
    'ID.AM-01',
    'Inventories of hardware managed by the organization are maintained',
    'Keep the hardware inventory current.',
  ],
  [
    'ID.AM-02',
    'Inventories of software, services, and systems managed by the organization are maintained',
    'Keep the software, services and systems inventory current.',
  ],
  [
    'ID.AM-03',
    'Representations of the organization’s authorized network communication and internal and external network data flows are maintained',
    'Keep network and data-flow diagrams current.',
  ],
  [
    'ID.AM-04',
    'Inventories of services provided by suppliers are maintained',
    'Keep a list of the services suppliers provide to us.',
  ],
  [
    'ID.AM-05',
    'Assets are prioritized based on classification, criticality, resources, and impact on the mission',
    'Rank assets by how critical and sensitive they are.',
  ],
  [
    'ID.AM-07',
    'Inventories of data and corresponding metadata for designated data types are maintained',
    'Know where the sensitive data is and what it is.',
  ],
  [
    'ID.AM-08',
    'Systems, hardware, software, services, and data are managed throughout their life cycles',
    'Manage assets from acquisition to disposal.',
  ],
  [
    'ID.RA',
    'Risk Assessment',
    'Understand the cybersecurity risk to the organization, its assets and people.',
  ],
  [
    'ID.RA-01',
    'Vulnerabilities in assets are identified, validated, and recorded',
    'Find, confirm and record vulnerabilities.',
  ],
  [
    'ID.RA-02',
    'Cyber threat intelligence is received from information sharing forums and sources',
    'Take in threat intelligence from sharing groups and sources.',
  ],
  [
    'ID.RA-03',
    'Internal and external threats to the organization are identified and recorded',
    'Record the threats we face, inside and out.',
  ],
  [
    'ID.RA-04',
    'Potential impacts and likelihoods of threats exploiting vulnerabilities are identified and recorded',
    'Estimate how likely each threat is and how much harm it would do.',
  ],
  [
    'ID.RA-05',
    'Threats, vulnerabilities, likelihoods, and impacts are used to understand inherent risk and inform risk response prioritization',
    'Use threats, weaknesses, likelihood and impact to decide what to fix first.',
  ],
  [
    'ID.RA-06',
    'Risk responses are chosen, prioritized, planned, tracked, and communicated',
    'Decide, plan and track what we do about each risk.',
  ],
  [
    'ID.RA-07',
    'Changes and exceptions are managed, assessed for risk impact, recorded, and tracked',
    'Assess, record and track every change and exception for its risk.',
  ],
  [
    'ID.RA-08',
    'Processes for receiving, analyzing, and responding to vulnerability disclosures are established',
    'Have a way to receive and act on vulnerability reports.',
  ],
  [
    'ID.RA-09',
    'The authenticity and integrity of hardware and software are assessed prior to acquisition and use',
    'Check that hardware and software are genuine and untampered before use.',
  ],
  [
    'ID.RA-10',
    'Critical suppliers are assessed prior to acquisition',
    'Assess critical suppliers before buying from them.',
  ],
  ['ID.IM', 'Improvement', 'Find improvements to risk management processes and activities.'],
  [
    'ID.IM-01',
    'Improvements are identified from evaluations',
    'Learn from assessments and audits.',
  ],
  [
    'ID.IM-02',
    'Improvements are identified from security tests and exercises, including those done in coordination with suppliers and relevant third parties',
    'Learn from tests and exercises, including those with suppliers.',
  ],
  [
    'ID.IM-03',
    'Improvements are identified from execution of operational processes, procedures, and activities',
    'Learn from day-to-day operations.',
  ],
  [
    'ID.IM-04',
    'Incident response plans and other cybersecurity plans that affect operations are established, communicated, maintained, and improved',
    'Keep incident response and other security plans written, known and current.',
  ],
  ['PR', 'Protect', 'Use safeguards to manage the organization’s cybersecurity risks.'],
  [
    'PR.AA',
    'Identity Management, Authentication, and Access Control',
    'Limit access to assets to authorized users, services and hardware.',
  ],
  [
    'PR.AA-01',
    'Identities and credentials for authorized users, services, and hardware are managed by the organization',
    'Manage accounts and credentials for people, services and devices.',
  ],
  [
    'PR.AA-02',
    'Identities are proofed and bound to credentials based on the context of interactions',
    'Verify who someone is before issuing credentials.',
  ],
  [
    'PR.AA-03',
    'Users, services, and hardware are authenticated',
    'Authenticate every user, service and device.',
  ],
  [
    'PR.AA-04',
    'Identity assertions are protected, conveyed, and verified',
    'Protect and verify identity tokens and assertions.',
  ],
  [
    'PR.AA-05',
    'Access permissions, entitlements, and authorizations are defined in a policy, managed, enforced, and reviewed, and incorporate the principles of least privilege and separation of duties',
    'Grant least privilege, separate duties, and review access regularly.',
  ],
  [
    'PR.AA-06',
    'Physical access to assets is managed, monitored, and enforced commensurate with risk',
    'Control and monitor physical access.',
  ],
  [
    'PR.AT',
    'Awareness and Training',
    'Give people the awareness and training to do their work securely.',
  ],
  [
    'PR.AT-01',
    'Personnel are provided with awareness and training so that they possess the knowledge and skills to perform general tasks with cybersecurity risks in mind',
    'Train everyone in security awareness.',
  ],
  [
    'PR.AT-02',
    'Individuals in specialized roles are provided with awareness and training so that they possess the knowledge and skills to perform relevant tasks with cybersecurity risks in mind',
    'Give specialist roles the security training their work needs.',
  ],
  ['PR.DS', 'Data Security', 'Protect the confidentiality, integrity and availability of data.'],
  [
    'PR.DS-01',
    'The confidentiality, integrity, and availability of data-at-rest are protected',
    'Protect stored data.',
  ],
  [
    'PR.DS-02',
    'The confidentiality, integrity, and availability of data-in-transit are protected',
    'Protect data in transit.',
  ],
  [
    'PR.DS-10',
    'The confidentiality, integrity, and availability of data-in-use are protected',
    'Protect data while it is being processed.',
  ],
  [
    'PR.DS-11',
    'Backups of data are created, protected, maintained, and tested',
    'Back up data, protect the backups and test restoring them.',
  ],
  [
    'PR.PS',
    'Platform Security',
    'Manage the hardware, software and services of platforms securely.',
  ],
  [
    'PR.PS-01',
    'Configuration management practices are established and applied',
    'Keep secure configuration baselines and apply them.',
  ],
  [
    'PR.PS-02',
    'Software is maintained, replaced, and removed commensurate with risk',
    'Patch, replace or remove software according to risk.',
  ],
  [
    'PR.PS-03',
    'Hardware is maintained, replaced, and removed commensurate with risk',
    'Maintain, replace or retire hardware according to risk.',
  ],
  [
    'PR.PS-04',
    'Log records are generated and made available for continuous monitoring',
    'Produce logs and make them available for monitoring.',
  ],
  [
    'PR.PS-05',
    'Installation and execution of unauthorized software are prevented',
    'Stop unauthorized software from being installed or run.',
  ],
  [
    'PR.PS-06',
    'Secure software development practices are integrated, and their performance is monitored throughout the software development life cycle',
    'Build software securely and check that the practices work.',
  ],
  [
    'PR.IR',
    'Technology Infrastructure Resilience',
    'Manage the security architecture for resilience and availability.',
  ],
  [
    'PR.IR-01',
    'Networks and environments are protected from unauthorized logical access and usage',
    'Segment and protect networks from unauthorized access.',
  ],
  [
    'PR.IR-02',
    'The organization’s technology assets are protected from environmental threats',
    'Protect technology from fire, flood, power loss and other hazards.',
  ],
  [
    'PR.IR-03',
    'Mechanisms are implemented to achieve resilience requirements in normal and adverse situations',
    'Build in redundancy and failover to meet resilience needs.',
  ],
  [
    'PR.IR-04',
    'Adequate resource capacity to ensure availability is maintained',
    'Keep enough capacity for systems to stay available.',
  ],
  ['DE', 'Detect', 'Find and analyse possible cybersecurity attacks and compromises.'],
  [
    'DE.CM',
    'Continuous Monitoring',
    'Monitor assets to find anomalies, indicators of compromise and other adverse events.',
  ],
  [
    'DE.CM-01',
    'Networks and network services are monitored to find potentially adverse events',
    'Monitor networks for suspicious activity.',
  ],
  [
    'DE.CM-02',
    'The physical environment is monitored to find potentially adverse events',
    'Monitor premises for suspicious activity.',
  ],
  [
    'DE.CM-03',
    'Personnel activity and technology usage are monitored to find potentially adverse events',
    'Monitor user activity and technology use for suspicious behaviour.',
  ],
  [
    'DE.CM-06',
    'External service provider activities and services are monitored to find potentially adverse events',
    'Monitor what service providers do in our environment.',
  ],
  [
    'DE.CM-09',
    'Computing hardware and software, runtime environments, and their data are monitored to find potentially adverse events',
    'Monitor systems, software and their data for suspicious activity.',
  ],
  [
    'DE.AE',
    'Adverse Event Analysis',
    'Analyse anomalies and indicators of compromise to characterize events and detect incidents.',
  ],
  [
    'DE.AE-02',
    'Potentially adverse events are analyzed to better understand associated activities',
    'Investigate suspicious events to understand them.',
  ],
  [
    'DE.AE-03',
    'Information is correlated from multiple sources',
    'Correlate events from several sources.',
  ],
  [
    'DE.AE-04',
    'The estimated impact and scope of adverse events are understood',
    'Estimate how far an event reaches and what it affects.',
  ],
  [
    'DE.AE-06',
    'Information on adverse events is provided to authorized staff and tools',
    'Get event details to the people and tools that need them.',
  ],
  [
    'DE.AE-07',
    'Cyber threat intelligence and other contextual information are integrated into the analysis',
    'Use threat intelligence and context when analysing events.',
  ],
  [
    'DE.AE-08',
    'Incidents are declared when adverse events meet the defined incident criteria',
    'Declare an incident when an event meets the criteria.',
  ],
  ['RS', 'Respond', 'Act on a detected cybersecurity incident.'],
  ['RS.MA', 'Incident Management', 'Manage responses to detected incidents.'],
  [
    'RS.MA-01',
    'The incident response plan is executed in coordination with relevant third parties once an incident is declared',
    'Run the incident response plan, with third parties, once an incident is declared.',
  ],
  [
    'RS.MA-02',
    'Incident reports are triaged and validated',
    'Triage and validate incident reports.',
  ],
  ['RS.MA-03', 'Incidents are categorized and prioritized', 'Categorize and prioritize incidents.'],
  ['RS.MA-04', 'Incidents are escalated or elevated as needed', 'Escalate incidents when needed.'],
  [
    'RS.MA-05',
    'The criteria for initiating incident recovery are applied',
    'Apply the criteria for starting recovery.',
  ],
  [
    'RS.AN',
    'Incident Analysis',
    'Investigate to respond effectively and support forensics and recovery.',
  ],
  [
    'RS.AN-03',
    'Analysis is performed to establish what has taken place during an incident and the root cause of the incident',
    'Establish what happened and why.',
  ],
  [
    'RS.AN-06',
    'Actions performed during an investigation are recorded, and the records’ integrity and provenance are preserved',
    'Record every investigation step and keep the record intact.',
  ],
  [
    'RS.AN-07',
    'Incident data and metadata are collected, and their integrity and provenance are preserved',
    'Collect incident evidence and preserve its integrity.',
  ],
  [
    'RS.AN-08',
    'An incident’s magnitude is estimated and validated',
    'Estimate and confirm how big the incident is.',
  ],
  [
    'RS.CO',
    'Incident Response Reporting and Communication',
    'Coordinate response activities with internal and external stakeholders as required.',
  ],
  [
    'RS.CO-02',
    'Internal and external stakeholders are notified of incidents',
    'Notify stakeholders, regulators included, of incidents.',
  ],
  [
    'RS.CO-03',
    'Information is shared with designated internal and external stakeholders',
    'Share incident information with the designated parties.',
  ],
  ['RS.MI', 'Incident Mitigation', 'Prevent an incident from spreading and reduce its effects.'],
  ['RS.MI-01', 'Incidents are contained', 'Contain incidents.'],
  ['RS.MI-02', 'Incidents are eradicated', 'Eradicate incidents.'],
  ['RC', 'Recover', 'Restore assets and operations affected by an incident.'],
  [
    'RC.RP',
    'Incident Recovery Plan Execution',
    'Restore systems and services affected by incidents.',
  ],
  [
    'RC.RP-01',
    'The recovery portion of the incident response plan is executed once initiated from the incident response process',
    'Run the recovery part of the plan once response starts it.',
  ],
  [
    'RC.RP-02',
    'Recovery actions are selected, scoped, prioritized, and performed',
    'Choose, scope, prioritize and carry out recovery actions.',
  ],
  [
    'RC.RP-03',
    'The integrity of backups and other restoration assets is verified before using them for restoration',
    'Check backups are intact before restoring from them.',
  ],
  [
    'RC.RP-04',
    'Critical mission functions and cybersecurity risk management are considered to establish post-incident operational norms',
    'Decide how operations run after the incident, critical functions first.',
  ],
  [
    'RC.RP-05',
    'The integrity of restored assets is verified, systems and services are restored, and normal operating status is confirmed',
    'Verify restored systems and confirm normal operation.',
  ],
  [
    'RC.RP-06',
    'The end of incident recovery is declared based on criteria, and incident-related documentation is completed',
    'Declare recovery complete against criteria and finish the paperwork.',
  ],
  [
    'RC.CO',
    'Incident Recovery Communication',
    'Coordinate restoration activities with internal and external parties.',
  ],
  [
    'RC.CO-03',
    'Recovery activities and progress in restoring operational capabilities are communicated to designated internal and external stakeholders',
    'Keep stakeholders informed of recovery progress.',
  ],
  [
    'RC.CO-04',
    'Public updates on incident recovery are shared using approved methods and messaging',
    'Publish recovery updates through approved channels and wording.',
  ],
];

export const NIST_CSF = catalogueEntries('NIST CSF', NIST_CSF_URL, csfParent, ROWS);
