import type { StoredDoc } from '../../store/store.types';

/**
 * Which tickets a feed shows: one clinic's (its ids start with "<clinicId>.", see `ticketId`) or those of every
 * town in a town scope. Decided on the ticket's own `clinicId`/`townId`, which the scheduler also keeps on
 * deletions, so removals reach exactly the devices that hold the ticket.
 */
export type TicketView =
  | { readonly kind: 'clinic'; readonly clinicId: string }
  | { readonly kind: 'town'; readonly towns: ReadonlySet<string> };

export function inView(view: TicketView, doc: StoredDoc): boolean {
  if (view.kind === 'clinic') return doc.clinicId === view.clinicId;
  return typeof doc.townId === 'string' && view.towns.has(doc.townId);
}

/**
 * A deletion whose body names no clinic (not one of the scheduler's): the clinic feed still routes it by id
 * prefix; a town feed cannot tell and passes it, since a stray deletion of a ticket a device lacks is harmless.
 */
export function bareDeletionInView(view: TicketView, id: string): boolean {
  return view.kind === 'town' || id.startsWith(`${view.clinicId}.`);
}

/** The id range holding a view's tickets: a clinic's prefix, or everything for a town. */
export function viewRange(view: TicketView): { startkey?: string; endkey?: string } {
  return view.kind === 'clinic' ? { startkey: `${view.clinicId}.`, endkey: `${view.clinicId}.\ufff0` } : {};
}

/** Who booked a ticket is server-only: every document leaving through a feed goes through this. */
export function publicTicket(doc: StoredDoc): StoredDoc {
  if (!('bookingId' in doc)) return doc;
  const { bookingId: _hidden, ...rest } = doc;
  return rest;
}
