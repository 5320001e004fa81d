import { fc, test } from '@fast-check/vitest';
import { afterAll, afterEach, beforeEach, describe, expect } from 'vitest';
import { GET as getOpenApi } from '@/app/api/v1/openapi.json/route';
import type { Db } from '@/db/client';
import { users, type Role, type User } from '@/db/schema';
import { systemActor } from '@/lib/auth/actor';
import { createIncident } from '@/lib/incidents/create-incident';
import { createSchedule } from '@/lib/schedules/create-schedule';
import { createTask } from '@/lib/tasks/create-task';
import { peopleWithTokens } from '../support/api-fixtures';
import { apiRouteFiles, dispatchApi } from '../support/api-router';
import { setUpAppTestDatabase } from '../support/test-database-hooks';
import { fuzzSize, recordInputCount } from './support/fuzz-size';
import {
  operationsOf,
  requestsFor,
  type Doc,
  type FuzzRequest,
  type Operation,
} from './support/openapi-requests';
import { requestSchemas } from './support/request-schemas';
import {
  changedTables,
  tableChecksums,
  writeCounts,
  installWriteCounter,
  type Checksums,
} from './support/table-checksums';

// Every operation of the OpenAPI document (a new endpoint is fuzzed without a line here)
// receives generated malformed requests through the real route handlers, with an
// administrator's token so permission is never what refuses. Each answer is under 500; a
// refusal is a problem document with a message; what the document itself rules out (a body
// off its schema, a path value off its pattern, a body that is not JSON) is refused; and a
// refused request leaves every table as it was.

const size = fuzzSize();
const doc = JSON.parse(await getOpenApi().text()) as Doc;
const operations = operationsOf(doc);
const schemas = requestSchemas(doc);
const routes = apiRouteFiles();
// Thousands of requests a minute from one token: the rate limit is not under test here.
process.env.VIGIL_API_RATE_PER_MINUTE = '0';
process.env.VIGIL_INGEST_RATE_PER_MINUTE = '0';

let db: Db;
const tokens = {} as Record<Role, string>;
const people = {} as Record<Role, User>;
const seeded = { incidents: [] as number[], tasks: [] as number[], schedules: [] as string[] };
let last: Checksums;
const counts = { inputs: 0, refused: 0 };

const suite = setUpAppTestDatabase(async () => {
  db = suite.db;
  await peopleWithTokens(
    db,
    async (role) =>
      (
        await db
          .insert(users)
          .values({
            email: `fuzz-${role}@example.com`,
            name: `Fuzz ${role}`,
            role,
            timeZone: 'Europe/Berlin',
          })
          .returning()
      )[0],
    people,
    tokens,
  );
  const actor = systemActor('fuzz');
  for (let i = 0; i < 2; i++) {
    seeded.incidents.push(
      (await createIncident(db, actor, { title: `Seed ${i}`, source: 'user' })).incident.number,
    );
    seeded.tasks.push((await createTask(db, actor, { title: `Seed task ${i}` })).task.number);
    seeded.schedules.push(
      (
        await createSchedule(db, actor, {
          name: `Seed review ${i}`,
          pattern: { kind: 'monthly-day', day: 1 },
          timeOfDay: '08:00',
          timeZone: 'UTC',
          startDate: '2026-01-01',
          dueInDays: 4,
        })
      ).id,
    );
  }
  await installWriteCounter(db);
  last = await writeCounts(db);
});

afterAll(() => recordInputCount('api', counts));

/** Real items' path values, so a hostile body reaches the handler past "not found". */
function validPathValues(op: Operation): Record<string, fc.Arbitrary<string>> {
  const isTask = op.path.startsWith('/api/v1/tasks/');
  const numbers = () => (isTask ? seeded.tasks : seeded.incidents);
  const prefix = isTask ? 'TASK-' : 'INC-';
  return {
    number: fc
      .tuple(fc.nat(), fc.boolean())
      .map(([i, prefixed]) => `${prefixed ? prefix : ''}${numbers()[i % numbers().length]}`),
    id: fc.nat().map((i) => seeded.schedules[i % seeded.schedules.length]),
  };
}

