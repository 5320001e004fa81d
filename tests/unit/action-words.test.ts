import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ActivityLabels } from '@/lib/activity/activity-labels';
import { ACTION_WORDS, actionParts, actorName, describeAction } from '@/lib/activity/action-words';
import { incidentKind } from '@/lib/incidents/ticket-kind';
import { taskKind } from '@/lib/tasks/ticket-kind';

const ROOT = join(import.meta.dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

// Every action the code writes into the log: the quoted "area.verb" names on the lines that
// choose an action in a file that records activity (ternaries included).
const TICKET_ENTITY_TYPES = [incidentKind.entityType, taskKind.entityType];

function actionsWritten(): Set<string> {
  const actions = new Set<string>();
  for (const file of ['lib', 'jobs', 'scripts'].flatMap((dir) => sourceFiles(join(ROOT, dir)))) {
    const text = readFileSync(file, 'utf8');
    if (!text.includes('recordActivit') || file.includes('/lib/activity/')) continue;
    for (const line of text.split('\n').filter((l) => /\baction\b/.test(l))) {
      for (const match of line.matchAll(/'([a-z-]+\.[a-z-]+)'/g)) actions.add(match[1]);
      // The ticket core writes `${kind.entityType}.created` for every kind of ticket.
      for (const match of line.matchAll(/`\$\{kind\.entityType\}\.([a-z-]+)`/g)) {
        for (const kind of TICKET_ENTITY_TYPES) actions.add(`${kind}.${match[1]}`);
      }
    }
  }
  return actions;
}

const labels: ActivityLabels = {
  names: new Map([
    ['task:7b0c1f0e-3f3c-4a55-9c1e-2b1c7a0d9e11', 'TASK-1042'],
    ['schedule:1d7e2a30-44b1-4f6b-8a77-0c5f4b1a2e33', 'Weekly firewall review'],
  ]),
  hrefs: new Map([['task:7b0c1f0e-3f3c-4a55-9c1e-2b1c7a0d9e11', '/tasks/1042']]),
};
const row = (
  action: string,
  entityType = 'task',
  entityId = '7b0c1f0e-3f3c-4a55-9c1e-2b1c7a0d9e11',
) => ({ action, entityType, entityId });

describe('the words of each action in the activity log', () => {
  it('has words for every action the code writes', () => {
    const written = actionsWritten();
    // The scan itself must find the log's actions, or the check below proves nothing.
    expect(written.size).toBeGreaterThan(30);
    expect(written).toContain('task.created');
    expect(written).toContain('user.deactivated');
    expect([...written].filter((action) => !ACTION_WORDS[action])).toEqual([]);
  });

  it('reads as a phrase with the item named, never the action code or an id', () => {
    expect(describeAction(row('task.closed'), labels)).toBe('closed TASK-1042');
    expect(describeAction(row('task.created'), labels)).toBe('created TASK-1042');
    expect(
      describeAction(
        row('schedule.paused', 'schedule', '1d7e2a30-44b1-4f6b-8a77-0c5f4b1a2e33'),
        labels,
      ),
    ).toBe('paused the schedule Weekly firewall review');
    expect(describeAction(row('user.signed-in', 'user'), labels)).toBe('signed in');
    for (const action of Object.keys(ACTION_WORDS)) {
      const words = describeAction(row(action), labels);
      expect(words, action).not.toContain(action);
      expect(words, action).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}/);
      expect(words, action).not.toContain('{item}');
    }
  });

  it('splits around the item so a page can link it', () => {
    expect(actionParts(row('task.note-added'), labels)).toEqual([
      'added a note to ',
      'TASK-1042',
      '',
    ]);
  });

  it('says "an incident" rather than an id when the item is not found, and words an unknown action', () => {
    expect(
      describeAction(
        row('incident.closed', 'incident', '00000000-0000-4000-8000-000000000000'),
        labels,
      ),
    ).toBe('closed an incident');
    expect(describeAction(row('task.due-moved'), labels)).toBe('due moved TASK-1042');
  });

  it('names the actor without the email kept beside it, and a process by what it is', () => {
    expect(actorName({ actorLabel: 'Dana Reyes <dana@example.com>' })).toBe('Dana Reyes');
    expect(actorName({ actorLabel: 'system:worker:schedules' })).toBe('Vigil (schedules)');
  });
});
