import { z } from 'zod';

// What a note is, whichever ticket it sits on.

export const MAX_NOTE = 20_000;

export const noteInput = z.object({
  body: z
    .string()
    .max(MAX_NOTE, `Use at most ${MAX_NOTE.toLocaleString('en-US')} characters.`)
    .trim()
    .min(1, 'Write the note first.'),
});

/** An edit names the version of the note its form showed (incident and task notes alike). */
export const noteEditInput = noteInput.extend({
  version: z.coerce
    .number({ error: 'The version of the note you edited is required.' })
    .int()
    .positive(),
});
