// The admin REST API (`/api/admin/*`) in one place for the server and the admin dashboard: paths, request bodies
// and query strings as JSON Schema (the server validates with them, OpenAPI is generated from them), answers as
// types. Every admin endpoint answers 401 without a session and 403 without the admin role; errors are
// `{ error, reason, field? }`.
import type { FromSchema } from 'json-schema-to-ts';
import { accountRoutes, userIdParamSchema } from '../account/account-api.schema';
import { manageRoutes } from '../clinic-management/clinic-draft.schema';
import { geoPointSchema, idSchema } from '../schema-parts';
import { districtSchema } from '../town.schema';
import { specialtyCodeSchema } from '../specialty.schema';
import { bookingStatuses } from '../booking/booking.schema';
import { EMAIL_MAX_LENGTH } from '../account/account-rules';

const seg = encodeURIComponent;

/** Concrete paths for a client; `adminRoutePatterns` holds the same routes as the server declares them. */
export const adminRoutes = {
  users: accountRoutes.adminUsers,
  userRoles: accountRoutes.adminUserRoles,
  /** `POST {disabled}`: disable or enable an account (never one's own). */
  userDisabled: (userId: string) => `/api/admin/users/${seg(userId)}/disabled`,
  /** `GET`: every town with its districts. */
  towns: '/api/admin/towns',
  /** `PUT` (create or replace, districts inline) / `DELETE` (409 while clinics reference it). */
  town: (townId: string) => `/api/admin/towns/${seg(townId)}`,
  /** `GET`: every specialty. */
  specialties: '/api/admin/specialties',
  /** `PUT` (create or replace) / `DELETE` (409 while clinics use it). */
  specialty: (code: string) => `/api/admin/specialties/${seg(code)}`,
  /** `GET ?q=&clinicId=&status=&from=&to=&limit=&skip=` */
  bookings: '/api/admin/bookings',
  /** `POST {note?}`: cancel a booking for its patient (the ticket is freed, the device sees `cancelled`). */
  bookingCancel: (bookingId: string) => `/api/admin/bookings/${seg(bookingId)}/cancel`,
  /** `GET ?clinicId=&date=` */
  tickets: '/api/admin/tickets',
  /** `GET ?limit=&skip=`: every mail the service sent or tried to send, newest first. */
  mail: '/api/admin/mail',
  syncHealth: '/api/admin/sync-health',
  /** `POST`: run the ticket scheduler now (202, 409 while one runs); `GET ?limit=`: latest runs. */
  schedulerRuns: '/api/admin/scheduler/runs',
  /** `POST`: sweep cluster conflicts now; `GET`: counts since start and the last report. */
  conflictSweeps: '/api/admin/conflict-sweeps',
  /** Review moderation (built with the reviews server): `GET` the reviews to moderate. */
  reviews: '/api/admin/reviews',
  /** `POST` a `ReviewModerationBody`. */
  reviewModeration: (reviewId: string) => `/api/admin/reviews/${seg(reviewId)}/moderation`,
  /** Clinic management (built with it): `GET` a manager's clinics (`?all=1` for an admin: every clinic). */
  manageClinics: manageRoutes.clinics,
  /** `PUT` a `ClinicWriteBody` / `DELETE` one clinic. */
  manageClinic: (clinicId: string) => `${manageRoutes.clinics}/${seg(clinicId)}`,
  /** `PUT` / `DELETE`: make a user a manager of a clinic, or end it. */
  clinicManager: (clinicId: string, userId: string) => `/api/admin/clinics/${seg(clinicId)}/managers/${seg(userId)}`,
  /** The dashboard itself (served by the sync server). */
  dashboard: '/admin',
} as const;

/** The same routes in the server's (Fastify) form. */
export const adminRoutePatterns = {
  userDisabled: '/api/admin/users/:userId/disabled',
  town: '/api/admin/towns/:townId',
  specialty: '/api/admin/specialties/:code',
  bookingCancel: '/api/admin/bookings/:bookingId/cancel',
  reviewModeration: '/api/admin/reviews/:reviewId/moderation',
  manageClinic: `${manageRoutes.clinics}/:clinicId`,
  clinicManager: '/api/admin/clinics/:clinicId/managers/:userId',
} as const;

