import type { FromSchema } from 'json-schema-to-ts';
import { geoPointSchema, idSchema, timestampSchema, weeklyIntervalSchema } from './schema-parts';
import { specialtyCodeSchema } from './specialty.schema';

/**
 * 1: specialties gained `slotMinutes` (optional; 0 → 1 migrates documents unchanged).
 * 2: `rating` and `reviewCount`, maintained by the server from published reviews (optional; 1 → 2 unchanged).
 */
export const CLINIC_SCHEMA_VERSION = 2;

/** Appointment length when a specialty's schedule does not say (issue 5). */
export const DEFAULT_SLOT_MINUTES = 30;

export const ownershipValues = ['state', 'commercial'] as const;

export const clinicSpecialtySchema = {
  type: 'object',
  properties: {
    code: specialtyCodeSchema,
    /** Weekly reception hours for this specialty, clinic-local time. */
    schedule: { type: 'array', maxItems: 28, items: weeklyIntervalSchema },
    /** Length of one appointment ticket; absent = DEFAULT_SLOT_MINUTES. */
    slotMinutes: { type: 'integer', minimum: 5, maximum: 240 },
  },
  required: ['code', 'schedule'],
  additionalProperties: false,
} as const;

export const clinicSchema = {
  title: 'clinic',
  description: 'A medical institution: where it is, when it is open and which specialties it receives.',
  version: CLINIC_SCHEMA_VERSION,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: idSchema,
    name: { type: 'string', minLength: 1, maxLength: 200 },
    address: { type: 'string', minLength: 1, maxLength: 300 },
    location: geoPointSchema,
    townId: idSchema,
    /** Empty string when the clinic lies outside every district of its town. */
    districtId: { type: 'string', maxLength: 64 },
    /** Normalised "+7XXXXXXXXXX", or empty when unknown. */
    phone: { type: 'string', pattern: '^(\\+[0-9]{11,15})?$', maxLength: 16 },
    site: { type: 'string', pattern: '^(https?://.+)?$', maxLength: 300 },
    ownership: { type: 'string', enum: ownershipValues, maxLength: 10 },
    roundTheClock: { type: 'boolean' },
    /** Opening hours; ignored when roundTheClock. A day with no row is closed. */
    hours: { type: 'array', maxItems: 14, items: weeklyIntervalSchema },
    specialties: { type: 'array', maxItems: 200, items: clinicSpecialtySchema },
    /** Average score of published reviews, one decimal; absent while the clinic has none. Server-maintained. */
    rating: { type: 'number', minimum: 1, maximum: 5 },
    /** Number of published reviews; absent = 0. Server-maintained. */
    reviewCount: { type: 'integer', minimum: 0, maximum: 100_000_000 },
    updatedAt: timestampSchema,
  },
  required: [
    'id',
    'name',
    'address',
    'location',
    'townId',
    'districtId',
    'phone',
    'site',
    'ownership',
    'roundTheClock',
    'hours',
    'specialties',
    'updatedAt',
  ],
  additionalProperties: false,
} as const;

export type Clinic = FromSchema<typeof clinicSchema>;
export type ClinicSpecialty = FromSchema<typeof clinicSpecialtySchema>;
export type Ownership = (typeof ownershipValues)[number];
export type WeeklyInterval = Clinic['hours'][number];
