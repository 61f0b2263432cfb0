import type { RxCollection } from 'rxdb';
import type { Booking, Ticket } from '@poisklinik/shared';
import { nextStamp } from '../account/pending-writes';
import { canCancel, draftBooking, type Patient } from './booking-draft';

/** Records a local write in the pending-writes ledger before it is made (see pending-writes.ts). */
export type RecordWrite = (docId: string, updatedAt: string) => void;

/** Writes a new `pending` booking of a ticket the device shows; it works offline, the replication sends it. */
export async function writeNewBooking(
  bookings: RxCollection<Booking>,
  userId: string,
  ticket: Ticket,
  patient: Patient,
  record: RecordWrite,
): Promise<Booking> {
  const booking = draftBooking(userId, ticket, patient, new Date());
  // Recorded before the write: a write that then fails leaves a stamp no document carries, which never counts.
  record(booking.id, booking.updatedAt);
  await bookings.insert(booking);
  return booking;
}

/** Marks a booking `cancelled` on the device (sent like any write); false when it may no longer be cancelled. */
export async function writeCancellation(
  bookings: RxCollection<Booking>,
  id: string,
  record: RecordWrite,
): Promise<boolean> {
  const doc = await bookings.findOne(id).exec();
  if (!doc || !canCancel(doc, new Date())) return false;
  const updatedAt = nextStamp(doc.updatedAt, Date.now());
  record(id, updatedAt);
  await doc.incrementalModify((data) => ({ ...data, status: 'cancelled', updatedAt }));
  return true;
}
