import type { RecurrencePattern } from '@/lib/schedules/recurrence';

// The schedule library: reviews a bank's security team repeats, written for Vigil from
// the recurring-review guidance (CIS Controls v8, PCI DSS v4, FFIEC, GLBA, NCUA). Each is
// data: the library sync (lib/library/sync-library.ts) inserts new keys and revises a
// template when its version here is higher. Copies already made are never changed.
// Bump `version` when you change a template's text, interval or mapping.

export const INTERVALS = [
  'daily',
  'weekly',
  'monthly',
  'quarterly',
  'semiannual',
  'yearly',
] as const;
export type Interval = (typeof INTERVALS)[number];
export const INTERVAL_LABELS: Record<Interval, string> = {
  daily: 'Every day',
  weekly: 'Every week',
  monthly: 'Every month',
  quarterly: 'Every quarter',
  semiannual: 'Every six months',
  yearly: 'Every year',
};

export type TemplateDefinition = {
  key: string;
  version: number;
  name: string;
  category: string;
  interval: Interval;
  dueInDays: number;
  /** Markdown: why, the steps, the evidence to attach. */
  description: string;
  query?: string;
  /** [framework, reference] as in the policy catalogue. */
  policies: [string, string][];
  basis: string;
  /** Defaults to the interval's usual pattern (Monday for weekly, the 1st for monthly and longer). */
  pattern?: RecurrencePattern;
  timeOfDay?: string;
};

export function defaultPattern(interval: Interval): RecurrencePattern {
  switch (interval) {
    case 'daily':
      return { kind: 'daily' };
    case 'weekly':
      return { kind: 'weekly', interval: 1, weekdays: ['MO'] };
    case 'monthly':
      return { kind: 'monthly-day', day: 1 };
    case 'quarterly':
      return { kind: 'quarterly', day: 1 };
    case 'semiannual':
      return { kind: 'semiannual', day: 1 };
    case 'yearly':
      return { kind: 'yearly', month: 1, day: 15 };
  }
}

function text(purpose: string, steps: string[], evidence: string[]): string {
  return [
    purpose,
    '',
    '**Steps**',
    ...steps.map((s, i) => `${i + 1}. ${s}`),
    '',
    '**Evidence to attach**',
    ...evidence.map((e) => `- ${e}`),
  ].join('\n');
}

const CLOSE =
  'Close the task with your findings: what you reviewed, what you found, and the ticket of anything you escalated.';

