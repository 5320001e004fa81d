import { describe, expect, it } from 'vitest';
import { userActor } from '@/lib/auth/actor';
import { NotFoundError } from '@/lib/errors';
import { retryOutboxMessage } from '@/lib/outbox/retry-outbox-message';
import { insertUser } from '../support/ticket-fixtures';
import { rejection, setUpTestDatabase } from '../support/test-database-hooks';

// Found by the fuzzer (tests/fuzz/action-fuzz.test.ts): the retry form's id becomes a number,
// and a hand-made form with "1e30" or "x" reached PostgreSQL as out of range or NaN, a 500.
const test = setUpTestDatabase();

describe('retryOutboxMessage', () => {
  it('answers "no longer exists" for an id no outbox row can have', async () => {
    const actor = userActor(await insertUser(test.db, 'admin'));
    for (const id of [Number.NaN, 1e30, -1, 0, 1.5, Number.POSITIVE_INFINITY]) {
      const error = await rejection(retryOutboxMessage(test.db, actor, id));
      expect(error, String(id)).toBeInstanceOf(NotFoundError);
    }
  });
});
