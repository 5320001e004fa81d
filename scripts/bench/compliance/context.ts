import type { Db } from '../../../db/client';

/** What each part of `npm run bench -- compliance` gets: a seeded database of its own. */
export type ComplianceBench = {
  db: Db;
  url: string;
  /** From seedIncidents: 50 analysts (1-10 in TRAC, 11-20 in Network), four teams, an admin. */
  people: { users: string[]; teams: string[]; admin: string };
  incidents: number;
  tasks: number;
};
