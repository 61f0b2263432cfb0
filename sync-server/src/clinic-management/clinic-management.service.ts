import {
  CLINIC_HAS_BOOKINGS_ERROR,
  clinicDraftProblems,
  clinicFromDraft,
  fromWireDoc,
  toWireDoc,
  type Clinic,
  type ClinicWriteBody,
  type ManageClinicsQuery,
  type ManagedClinic,
  type ManagedClinicList,
} from '@poisklinik/shared';
import { unauthorized, type AuthContext } from '../auth/auth-context';
import { forbidden, HttpError, notFound } from '../http/http-error';
import type { StoredDoc } from '../store/store.types';
import { jsonEqual } from '../catalogue/stable-equal';
import { clinicConflict, InvalidClinicError } from './clinic-error';
import type { ClinicManagersStore } from './clinic-managers.store';
import type { ClinicCatalogue } from './clinic-catalogue';
import { sameManagedContent, SERVER_OWNED_FIELDS } from './managed-content';

export type ClinicManagementDeps = {
  catalogue: ClinicCatalogue;
  managers: ClinicManagersStore;
  /** Brings one clinic's tickets in step with what is stored now (the scheduler's per-clinic run). */
  rescheduleClinic: (clinicId: string) => Promise<unknown>;
  now: () => number;
};

const DEFAULT_LIMIT = 50;
/** A save that keeps losing to server-owned writes (ratings) gives up after this many fresh reads. */
const MAX_SAVE_ATTEMPTS = 5;

const managed = (doc: StoredDoc): ManagedClinic => {
  const { _rev, _conflicts: _c, _revisions: _r, ...body } = doc;
  return { clinic: fromWireDoc(body as Parameters<typeof fromWireDoc>[0]) as Clinic, rev: _rev };
};

/** Manager or admin, or 401/403: checked at the top of every operation, whatever the route already did. */
export function requireClinicEditor(auth: AuthContext | null): AuthContext {
  if (!auth) throw unauthorized();
  if (!auth.roles.includes('manager') && !auth.roles.includes('admin')) {
    throw forbidden('This needs the manager role.');
  }
  return auth;
}

/** Clinics as managers and admins edit them (issue 6 §2); see ADR 015. */
export class ClinicManagementService {
  constructor(private readonly deps: ClinicManagementDeps) {}

  async list(auth: AuthContext | null, query: ManageClinicsQuery): Promise<ManagedClinicList> {
    const actor = requireClinicEditor(auth);
    if (query.all === '1') {
      if (!actor.roles.includes('admin')) throw forbidden('Only an admin lists every clinic.');
      const docs = await this.deps.catalogue.search(query.q ?? '', query.skip ?? 0, query.limit ?? DEFAULT_LIMIT);
      return { clinics: docs.map(managed) };
    }
    const ids = await this.deps.managers.clinicIdsOf(actor.userId);
    const docs = await this.deps.catalogue.clinics(ids);
    return { clinics: docs.map(managed) };
  }

  async get(auth: AuthContext | null, clinicId: string): Promise<ManagedClinic> {
    await this.requireClinicAccess(auth, clinicId);
    const doc = await this.deps.catalogue.clinic(clinicId);
    if (!doc) throw notFound('No such clinic.');
    return managed(doc);
  }

