import type { Subscription } from 'rxjs';
import type { Booking, Profile, Review, Ticket } from '@poisklinik/shared';
import { isDeviceStatus, type Patient } from '../bookings/booking-draft';
import { writeCancellation, writeNewBooking } from '../bookings/booking-writes';
import { deleteReview, writeReview } from '../reviews/review-writes';
import type { ReviewInput } from '../reviews/review-draft';
import { bookingsPulledAtKey, readBookingsPulledAt, writeBookingsPulledAt } from '../bookings/bookings-age.storage';
import { closeUserDb, openUserDb, removeUserDb, type UserDb } from './user.db';
import { startUserSync, type UserSync } from './user-sync';
import {
  countWaiting,
  nextStamp,
  pendingWritesKey,
  parsePendingWrites,
  readPendingWrites,
  withSent,
  withWrite,
  writePendingWrites,
  type PendingWrites,
} from './pending-writes';

export type ProfileChanges = { name: string; phone: string | undefined };

/**
 * One user's data on this device: their own RxDB database, its live replication while the session is valid, and
 * what the UI shows of it (the profile, how many local writes still wait to be sent).
 */
export class UserData {
  profile = $state<Profile | null>(null);
  /** The database is open and the profile query has answered (the profile may still be absent before a pull). */
  loaded = $state(false);
  pending = $state<PendingWrites>({});
  syncError = $state<string | null>(null);
  /** The user's bookings on this device, every status. */
  bookings = $state.raw<readonly Booking[]>([]);
  bookingsLoaded = $state(false);
  /** When the device last heard the server's state of the bookings (null: never). */
  bookingsPulledAt = $state<Date | null>(null);
  /** The user's own reviews on this device (one per clinic), with the server's moderation state. */
  reviews = $state.raw<readonly Review[]>([]);

