import { fc, test } from '@fast-check/vitest';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '@/db/client';
import type { User } from '@/db/schema';
import { userActor } from '@/lib/auth/actor';
import { createIncident } from '@/lib/incidents/create-incident';
import { incidentKind } from '@/lib/incidents/ticket-kind';
import { createSchedule } from '@/lib/schedules/create-schedule';
import { createTask } from '@/lib/tasks/create-task';
import { addNote } from '@/lib/tickets/notes';
import { insertUser } from '../support/ticket-fixtures';
import { setUpAppTestDatabase } from '../support/test-database-hooks';
import { fuzzSize, recordInputCount } from './support/fuzz-size';
import { hostileId, hostileJson, hostileNumber, hostileText } from './support/hostile-values';
import {
  formFieldNames,
  loadActionFile,
  serverActions,
  type ActionParameter,
} from './support/server-actions';
import {
  changedTables,
  installWriteCounter,
  writeCounts,
  type Checksums,
} from './support/table-checksums';

// Every server action (each export of a 'use server' file under app/, found from the
// source: a new one is fuzzed, or fails the first test) called as the browser would call
// it, as a signed-in administrator, with generated forms and ids: the form's fields filled
// with hostile text or plausible values, ids that are real, wrong-kind or not UUIDs at all.
// Each call ends in a message the form shows (never the "went wrong on our side" of an
// unexpected error, never a thrown exception other than Next.js's redirect), and a call the
// action refused wrote nothing.
//
// Outside Next.js there is no request: the request's headers, the cache's revalidation and
// the session cookie's decoding are stood in for (below); the session's user is still read
// from the database on every call (lib/auth/session.ts), and everything after runs as is.

const session = vi.hoisted(() => ({ userId: '', sessionVersion: 0 }));

vi.mock('next/headers', () => ({
  headers: async () => new Headers({ 'user-agent': 'vigil-fuzz' }),
  cookies: async () => ({
    get: () => undefined,
    getAll: () => [],
    set() {},
    delete() {},
    has: () => false,
  }),
}));
vi.mock('next/cache', async (importOriginal) => ({
  ...(await importOriginal<Record<string, unknown>>()),
  revalidatePath: () => {},
  revalidateTag: () => {},
  updateTag: () => {},
}));
// Auth.js does not load outside Next.js (it imports next/server by a path only Next resolves);
// the sign-in form needs only its two error classes.
vi.mock('next-auth', () => {
  class AuthError extends Error {}
  class CredentialsSignin extends AuthError {
    code = 'credentials';
  }
  return { AuthError, CredentialsSignin };
});
vi.mock('@/lib/auth/next-auth', async () => {
  const { CredentialsSignin } = await import('next-auth');
  const { getDb } = await import('@/db/client');
  const { signInWithPassword } = await import('@/lib/auth/sign-in');
  return {
    auth: async () => ({ user: { id: session.userId, sessionVersion: session.sessionVersion } }),
    // The credentials check the sign-in form ends in, without Auth.js's cookie round trip.
    signIn: async (_provider: string, { email, password }: { email: string; password: string }) => {
      const result = await signInWithPassword(getDb(), { email, password, clientAddress: null });
      if (!result.ok) throw new CredentialsSignin();
    },
    signOut: async () => {},
    handlers: {},
  };
});

// The set-password form's links are signed with it.
process.env.AUTH_SECRET ??= 'fuzz-secret-fuzz-secret-fuzz-secret';

const size = fuzzSize();
const actions = serverActions();
const fieldNames = formFieldNames();
const counts = { inputs: 0, refused: 0 };
const calledTimes = new Map<string, number>();
afterAll(() => recordInputCount('actions', counts));

let db: Db;
let admin: User;
const ids: { byTable: Record<string, string[]>; all: string[] } = { byTable: {}, all: [] };
let last: Checksums;

