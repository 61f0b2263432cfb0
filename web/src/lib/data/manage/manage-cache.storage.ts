import type { ManagedClinic } from '@poisklinik/shared';

/**
 * What the management pages last loaded, per user, so that offline they can still show it — marked with its age
 * and read-only, since only the server can accept an edit. Clinic data is public catalogue data anyway; nothing
 * here is a secret.
 */
export type Cached<T> = { at: string; value: T };

const PREFIX = 'poisklinik:manage:';

function key(userId: string, what: string): string {
  return `${PREFIX}${userId}:${what}`;
}

function read<T>(storage: Storage, k: string, valid: (value: unknown) => value is T): Cached<T> | null {
  try {
    const raw = storage.getItem(k);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as { at?: unknown; value?: unknown };
    if (typeof parsed.at !== 'string' || Number.isNaN(Date.parse(parsed.at)) || !valid(parsed.value)) return null;
    return { at: parsed.at, value: parsed.value };
  } catch {
    return null;
  }
}

function write(storage: Storage, k: string, value: unknown, at: Date): void {
  try {
    storage.setItem(k, JSON.stringify({ at: at.toISOString(), value }));
  } catch {
    // A full storage only costs the offline view of this page.
  }
}

function isManaged(value: unknown): value is ManagedClinic {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { clinic?: { id?: unknown; name?: unknown }; rev?: unknown };
  return typeof v.rev === 'string' && typeof v.clinic?.id === 'string' && typeof v.clinic.name === 'string';
}

function isManagedList(value: unknown): value is ManagedClinic[] {
  return Array.isArray(value) && value.every(isManaged);
}

export const manageCache = {
  readList: (storage: Storage, userId: string) => read(storage, key(userId, 'list'), isManagedList),
  writeList: (storage: Storage, userId: string, clinics: ManagedClinic[], at = new Date()) =>
    write(storage, key(userId, 'list'), clinics, at),
  readClinic: (storage: Storage, userId: string, id: string) => read(storage, key(userId, `clinic:${id}`), isManaged),
  writeClinic: (storage: Storage, userId: string, managed: ManagedClinic, at = new Date()) =>
    write(storage, key(userId, `clinic:${managed.clinic.id}`), managed, at),
  forgetClinic: (storage: Storage, userId: string, id: string) => storage.removeItem(key(userId, `clinic:${id}`)),
};
