import type { FromSchema } from 'json-schema-to-ts';
import { idSchema, timestampSchema } from '../schema-parts';
import { specialtyCodeSchema } from '../specialty.schema';

export const TICKET_SCHEMA_VERSION = 0;

export const ticketStatuses = ['free', 'booked', 'closed'] as const;
/** free: can be booked; booked: held by a booking; closed: in the past, or no longer in the schedule. */
export type TicketStatus = (typeof ticketStatuses)[number];

/** `<clinicId>.<specialtyCode>.<YYYYMMDD>-<HHMM>` (clinic-local start): see `ticketId`. */
export const ticketIdSchema = {
  type: 'string',
  minLength: 1,
  maxLength: 100,
  pattern: '^[a-z0-9][a-z0-9._-]*$',
} as const;

/**
 * One appointment slot of one specialty at one clinic, created by the server's scheduler from the clinic's
 * specialty schedule. Public (replicated to every device that looks at the clinic), read-only for clients; which
 * booking holds a booked ticket is server-only knowledge and never travels with it.
 */
export const ticketSchema = {
  title: 'ticket',
  description: 'An appointment slot of one specialty at one clinic (free, booked or closed).',
  version: TICKET_SCHEMA_VERSION,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: ticketIdSchema,
    clinicId: idSchema,
    townId: idSchema,
    specialtyCode: specialtyCodeSchema,
    /** Start and end as UTC instants (ISO 8601 with Z). */
    startsAt: timestampSchema,
    endsAt: timestampSchema,
    /** Clinic-local start, for display and grouping by day without time-zone maths on the device. */
    localDate: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', maxLength: 10 },
    localTime: { type: 'string', pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', maxLength: 5 },
    status: { type: 'string', enum: ticketStatuses, maxLength: 8 },
    /**
     * Incremented by the server on every change of the ticket. The device quotes it when booking (`ticketVersion`):
     * RxDB's CouchDB replication drops `_rev` from pulled documents, so the revision a device saw must travel as
     * a field of the document.
     */
    version: { type: 'integer', minimum: 1, maximum: 1_000_000_000 },
    updatedAt: timestampSchema,
  },
  required: [
    'id',
    'clinicId',
    'townId',
    'specialtyCode',
    'startsAt',
    'endsAt',
    'localDate',
    'localTime',
    'status',
    'version',
    'updatedAt',
  ],
  additionalProperties: false,
  indexes: ['clinicId', ['clinicId', 'specialtyCode', 'startsAt']],
} as const;

export type Ticket = FromSchema<typeof ticketSchema>;

/** Deterministic: a scheduler rerun (on any instance) computes the same id for the same slot and creates nothing twice. */
export function ticketId(clinicId: string, specialtyCode: string, localDate: string, localTime: string): string {
  return `${clinicId}.${specialtyCode}.${localDate.replaceAll('-', '')}-${localTime.replace(':', '')}`;
}