const suite = setUpAppTestDatabase(async () => {
  db = suite.db;
  admin = await insertUser(db, 'admin', { name: 'Fuzz Admin', timeZone: 'Europe/Berlin' });
  session.userId = admin.id;
  session.sessionVersion = admin.sessionVersion;
  await insertUser(db, 'admin');
  await insertUser(db, 'user');
  const actor = userActor(admin);
  const { incident } = await createIncident(db, actor, { title: 'Seed incident', source: 'user' });
  await addNote(db, incidentKind, actor, incident.id, { body: 'Seed note' });
  await createTask(db, actor, { title: 'Seed task' });
  await createSchedule(db, actor, {
    name: 'Seed review',
    pattern: { kind: 'monthly-day', day: 1 },
    timeOfDay: '08:00',
    timeZone: 'UTC',
    startDate: '2026-01-01',
    dueInDays: 4,
  });
  // Every uuid id in the database, by table: a string parameter gets a real one now and then.
  const tables = await db.execute<{ table_name: string }>(sql`
    select table_name from information_schema.columns
    where table_schema = 'public' and column_name = 'id' and data_type = 'uuid'`);
  for (const { table_name: table } of tables) {
    const rows = await db.execute<{ id: string }>(
      sql.raw(`select id::text from "${table}" limit 5`),
    );
    ids.byTable[table] = rows.map((row) => row.id).filter((id) => id !== admin.id);
    ids.all.push(...ids.byTable[table]);
  }
  await installWriteCounter(db);
  last = await writeCounts(db);
});

// Values a real form sends, so hostile fields meet deeper checks than "required".
const PLAUSIBLE = [
  '1',
  '0',
  '2',
  'on',
  'true',
  'false',
  'high',
  'low',
  'critical',
  'none',
  'open',
  'closed',
  'in_progress',
  'resolved',
  'admin',
  'user',
  'power_user',
  'read_only',
  'UTC',
  'Europe/Berlin',
  'America/New_York',
  '2026-06-01',
  '2026-06-01T09:00',
  '09:00',
  'weekly',
  'monthly-day',
  'monthly-weekday',
  'quarterly',
  'yearly',
  'MO',
  'relates_to',
  'duplicates',
  'fuzz@example.com',
  'https://example.com/hook',
  'Phishing report',
  'A'.repeat(3),
];

const plausibleOrHostile = () =>
  fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(...PLAUSIBLE) },
    { weight: 1, arbitrary: fc.constant(null).map(() => ids.all[0] ?? '') },
    { weight: 1, arbitrary: fc.nat().map((i) => ids.all[i % Math.max(1, ids.all.length)] ?? '') },
    { weight: 3, arbitrary: hostileText() },
  );

const formArbitrary = () =>
  fc
    .array(
      fc.tuple(
        fc.constantFrom(...fieldNames),
        fc.array(plausibleOrHostile(), { minLength: 1, maxLength: 2 }),
      ),
      {
        maxLength: 14,
      },
    )
    .map((fields) => {
      const form = new FormData();
      for (const [name, values] of fields) for (const value of values) form.append(name, value);
      return form;
    });

/** A string parameter: a real id of its kind (by its name), any real id, or hostile text. */
function stringArgument(name: string): fc.Arbitrary<string> {
  const stem = name.replace(/Id$/, '').toLowerCase();
  const own = () =>
    Object.entries(ids.byTable)
      .filter(([table]) => table.replaceAll('_', '').includes(stem))
      .flatMap(([, list]) => list);
  return fc.oneof(
    { weight: 2, arbitrary: fc.nat().map((i) => own()[i % Math.max(1, own().length)] ?? '') },
    { weight: 1, arbitrary: fc.nat().map((i) => ids.all[i % Math.max(1, ids.all.length)] ?? '') },
    { weight: 2, arbitrary: hostileId() },
    { weight: 1, arbitrary: fc.constantFrom('2026-12-25', '2026-02-30', '') },
    { weight: 2, arbitrary: hostileText() },
  );
}

