import { describe, expect, it } from 'vitest';
import { userActor } from '@/lib/auth/actor';
import { NotFoundError } from '@/lib/errors';
import { removeHoliday } from '@/lib/organization/update-organization';
import { insertUser } from '../support/ticket-fixtures';
import { rejection, setUpTestDatabase } from '../support/test-database-hooks';

// Found by the fuzzer (tests/fuzz/action-fuzz.test.ts): the day a remove button sends is
// the action's argument, and a hand-made call with anything but a date reached PostgreSQL
// as "invalid input syntax for type date", a 500 for the user.
const test = setUpTestDatabase();

describe('removeHoliday', () => {
  it('answers "does not exist" for a day that is not a calendar date', async () => {
    const actor = userActor(await insertUser(test.db, 'admin'));
    // JavaScript's Date.parse rolls "2026-02-30" over to 2 March; PostgreSQL refuses it.
    const days = ['4c6ca47e-e3f6-4abc-ba18-f6f9d1a7ab14', '2026-13-45', '', "'; drop"];
    for (const day of [...days, '2026-02-30', '2026-04-31', '2025-02-29']) {
      const error = await rejection(removeHoliday(test.db, actor, day));
      expect(error, day).toBeInstanceOf(NotFoundError);
    }
  });
});
