import { z } from 'zod';
import { ownerSchema } from '@/lib/owners/owner';

// What a Power User types for one of the organization's own policies. Catalogue statements
// are seeded (lib/policies/sync-catalogue.ts) and never come through here.

export const CUSTOM_FRAMEWORK = 'Custom';
export const MAX_POLICY_STATEMENT = 20_000;

const reference = z
  .string({ error: 'Enter a reference, such as POL-7.' })
  .max(50, 'Use at most 50 characters.')
  .trim()
  .min(1, 'Enter a reference, such as POL-7.');
const title = z
  .string({ error: 'Enter a title.' })
  .max(200, 'Use at most 200 characters.')
  .trim()
  .min(1, 'Enter a title.');
const statement = z
  .string()
  .max(
    MAX_POLICY_STATEMENT,
    `Use at most ${MAX_POLICY_STATEMENT.toLocaleString('en-US')} characters.`,
  )
  .trim();
const url = z
  .string()
  .max(2_000, 'Use at most 2,000 characters.')
  .trim()
  .refine((value) => {
    if (!value) return true;
    try {
      const parsed = new URL(value);
      return parsed.protocol === 'https:' || parsed.protocol === 'http:';
    } catch {
      return false;
    }
  }, 'Enter a web address starting with https:// (or leave it empty).');
// Months between reviews; empty (or null) for a policy without a review of its own.
const reviewIntervalMonths = z
  .union([z.literal(''), z.null(), z.number(), z.string()])
  .transform((value) => (value === '' || value === null ? null : Number(value)))
  .pipe(
    z
      .number({ error: 'Give a number of months from 1 to 60, or leave it empty.' })
      .int('Give a whole number of months from 1 to 60.')
      .min(1, 'Give a number of months from 1 to 60, or leave it empty.')
      .max(60, 'Give a number of months from 1 to 60, or leave it empty.')
      .nullable(),
  );
const changeNote = z.string().max(2_000, 'Use at most 2,000 characters.').trim();

export const createPolicyInput = z.object({
  reference,
  title,
  statement: statement.default(''),
  url: url.default(''),
  owner: ownerSchema.prefault(''),
  reviewIntervalMonths: reviewIntervalMonths.default(null),
});
export type CreatePolicyInput = z.input<typeof createPolicyInput>;

/** Each field optional but the version the editor saw. */
export const updatePolicyInput = z.object({
  version: z.number({ error: 'The version you edited is required.' }).int().positive(),
  reference: reference.optional(),
  title: title.optional(),
  statement: statement.optional(),
  url: url.optional(),
  owner: ownerSchema.optional(),
  reviewIntervalMonths: reviewIntervalMonths.optional(),
  // Why the text changed, kept with the new version.
  changeNote: changeNote.default(''),
});
export type UpdatePolicyInput = z.input<typeof updatePolicyInput>;

export const retirePolicyInput = z.object({
  version: z.number({ error: 'The version you edited is required.' }).int().positive(),
  reason: z
    .string({ error: 'Say why the policy is retired.' })
    .max(2_000, 'Use at most 2,000 characters.')
    .trim()
    .min(1, 'Say why the policy is retired.'),
});
export type RetirePolicyInput = z.input<typeof retirePolicyInput>;

export const reactivatePolicyInput = z.object({
  version: z.number({ error: 'The version you edited is required.' }).int().positive(),
});
