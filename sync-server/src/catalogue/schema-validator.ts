import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { catalogueCollections, catalogueSchemas, type CatalogueCollection } from '@poisklinik/shared';

/**
 * RxDB's own schema keywords. Ajv in strict mode rejects unknown keywords (which catches typos in the schemas),
 * so these are declared as annotation-only keywords instead of turning strict mode off.
 */
const rxdbKeywords = [
  'version',
  'primaryKey',
  'indexes',
  'internalIndexes',
  'encrypted',
  'keyCompression',
  'attachments',
  'final',
  'ref',
  'sharding',
  'crdt',
] as const;

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
  const ajv = new Ajv({ strict: true, allErrors: true });
  addFormats(ajv);
  for (const keyword of rxdbKeywords)
    ajv.addKeyword({ keyword, schemaType: ['number', 'string', 'array', 'boolean', 'object'] });

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