/** What a client can send for a parameter of this declared type; null when the fuzzer has no way yet. */
function argumentFor(parameter: ActionParameter): fc.Arbitrary<unknown> | null {
  const { name, type } = parameter;
  if (type === 'FormData') return formArbitrary();
  if (name.startsWith('_')) return fc.constant(null); // the form's previous state, unread
  if (type === 'string') return stringArgument(name);
  if (type === 'boolean') return fc.boolean();
  if (type === 'number') return fc.oneof(fc.constantFrom(1, 2), hostileNumber());
  const literals = [...type.matchAll(/'([^']*)'/g)].map((m) => m[1]);
  if (literals.length && /^('[^']*'\s*\|?\s*)+$/.test(type))
    return fc.oneof(fc.constantFrom(...literals), hostileText()); // a client can send any text
  if (type === 'unknown') return hostileJson(); // bound by a page, but a client can send anything
  if (/^[A-Z]\w*Values$/.test(type))
    return fc
      .dictionary(
        fc.constantFrom(...fieldNames),
        fc.oneof(plausibleOrHostile(), fc.array(plausibleOrHostile(), { maxLength: 3 })),
        { maxKeys: 12 },
      )
      .map((values) => values as unknown);
  return null;
}

const NEXT_SIGNAL = /^NEXT_(REDIRECT|HTTP_ERROR_FALLBACK|NOT_FOUND)/;
// Sign-in records each failure by design (the lockout's evidence): its writes are expected.
const WRITES_WHEN_REFUSED = new Set(['app/(auth)/sign-in/actions.ts#signInAction']);

/** The message a refusal shows, '' when the result is not a refusal. */
function refusalMessage(result: unknown): string | null {
  if (!result || typeof result !== 'object') return null;
  const r = result as { ok?: unknown; error?: unknown; fieldErrors?: unknown };
  if (r.ok === false)
    return typeof r.error === 'string' ? r.error : JSON.stringify(r.fieldErrors ?? '');
  if (r.ok === undefined && typeof r.error === 'string') return r.error; // the sign-in form's state
  return null;
}

describe('every server action, fed generated forms and ids', () => {
  it('is found, and the fuzzer knows how to call each', () => {
    expect(actions.length).toBeGreaterThanOrEqual(57);
    const unknown = actions.flatMap((action) =>
      action.parameters
        .filter((p) => !argumentFor(p))
        .map((p) => `${action.key} (${p.name}: ${p.type})`),
    );
    expect(unknown, 'parameters the fuzzer cannot generate: teach argumentFor').toEqual([]);
  });

  for (const action of actions) {
    const args = fc.tuple(...action.parameters.map((p) => argumentFor(p) ?? fc.constant(null)));
    test.prop([args], { numRuns: size.actionRuns, ...size.options })(action.key, async (values) => {
      counts.inputs += 1;
      calledTimes.set(action.key, (calledTimes.get(action.key) ?? 0) + 1);
      const exported = (await loadActionFile(action.file))[action.name];
      expect(typeof exported, action.key).toBe('function');
      let result: unknown;
      try {
        result = await (exported as (...a: unknown[]) => Promise<unknown>)(...values);
      } catch (error) {
        const digest = String((error as { digest?: unknown })?.digest ?? '');
        if (!NEXT_SIGNAL.test(digest)) throw error;
        // Signed out by one of the fuzzed calls (a reset, a deactivation) would make every later call shallow.
        // The sign-in page's own actions (single sign-on) answer on the sign-in page.
        if (!action.key.startsWith('app/(auth)/sign-in/'))
          expect(digest, `${action.key} sent the fuzzing admin to sign in`).not.toMatch(/sign-in/);
        result = { redirected: digest };
      }
      const after = await writeCounts(db);
      const changed = changedTables(last, after);
      last = after;
      const message = refusalMessage(result);
      if (message === null) return;
      counts.refused += 1;
      expect(message.length, `${action.key}: a refusal without a message`).toBeGreaterThan(0);
      expect(message, `${action.key}: an unexpected error`).not.toMatch(/went wrong on our side/);
      if (!WRITES_WHEN_REFUSED.has(action.key))
        expect(changed, `${action.key} refused ("${message.slice(0, 200)}") but wrote to`).toEqual(
          [],
        );
    });
  }

  it('called every action', () => {
    // At least once: a property that failed stops at its first failure (reported above).
    const missed = actions.filter((a) => (calledTimes.get(a.key) ?? 0) < 1).map((a) => a.key);
    expect(missed).toEqual([]);
  });
});
