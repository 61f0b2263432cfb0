import {
  CLINIC_HAS_BOOKINGS_ERROR,
  type ClinicDraft,
  type ClinicFieldProblem,
  type ManagedClinic,
  type Town,
} from '@poisklinik/shared';
import { formFromClinic, newClinicId, type ClinicForm } from './clinic-form';
import { manageApi, type ManageResult } from './manage-api';
import { manageCache } from './manage-cache.storage';

/** loading → ready (editable), cached (offline: last loaded data, read-only), or a dead end. */
export type EditorStatus = 'loading' | 'ready' | 'cached' | 'empty-offline' | 'not-found' | 'failed' | 'deleted';

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; created: boolean }
  | { kind: 'invalid' }
  | { kind: 'stale' }
  | { kind: 'forbidden' }
  | { kind: 'has-bookings' }
  | { kind: 'offline' }
  | { kind: 'failed' };

/** The server's refusal, remembered with the draft it was about: once the manager edits, it no longer applies. */
export type ServerProblem = { problem: ClinicFieldProblem; draft: ClinicDraft; draftJson: string };

/** One clinic being edited: its form, the revision it was loaded at, and what the last save came to. */
export class ClinicEditor {
  form = $state<ClinicForm>(formFromClinic(null));
  rev = $state<string | null>(null);
  clinicId = $state('');
  loadedAt = $state<Date | null>(null);
  status = $state<EditorStatus>('loading');
  saveState = $state.raw<SaveState>({ kind: 'idle' });
  serverProblem = $state.raw<ServerProblem | null>(null);
  /** Problems are shown from the first save attempt on, not while the manager is still typing a new clinic. */
  submitted = $state(false);

  constructor(private readonly userId: string) {}

  get isNew(): boolean {
    return this.rev === null;
  }

  /** A new clinic: a fresh id (ids are chosen by the writer, as for every document), placed at `town`'s centre. */
  startNew(town: Pick<Town, 'id' | 'location'> | undefined): void {
    this.clinicId = newClinicId();
    this.form = formFromClinic(null, town);
    this.rev = null;
    this.status = 'ready';
  }

  async load(id: string): Promise<void> {
    this.status = 'loading';
    this.saveState = { kind: 'idle' };
    this.serverProblem = null;
    this.submitted = false;
    this.clinicId = id;
    const result = await manageApi.get(id);
    if (result.kind === 'ok') {
      this.adopt(result.value);
      this.status = 'ready';
      return;
    }
    if (result.kind === 'offline') {
      const cached = manageCache.readClinic(localStorage, this.userId, id);
      if (cached) {
        this.form = formFromClinic(cached.value.clinic);
        this.rev = cached.value.rev;
        // A timestamp that is replaced, never mutated: no reactive Date needed.
        // eslint-disable-next-line svelte/prefer-svelte-reactivity
        this.loadedAt = new Date(cached.at);
      }
      this.status = cached ? 'cached' : 'empty-offline';
      return;
    }
    this.status = result.kind === 'not-found' || result.kind === 'refused' ? 'not-found' : 'failed';
  }

  /** Sends the draft the caller has checked; the server checks it again and is the one that decides. */
  async save(draft: ClinicDraft): Promise<void> {
    this.saveState = { kind: 'saving' };
    const created = this.rev === null;
    const result = await manageApi.save(
      this.clinicId,
      this.rev === null ? { clinic: draft } : { clinic: draft, rev: this.rev },
    );
    if (result.kind === 'ok') {
      this.adopt(result.value);
      this.serverProblem = null;
      this.saveState = { kind: 'saved', created };
      return;
    }
    this.saveState = this.failure(result, draft);
  }

  /** Deletes the clinic at the loaded revision; true when it is gone. */
  async remove(): Promise<boolean> {
    if (this.rev === null) return false;
    this.saveState = { kind: 'saving' };
    const result = await manageApi.remove(this.clinicId, this.rev);
    if (result.kind === 'ok' || result.kind === 'not-found') {
      manageCache.forgetClinic(localStorage, this.userId, this.clinicId);
      this.saveState = { kind: 'idle' };
      this.status = 'deleted';
      return true;
    }
    this.saveState = this.failure(result, null);
    return false;
  }

  private adopt(managed: ManagedClinic): void {
    this.form = formFromClinic(managed.clinic);
    this.rev = managed.rev;
    this.clinicId = managed.clinic.id;
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- replaced, never mutated
    this.loadedAt = new Date();
    manageCache.writeClinic(localStorage, this.userId, managed, this.loadedAt);
  }

  private failure(result: Exclude<ManageResult<unknown>, { kind: 'ok' }>, draft: ClinicDraft | null): SaveState {
    switch (result.kind) {
      case 'invalid':
        if (draft)
          this.serverProblem = {
            problem: { field: result.field, reason: result.reason },
            draft,
            draftJson: JSON.stringify(draft),
          };
        this.submitted = true;
        return { kind: 'invalid' };
      case 'conflict':
        return { kind: 'stale' };
      case 'offline':
        return { kind: 'offline' };
      case 'not-found':
        return { kind: 'forbidden' };
      case 'refused':
        if (result.error === CLINIC_HAS_BOOKINGS_ERROR) return { kind: 'has-bookings' };
        return result.status === 401 || result.status === 403 ? { kind: 'forbidden' } : { kind: 'failed' };
    }
  }
}
