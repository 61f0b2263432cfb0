// The account REST API (`/api/auth/*`, `/api/account/*`, `/api/admin/*`): request bodies as JSON Schema (the server
// validates with Ajv, OpenAPI is generated from them), answers as types. Every error answer is `{error, reason}`
// with `error` one of `AccountErrorCode` (or a generic HTTP one) so the app can show its own localised message.
import type { FromSchema } from 'json-schema-to-ts';
import { EMAIL_MAX_LENGTH, NAME_MAX_LENGTH, PASSWORD_MAX_LENGTH, USER_ID_PATTERN, type Role } from './account-rules';
import { roleSchema } from './profile.schema';

export const accountRoutes = {
  signUp: '/api/auth/sign-up',
  signIn: '/api/auth/sign-in',
  signOut: '/api/auth/sign-out',
  signOutEverywhere: '/api/auth/sign-out-everywhere',
  session: '/api/auth/session',
  passwordResetRequest: '/api/auth/password-reset',
  passwordResetConfirm: '/api/auth/password-reset/confirm',
  profile: '/api/account/profile',
  changePassword: '/api/account/password',
  deleteAccount: '/api/account/delete',
  adminUsers: '/api/admin/users',
  /** `PUT /api/admin/users/<userId>/roles` */
  adminUserRoles: (userId: string) => `/api/admin/users/${encodeURIComponent(userId)}/roles`,
} as const;

/** The app path a reset mail links to; the token travels in the fragment so it never reaches server logs. */
export const PASSWORD_RESET_APP_PATH = '/reset-password';
export const PASSWORD_RESET_TTL_MS = 60 * 60 * 1000;

/** Error codes the account API answers with (besides generic `bad_request`, `not_found`). */
export const accountErrorCodes = [
  'bad_request',
  'invalid_email',
  'invalid_name',
  'invalid_phone',
  'password_too_short',
  'password_too_long',
  /** On the common-password list. */
  'password_common',
  /** Sign-up with an email that already has an account. */
  'email_taken',
  /** Wrong email or password (never says which). */
  'invalid_credentials',
  'account_disabled',
  /** Reset token unknown, used or expired (never says which). */
  'invalid_token',
  /** No valid session cookie. */
  'unauthorized',
  /** Signed in but not allowed, or a cross-site write. */
  'forbidden',
  'too_many_requests',
] as const;
export type AccountErrorCode = (typeof accountErrorCodes)[number];

/** Raw strings: normalisation (`normaliseEmail` etc.) and the password rules run after schema validation. */
const emailInput = { type: 'string', minLength: 1, maxLength: EMAIL_MAX_LENGTH + 64 } as const;
const passwordInput = { type: 'string', minLength: 1, maxLength: PASSWORD_MAX_LENGTH * 4 } as const;
const localeInput = { type: 'string', enum: ['ru', 'en'] } as const;

export const signUpBodySchema = {
  type: 'object',
  properties: {
    email: emailInput,
    password: passwordInput,
    name: { type: 'string', maxLength: NAME_MAX_LENGTH * 2 },
  },
  required: ['email', 'password'],
  additionalProperties: false,
} as const;
export type SignUpBody = FromSchema<typeof signUpBodySchema>;

export const signInBodySchema = {
  type: 'object',
  properties: { email: emailInput, password: passwordInput },
  required: ['email', 'password'],
  additionalProperties: false,
} as const;
export type SignInBody = FromSchema<typeof signInBodySchema>;

export const passwordResetRequestBodySchema = {
  type: 'object',
  properties: { email: emailInput, locale: localeInput },
  required: ['email'],
  additionalProperties: false,
} as const;
export type PasswordResetRequestBody = FromSchema<typeof passwordResetRequestBodySchema>;

export const passwordResetConfirmBodySchema = {
  type: 'object',
  properties: { token: { type: 'string', minLength: 1, maxLength: 200 }, password: passwordInput },
  required: ['token', 'password'],
  additionalProperties: false,
} as const;
export type PasswordResetConfirmBody = FromSchema<typeof passwordResetConfirmBodySchema>;

/** `PATCH /api/account/profile`: only the given fields change; `phone: ""` removes the phone. */
export const profileUpdateBodySchema = {
  type: 'object',
  properties: {
    name: { type: 'string', maxLength: NAME_MAX_LENGTH * 2 },
    phone: { type: 'string', maxLength: 40 },
  },
  additionalProperties: false,
  minProperties: 1,
} as const;
export type ProfileUpdateBody = FromSchema<typeof profileUpdateBodySchema>;

export const changePasswordBodySchema = {
  type: 'object',
  properties: { currentPassword: passwordInput, newPassword: passwordInput },
  required: ['currentPassword', 'newPassword'],
  additionalProperties: false,
} as const;
export type ChangePasswordBody = FromSchema<typeof changePasswordBodySchema>;

export const deleteAccountBodySchema = {
  type: 'object',
  properties: { password: passwordInput },
  required: ['password'],
  additionalProperties: false,
} as const;
export type DeleteAccountBody = FromSchema<typeof deleteAccountBodySchema>;

export const grantRolesBodySchema = {
  type: 'object',
  properties: { roles: { type: 'array', items: roleSchema, minItems: 1, maxItems: 3, uniqueItems: true } },
  required: ['roles'],
  additionalProperties: false,
} as const;
export type GrantRolesBody = FromSchema<typeof grantRolesBodySchema>;

/** `GET /api/admin/users?email=<prefix>&limit=<n>` */
export const adminUsersQuerySchema = {
  type: 'object',
  properties: {
    email: { type: 'string', maxLength: EMAIL_MAX_LENGTH },
    limit: { type: 'string', pattern: '^[0-9]{1,3}$' },
  },
  additionalProperties: false,
} as const;

export const userIdParamSchema = { type: 'string', pattern: USER_ID_PATTERN, maxLength: 21 } as const;

/** What the API shows of an account (never the password hash). */
export type AccountView = {
  id: string;
  email: string;
  name: string;
  phone?: string;
  roles: Role[];
  createdAt: string;
  disabled?: boolean;
};

/** Answer of sign-up, sign-in, reset confirm and `GET /api/auth/session`. */
export type SessionInfo = {
  user: AccountView;
  /** When the session ends if unused (sliding: every use moves it). */
  expiresAt: string;
};

export type AccountErrorBody = { error: AccountErrorCode | (string & {}); reason: string; field?: string };
