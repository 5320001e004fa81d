import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import type { User } from '@/db/schema';
import { activityCsv } from '@/lib/activity/activity-csv';
import { getActivity } from '@/lib/activity/get-activity';
import { createIncident } from '@/lib/incidents/create-incident';
import { updateIncident } from '@/lib/incidents/update-incident';
import { closeTask } from '@/lib/tasks/change-state';
import { createTask } from '@/lib/tasks/create-task';
import { updateTask } from '@/lib/tasks/update-task';
import { activityCsvHeader, parseCsv } from '../support/csv';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { actorOf, insertTeam, insertUser } from '../support/ticket-fixtures';
import { createSchedules } from '../support/schedule-fixtures';

// The activity CSV an examiner downloads reads as the page does: people, teams and schedules
// by name, verbs instead of action codes, local times in the viewer's zone named in the header.

const ZONE = 'America/Chicago';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

let test: TestDatabase;
let db: Db;
let dana: User;
let teamId: string;
let teamName: string;

beforeAll(async () => {
  test = await createTestDatabase();
  db = test.db;
  teamId = await insertTeam(db, 'TRAC');
  teamName = (await db.query.teams.findFirst({ where: (t, { eq }) => eq(t.id, teamId) }))!.name;
  dana = await insertUser(db, 'user', { name: 'Dana Reyes', timeZone: ZONE, teamIds: [teamId] });
});
afterAll(() => test?.drop());

/** "2026-03-02 14:05:00" in the zone, computed apart from the code under test. */
function chicago(value: Date): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(value);
}

async function csvOf(entityType: string, entityId: string) {
  const rows = await getActivity(db, { entityType, entityId, limit: 10_000 });
  const text = await activityCsv(db, rows, ZONE);
  return { rows, text, lines: parseCsv(text.replace(/^\uFEFF/, '')) };
}

describe('activity CSV', () => {
  it('names the owner, team and schedule of a generated task, with local times in the viewer’s zone', async () => {
    const [scheduleId] = await createSchedules(db, 1, { name: 'Weekly firewall review' });
    const actor = actorOf(dana);
    const { task } = await createTask(db, actor, {
      title: 'Review the firewall rules',
      owner: `user:${dana.id}`,
      scheduleId,
      occurrenceAt: '2026-03-02T14:00:00Z',
      periodKey: 'week:2026-03-02',
      dueAt: '2026-03-06T23:00:00Z',
    });
    const moved = await updateTask(db, actor, task.id, {
      version: task.version,
      owner: `team:${teamId}`,
    });
    await closeTask(db, actor, task.id, {
      version: moved.version,
      from: 'open',
      findings: 'No rule is wider than it should be.',
    });

    const { rows, text, lines } = await csvOf('task', task.id);
    const [header, ...body] = lines;
    expect(header).toEqual(activityCsvHeader(ZONE));

    const label = `TASK-${task.number}`;
    const cell = (what: string, field: string, column: 'Old' | 'New') =>
      body.find((line) => line[3] === what && line[4] === field)?.[header.indexOf(column)];
    expect(cell(`created ${label}`, 'Owner', 'New')).toBe('Dana Reyes');
    expect(cell(`created ${label}`, 'Schedule', 'New')).toBe('Weekly firewall review 1');
    expect(cell(`created ${label}`, 'Due', 'New')).toBe(chicago(new Date('2026-03-06T23:00:00Z')));
    expect(cell(`updated ${label}`, 'Owner', 'Old')).toBe('Dana Reyes');
    expect(cell(`updated ${label}`, 'Owner', 'New')).toBe(`${teamName} (team)`);
    expect(body.some((line) => line[3] === `closed ${label}`)).toBe(true);

    // Every line's time is the row's instant as local time in the viewer's zone.
    const times = new Set(rows.map((row) => chicago(row.occurredAt)));
    for (const line of body) {
      expect(line[0]).toBe(label);
      expect(line[1]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
      expect(times).toContain(line[1]);
      expect(line[2]).toBe(`Dana Reyes <${dana.email}>`);
    }
    // No id and no action code anywhere: not "team:…", not a schedule's uuid, not "task.created".
    expect(text).not.toMatch(UUID);
    expect(text).not.toMatch(/\b(user|team):/);
    expect(text).not.toMatch(/\btask\.[a-z-]+/);
  });

  it('reads an incident’s owner change with names', async () => {
    const actor = actorOf(dana);
    const { incident } = await createIncident(db, actor, {
      title: '=cmd|calc',
      severity: 'high',
      owner: `team:${teamId}`,
    });
    await updateIncident(db, actor, incident.id, {
      version: incident.version,
      owner: `user:${dana.id}`,
    });
    const { text, lines } = await csvOf('incident', incident.id);
    const owner = lines.find(
      (line) => line[3] === `updated INC-${incident.number}` && line[4] === 'Owner',
    );
    expect(owner?.slice(5, 7)).toEqual([`${teamName} (team)`, 'Dana Reyes']);
    // Cells stay protected against formulas.
    expect(lines.find((line) => line[4] === 'Title')?.[6]).toBe("'=cmd|calc");
    expect(text).not.toMatch(UUID);
  });
});
