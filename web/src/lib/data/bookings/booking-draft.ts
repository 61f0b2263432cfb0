import { isActiveBooking, type Booking, type BookingStatus, type Ticket } from '@poisklinik/shared';

export type Patient = { readonly name: string; readonly phone: string };

/**
 * A fresh idempotency key, generated once per booking on the device: the booking's id `<userId>.<key>` is what
 * makes a replayed push (retry, reconnect, second tab) the same booking, never a second one.
 */
export function newBookingKey(): string {
  return crypto.randomUUID();
}

/** The `pending` booking the device writes for a free ticket it shows; the server decides the rest. */
export function draftBooking(
  userId: string,
  ticket: Ticket,
  patient: Patient,
  now: Date,
  key = newBookingKey(),
): Booking {
  const at = now.toISOString();
  return {
    id: `${userId}.${key}`,
    ticketId: ticket.id,
    // The version the device saw: the server books only if the ticket has not changed since.
    ticketVersion: ticket.version,
    clinicId: ticket.clinicId,
    specialtyCode: ticket.specialtyCode,
    startsAt: ticket.startsAt,
    endsAt: ticket.endsAt,
    patientName: patient.name,
    patientPhone: patient.phone,
    status: 'pending',
    createdAt: at,
    updatedAt: at,
  };
}

/** Cancelling is allowed for a booking that holds (or may get) a ticket, until the appointment starts. */
export function canCancel(booking: Pick<Booking, 'status' | 'startsAt'>, now: Date): boolean {
  return isActiveBooking(booking) && booking.startsAt > now.toISOString();
}

/** States only the device writes: a booking in one of them with an unsent stamp still waits to be sent. */
export function isDeviceStatus(status: BookingStatus): boolean {
  return status === 'pending' || status === 'cancelled';
}

export type BookingLists = { upcoming: Booking[]; past: Booking[] };

/** Upcoming (not ended yet) soonest first; past most recent first. */
export function splitBookings(bookings: readonly Booking[], now: Date): BookingLists {
  const at = now.toISOString();
  const upcoming = bookings.filter((b) => b.endsAt > at).sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const past = bookings.filter((b) => b.endsAt <= at).sort((a, b) => b.startsAt.localeCompare(a.startsAt));
  return { upcoming, past };
}
