// The filters the incident and task lists offer, as URL query strings, for the benchmarks
// (`npm run bench -- incidents` and `-- compliance --only lists`). People and teams come from
// seedIncidents: analyst 1 is the busiest owner and in TRAC, analyst 50 the quietest.

export type ListCase = [label: string, query: string];
type People = { users: string[]; teams: string[] };

/** A date `offset` days from today, as the list's date fields take it. */
export const day = (offset: number) =>
  new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

export function incidentListCases({ users, teams }: People): ListCase[] {
  return [
    ['default (open, newest first)', ''],
    ['state=triage', 'state=triage'],
    ['state=closed', 'state=closed'],
    ['state=all', 'state=all'],
    ['severity=high', 'severity=high'],
    ['severity=none,low', 'severity=none&severity=low'],
    ['owner=me (user + team)', 'owner=me'],
    ['owner=my-teams', 'owner=my-teams'],
    ['owner=user (busiest)', `owner=user:${users[0]}`],
    ['owner=user (quietest)', `owner=user:${users[49]}`],
    ['owner=team', `owner=team:${teams[1]}`],
    ['owner=unassigned', 'owner=unassigned'],
    ['createdBy', `createdBy=${users[5]}`],
    ['dueFrom/dueTo (next 7 days)', `dueFrom=${day(0)}&dueTo=${day(7)}`],
    ['createdFrom/createdTo (one month)', `createdFrom=${day(-60)}&createdTo=${day(-30)}`],
    [
      'createdFrom/createdTo, state=all (2 years ago)',
      `state=all&createdFrom=${day(-730)}&createdTo=${day(-700)}`,
    ],
    ['q=phishing (common)', 'q=phishing'],
    ['q=ws-0042 (rare)', 'q=ws-0042'],
    ['q=ransomware, state=all', 'q=ransomware&state=all'],
    ['response=breached', 'response=breached'],
    ['response=at-risk', 'response=at-risk'],
    ['sort=due', 'sort=due'],
    ['sort=-severity', 'sort=-severity'],
    ['sort=-updated', 'sort=-updated'],
    ['owner=user, state=all', `owner=user:${users[3]}&state=all`],
    [
      'state+severity+owner',
      `state=triage&state=analysis&severity=high&severity=medium&owner=user:${users[0]}`,
    ],
    [
      'state+severity+owner=me',
      'state=triage&state=analysis&severity=high&severity=medium&owner=me',
    ],
    ['state+severity+owner=team', `state=remediation&severity=low&owner=team:${teams[0]}`],
  ];
}
