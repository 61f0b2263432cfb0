import {
  normaliseName,
  normaliseRussianPhone,
  profileSchema,
  type ProfileUpdateBody,
  type Role,
} from '@poisklinik/shared';
import type { NewDoc, WriteResult } from '../store/store.types';
import { notFound } from '../http/http-error';
import { AccountError } from './account-error';
import type { AccountStore, ProfileDoc } from './account.store';
import type { ProfileWritePort } from './profile-write.port';
import { schemaErrors } from './body-validator';

/** Fields only the server writes; a client write that changes one is refused. */
const SERVER_OWNED = ['email', 'roles', 'createdAt'] as const;

function conflict(id: string, reason: string): WriteResult {
  return { ok: false, id, error: 'conflict', reason };
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The profile's rules, for REST edits and for documents pushed by the app's offline replication alike. */
export class ProfileService implements ProfileWritePort {
  constructor(
    private readonly store: AccountStore,
    private readonly now: () => number = Date.now,
  ) {}

  /** The profile of a new account (sign-up, first admin). */
  async create(userId: string, fields: { email: string; name: string; roles: Role[]; createdAt: string }) {
    const result = await this.store.putProfile({ _id: userId, ...fields, updatedAt: fields.createdAt });
    if (!result.ok) throw new Error(`profile of ${userId} not stored: ${result.reason}`);
  }

  /** Keeps the profile's copy of server-owned fields in step with the account. */
  async syncServerFields(userId: string, fields: Partial<Pick<ProfileDoc, 'email' | 'roles'>>): Promise<void> {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const profile = await this.store.getProfile(userId);
      if (!profile) return;
      const next = { ...profile, ...fields, updatedAt: this.timestamp() };
      if ((await this.store.putProfile(next)).ok) return;
    }
    throw new Error(`profile of ${userId} kept conflicting`);
  }

  /** `PATCH /api/account/profile`: normalises the name and phone; `phone: ""` removes the phone. */
  async update(userId: string, body: ProfileUpdateBody): Promise<ProfileDoc> {
    let name: string | undefined;
    if (body.name !== undefined) {
      name = body.name.trim() === '' ? '' : (normaliseName(body.name) ?? undefined);
      if (name === undefined) throw new AccountError(400, 'invalid_name', 'This name cannot be used.', 'name');
    }
    let phone: string | null | undefined;
    if (body.phone !== undefined) {
      phone = body.phone.trim() === '' ? null : normaliseRussianPhone(body.phone);
      if (phone === null && body.phone.trim() !== '') {
        throw new AccountError(400, 'invalid_phone', 'Not a Russian phone number.', 'phone');
      }
    }
    // A concurrent write (another device's sync) makes the put conflict: re-read and apply the edit again.
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const profile = await this.store.getProfile(userId);
      if (!profile) throw notFound('No profile.');
      const { phone: oldPhone, ...rest } = profile;
      const next: ProfileDoc = { ...rest, updatedAt: this.timestamp() };
      if (name !== undefined) next.name = name;
      const newPhone = phone === undefined ? oldPhone : (phone ?? undefined);
      if (newPhone !== undefined) next.phone = newPhone;
      const result = await this.store.putProfile(next);
      if (result.ok) return { ...next, _rev: result.rev };
    }
    throw new Error(`profile of ${userId} kept conflicting`);
  }

  async applyClientWrite(userId: string, doc: NewDoc): Promise<WriteResult> {
    const id = doc._id;
    if (id !== userId) return conflict(id, 'A profile can only be written by its owner.');
    if (doc._deleted) return conflict(id, 'A profile cannot be deleted; delete the account instead.');
    const current = await this.store.getProfile(userId);
    if (!current) return conflict(id, 'No profile for this user.');
    if (doc._rev !== current._rev) return conflict(id, 'Document update conflict.');
    const { _id, _rev, _revisions, _deleted, ...fields } = doc;
    const problem = schemaErrors(profileSchema, { id: _id, ...fields });
    if (problem !== null) return conflict(id, `Not a valid profile: ${problem}`);
    const changed = SERVER_OWNED.filter((f) => !sameValue(fields[f], current[f]));
    if (changed.length > 0) return conflict(id, `Only the server may change ${changed.join(', ')}.`);
    const name = fields.name as string;
    if (name !== '' && normaliseName(name) !== name) return conflict(id, 'The name is not in its normalised form.');
    return this.store.putProfile({ ...(fields as Omit<ProfileDoc, '_id'>), _id, _rev });
  }

  private timestamp(): string {
    return new Date(this.now()).toISOString();
  }
}
