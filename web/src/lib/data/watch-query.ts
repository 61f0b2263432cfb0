import type { RxDocument, RxQuery } from 'rxdb';

/**
 * Calls `set` with plain copies of the query's documents now and after each change; returns the stop. The query
 * comes from a database still opening, so a stop before it opened must not subscribe at all. `what` names the
 * data in the error logged when the database cannot be read.
 */
export function watchQuery<T>(
  query: () => Promise<RxQuery<T, RxDocument<T>[]>>,
  set: (docs: T[]) => void,
  what: string,
): () => void {
  let stopped = false;
  let unsubscribe = () => {};
  query()
    .then((found) => {
      if (stopped) return;
      const subscription = found.$.subscribe((docs) => {
        // Plain, mutable copies: dev-mode deep-freezes documents.
        set(docs.map((d) => d.toMutableJSON()));
      });
      unsubscribe = () => subscription.unsubscribe();
    })
    .catch((err: unknown) => console.error(`Could not read ${what}`, err));
  return () => {
    stopped = true;
    unsubscribe();
  };
}
