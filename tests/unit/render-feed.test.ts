import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { renderFeed } from '@/lib/calendar/render-feed';

// Long lines are folded at 75 octets (RFC 5545 §3.1) by ical-generator, whose folding is
// patched (scripts/patches) to count a character's UTF-8 bytes without a TextEncoder each.

describe('renderFeed', () => {
  it('folds long lines of multi-byte text at 75 octets, and a parser reads them back whole', () => {
    const summary = `Überprüfung der Zugriffsrechte 🔐 — ${'Prüfbericht ß€ 𝄞 '.repeat(12)}`;
    const text = renderFeed({
      name: 'Feed',
      description: 'd',
      events: [
        {
          uid: 'task-1@vigil.test',
          start: new Date('2026-12-03T15:00:00Z'),
          timeZone: 'Europe/Berlin',
          allDay: false,
          summary,
          description: `${summary}\nhttps://vigil.test/tasks/2001`,
          url: 'https://vigil.test/tasks/2001',
          status: 'CONFIRMED',
          sequence: 3,
          lastModified: new Date('2026-12-01T10:00:00Z'),
        },
      ],
    });
    const lines = text.split('\r\n');
    expect(lines.length).toBeGreaterThan(10);
    for (const line of lines) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    // No character is split across a fold.
    expect(text).not.toContain('\uFFFD');
    const event = new ICAL.Event(
      new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vevent')!,
    );
    expect(event.summary).toBe(summary);
    expect(event.description).toBe(`${summary}\nhttps://vigil.test/tasks/2001`);
  });
});
