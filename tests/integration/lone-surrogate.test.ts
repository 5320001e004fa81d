import { describe, expect, it } from 'vitest';
import { userActor } from '@/lib/auth/actor';
import { ValidationError } from '@/lib/errors';
import { createIncident } from '@/lib/incidents/create-incident';
import { addIncidentNote } from '@/lib/incidents/evidence';
import { insertUser } from '../support/ticket-fixtures';
import { rejection, setUpTestDatabase } from '../support/test-database-hooks';

// Found by the API fuzzer (tests/fuzz/api-fuzz.test.ts): JSON may carry "\ud800", half of a
// character. The note's text column took it (as U+FFFD), but the activity row's JSON did not,
// and PostgreSQL's "invalid input syntax for type json" became a 500.
const test = setUpTestDatabase();

describe('a lone surrogate in a text field', () => {
  it('is a field error naming the field, and nothing is written', async () => {
    const actor = userActor(await insertUser(test.db, 'admin'));
    const { incident } = await createIncident(test.db, actor, { title: 'Has a note' });
    for (const body of ['\ud800', 'before \udfff after', 'x\ud83d']) {
      const error = await rejection(addIncidentNote(test.db, actor, incident.id, { body }));
      expect(error, JSON.stringify(body)).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).fieldErrors.body).toMatch(/surrogate/);
    }
    const title = await rejection(createIncident(test.db, actor, { title: 'a\udc00' }));
    expect((title as ValidationError).fieldErrors).toEqual({
      title: expect.stringMatching(/surrogate/),
    });
    // A whole character made of two halves is text like any other.
    await addIncidentNote(test.db, actor, incident.id, { body: 'emoji 😀 fine' });
  });
});
