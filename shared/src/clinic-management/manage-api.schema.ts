import type { FromSchema } from 'json-schema-to-ts';
import { USER_ID_PATTERN } from '../account/account-rules';
import { idSchema } from '../schema-parts';
import type { ManagedClinic } from './clinic-draft.schema';

const count = (max: number) => ({ type: 'integer', minimum: 0, maximum: max }) as const;

/** `GET /api/manage/clinics`: a manager's own clinics; an admin adds `all=1` (then `q`, `limit`, `skip` apply). */
export const manageClinicsQuerySchema = {
  type: 'object',
  properties: {
    all: { type: 'string', enum: ['0', '1'] },
    /** Part of the name, any case. */
    q: { type: 'string', maxLength: 100 },
    limit: { ...count(200), minimum: 1 },
    skip: count(100_000),
  },
  additionalProperties: false,
} as const;
export type ManageClinicsQuery = FromSchema<typeof manageClinicsQuerySchema>;

export const clinicIdParamsSchema = {
  type: 'object',
  properties: { clinicId: idSchema },
  required: ['clinicId'],
} as const;

/** `DELETE /api/manage/clinics/:clinicId?rev=`: the revision the manager saw. */
export const clinicDeleteQuerySchema = {
  type: 'object',
  properties: { rev: { type: 'string', minLength: 3, maxLength: 100 } },
  required: ['rev'],
  additionalProperties: false,
} as const;

export const clinicManagerParamsSchema = {
  type: 'object',
  properties: { clinicId: idSchema, userId: { type: 'string', pattern: USER_ID_PATTERN, maxLength: 21 } },
  required: ['clinicId', 'userId'],
} as const;

/** Refusal of a deletion while patients hold future bookings there (`reason` says how many). */
export const CLINIC_HAS_BOOKINGS_ERROR = 'has_bookings';
/** Refusal to assign a clinic to an account without the manager role. */
export const NOT_A_MANAGER_ERROR = 'not_a_manager';

export type ManagedClinicList = { readonly clinics: readonly ManagedClinic[] };
export type ClinicManagerAnswer = { readonly clinicId: string; readonly userId: string; readonly managed: boolean };