  readonly waitingCount = $derived(countWaiting(this.pending, (id) => this.#localStamp(id)));

  private db: UserDb | null = null;
  private subscription: Subscription | null = null;
  private bookingsSubscription: Subscription | null = null;
  private reviewsSubscription: Subscription | null = null;
  private sync: UserSync | null = null;
  /** Bumped on every start/stop, so events of a replication being stopped are ignored. */
  private generation = 0;
  private closed = false;

  constructor(
    readonly userId: string,
    private readonly onUnauthorized: () => void,
  ) {
    this.pending = readPendingWrites(userId);
    this.bookingsPulledAt = readBookingsPulledAt(userId);
  }

  async open(): Promise<void> {
    const db = await openUserDb(this.userId);
    if (this.closed) return;
    this.db = db;
    this.subscription = db.profiles.findOne(this.userId).$.subscribe((doc) => {
      this.profile = doc ? doc.toMutableJSON() : null;
      this.loaded = true;
    });
    this.bookingsSubscription = db.bookings.find().$.subscribe((docs) => {
      this.bookings = docs.map((d) => d.toMutableJSON());
      this.bookingsLoaded = true;
    });
    this.reviewsSubscription = db.reviews.find().$.subscribe((docs) => {
      this.reviews = docs.map((d) => d.toMutableJSON());
    });
  }

  /** Starts live replication (idempotent); `open()` must have finished. */
  startSync(origin: string): void {
    if (!this.db || this.sync || this.closed) return;
    const generation = ++this.generation;
    const current = () => generation === this.generation;
    this.sync = startUserSync(this.db, origin, {
      onUnauthorized: () => {
        if (current()) this.onUnauthorized();
      },
      onSent: (docId, updatedAt) => {
        if (!current()) return;
        this.setPending(withSent(this.pending, docId, updatedAt));
        this.syncError = null;
      },
      onPulled: (collection, at) => {
        if (!current() || collection !== 'bookings') return;
        this.bookingsPulledAt = at;
        writeBookingsPulledAt(this.userId, at);
      },
      onError: (message) => {
        if (current()) this.syncError = message;
      },
    });
  }

  async stopSync(): Promise<void> {
    this.generation++;
    const sync = this.sync;
    this.sync = null;
    await sync?.stop();
  }

  reSync(): void {
    this.sync?.reSync();
  }

  /**
   * Writes the user's edit to the device. It is pushed by the replication when there is a network and a valid
   * session; until then it waits (and is counted). False when the profile has not reached the device yet.
   */
  async saveProfile(changes: ProfileChanges): Promise<boolean> {
    const doc = await this.db?.profiles.findOne(this.userId).exec();
    if (!doc) return false;
    const updatedAt = nextStamp(doc.updatedAt, Date.now());
    // Recorded before the write: a write that then fails leaves a stamp no document carries, which never counts.
    this.setPending(withWrite(this.pending, this.userId, updatedAt));
    await doc.incrementalModify((data) => {
      const next = { ...data, name: changes.name, updatedAt };
      if (changes.phone === undefined) delete next.phone;
      else next.phone = changes.phone;
      return next;
    });
    return true;
  }

  /**
   * Books a free ticket the device shows: a `pending` booking written locally (offline too), pushed by the
   * replication; the server's answer (confirmed, or rejected with a reason) comes back by pull or conflict.
   */
  async book(ticket: Ticket, patient: Patient): Promise<Booking | null> {
    if (!this.db) return null;
    return writeNewBooking(this.db.bookings, this.userId, ticket, patient, (id, at) => this.#recordWrite(id, at));
  }

  /** Cancels on the device; the cancellation is sent like any write (queued offline). False when not allowed. */
  async cancelBooking(id: string): Promise<boolean> {
    if (!this.db) return false;
    return writeCancellation(this.db.bookings, id, (docId, at) => this.#recordWrite(docId, at));
  }

  /** Writes (or edits) the user's review of a clinic: `pending` on the device, pushed when there is a network. */
  async saveReview(clinicId: string, input: ReviewInput): Promise<Review | null> {
    if (!this.db) return null;
    const review = await writeReview(this.db.reviews, this.userId, clinicId, input, (id, at) =>
      this.#recordWrite(id, at),
    );
    void this.sync?.syncReviews();
    return review;
  }

  async deleteReview(clinicId: string): Promise<boolean> {
    if (!this.db) return false;
    const deleted = await deleteReview(this.db.reviews, this.userId, clinicId);
    void this.sync?.syncReviews();
    return deleted;
  }

  /** A clinic page opened: fetch the server's current answers on the user's reviews (moderation included). */
  refreshReviews(): void {
    void this.sync?.syncReviews();
  }

  /** Another tab's replication sent or pulled something: mirror its ledger and bookings age. */
  onStorage(event: StorageEvent): void {
    if (event.key === pendingWritesKey(this.userId)) this.pending = parsePendingWrites(event.newValue);
    if (event.key === bookingsPulledAtKey(this.userId)) this.bookingsPulledAt = readBookingsPulledAt(this.userId);
  }

  /** Stops syncing and observing; `dropHandle` also closes this tab's database handle (deleted by another tab). */
  async close(options: { dropHandle?: boolean } = {}): Promise<void> {
    this.closed = true;
    await this.stopSync();
    this.subscription?.unsubscribe();
    this.subscription = null;
    this.bookingsSubscription?.unsubscribe();
    this.bookingsSubscription = null;
    this.reviewsSubscription?.unsubscribe();
    this.reviewsSubscription = null;
    if (options.dropHandle) await closeUserDb(this.userId);
  }

  /** Deletes this user's local database and ledger, queued writes included (explicit sign-out, deletion). */
  async remove(): Promise<void> {
    await this.close();
    this.db = null;
    writePendingWrites(this.userId, {});
    writeBookingsPulledAt(this.userId, null);
    await removeUserDb(this.userId);
  }

  /**
   * The stamp a waiting write would carry on the device now. A booking the server answered (confirmed, rejected,
   * a refused cancellation) is settled even if the server kept its stamp: nothing of it waits any more.
   */
  #localStamp(id: string): string | undefined {
    if (id === this.profile?.id) return this.profile.updatedAt;
    // A handful of bookings per user: a scan is cheaper than keeping an index in step.
    const booking = this.bookings.find((b) => b.id === id);
    if (booking) return isDeviceStatus(booking.status) ? booking.updatedAt : undefined;
    const review = this.reviews.find((r) => r.id === id);
    return review?.status === 'pending' ? review.updatedAt : undefined;
  }

  #recordWrite(docId: string, updatedAt: string): void {
    this.setPending(withWrite(this.pending, docId, updatedAt));
  }

  private setPending(pending: PendingWrites): void {
    this.pending = pending;
    writePendingWrites(this.userId, pending);
  }
}
