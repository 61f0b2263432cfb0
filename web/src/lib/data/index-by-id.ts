/** A lookup table by id; a plain (non-reactive) Map is right because it is rebuilt whenever its source changes. */
export function indexById<T extends { readonly id: string }>(items: readonly T[]): ReadonlyMap<string, T> {
  return new Map(items.map((item) => [item.id, item]));
}
