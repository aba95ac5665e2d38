import { z } from 'zod';
import { reviewRoles } from '../../../config/review-schema.ts';

/** User names: lowercase, short, safe in URLs and audit exports. */
export const usernameSchema = z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9._-]{1,31}$/, 'expected 2–32 lowercase letters, digits, ".", "_" or "-"');

/** The validation message of a password below the minimum; the error handler turns it into the localised text. */
export const weakPasswordMessage = 'weak_password';

/** A new password in a request body: the minimum length is part of the API contract (and of its OpenAPI document). */
export function newPasswordSchema(minLength: number) {
  return z.string().min(minLength, weakPasswordMessage).max(1000).describe(`New password, at least ${minLength} characters (\`review.passwordMinLength\`).`);
}

/** A review-app user as stored in the users index (`_id` = username). */
export const reviewUserSchema = z.strictObject({
  username: z.string(),
  displayName: z.string(),
  role: z.enum(reviewRoles),
  passwordHash: z.string(),
  disabled: z.boolean(),
  createdAt: z.iso.datetime(),
  createdBy: z.string(),
  updatedAt: z.iso.datetime(),
  passwordChangedAt: z.iso.datetime(),
  lastLoginAt: z.iso.datetime().optional(),
  language: z.enum(['zh-CN', 'en']).optional(),
});
/** A stored user. */
export type ReviewUser = z.infer<typeof reviewUserSchema>;

/** A user as shown to others: never the password hash. */
export type PublicUser = Omit<ReviewUser, 'passwordHash'>;

/** The user without secrets. */
export function publicUser(user: ReviewUser): PublicUser {
  const { passwordHash: _hash, ...rest } = user;
  return rest;
}
