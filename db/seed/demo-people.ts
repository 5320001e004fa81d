import type { Role } from '@/db/schema';

// The demo organization: enough people in each role that every page has someone to show.
export const DEMO_ORGANIZATION = {
  name: 'Example Community Bank',
  timeZone: 'America/Chicago',
  onCallInstructions:
    'For Medium and High incidents, call the on-call security engineer now and say: incident number, what is affected, and whether it is ongoing.',
  onCallPhone: '+1 555 0100 911',
};

export const DEMO_TEAMS = [
  {
    name: 'TRAC',
    description: 'Outside security operations center (SOC) that triages alerts around the clock.',
  },
  { name: 'Network Operations', description: 'Firewalls, VPN and branch connectivity.' },
];

export const DEMO_PEOPLE: {
  email: string;
  name: string;
  role: Role;
  timeZone: string;
  teams: string[];
}[] = [
  {
    email: 'marcus@example.com',
    name: 'Marcus Bell',
    role: 'admin',
    timeZone: 'America/Chicago',
    teams: [],
  },
  {
    email: 'sara@example.com',
    name: 'Sara Lopez',
    role: 'power_user',
    timeZone: 'America/Chicago',
    teams: [],
  },
  {
    email: 'priya@example.com',
    name: 'Priya Raman',
    role: 'power_user',
    timeZone: 'America/New_York',
    teams: ['Network Operations'],
  },
  {
    email: 'justin@example.com',
    name: 'Justin Park',
    role: 'user',
    timeZone: 'America/Chicago',
    teams: ['TRAC'],
  },
  {
    email: 'dana@example.com',
    name: 'Dana Whitfield',
    role: 'user',
    timeZone: 'America/Denver',
    teams: ['Network Operations'],
  },
  {
    email: 'soc@example.com',
    name: 'TRAC Analyst',
    role: 'user',
    timeZone: 'UTC',
    teams: ['TRAC'],
  },
  {
    email: 'alex@example.com',
    name: 'Alex Morgan',
    role: 'read_only',
    timeZone: 'America/Chicago',
    teams: [],
  },
  {
    email: 'erin@example.com',
    name: 'Erin Cho',
    role: 'read_only',
    timeZone: 'America/Los_Angeles',
    teams: [],
  },
];
