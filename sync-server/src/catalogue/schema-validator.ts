import type { ErrorObject, ValidateFunction } from 'ajv';
import { catalogueCollections, catalogueSchemas, type CatalogueCollection } from '@poisklinik/shared';
import { createAjv } from '../http/ajv-setup';

export type ValidationResult<T = unknown> = { ok: true; value: T } | { ok: false; errors: string[] };

export type SchemaValidator = {
  /** Checks an entity (primary key as `id`, not `_id`) against its collection's shared schema. */
  validate(collection: CatalogueCollection, entity: unknown): ValidationResult;
};

function describe(errors: readonly ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`.trim());
}

/**
 * One validator for the whole server: the demo import uses it now and any future write route must use it too,
 * so the server never stores what the app's RxDB schema would reject.
 */
export function createSchemaValidator(): SchemaValidator {
  // The server's one Ajv setup (strict, all errors, RxDB keywords), without type coercion: entities are bodies.
  const ajv = createAjv();

  const compiled = new Map<CatalogueCollection, ValidateFunction>();
  for (const c of catalogueCollections) compiled.set(c, ajv.compile(catalogueSchemas[c]));

  return {
    validate(collection, entity) {
      const fn = compiled.get(collection);
      if (!fn) return { ok: false, errors: [`unknown collection ${collection}`] };
      return fn(entity) ? { ok: true, value: entity } : { ok: false, errors: describe(fn.errors) };
    },
  };
}
