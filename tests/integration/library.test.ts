import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { libraryTemplates, taskSchedules, users } from '@/db/schema';
import { copyTemplates, tagForTemplate } from '@/lib/library/copy-templates';
import { getLibraryTemplates } from '@/lib/library/get-library';
import { syncLibrary } from '@/lib/library/sync-library';
import { LIBRARY_TEMPLATES } from '@/lib/library/templates';
import { getSchedulePolicies, getScheduleWatchers } from '@/lib/schedules/schedule-relations';
import { testActor } from '../support/schedule-fixtures';
import { setUpTestDatabase } from '../support/test-database-hooks';

let db: Db;

setUpTestDatabase((created) => (db = created.db));

describe('the library', () => {
  it('is loaded by the migrations and filters by category, framework and interval', async () => {
    expect((await getLibraryTemplates(db)).length).toBe(LIBRARY_TEMPLATES.length);
    const pci = await getLibraryTemplates(db, { framework: 'PCI DSS', interval: 'quarterly' });
    expect(pci.map((t) => t.key).sort()).toEqual([
      'account-inventory-validation',
      'backup-restore-test',
      'external-vulnerability-scan',
      'firewall-rule-review',
      'internal-vulnerability-scan',
      'rogue-wireless',
      'service-account-review',
    ]);
    expect(
      (await getLibraryTemplates(db, { category: 'Resilience' })).every(
        (t) => t.category === 'Resilience',
      ),
    ).toBe(true);
  });

  it('copies templates into schedules tagged with their template, and a revision never changes the copy', async () => {
    const [sara] = await db
      .insert(users)
      .values({ email: 'sara@example.com', name: 'Sara Lopez', role: 'power_user' })
      .returning();
    const [justin] = await db
      .insert(users)
      .values({ email: 'justin@example.com', name: 'Justin Park', role: 'user' })
      .returning();
    const copies = await copyTemplates(
      db,
      testActor,
      {
        keys: ['user-accounts-created', 'board-security-report'],
        timeZone: 'America/Chicago',
        active: true,
        owner: `user:${justin.id}`,
        watchers: [{ userId: sara.id, frequency: 'all' }],
      },
      new Date('2026-11-28T18:00:00Z'),
    );
    expect(copies).toHaveLength(2);
    const [copy] = copies;
    expect(copy).toMatchObject({
      name: 'User accounts created and enabled',
      ownerUserId: justin.id,
      timeZone: 'America/Chicago',
      startDate: '2026-11-28',
      pattern: { kind: 'monthly-day', day: 1 },
      dueInDays: 4,
      active: true,
      templateKey: 'user-accounts-created',
      templateVersion: 2,
      tags: [tagForTemplate('User accounts created and enabled').toLowerCase()],
    });
    expect(copy.query).toContain('4720');
    expect((await getScheduleWatchers(db, copy.id)).map((w) => w.name)).toEqual(['Sara Lopez']);
    expect(
      (await getSchedulePolicies(db, copy.id)).map((p) => `${p.framework} ${p.reference}`),
    ).toEqual([
      'CIS 5.1',
      'CIS 8.11',
      'FFIEC CAT D3.PC.Am.B.1',
      'NIST CSF DE.CM-03',
      'NIST CSF PR.AA-01',
      'PCI DSS 8.2.4',
    ]);
    // The board report maps to the regulations as well as the frameworks.
    const boardPolicies = await getSchedulePolicies(db, copies[1].id);
    expect([...new Set(boardPolicies.map((p) => p.framework))].sort()).toEqual([
      'FFIEC',
      'GLBA',
      'NCUA',
      'NIST CSF',
    ]);

    const revised = LIBRARY_TEMPLATES.map((t) =>
      t.key === 'user-accounts-created'
        ? { ...t, version: t.version + 1, dueInDays: 9, description: 'Revised text' }
        : t,
    );
    await syncLibrary(db, revised);
    const [template] = await db
      .select()
      .from(libraryTemplates)
      .where(eq(libraryTemplates.key, 'user-accounts-created'));
    expect(template).toMatchObject({ version: 3, dueInDays: 9, description: 'Revised text' });
    const [after] = await db.select().from(taskSchedules).where(eq(taskSchedules.id, copy.id));
    expect(after).toEqual(copy);

    // An older shipped version never rolls a template back.
    await syncLibrary(db);
    const [still] = await db
      .select()
      .from(libraryTemplates)
      .where(eq(libraryTemplates.key, 'user-accounts-created'));
    expect(still.version).toBe(3);
  });

  it('refuses people without library.manage and unknown templates', async () => {
    const reader = {
      kind: 'user' as const,
      userId: '00000000-0000-4000-8000-000000000001',
      name: 'Alex',
      email: 'alex@example.com',
      role: 'read_only' as const,
    };
    await expect(
      copyTemplates(db, reader, { keys: ['penetration-test'], timeZone: 'UTC' }),
    ).rejects.toThrow('permission');
    await expect(
      copyTemplates(db, testActor, { keys: ['no-such-template'], timeZone: 'UTC' }),
    ).rejects.toMatchObject({ fieldErrors: { keys: expect.any(String) } });
    await expect(
      copyTemplates(db, testActor, { keys: ['penetration-test'], timeZone: 'Nowhere/Else' }),
    ).rejects.toMatchObject({ fieldErrors: { timeZone: expect.any(String) } });
  });
});
