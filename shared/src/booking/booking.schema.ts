import type { FromSchema } from 'json-schema-to-ts';
import { idSchema, timestampSchema } from '../schema-parts';
import { specialtyCodeSchema } from '../specialty.schema';
import { NAME_MAX_LENGTH, PHONE_PATTERN } from '../account/account-rules';
import { ticketIdSchema } from './ticket.schema';

export const BOOKING_SCHEMA_VERSION = 0;

/**
 * pending: written on the device, not yet accepted by the server (offline, or in flight);
 * confirmed: the server claimed the ticket for it; rejected: it lost or broke a rule (see `reason`);
 * cancelled: the patient cancelled it (the ticket is free again).
 */
export const bookingStatuses = ['pending', 'confirmed', 'rejected', 'cancelled'] as const;
export type BookingStatus = (typeof bookingStatuses)[number];

/** Why the server rejected a booking (or refused its cancellation); the app shows each in words. */
export const bookingReasons = [
  /** Another booking claimed the ticket first. */
  'taken',
  /** The ticket changed since the device saw it (e.g. it was booked and cancelled, or rescheduled). */
  'changed',
  /** The ticket is closed or no longer exists in the clinic's schedule. */
  'not_free',
  'past',
  /** The user already holds the maximum number of active bookings. */
  'limit',
  /** The user already holds this ticket through another booking (a second device, say). */
  'duplicate',
  /** The booking document breaks a rule the schema cannot express (e.g. its ticket fields do not match). */
  'invalid',
  /** A cancellation after the appointment's start. */
  'too_late',
] as const;
export type BookingReason = (typeof bookingReasons)[number];

/** Per-user default of confirmed future bookings (server config `MAX_ACTIVE_BOOKINGS`). */
export const DEFAULT_MAX_ACTIVE_BOOKINGS = 3;

/**
 * A patient's booking, in the per-user collection `bookings`: `id` = "<userId>.<key>", the key generated once on
 * the device, which makes the id an idempotency key (a replayed push of the same booking can never book twice).
 * The device writes it `pending` (and later `cancelled`); every other status and `reason` come from the server.
 * `ticketVersion` is the ticket `version` the device saw: the server books only if it is still the current one.
 */
export const bookingSchema = {
  title: 'booking',
  description: "A patient's appointment booking of one ticket.",
  version: BOOKING_SCHEMA_VERSION,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', minLength: 23, maxLength: 64, pattern: '^u[a-z2-7]{20}\\.[a-z0-9-]{8,40}$' },
    ticketId: ticketIdSchema,
    ticketVersion: { type: 'integer', minimum: 1, maximum: 1_000_000_000 },
    clinicId: idSchema,
    specialtyCode: specialtyCodeSchema,
    startsAt: timestampSchema,
    endsAt: timestampSchema,
    patientName: { type: 'string', minLength: 1, maxLength: NAME_MAX_LENGTH },
    patientPhone: { type: 'string', pattern: PHONE_PATTERN, maxLength: 12 },
    status: { type: 'string', enum: bookingStatuses, maxLength: 10 },
    reason: { type: 'string', enum: bookingReasons, maxLength: 10 },
    createdAt: timestampSchema,
    updatedAt: timestampSchema,
  },
  required: [
    'id',
    'ticketId',
    'ticketVersion',
    'clinicId',
    'specialtyCode',
    'startsAt',
    'endsAt',
    'patientName',
    'patientPhone',
    'status',
    'createdAt',
    'updatedAt',
  ],
  additionalProperties: false,
  indexes: ['startsAt'],
} as const;

export type Booking = FromSchema<typeof bookingSchema>;

/** Bookings that hold a ticket or may still get one. */
export function isActiveBooking(booking: Pick<Booking, 'status'>): boolean {
  return booking.status === 'pending' || booking.status === 'confirmed';
}
