import type { FromSchema } from 'json-schema-to-ts';
import { timestampSchema } from '../schema-parts';
import { EMAIL_MAX_LENGTH, NAME_MAX_LENGTH, PHONE_PATTERN, USER_ID_PATTERN, roles } from './account-rules';

export const PROFILE_SCHEMA_VERSION = 0;

export const roleSchema = { type: 'string', enum: roles, maxLength: 16 } as const;

/**
 * A user's own profile: the per-user collection `profiles` holds exactly one document per user (`id` = user id),
 * replicated only to that user's devices. `email` and `roles` are written by the server alone (sign-up, admin);
 * the user may change `name` and `phone`, also offline (the edit is pushed when back online and signed in).
 * Credentials never live here: they stay in the server-only accounts database.
 */
export const profileSchema = {
  title: 'profile',
  description: "A signed-in user's own profile (name, phone, roles), synced to that user's devices only.",
  version: PROFILE_SCHEMA_VERSION,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', pattern: USER_ID_PATTERN, maxLength: 21 },
    email: { type: 'string', minLength: 3, maxLength: EMAIL_MAX_LENGTH },
    /** Empty until the user gives one; normalised by `normaliseName`. */
    name: { type: 'string', maxLength: NAME_MAX_LENGTH },
    /** "+7XXXXXXXXXX" (see `normaliseRussianPhone`), absent when not given. */
    phone: { type: 'string', pattern: PHONE_PATTERN, maxLength: 12 },
    roles: { type: 'array', items: roleSchema, minItems: 1, maxItems: 3, uniqueItems: true },
    createdAt: timestampSchema,
    updatedAt: timestampSchema,
  },
  required: ['id', 'email', 'name', 'roles', 'createdAt', 'updatedAt'],
  additionalProperties: false,
} as const;

export type Profile = FromSchema<typeof profileSchema>;