  /** Create (no `rev`) or update (`rev` = what the editor read). Answers the stored clinic and its new rev. */
  async save(auth: AuthContext | null, clinicId: string, body: ClinicWriteBody): Promise<ManagedClinic> {
    const actor = body.rev === undefined ? requireClinicEditor(auth) : await this.requireClinicAccess(auth, clinicId);
    await this.checkRules(body);
    for (let attempt = 0; attempt < MAX_SAVE_ATTEMPTS; attempt += 1) {
      const stored = await this.deps.catalogue.clinic(clinicId);
      if (body.rev === undefined && stored) throw clinicConflict(`Clinic ${clinicId} already exists.`);
      if (body.rev !== undefined && !stored) throw notFound('No such clinic.');
      if (stored && body.rev !== undefined) await this.requireCurrent(stored, body.rev);
      const clinic = clinicFromDraft(clinicId, body.clinic, {
        updatedAt: new Date(this.deps.now()).toISOString(),
        ...serverOwnedOf(stored),
      });
      const result = await this.deps.catalogue.put({ ...toWireDoc(clinic), ...(stored ? { _rev: stored._rev } : {}) });
      // Lost to a concurrent write: read again, and the rev check above decides whether it was only a rating.
      if (!result.ok && result.error === 'conflict') continue;
      if (!result.ok) throw new HttpError(400, 'bad_request', result.reason);
      const at = new Date(this.deps.now()).toISOString();
      await this.deps.managers.markEdited(clinicId, actor.userId, at, false);
      if (!stored) await this.deps.managers.assign(actor.userId, clinicId, actor.userId, at);
      if (!stored || scheduleChanged(stored, clinic)) await this.deps.rescheduleClinic(clinicId);
      return { clinic, rev: result.rev };
    }
    throw clinicConflict('The clinic keeps changing; read it again.');
  }

  /**
   * Refused (409 `has_bookings`) while patients hold future booked tickets there: they were promised a visit,
   * and cancelling for them is a decision an admin takes booking by booking.
   */
  async remove(auth: AuthContext | null, clinicId: string, rev: string): Promise<void> {
    const actor = await this.requireClinicAccess(auth, clinicId);
    const stored = await this.deps.catalogue.clinic(clinicId);
    if (!stored) throw notFound('No such clinic.');
    await this.requireCurrent(stored, rev);
    const booked = await this.deps.catalogue.futureBookedTickets(clinicId, this.deps.now());
    if (booked > 0) {
      throw new HttpError(
        409,
        CLINIC_HAS_BOOKINGS_ERROR,
        `${booked} future booking(s) at this clinic; cancel them first.`,
      );
    }
    // The tombstone keeps the body: the town scope feeds route a deletion by the clinic's town and location.
    const result = await this.deps.catalogue.put({ ...stored, _deleted: true });
    if (!result.ok) throw clinicConflict('The clinic changed meanwhile; read it again.');
    await this.deps.managers.markEdited(clinicId, actor.userId, new Date(this.deps.now()).toISOString(), true);
    await this.deps.managers.unassignClinic(clinicId);
    await this.deps.rescheduleClinic(clinicId);
  }

  private async requireClinicAccess(auth: AuthContext | null, clinicId: string): Promise<AuthContext> {
    const actor = requireClinicEditor(auth);
    if (actor.roles.includes('admin') || (await this.deps.managers.manages(actor.userId, clinicId))) return actor;
    throw forbidden('You do not manage this clinic.');
  }

  /**
   * A stale rev is refused only when someone changed what managers edit: the reviews server rewrites `rating`,
   * `reviewCount` and `updatedAt` at any time, and such a write must not make the manager's save fail.
   */
  private async requireCurrent(stored: StoredDoc, rev: string): Promise<void> {
    if (stored._rev === rev) return;
    const seen = await this.deps.catalogue.clinicAt(stored._id, rev);
    if (!seen || !sameManagedContent(seen, stored)) {
      throw clinicConflict('Someone else changed this clinic since you opened it; read it again.');
    }
  }

  private async checkRules(body: ClinicWriteBody): Promise<void> {
    const [town, specialtyCodes] = await Promise.all([
      this.deps.catalogue.town(body.clinic.townId),
      this.deps.catalogue.specialtyCodes(),
    ]);
    const [first] = clinicDraftProblems(body.clinic, { town, specialtyCodes });
    if (first) throw new InvalidClinicError(first);
  }
}

function serverOwnedOf(stored: StoredDoc | null): Pick<Clinic, 'rating' | 'reviewCount'> {
  const owned: { rating?: number; reviewCount?: number } = {};
  for (const field of SERVER_OWNED_FIELDS) {
    const value = stored?.[field];
    if (field !== 'updatedAt' && typeof value === 'number') owned[field] = value;
  }
  return owned;
}

function scheduleChanged(stored: StoredDoc, next: Clinic): boolean {
  return stored['townId'] !== next.townId || !jsonEqual(stored['specialties'], next.specialties);
}
