import { describe, expect, it } from 'vitest';
import { isReopening } from '@/lib/incidents/schemas';
import { TASK_TRANSITIONS, transitionsFrom, transitionTo } from '@/lib/tasks/schemas';

describe('task transitions', () => {
  it('offers on each state exactly the moves that start there, never one back into it', () => {
    expect(transitionsFrom('open')).toEqual(['close', 'mark-invalid']);
    expect(transitionsFrom('closed')).toEqual(['mark-invalid', 'reopen']);
    expect(transitionsFrom('invalid')).toEqual(['close', 'reopen']);
    for (const state of ['open', 'closed', 'invalid'] as const) {
      for (const name of transitionsFrom(state)) expect(TASK_TRANSITIONS[name].to).not.toBe(state);
    }
  });

  it("maps the API's older end state onto its transition", () => {
    expect([transitionTo('closed'), transitionTo('invalid'), transitionTo('open')]).toEqual([
      'close',
      'mark-invalid',
      'reopen',
    ]);
  });
});

describe('reopening an incident', () => {
  it('is leaving Closed, or going back from Resolved to active work', () => {
    expect(isReopening('closed', 'triage')).toBe(true);
    expect(isReopening('closed', 'resolved')).toBe(true);
    expect(isReopening('resolved', 'analysis')).toBe(true);
    expect(isReopening('resolved', 'closed')).toBe(false);
    expect(isReopening('triage', 'analysis')).toBe(false);
    expect(isReopening('remediation', 'resolved')).toBe(false);
  });
});
