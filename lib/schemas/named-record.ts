import { z } from 'zod';

// The name and description fields of records a person configures by name (task schedules,
// event triggers), with the same words when they are refused.

export const recordName = z
  .string({ error: 'Enter a name.' })
  .max(200, 'Use at most 200 characters.')
  .trim()
  .min(1, 'Enter a name.');

export function recordDescription(max: number) {
  return z.string().max(max, `Use at most ${max.toLocaleString('en-US')} characters.`);
}
