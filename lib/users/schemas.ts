import { z } from 'zod';
import { MIN_PASSWORD_LENGTH } from '@/lib/auth/password-policy';
import { ROLES } from '@/lib/auth/roles';
import { isValidTimeZone } from '@/lib/time/time-zones';

export const emailSchema = z
  .string({ error: 'Enter an email address.' })
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: 'Enter a valid email address, like dana@example.com.' }).max(254));

export const nameSchema = z
  .string({ error: 'Enter a name.' })
  .max(120, 'Use at most 120 characters.')
  .trim()
  .min(1, 'Enter a name.');

export const roleSchema = z.enum(ROLES, { error: 'Choose a role.' });

export const timeZoneSchema = z
  .string()
  .trim()
  .refine(isValidTimeZone, 'Choose a time zone from the list, like America/Chicago.');

export const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(200, 'Use at most 200 characters.');

export const createUserInput = z.object({
  email: emailSchema,
  name: nameSchema,
  role: roleSchema,
  timeZone: timeZoneSchema.default('UTC'),
  // Left out: one is generated and shown once to the administrator.
  password: passwordSchema.optional(),
  teamIds: z.array(z.uuid()).default([]),
  // Emails the account invitation with a set-password link. Off only for accounts nobody
  // invites (the seed's demo people, the first administrator).
  invite: z.boolean().default(true),
});
export type CreateUserInput = z.input<typeof createUserInput>;

export const updateUserInput = z.object({
  name: nameSchema.optional(),
  role: roleSchema.optional(),
  timeZone: timeZoneSchema.optional(),
  teamIds: z.array(z.uuid()).optional(),
});
export type UpdateUserInput = z.input<typeof updateUserInput>;

export const updateProfileInput = z.object({
  name: nameSchema.optional(),
  timeZone: timeZoneSchema.optional(),
});

export const changePasswordInput = z
  .object({
    currentPassword: z.string().min(1, 'Enter your current password.'),
    newPassword: passwordSchema,
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ['confirmPassword'],
    message: 'The two passwords differ.',
  });
