import type { Store, StoreDatabase } from '../store/store.types';

/** Server-only: who manages which clinic, one document "<userId>.<clinicId>" per pair. */
export const CLINIC_MANAGERS_DB = 'clinic-managers';
/**
 * Server-only: one document per clinic id a manager or admin has saved or deleted. The demo import leaves these
 * clinics alone, so a restart never undoes an edit or brings a deleted clinic back.
 */
export const CLINIC_EDITS_DB = 'clinic-edits';

/** Sorts after every id character, closing a "<userId>." key range. */
const RANGE_END = '\ufff0';

type Assignment = { _id: string; userId: string; clinicId: string; assignedAt: string; assignedBy: string };

export class ClinicManagersStore {
  private constructor(
    private readonly managers: StoreDatabase,
    private readonly edits: StoreDatabase,
  ) {}

  static async open(store: Store): Promise<ClinicManagersStore> {
    return new ClinicManagersStore(await store.database(CLINIC_MANAGERS_DB), await store.database(CLINIC_EDITS_DB));
  }

  async manages(userId: string, clinicId: string): Promise<boolean> {
    return (await this.managers.get(`${userId}.${clinicId}`)) !== null;
  }

  /** The clinic ids of one manager: one key range (user ids never contain a dot). */
  async clinicIdsOf(userId: string): Promise<string[]> {
    const page = await this.managers.allDocs({ startkey: `${userId}.`, endkey: `${userId}.${RANGE_END}` });
    return page.rows.flatMap((row) => ('id' in row ? [row.id.slice(userId.length + 1)] : []));
  }

  /** Idempotent: true when the pair is new. */
  async assign(userId: string, clinicId: string, by: string, at: string): Promise<boolean> {
    const doc: Assignment = { _id: `${userId}.${clinicId}`, userId, clinicId, assignedAt: at, assignedBy: by };
    const result = await this.managers.put(doc);
    if (result.ok) return true;
    if (result.error === 'conflict') return false;
    throw new Error(`clinic manager not stored: ${result.reason}`);
  }

  /** False when the pair did not exist. */
  async unassign(userId: string, clinicId: string): Promise<boolean> {
    for (;;) {
      const stored = await this.managers.get(`${userId}.${clinicId}`);
      if (!stored) return false;
      const result = await this.managers.put({ ...stored, _deleted: true });
      if (result.ok) return true;
      if (result.error !== 'conflict') throw new Error(`clinic manager not removed: ${result.reason}`);
    }
  }

  /**
   * Ends every assignment of a deleted clinic. Ids only, no documents: a scan, but of a small database and only on
   * the rare deletion; a second per-clinic index would cost a write on every assignment instead.
   */
  async unassignClinic(clinicId: string): Promise<void> {
    const page = await this.managers.allDocs({});
    const suffix = `.${clinicId}`;
    for (const row of page.rows) {
      if (!('id' in row) || !row.id.endsWith(suffix)) continue;
      const userId = row.id.slice(0, -suffix.length);
      if (!userId.includes('.')) await this.unassign(userId, clinicId);
    }
  }

  /** Remembers that people changed this clinic (see CLINIC_EDITS_DB). */
  async markEdited(clinicId: string, by: string, at: string, deleted: boolean): Promise<void> {
    for (;;) {
      const stored = await this.edits.get(clinicId);
      const result = await this.edits.put({
        _id: clinicId,
        ...(stored ? { _rev: stored._rev } : {}),
        by,
        at,
        deleted,
      });
      if (result.ok || result.error !== 'conflict') return;
    }
  }
}

/** Which of these clinic ids people have edited or deleted (the demo import skips them). */
export async function editedClinicIds(store: Store, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const edits = await store.database(CLINIC_EDITS_DB);
  const page = await edits.allDocs({ keys: [...ids] });
  return new Set(page.rows.flatMap((row) => ('id' in row && !row.value.deleted ? [row.id] : [])));
}
