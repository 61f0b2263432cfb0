import type { TicketSlot } from '@poisklinik/shared';
import type { NewDoc } from '../store/store.types';
import type { TicketDoc } from './ticket-doc';

/** What one scheduler write does, for the run's counters. */
export type TicketChangeKind = 'created' | 'updated' | 'removed' | 'closed' | 'purged';
export type TicketChange = { kind: TicketChangeKind; doc: NewDoc };

export type PlanClock = {
  nowMs: number;
  /** Closed tickets that started before this are deleted, so the database does not grow forever. */
  purgeBeforeMs: number;
};

type StoredTicket = TicketDoc & { _rev: string };

function freeTicket(slot: TicketSlot, updatedAt: string): NewDoc {
  const { id, ...fields } = slot;
  return { _id: id, ...fields, status: 'free', version: 1, updatedAt };
}

/**
 * A deletion keeps the ticket's last body: the ticket feeds route the tombstone to the devices that hold the ticket
 * by its `clinicId`/`townId` (a bare one could not be routed), and RxDB's validating storage checks deleted
 * documents against the schema too.
 */
function tombstone(doc: StoredTicket): NewDoc {
  const { bookingId: _never, ...body } = doc;
  return { ...body, _deleted: true };
}

const sameSlot = (doc: StoredTicket, slot: TicketSlot): boolean =>
  doc.startsAt === slot.startsAt && doc.endsAt === slot.endsAt && doc.townId === slot.townId;

/**
 * The scheduler's decision for one ticket id, given what is stored (or null) and what the schedule wants there
 * (or undefined). Never anything for a booked ticket: a booking outlives schedule edits and its own start time;
 * only the booking service changes it. Every write of a stored ticket carries its `_rev`, so a ticket booked in
 * between makes the write conflict instead of overwriting the booking.
 */
export function planTicket(
  stored: StoredTicket | null,
  slot: TicketSlot | undefined,
  clock: PlanClock,
): TicketChange | null {
  const updatedAt = new Date(clock.nowMs).toISOString();
  if (!stored) return slot ? { kind: 'created', doc: freeTicket(slot, updatedAt) } : null;
  const startsMs = Date.parse(stored.startsAt);
  if (stored.status === 'closed') {
    return startsMs < clock.purgeBeforeMs ? { kind: 'purged', doc: tombstone(stored) } : null;
  }
  if (stored.status !== 'free') return null;
  const next = { ...stored, version: stored.version + 1, updatedAt };
  if (startsMs < clock.nowMs) return { kind: 'closed', doc: { ...next, status: 'closed' } };
  if (!slot) return { kind: 'removed', doc: tombstone(stored) };
  if (sameSlot(stored, slot)) return null;
  // Same clinic-local start, different length (slotMinutes edited): still the same ticket, so it keeps its id.
  return { kind: 'updated', doc: { ...next, startsAt: slot.startsAt, endsAt: slot.endsAt, townId: slot.townId } };
}

/** Every change one clinic needs: its stored tickets against its schedule's slots in the window. */
export function planClinic(
  stored: readonly StoredTicket[],
  slots: readonly TicketSlot[],
  clock: PlanClock,
): TicketChange[] {
  const wanted = new Map(slots.map((s) => [s.id, s]));
  const changes: TicketChange[] = [];
  for (const doc of stored) {
    const change = planTicket(doc, wanted.get(doc._id), clock);
    if (change) changes.push(change);
    wanted.delete(doc._id);
  }
  for (const slot of wanted.values()) {
    const change = planTicket(null, slot, clock);
    if (change) changes.push(change);
  }
  return changes;
}
