import type { StoredDoc } from '../store/store.types';
import { jsonEqual } from '../catalogue/stable-equal';

/** Clinic fields only the server writes (reviews keep `rating`/`reviewCount`; every write stamps `updatedAt`). */
export const SERVER_OWNED_FIELDS = ['rating', 'reviewCount', 'updatedAt'] as const;

const BOOKKEEPING = ['_id', '_rev', '_revisions', '_conflicts', '_deleted', ...SERVER_OWNED_FIELDS];

function managedPart(doc: StoredDoc): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...doc };
  for (const field of BOOKKEEPING) delete copy[field];
  return copy;
}

/** Whether two revisions of a clinic differ only in what the server owns. */
export function sameManagedContent(a: StoredDoc, b: StoredDoc): boolean {
  return jsonEqual(managedPart(a), managedPart(b));
}
