import type { FromSchema } from 'json-schema-to-ts';
import { clinicSchema } from '../clinic.schema';

/**
 * What a manager (or an admin) writes: a clinic without the fields the server owns — `id` (in the URL),
 * `updatedAt`, `rating` and `reviewCount` (from reviews). The phone may be given in any usual Russian form
 * ("8 (4842) 12-34-56"); the server normalises it before checking the clinic schema.
 */
const {
  id: _id,
  updatedAt: _updatedAt,
  rating: _rating,
  reviewCount: _reviewCount,
  ...draftProperties
} = clinicSchema.properties;

/** The fields left out above: the draft requires what a clinic requires, less these (one list, so they cannot drift). */
const serverOwnedFields = ['id', 'updatedAt', 'rating', 'reviewCount'] as const;
type DraftRequiredField = Exclude<(typeof clinicSchema.required)[number], (typeof serverOwnedFields)[number]>;
const serverOwned = new Set<string>(serverOwnedFields);
const draftRequired = clinicSchema.required.filter((field): field is DraftRequiredField => !serverOwned.has(field));

export const clinicDraftSchema = {
  title: 'clinic draft',
  description: 'A clinic as its manager edits it (the server adds id, updatedAt, rating and reviewCount).',
  type: 'object',
  properties: { ...draftProperties, phone: { type: 'string', maxLength: 40 } },
  required: draftRequired,
  additionalProperties: false,
} as const;

export type ClinicDraft = FromSchema<typeof clinicDraftSchema>;

/** Distance a clinic may lie from its town's centre (issue 6): further is almost surely a wrong map pick. */
export const CLINIC_MAX_DISTANCE_FROM_TOWN_KM = 25;

/**
 * `PUT /api/manage/clinics/<clinicId>`: `rev` absent creates the clinic (409 when the id is taken), present
 * updates it only if it is still the stored revision (409 `conflict` otherwise, so two editors never silently
 * overwrite each other).
 */
export const clinicWriteBodySchema = {
  type: 'object',
  properties: {
    clinic: clinicDraftSchema,
    rev: { type: 'string', minLength: 3, maxLength: 100 },
  },
  required: ['clinic'],
  additionalProperties: false,
} as const;

export type ClinicWriteBody = FromSchema<typeof clinicWriteBodySchema>;

/** Which field a refused clinic breaks: the JSON pointer into the draft, e.g. "/districtId", "/hours/2/to". */
export type ClinicFieldProblem = { readonly field: string; readonly reason: string };

/** 400 answer to a refused clinic write: `{ error: 'invalid_clinic', reason, field }` (the first problem). */
export const CLINIC_INVALID_ERROR = 'invalid_clinic';

export const manageRoutes = {
  /** GET: the signed-in manager's clinics (an admin: add `?all=1` for every clinic). */
  clinics: '/api/manage/clinics',
} as const;

/** A clinic as the management API returns it: the clinic and the store revision to send back with an edit. */
export type ManagedClinic = { readonly clinic: FromSchema<typeof clinicSchema>; readonly rev: string };