/** Error codes of the admin API besides the generic ones (`bad_request`, `unauthorized`, `forbidden`, `not_found`). */
export const adminErrorCodes = [
  /** A town or specialty still referenced by clinics (the answer's `reason` says how many). */
  'in_use',
  /** The booking is already cancelled or rejected, or its appointment has started. */
  'not_cancellable',
  /** Another write changed the document at the same time; read it again. */
  'conflict',
] as const;
export type AdminErrorCode = (typeof adminErrorCodes)[number];

const digits = (n: number) => ({ type: 'string', pattern: `^[0-9]{1,${n}}$` }) as const;
const nameSchema = { type: 'string', minLength: 1, maxLength: 100 } as const;

export const townIdParamsSchema = {
  type: 'object',
  properties: { townId: idSchema },
  required: ['townId'],
} as const;

export const userIdParamsSchema = {
  type: 'object',
  properties: { userId: userIdParamSchema },
  required: ['userId'],
} as const;

/** `PUT /api/admin/towns/:townId`: the town without `updatedAt` (the server stamps it); `id`, if given, must match. */
export const townWriteBodySchema = {
  type: 'object',
  properties: {
    id: idSchema,
    name: nameSchema,
    region: { type: 'string', maxLength: 100 },
    location: geoPointSchema,
    timezone: { type: 'string', minLength: 1, maxLength: 64 },
    districts: { type: 'array', maxItems: 100, items: districtSchema },
  },
  required: ['name', 'location', 'timezone', 'districts'],
  additionalProperties: false,
} as const;
export type TownWriteBody = FromSchema<typeof townWriteBodySchema>;

export const specialtyCodeParamsSchema = {
  type: 'object',
  properties: { code: specialtyCodeSchema },
  required: ['code'],
} as const;

/** `PUT /api/admin/specialties/:code`: `id`, if given, must match the code. */
export const specialtyWriteBodySchema = {
  type: 'object',
  properties: {
    id: specialtyCodeSchema,
    name: { type: 'string', minLength: 1, maxLength: 200 },
    doctorTitle: { type: 'string', minLength: 1, maxLength: 200 },
  },
  required: ['name', 'doctorTitle'],
  additionalProperties: false,
} as const;
export type SpecialtyWriteBody = FromSchema<typeof specialtyWriteBodySchema>;

/** Answer of a catalogue delete. */
export type DeletedAnswer = { ok: true; id: string };

export const userDisabledBodySchema = {
  type: 'object',
  properties: { disabled: { type: 'boolean' } },
  required: ['disabled'],
  additionalProperties: false,
} as const;
export type UserDisabledBody = FromSchema<typeof userDisabledBodySchema>;

/** `from`/`to`: a day (`2026-05-01`, whole day included) or an instant, compared with the booking's `startsAt`. */
const dayOrInstant = {
  type: 'string',
  maxLength: 30,
  pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2}))?$',
} as const;

export const adminBookingsQuerySchema = {
  type: 'object',
  properties: {
    /** Part of the patient's name, phone or account email (case-insensitive). */
    q: { type: 'string', maxLength: EMAIL_MAX_LENGTH },
    clinicId: idSchema,
    status: { type: 'string', enum: bookingStatuses },
    from: dayOrInstant,
    to: dayOrInstant,
    limit: digits(3),
    skip: digits(6),
  },
  additionalProperties: false,
} as const;
export type AdminBookingsQuery = FromSchema<typeof adminBookingsQuerySchema>;

export const bookingIdParamsSchema = {
  type: 'object',
  properties: { bookingId: { type: 'string', minLength: 1, maxLength: 64 } },
  required: ['bookingId'],
} as const;

export const adminCancelBodySchema = {
  type: 'object',
  properties: { note: { type: 'string', maxLength: 300 } },
  additionalProperties: false,
} as const;
export type AdminCancelBody = FromSchema<typeof adminCancelBodySchema>;

