import { describe, expect, it } from 'vitest';
import { renderEmail } from '@/lib/email/render-email';
import { dueDayWord } from '@/lib/notifications/task-subject';

describe('the "due" reminder names the right day', () => {
  const due = new Date('2030-03-05T15:00:00Z'); // 09:00 on the 5th in Chicago
  it('says tomorrow the day before and today on the due day, in the recipient’s zone', () => {
    expect(dueDayWord(due, 'America/Chicago', new Date('2030-03-04T14:00:00Z'))).toBe('tomorrow');
    expect(dueDayWord(due, 'America/Chicago', new Date('2030-03-05T14:00:00Z'))).toBe('today');
    // 23:00 on the 4th in Chicago is already the 5th in Berlin.
    expect(dueDayWord(due, 'Europe/Berlin', new Date('2030-03-05T05:00:00Z'))).toBe('today');
    expect(dueDayWord(null, 'UTC', new Date('2030-03-05T05:00:00Z'))).toBe('tomorrow');
  });

  it('puts that day in the subject and heading, and keeps "tomorrow" for rows queued without it', async () => {
    const props = {
      item: {
        reference: 'TASK-7',
        title: 'Review firewall rules',
        url: 'https://vigil.test/tasks/7',
        state: 'Open',
        owner: 'Dana',
      },
      due: 'Mar 5, 2030, 09:00 CST',
      reason: 'You own this task.',
    };
    const today = await renderEmail('task-due-tomorrow', { ...props, when: 'today' });
    expect(today.subject).toBe('[TASK-7] Due today: Review firewall rules');
    expect(today.text).toContain('TASK DUE TODAY'); // the plain-text part upper-cases headings
    expect((await renderEmail('task-due-tomorrow', props)).subject).toBe(
      '[TASK-7] Due tomorrow: Review firewall rules',
    );
  });
});
