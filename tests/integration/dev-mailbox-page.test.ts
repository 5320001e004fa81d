import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDevMailboxPage } from '@/lib/outbox/get-outbox';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { fillDevMailbox } from '../support/dev-mailbox';

// Settings → Outbox → Development mailbox pages by id both ways: every message is reachable,
// none appears on two pages, and walking back from the oldest page ends on the newest.
describe('development mailbox pages', () => {
  let test: TestDatabase;

  beforeAll(async () => {
    test = await createTestDatabase();
    await fillDevMailbox(
      test.db,
      Array.from({ length: 7 }, (_, i) => ({
        subject: `message ${i}`,
        outboxId: 1000 + i,
        idempotencyKey: `k${i}`,
      })),
    );
  });

  afterAll(() => test.drop());

  const subjects = (page: { rows: { subject: string }[] }) => page.rows.map((r) => r.subject);

  it('walks from the newest to the oldest with `before`, each message once', async () => {
    const first = await getDevMailboxPage(test.db, { limit: 3 });
    expect(subjects(first)).toEqual(['message 6', 'message 5', 'message 4']);
    expect(first.newerCursor).toBeNull();
    const second = await getDevMailboxPage(test.db, { before: first.olderCursor!, limit: 3 });
    expect(subjects(second)).toEqual(['message 3', 'message 2', 'message 1']);
    const last = await getDevMailboxPage(test.db, { before: second.olderCursor!, limit: 3 });
    expect(subjects(last)).toEqual(['message 0']);
    expect(last.olderCursor).toBeNull();
    expect(last.newerCursor).not.toBeNull();
  });

  it('walks back with `after`, newest first on every page, to the first page', async () => {
    const first = await getDevMailboxPage(test.db, { limit: 3 });
    const second = await getDevMailboxPage(test.db, { before: first.olderCursor!, limit: 3 });
    const back = await getDevMailboxPage(test.db, { after: second.newerCursor!, limit: 3 });
    expect(back).toEqual(first);
  });

  it('holds the whole mailbox, not only the latest 30', async () => {
    const all = await getDevMailboxPage(test.db, { limit: 100 });
    expect(all.rows).toHaveLength(7);
  });
});