export const adminTicketsQuerySchema = {
  type: 'object',
  properties: {
    clinicId: idSchema,
    /** Clinic-local day. */
    date: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', maxLength: 10 },
  },
  required: ['clinicId'],
  additionalProperties: false,
} as const;
export type AdminTicketsQuery = FromSchema<typeof adminTicketsQuerySchema>;

export const adminPageQuerySchema = {
  type: 'object',
  properties: { limit: digits(3), skip: digits(6) },
  additionalProperties: false,
} as const;
export type AdminPageQuery = FromSchema<typeof adminPageQuerySchema>;

export const ADMIN_PAGE_DEFAULT = 50;
export const ADMIN_PAGE_MAX = 200;

/** A booking as the admin sees it: the patient's document plus whose it is. */
export type AdminBookingView = {
  id: string;
  userId: string;
  /** The account's email; absent when the account is gone (deleted accounts' past bookings are pseudonymised). */
  email?: string;
  ticketId: string;
  clinicId: string;
  specialtyCode: string;
  startsAt: string;
  endsAt: string;
  patientName: string;
  patientPhone: string;
  status: (typeof bookingStatuses)[number];
  reason?: string;
  createdAt: string;
  updatedAt: string;
  /** Set when an admin cancelled it. */
  cancelledByAdmin?: { at: string; note?: string };
};
export type AdminBookingsAnswer = { bookings: AdminBookingView[]; total: number };

/** A ticket as the admin sees it: status and the holding booking's id, no patient data. */
export type AdminTicketView = {
  id: string;
  clinicId: string;
  specialtyCode: string;
  localDate: string;
  localTime: string;
  startsAt: string;
  endsAt: string;
  status: 'free' | 'booked' | 'closed';
  version: number;
  bookingId?: string;
};
export type AdminTicketsAnswer = { tickets: AdminTicketView[] };

export const mailKinds = ['password_reset', 'booking_confirmation', 'other'] as const;
export type MailKind = (typeof mailKinds)[number];
export const mailStatuses = ['queued', 'sending', 'sent', 'failed'] as const;
export type MailStatus = (typeof mailStatuses)[number];
export type MailTransport = 'smtp' | 'outbox';

/** One mail in the shared `mail-log` (whatever instance sent it). Never the body: it may carry a reset link. */
export type MailLogEntry = {
  id: string;
  to: string;
  subject: string;
  kind: MailKind;
  status: MailStatus;
  transport: MailTransport;
  createdAt: string;
  updatedAt: string;
  /** The instance that sent it. */
  instanceId: string;
  error?: string;
};
export type AdminMailAnswer = { mails: MailLogEntry[]; total: number };

export type CountsByClass = { '2xx': number; '3xx': number; '4xx': number; '5xx': number };

export type SyncHealth = {
  /** Which sync-server process answered (clients, lag and rates are this instance's; the rest is the store's). */
  instanceId: string;
  startedAt: string;
  checkedAt: string;
  clients: {
    /** `_changes` long-polls waiting on this instance now. */
    longPollsOpen: number;
    /** Distinct clients (session, else IP, hashed) that called `/db/` in the last `windowMinutes`. */
    recent: number;
    windowMinutes: number;
  };
  collections: {
    name: string;
    updateSeq: string | number;
    docCount: number;
    /** How many changes behind the current sequence the `since` of recent `_changes` requests was. */
    lag: { requests: number; max: number; median: number };
  }[];
  lagWindowMinutes: number;
  store: { kind: 'embedded' | 'couchdb'; sizeBytes: number; databases: { name: string; sizeBytes: number }[] };
  /** Per minute, oldest first, the last `windowMinutes` (the current minute included). */
  requests: { windowMinutes: number; perMinute: ({ minute: string } & CountsByClass)[]; total: CountsByClass };
  /** Documents with conflicting revisions across every store database; expected 0. */
  conflicts: { unresolved: number; byDatabase: { name: string; count: number }[] };
};