function toRequest(op: Operation, fuzz: FuzzRequest): Request {
  const url = new URL(`http://vigil.test${fuzz.path}`);
  for (const [name, value] of fuzz.query) url.searchParams.append(name, value);
  const headers = new Headers(fuzz.headers);
  headers.set('authorization', `Bearer ${tokens.admin}`);
  let body: string | undefined;
  if (fuzz.body?.kind === 'json') {
    body = JSON.stringify(fuzz.body.value) ?? 'null';
    headers.set('content-type', 'application/json');
  } else if (fuzz.body) {
    body = fuzz.body.text;
    if (fuzz.body.contentType !== undefined) headers.set('content-type', fuzz.body.contentType);
  }
  return new Request(url, { method: op.method, headers, body });
}

/** Why the document says this request must be refused, or null when it may be accepted. */
function documentRefusal(op: Operation, fuzz: FuzzRequest): string | null {
  const pathProblem = schemas.pathProblem(op, fuzz.pathValues);
  if (pathProblem) return `path ${pathProblem}`;
  if (!fuzz.body || !op.bodySchema) return null;
  if (fuzz.body.kind === 'raw') {
    const declared = fuzz.body.contentType?.split(';')[0].trim();
    if (declared && op.bodyMediaTypes.includes(declared) && declared !== 'application/json')
      return null;
    try {
      const value: unknown = JSON.parse(fuzz.body.text);
      if (declared === 'application/json')
        return schemas.bodyProblem(op, value) && 'body off schema';
    } catch {
      // not JSON at all
    }
    return `raw body (${declared ?? 'no Content-Type'})`;
  }
  // JSON.stringify turns NaN and Infinity into null, as any JSON client does.
  const sent: unknown = JSON.parse(JSON.stringify(fuzz.body.value) ?? 'null');
  // If-Match stands in for the body's `version` (lib/api/etag-openapi.ts).
  const ifMatch =
    op.parameters.some((p) => p.in === 'header' && p.name.toLowerCase() === 'if-match') &&
    fuzz.headers.some(([name]) => name === 'if-match');
  if (ifMatch && sent && typeof sent === 'object' && !Array.isArray(sent) && !('version' in sent))
    (sent as Record<string, unknown>).version = 1;
  const problem = schemas.bodyProblem(op, sent);
  return problem && `body: ${problem}`;
}

describe('every API operation, fed malformed requests', () => {
  // The write marks are checked after each request; the md5 of every table's rows confirms
  // them over each operation's whole run: when no request of the run wrote, no row changed.
  let before: Checksums;
  let wrote = false;
  beforeEach(async () => {
    before = await tableChecksums(db);
    wrote = false;
  });
  afterEach(async () => {
    if (!wrote) expect(changedTables(before, await tableChecksums(db))).toEqual([]);
  });

  test('the document has the operations to fuzz', () => {
    expect(operations.length).toBeGreaterThanOrEqual(35);
  });

  for (const op of operations) {
    test.prop([requestsFor(doc, op, validPathValues(op))], {
      numRuns: size.apiRuns,
      ...size.options,
    })(`${op.method} ${op.path}`, async (fuzz) => {
      counts.inputs += 1;
      const request = toRequest(op, fuzz);
      const where = `${op.method} ${request.url.slice(0, 300)}`;
      const response = await dispatchApi(routes, request);
      const text = await response.text();
      expect(response.status, `${where} → ${text.slice(0, 500)}`).toBeLessThan(500);
      const after = await writeCounts(db);
      if (changedTables(last, after).length) wrote = true;
      const changed = changedTables(last, after);
      last = after;
      // A batch of log events is answered event by event (207): none stored is its refusal.
      const allRejected =
        response.status === 207 && (JSON.parse(text) as { accepted?: number }).accepted === 0;
      if (allRejected) {
        counts.refused += 1;
        expect(changed, `${where}: no event stored, yet it wrote to`).toEqual([]);
        return;
      }
      const mustRefuse = documentRefusal(op, fuzz);
      if (mustRefuse)
        expect(
          response.status,
          `${where}: ${mustRefuse}, yet ${text.slice(0, 300)}`,
        ).toBeGreaterThanOrEqual(400);
      if (response.status < 400) return;
      counts.refused += 1;
      expect(response.headers.get('content-type'), where).toBe('application/problem+json');
      const problem = JSON.parse(text) as { status: number; detail: unknown };
      expect(problem.status, where).toBe(response.status);
      expect(typeof problem.detail === 'string' && problem.detail.length > 0, where).toBe(true);
      expect(changed, `${where} was refused (${response.status}) but wrote to`).toEqual([]);
    });
  }
});