export const LIBRARY_TEMPLATES: TemplateDefinition[] = [
  // Access control
  {
    key: 'user-accounts-created',
    version: 1,
    name: 'User accounts created and enabled',
    category: 'Access control',
    interval: 'monthly',
    dueInDays: 4,
    description: text(
      'Verify that every user account created or enabled last month was legitimate, necessary and created by someone authorised to do so.',
      [
        'Run the query for the previous calendar month and export the results.',
        'For each account created (4720/624) or enabled (4722/626), find the access request or HR ticket that justifies it.',
        'Confirm the account was created by a member of the IT administrators group, not by a service or an unexpected person.',
        'Disable and escalate any account without a request; open an incident if the creator was not authorised.',
        CLOSE,
      ],
      [
        'The exported list of account events',
        'The matching access requests (or their ticket numbers)',
        'Incident numbers for anything unexplained',
      ],
    ),
    query:
      'app_name:("microsoft-windows-security-auditing" OR "DefenseStorm Agent") AND event_id:(4720 OR 624 OR 4722 OR 626) AND NOT category:alert',
    policies: [
      ['CIS', '5.1'],
      ['CIS', '8.11'],
    ],
    basis: 'CIS 5.1; the tickets overview worked example',
  },
  {
    key: 'windows-user-account-management',
    version: 1,
    name: 'Windows user account management monitoring',
    category: 'Access control',
    interval: 'weekly',
    dueInDays: 3,
    description: text(
      "Review last week's account lifecycle events on Windows: accounts created, enabled, disabled, deleted, changed, locked out and unlocked.",
      [
        'Run the query for the last seven days.',
        'Match creations, enables and deletions to access requests and HR joiner/leaver notices.',
        'Look at lockouts (4740) for accounts locked repeatedly or outside business hours; ask the user or escalate.',
        'Check changes (4738) to privileged or service accounts with their owners.',
        CLOSE,
      ],
      ['Query results (CSV) for the week', 'Notes on each unexplained change and who confirmed it'],
    ),
    query: 'event_id:(4720 OR 4722 OR 4725 OR 4726 OR 4738 OR 4740 OR 4767)',
    policies: [
      ['CIS', '5.1'],
      ['CIS', '8.11'],
    ],
    basis: 'CIS 5, 8.11',
  },
  {
    key: 'privileged-group-changes',
    version: 1,
    name: 'Privileged group membership changes',
    category: 'Access control',
    interval: 'weekly',
    dueInDays: 2,
    description: text(
      'Every member added to an administrative or security-enabled group must have an approved change behind it.',
      [
        'Run the query for the last seven days (4728 global, 4732 local, 4756 universal groups).',
        'For each addition to Domain Admins, Enterprise Admins, local Administrators or other privileged groups, find the approved change request.',
        'Remove memberships with no approval and open an incident.',
        'Confirm temporary elevations were removed when their change closed.',
        CLOSE,
      ],
      [
        'Query results',
        'Change request numbers for each addition',
        'Incident numbers for removals',
      ],
    ),
    query: 'event_id:(4728 OR 4732 OR 4756)',
    policies: [['CIS', '5.4']],
    basis: 'CIS 5.4',
  },
  {
    key: 'failed-logons',
    version: 1,
    name: 'Failed logon review',
    category: 'Access control',
    interval: 'weekly',
    dueInDays: 3,
    description: text(
      'Look for password guessing and misuse: repeated failures on one account or from one host.',
      [
        'Run the query for the last seven days and group by account and by source host.',
        'Investigate accounts with many failures, failures outside business hours, and one host failing against many accounts.',
        'Confirm with the user or the system owner; reset credentials or block the source where it is not explained.',
        CLOSE,
      ],
      ['Top accounts and hosts by failures (export)', 'Notes on each one investigated'],
    ),
    query: 'event_id:4625',
    policies: [['CIS', '8.11']],
    basis: 'CIS 8.11',
  },
  {
    key: 'admin-password-resets',
    version: 1,
    name: 'Administrator password resets',
    category: 'Access control',
    interval: 'weekly',
    dueInDays: 3,
    description: text(
      'Password resets performed by administrators (4724) can hide an account takeover: each needs a help-desk ticket.',
      [
        'Run the query for the last seven days.',
        "Match each reset to a help-desk ticket showing the user's identity was verified.",
        'Escalate resets with no ticket, on privileged accounts, or done by an unexpected administrator.',
        CLOSE,
      ],
      ['Query results', 'Ticket numbers matched to each reset'],
    ),
    query: 'event_id:4724',
    policies: [['CIS', '5.1']],
    basis: 'CIS 5',
  },
  {
    key: 'account-inventory-validation',
    version: 1,
    name: 'Account inventory validation',
    category: 'Access control',
    interval: 'quarterly',
    dueInDays: 14,
    description: text(
      'Confirm that every active account (people, administrators, services) is authorised and has an owner.',
      [
        'Export all enabled accounts from the directory and from each critical application.',
        'Compare with the HR roster: flag leavers, contractors past their end date and unknown accounts.',
        "Send each department head the list of their staff's accounts to confirm.",
        'Disable what is not confirmed; record the exceptions and who approved them.',
        CLOSE,
      ],
      [
        'The account exports',
        'Signed or emailed confirmations from department heads',
        'The list of accounts disabled',
      ],
    ),
    query: 'event_id:4720',
    policies: [['CIS', '5.1']],
    basis: 'CIS 5.1',
  },
  {
    key: 'service-account-review',
    version: 1,
    name: 'Service account review',
    category: 'Access control',
    interval: 'quarterly',
    dueInDays: 14,
    description: text(
      'Service accounts run unattended with broad rights: each needs an owner, a purpose and the least privilege that works.',
      [
        'List every service account (directory, databases, core and cloud applications).',
        'For each, confirm its owner, purpose, the systems it logs on to, and that interactive logon is denied.',
        'Check password age or managed-identity use against your standard.',
        'Disable unused service accounts; reduce excessive rights through change management.',
        CLOSE,
      ],
      ['The service account inventory with owner and purpose', 'Changes raised'],
    ),
    policies: [['CIS', '5.5']],
    basis: 'CIS 5.5',
  },
  {
    key: 'dormant-accounts',
    version: 1,
    name: 'Dormant account sweep',
    category: 'Access control',
    interval: 'monthly',
    dueInDays: 5,
    description: text(
      'Disable accounts nobody uses: CIS asks after 45 days of inactivity, PCI DSS after 90 at the latest.',
      [
        'Export last-logon dates for all enabled accounts.',
        "Disable accounts unused for 45 days (or your policy's limit), except documented exceptions.",
        'Notify the owners; delete accounts disabled for longer than your retention period.',
        CLOSE,
      ],
      [
        'The list of dormant accounts and the action taken on each',
        'Exceptions with their approver',
      ],
    ),
    policies: [
      ['CIS', '5.3'],
      ['PCI DSS', '8.2.6'],
    ],
    basis: 'CIS 5.3; PCI DSS 8.2.6',
  },
  {
    key: 'user-access-review',
    version: 1,
    name: 'User access and privilege review',
    category: 'Access control',
    interval: 'semiannual',
    dueInDays: 21,
    description: text(
      "Management confirms that each person's access still fits their job, and signs off.",
      [
        'Export user-to-role and user-to-permission reports from the core, online banking, email and file shares.',
        "Send each manager their team's access with a deadline; they mark keep or remove.",
        'Remove what was marked, and check that job changes in the period left no leftover access.',
        'Collect the sign-offs.',
        CLOSE,
      ],
      ['The access reports sent', "Each manager's sign-off", 'Tickets for the removals'],
    ),
    policies: [
      ['PCI DSS', '7.2.4'],
      ['FFIEC', 'IS user access'],
    ],
    basis: 'PCI DSS 7.2.4; FFIEC IT Handbook (user access)',
  },
  {
    key: 'role-based-access-review',
    version: 1,
    name: 'Role-based access review',
    category: 'Access control',
    interval: 'yearly',
    dueInDays: 30,
    description: text(
      'Review the roles themselves: each privilege a role grants must be authorised and needed.',
      [
        'List every role and the permissions it grants in each critical system.',
        'With each system owner, confirm every permission in every role; remove what is not needed.',
        'Check segregation of duties (for example, nobody both creates and approves wires).',
        'Record approval of the role definitions.',
        CLOSE,
      ],
      ['Role definitions before and after', 'Approval from each system owner'],
    ),
    policies: [['CIS', '6.8']],
    basis: 'CIS 6.8',
  },
  {
    key: 'employee-account-access',
    version: 1,
    name: 'Employee and customer account access review',
    category: 'Core banking',
    interval: 'monthly',
    dueInDays: 5,
    description: text(
      "Staff looking up colleagues' or relatives' accounts is a classic insider risk: review who looked at employee accounts.",
      [
        "Run the core's employee account access report for last month.",
        "Flag lookups of employee accounts without a business reason, and lookups by staff of their own or relatives' accounts.",
        "Ask the staff member's manager about each flagged lookup; escalate to HR and compliance when unexplained.",
        CLOSE,
      ],
      ['The access report', 'Explanations obtained for flagged lookups'],
    ),
    policies: [['CIS', '8.11']],
    basis: 'bank operations practice',
  },
  // Logging and monitoring
  {
    key: 'daily-critical-log-review',
    version: 1,
    name: 'Daily critical log review',
    category: 'Logging and monitoring',
    interval: 'daily',
    dueInDays: 0,
    timeOfDay: '08:00',
    description: text(
      'Review security events and the logs of critical and security systems every day, as PCI DSS requires.',
      [
        'Run the query for the last 24 hours (or since the last review on Mondays).',
        'Triage every alert; open an incident for anything that needs research.',
        'Skim firewall denies and VPN logons for anything unusual in volume or origin.',
        CLOSE,
      ],
      ['A note of the alerts seen and what was done with each', 'Incident numbers opened'],
    ),
    query: 'category:alert OR app_name:firewall*',
    policies: [
      ['PCI DSS', '10.4.1'],
      ['FFIEC', 'IS.III.D'],
    ],
    basis: 'PCI DSS 10.4.1',
  },
  {
    key: 'audit-log-review',
    version: 1,
    name: 'Audit log review',
    category: 'Logging and monitoring',
    interval: 'weekly',
    dueInDays: 3,
    description: text(
      'A weekly look across the audit logs for anomalies that no alert caught.',
      [
        "Compare this week's event volumes per source with last week's; explain large changes.",
        'Look for activity at unusual hours, new administrators, and new hosts.',
        'Review the top talkers and any new applications seen.',
        CLOSE,
      ],
      ['Volume comparison (export or screenshot)', 'Notes on each anomaly'],
    ),
    policies: [['CIS', '8.11']],
    basis: 'CIS 8.11',
  },
  {
    key: 'security-log-cleared',
    version: 1,
    name: 'Security log cleared',
    category: 'Logging and monitoring',
    interval: 'weekly',
    dueInDays: 2,
    description: text(
      'Clearing the Windows security log (1102) is what an intruder does to hide: every clear needs an explanation.',
      [
        'Run the query for the last seven days.',
        'For each clear, identify the account and host and confirm an approved maintenance reason.',
        'Open an incident for any clear without one.',
        CLOSE,
      ],
      ['Query results', 'Explanation or incident for each event'],
    ),
    query: 'event_id:1102',
    policies: [['CIS', '8.11']],
    basis: 'CIS 8',
  },
  {
    key: 'log-source-health',
    version: 2,
    name: 'Log source health',
    category: 'Logging and monitoring',
    interval: 'weekly',
    dueInDays: 2,
    description: text(
      'A source that stopped sending logs is a blind spot: confirm every expected source still reports.',
      [
        'Compare the list of reporting sources and agent heartbeats with your expected source inventory.',
        'Chase every source silent for more than 24 hours with its owner.',
        'Add new servers and devices to the inventory.',
        CLOSE,
      ],
      ['The list of silent sources and their fix', 'Updated source inventory'],
    ),
    // Heartbeats are the agent's own events (category "heartbeat"); the first version looked
    // for an app name no agent sends.
    query: 'category:heartbeat',
    policies: [
      ['CIS', '8.11'],
      ['CIS', '8.1'],
    ],
    basis: 'CIS 8.11',
  },
  {
    key: 'unexpected-countries',
    version: 1,
    name: 'Connections to unexpected countries',
    category: 'Network security',
    interval: 'weekly',
    dueInDays: 3,
    description: text(
      'Traffic to countries you do no business with can be command-and-control or data leaving.',
      [
        'Run the query for the last seven days; adjust the country list to your risk appetite.',
        'Identify the internal hosts involved and the processes or users behind the traffic.',
        'Block and open an incident for anything not explained by a known service.',
        CLOSE,
      ],
      ['Query results', 'Explanation or incident per host'],
    ),
    query: 'geo_dest.country:(china OR russia OR "north korea")',
    policies: [['FFIEC', 'IS.III.D']],
    basis: 'threat practice',
  },
  {
    key: 'file-integrity-monitoring',
    version: 1,
    name: 'File integrity monitoring review',
    category: 'Logging and monitoring',
    interval: 'weekly',
    dueInDays: 3,
    description: text(
      'Changes to critical system and configuration files must match approved changes.',
      [
        'Run the query for the last seven days.',
        'Match each change to a change ticket or patch window.',
        'Investigate changes outside windows or to files that should never change.',
        CLOSE,
      ],
      ['FIM change report', 'Change tickets matched'],
    ),
    query: 'app_name:fim*',
    policies: [['PCI DSS', '11.5.2']],
    basis: 'PCI DSS 11.5.2',
  },
  {
    key: 'alert-tuning',
    version: 1,
    name: 'Alert tuning',
    category: 'Logging and monitoring',
    interval: 'monthly',
    dueInDays: 7,
    description: text(
      'Noisy alerts train people to ignore them: tune the triggers that fire most without result.',
      [
        "List last month's alerts by trigger with how many became incidents.",
        'For the noisiest triggers with no true positives, adjust thresholds or exclusions — document why.',
        'Check that no tuning silenced a detection you need.',
        CLOSE,
      ],
      ['Alert counts by trigger', 'Each change made and its reason'],
    ),
    policies: [['CIS', '13.11']],
    basis: 'CIS 13.11',
  },
  {
    key: 'log-management-review',
    version: 1,
    name: 'Log management process review',
    category: 'Logging and monitoring',
    interval: 'yearly',
    dueInDays: 30,
    description: text(
      'Review the logging process itself: what is logged, how long it is kept, and who reviews it.',
      [
        'Check the documented log sources, retention periods and review duties against what is actually configured.',
        'Confirm retention meets regulation and policy (for example, one year with three months immediately available).',
        'Arrange an independent review of the process (internal audit or a third party).',
        CLOSE,
      ],
      ['The updated log management procedure', "The independent review's report"],
    ),
    policies: [
      ['CIS', '8.1'],
      ['FFIEC', 'IS log management'],
    ],
    basis: 'CIS 8.1; FFIEC IT Handbook (log management)',
  },
  // Network security
  {
    key: 'firewall-rule-review',
    version: 1,
    name: 'Firewall rule review',
    category: 'Network security',
    interval: 'quarterly',
    dueInDays: 14,
    description: text(
      'Every firewall rule must have a business justification; stale and overly broad rules come out. Quarterly meets the FFIEC baseline; PCI DSS requires at least every six months.',
      [
        'Export the rule base of every firewall and the hit counts since the last review.',
        'For each rule, confirm its owner and justification; flag any/any rules and rules without hits.',
        'Remove or narrow flagged rules through change management.',
        'Review configuration-change events for unapproved changes.',
        CLOSE,
      ],
      ['Rule base exports', 'The list of rules removed or changed with change tickets'],
    ),
    query: 'app_name:firewall* AND message:config*',
    policies: [['PCI DSS', '1.2.7']],
    basis: 'PCI DSS 1.2.7; FFIEC baseline',
  },
  {
    key: 'rogue-wireless',
    version: 1,
    name: 'Rogue wireless access point scan',
    category: 'Network security',
    interval: 'quarterly',
    dueInDays: 10,
    description: text(
      'Find wireless access points nobody authorised, at every branch and office.',
      [
        'Run a wireless scan (WIDS report or a walk-through with a scanner) at each location.',
        'Compare detected access points with the authorised list.',
        'Locate and remove unknown access points; open an incident if one was connected to the network.',
        CLOSE,
      ],
      ['Scan results per location', 'Authorised access point list'],
    ),
    policies: [['PCI DSS', '11.2.1']],
    basis: 'PCI DSS 11.2.1',
  },
  // Vulnerability management
  {
    key: 'internal-vulnerability-scan',
    version: 1,
    name: 'Internal vulnerability scan',
    category: 'Vulnerability management',
    interval: 'quarterly',
    dueInDays: 30,
    description: text(
      'Scan the internal network, fix high and critical findings, and rescan to prove it.',
      [
        'Run an authenticated internal scan of all in-scope networks.',
        'Open remediation tickets for every high and critical finding.',
        'Rescan after fixes until no high or critical finding remains (or an exception is approved).',
        CLOSE,
      ],
      ['Initial and clean rescan reports', 'Approved exceptions'],
    ),
    policies: [['PCI DSS', '11.3.1']],
    basis: 'PCI DSS 11.3.1',
  },
  {
    key: 'external-vulnerability-scan',
    version: 1,
    name: 'External vulnerability scan',
    category: 'Vulnerability management',
    interval: 'quarterly',
    dueInDays: 30,
    description: text(
      'Check what the internet sees: an external scan of every public address (by an approved scanning vendor where PCI DSS applies).',
      [
        'Confirm the list of public IP addresses and domains is current.',
        "Run the external scan; fix findings that fail the vendor's criteria.",
        'Rescan until the scan passes.',
        CLOSE,
      ],
      ['The passing scan report', 'The list of public addresses scanned'],
    ),
    policies: [['PCI DSS', '11.3.2']],
    basis: 'PCI DSS 11.3.2',
  },
  {
    key: 'penetration-test',
    version: 1,
    name: 'Penetration test',
    category: 'Vulnerability management',
    interval: 'yearly',
    dueInDays: 60,
    description: text(
      'An external and internal penetration test by a qualified, independent tester, at least yearly and after significant changes.',
      [
        'Agree the scope (external perimeter, internal network, segmentation, key applications) and rules of engagement.',
        'Run the test; track every finding to remediation.',
        'Retest the exploitable findings.',
        'Report the results to management.',
        CLOSE,
      ],
      ['The test report', 'The remediation tracker', 'Retest results'],
    ),
    policies: [
      ['PCI DSS', '11.4'],
      ['FTC Safeguards', '314.4(d)(2)'],
    ],
    basis: 'PCI DSS 11.4; FTC Safeguards Rule',
  },
  {
    key: 'os-patching',
    version: 1,
    name: 'Operating system patching',
    category: 'Vulnerability management',
    interval: 'monthly',
    dueInDays: 14,
    description: text(
      "Confirm this month's operating system updates reached every server and workstation.",
      [
        'Pull the patch compliance report after the monthly patch window.',
        'List systems missing critical or security updates and the reason.',
        'Schedule the stragglers; record exceptions with compensating controls.',
        CLOSE,
      ],
      ['Patch compliance report', 'Exceptions with approver'],
    ),
    policies: [['CIS', '7.3']],
    basis: 'CIS 7.3',
  },
  {
    key: 'application-patching',
    version: 1,
    name: 'Application patching',
    category: 'Vulnerability management',
    interval: 'monthly',
    dueInDays: 14,
    description: text(
      "Confirm third-party applications (browsers, PDF readers, Java, the core's client software) are up to date.",
      [
        'Pull the application version report from your endpoint management tool.',
        'Update outdated applications; remove ones no longer needed.',
        'Record exceptions where the vendor has no fix yet.',
        CLOSE,
      ],
      ['Application version report', 'Exceptions'],
    ),
    policies: [['CIS', '7.4']],
    basis: 'CIS 7.4',
  },
  {
    key: 'vulnerability-remediation-progress',
    version: 1,
    name: 'Vulnerability remediation progress',
    category: 'Vulnerability management',
    interval: 'monthly',
    dueInDays: 7,
    description: text(
      'Check that risk-based remediation is on track: the oldest and most severe findings first.',
      [
        'List open findings by severity and age against your remediation deadlines.',
        "Escalate overdue items to their owners' managers.",
        'Report the trend (opened, closed, overdue) to the information security officer.',
        CLOSE,
      ],
      ['Open findings by severity and age', 'The summary sent to the ISO'],
    ),
    policies: [['CIS', '7.2']],
    basis: 'CIS 7.2',
  },
  // Asset management
  {
    key: 'hardware-inventory',
    version: 1,
    name: 'Hardware asset inventory',
    category: 'Asset management',
    interval: 'semiannual',
    dueInDays: 21,
    description: text(
      'Keep the hardware inventory accurate: every device, its owner, location and whether it holds sensitive data.',
      [
        'Reconcile the inventory with discovery scans, DHCP leases and the endpoint management tool.',
        'Add missing devices; mark retired ones with their disposal record.',
        'Spot-check a sample of entries at a branch.',
        CLOSE,
      ],
      ['The reconciled inventory', 'Disposal records for retired devices'],
    ),
    policies: [['CIS', '1.1']],
    basis: 'CIS 1.1',
  },
  {
    key: 'unauthorized-devices',
    version: 1,
    name: 'Unauthorized devices',
    category: 'Asset management',
    interval: 'weekly',
    dueInDays: 3,
    description: text(
      'Remove or quarantine devices on the network that are not in the inventory.',
      [
        "Compare this week's discovered devices (network access control, DHCP, scans) with the inventory.",
        'Identify the owner of each unknown device; add it, or block and remove it.',
        CLOSE,
      ],
      ['The list of unknown devices and the action on each'],
    ),
    policies: [['CIS', '1.2']],
    basis: 'CIS 1.2',
  },
  {
    key: 'software-inventory',
    version: 1,
    name: 'Software inventory',
    category: 'Asset management',
    interval: 'semiannual',
    dueInDays: 21,
    description: text(
      'Keep the list of authorised software current, with the business owner and support status of each title.',
      [
        'Export installed software from the endpoint management tool.',
        'Update the authorised list; flag titles past end of support.',
        'Plan replacement or removal of unsupported software.',
        CLOSE,
      ],
      ['The updated software inventory', 'End-of-support list'],
    ),
    policies: [['CIS', '2.1']],
    basis: 'CIS 2.1',
  },
  {
    key: 'unauthorized-software',
    version: 1,
    name: 'Unauthorized software',
    category: 'Asset management',
    interval: 'monthly',
    dueInDays: 7,
    description: text(
      'Software not on the authorised list is removed or gets a documented exception.',
      [
        'Compare installed software with the authorised list.',
        'Remove unauthorised titles or document an approved exception.',
        'Ask why it was installable: tighten local administrator rights or allow-listing if needed.',
        CLOSE,
      ],
      ['The list of unauthorised software found and the action on each'],
    ),
    policies: [['CIS', '2.3']],
    basis: 'CIS 2.3',
  },
  // Resilience
  {
    key: 'backup-verification',
    version: 1,
    name: 'Backup job verification',
    category: 'Resilience',
    interval: 'weekly',
    dueInDays: 2,
    description: text(
      'Confirm the automated backups actually ran, for every critical system.',
      [
        "Run the query for the last seven days and review the backup software's job report.",
        'Re-run failed jobs and fix their cause.',
        'Confirm off-site or immutable copies completed too.',
        CLOSE,
      ],
      ['Backup job report', 'Notes on failures and their fix'],
    ),
    query: 'message:backup* AND message:(fail* OR error)',
    policies: [['CIS', '11.2']],
    basis: 'CIS 11.2',
  },
  {
    key: 'backup-restore-test',
    version: 1,
    name: 'Backup restore test',
    category: 'Resilience',
    interval: 'quarterly',
    dueInDays: 14,
    description: text(
      'A backup is only proven by a restore: restore a sample and check it.',
      [
        'Pick a sample (rotate systems each quarter: a file share, a database, a server image).',
        'Restore to an isolated location and verify integrity with the data owner.',
        'Record the time the restore took against your recovery time objective.',
        CLOSE,
      ],
      ['Restore test record: what, when, how long, verified by whom'],
    ),
    policies: [['CIS', '11.5']],
    basis: 'CIS 11.5',
  },
  {
    key: 'business-continuity-test',
    version: 1,
    name: 'Business continuity test',
    category: 'Resilience',
    interval: 'yearly',
    dueInDays: 60,
    description: text(
      'Test the business continuity plan enterprise-wide, including critical service providers.',
      [
        'Plan the exercise scenario and objectives with the business continuity committee.',
        'Run the test (failover, alternate site, communication tree).',
        'Record gaps and assign remediation; update the plan.',
        'Report results to the board.',
        CLOSE,
      ],
      ['Test plan and results', 'Remediation list', 'Board minutes or report'],
    ),
    policies: [['FFIEC', 'BCM']],
    basis: 'FFIEC BCM booklet',
  },
  // Incident response
  {
    key: 'incident-response-exercise',
    version: 1,
    name: 'Incident response plan review and tabletop',
    category: 'Incident response',
    interval: 'yearly',
    dueInDays: 45,
    description: text(
      'Keep the incident response plan current and practised.',
      [
        'Review the plan for changes in people, systems, vendors and regulation.',
        'Run a tabletop exercise (for example, ransomware at a branch) with IT, management and communications.',
        'Record lessons learned and update the plan.',
        CLOSE,
      ],
      ['The updated plan with its approval', 'Tabletop attendance and lessons learned'],
    ),
    policies: [
      ['PCI DSS', '12.10'],
      ['CIS', '17.1'],
      ['GLBA', '314.4(h)'],
    ],
    basis: 'PCI DSS 12.10; CIS 17',
  },
  {
    key: 'incident-contact-list',
    version: 1,
    name: 'Incident contact list',
    category: 'Incident response',
    interval: 'yearly',
    dueInDays: 14,
    description: text(
      'Make sure you can reach everyone you need in an incident, including the regulator within 72 hours.',
      [
        'Verify names and numbers of the response team, management, legal counsel, insurer, forensics firm and key vendors.',
        "Confirm the regulator's reporting line and process (NCUA: 72 hours for a reportable cyber incident).",
        'Distribute the updated list and keep an offline copy.',
        CLOSE,
      ],
      ['The updated contact list', 'Confirmation it was distributed'],
    ),
    policies: [
      ['NCUA', '748 App. B'],
      ['CIS', '17.1'],
    ],
    basis: 'NCUA Part 748 (72-hour notice)',
  },
  // Governance
  {
    key: 'board-security-report',
    version: 1,
    name: 'Information security programme report to the board',
    category: 'Governance',
    interval: 'yearly',
    dueInDays: 30,
    description: text(
      'Report to the board at least yearly on the information security programme.',
      [
        'Summarise programme status, the risk assessment, test results (penetration, audit), incidents and responses, service provider oversight and recommended changes.',
        'Review the draft with senior management.',
        'Present to the board and record their feedback in the minutes.',
        CLOSE,
      ],
      ['The board report', 'Board minutes showing it was presented'],
    ),
    policies: [
      ['GLBA', 'Interagency Guidelines III.F'],
      ['NCUA', '748 App. A'],
      ['FFIEC', 'CAT D1.G.Ov.B.3'],
    ],
    basis: 'GLBA Interagency Guidelines; NCUA Part 748 App. A; FFIEC CAT D1.G.Ov.B.3',
  },
  {
    key: 'cybersecurity-assessment',
    version: 1,
    name: 'Cybersecurity assessment update',
    category: 'Governance',
    interval: 'yearly',
    dueInDays: 45,
    description: text(
      'Re-rate inherent risk and cybersecurity maturity so the programme keeps up with the institution.',
      [
        'Update the inherent risk profile for new products, channels and technologies.',
        'Re-assess maturity in each domain; record the evidence for each answer.',
        'Set target maturity and an action plan for the gaps; present to management.',
        CLOSE,
      ],
      ['The completed assessment', 'The action plan'],
    ),
    policies: [['FFIEC', 'CAT']],
    basis: 'FFIEC CAT',
  },
  {
    key: 'security-awareness-training',
    version: 1,
    name: 'Security awareness training',
    category: 'Governance',
    interval: 'yearly',
    dueInDays: 45,
    description: text(
      'Every employee completes security awareness training and acknowledges the security policy.',
      [
        "Assign this year's training (phishing, social engineering, data handling, incident reporting).",
        'Chase incomplete training weekly; escalate to managers after the deadline.',
        'Collect policy acknowledgements.',
        CLOSE,
      ],
      ['Completion report', 'Acknowledgement records'],
    ),
    policies: [
      ['PCI DSS', '12.6.3'],
      ['CIS', '14.1'],
    ],
    basis: 'PCI DSS 12.6.3; CIS 14',
  },
  // Third parties
  {
    key: 'service-provider-inventory',
    version: 1,
    name: 'Service provider inventory',
    category: 'Third parties',
    interval: 'yearly',
    dueInDays: 30,
    description: text(
      'Keep the list of service providers current, with their classification and contacts.',
      [
        'Reconcile the vendor list with accounts payable to find providers not yet listed.',
        'Classify each by the data it handles and the criticality of its service.',
        'Confirm the business owner and the security contact of each.',
        CLOSE,
      ],
      ['The updated inventory with classifications'],
    ),
    policies: [['CIS', '15.1']],
    basis: 'CIS 15.1',
  },
  {
    key: 'service-provider-reassessment',
    version: 1,
    name: 'Service provider reassessment',
    category: 'Third parties',
    interval: 'yearly',
    dueInDays: 60,
    description: text(
      'Reassess critical and high-risk service providers against their contracts and your requirements.',
      [
        "Collect each provider's SOC 1/SOC 2 report, attestations or a questionnaire.",
        'Review the exceptions and the complementary user-entity controls you must operate.',
        'Record the risk rating and any follow-up with the provider.',
        CLOSE,
      ],
      ['SOC reports or questionnaires received', 'The review notes and risk ratings'],
    ),
    policies: [
      ['CIS', '15.5'],
      ['FFIEC', 'Outsourcing'],
    ],
    basis: 'CIS 15.5; FFIEC outsourcing',
  },
  // Core banking
  {
    key: 'core-systems-report-review',
    version: 1,
    name: 'Core systems report review',
    category: 'Core banking',
    interval: 'monthly',
    dueInDays: 5,
    description: text(
      "Review the core banking system's user and security reports for changes nobody expected.",
      [
        "Print or export the core's security reports: user additions and changes, security level changes, override usage.",
        'Match user and security changes to requests; question overrides above limits.',
        'Have a second person review and initial.',
        CLOSE,
      ],
      ['The reports reviewed (initialled)', 'Explanations for exceptions'],
    ),
    policies: [['FFIEC', 'IS user access']],
    basis: 'vendor practice',
  },
  {
    key: 'core-file-maintenance',
    version: 1,
    name: 'Core file maintenance report',
    category: 'Core banking',
    interval: 'daily',
    dueInDays: 1,
    timeOfDay: '08:00',
    description: text(
      "Changes to addresses, rates and dormant status are how account takeovers and insider fraud begin: review yesterday's.",
      [
        "Review the core's file maintenance report for the previous business day.",
        "Verify address and phone changes against the customer's request; call back on high-risk accounts.",
        'Confirm rate changes and reactivation of dormant accounts were approved.',
        CLOSE,
      ],
      ['The initialled report', 'Callback notes for verified changes'],
    ),
    policies: [['CIS', '8.11']],
    basis: 'bank operations practice',
  },
];
