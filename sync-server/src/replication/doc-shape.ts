import type { StoredDoc } from '../store/store.types';

export type ShapeOptions = { revs?: boolean; conflicts?: boolean };

/**
 * A stored document as the wire should see it: revision history and conflict lists only when asked for.
 * RxDB's pull copies every field of `doc` into its document, so a stray `_conflicts` would break its schema.
 */
export function shapeDoc(doc: StoredDoc, options: ShapeOptions = {}): StoredDoc {
  const { _revisions, _conflicts, ...rest } = doc;
  const shaped: StoredDoc = rest;
  if (options.revs && _revisions) shaped._revisions = _revisions;
  if (options.conflicts && _conflicts && _conflicts.length > 0) shaped._conflicts = _conflicts;
  return shaped;
}
