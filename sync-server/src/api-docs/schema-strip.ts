import { rxdbKeywords } from '../http/ajv-setup';

const dropped = new Set<string>(rxdbKeywords);
/** Keywords whose value is one schema, a list of schemas, or a map of named schemas. */
const oneSchema = ['items', 'additionalProperties', 'not', 'contains', 'if', 'then', 'else', 'propertyNames'];
const schemaLists = ['anyOf', 'oneOf', 'allOf', 'prefixItems'];
const schemaMaps = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function mapValues(map: unknown): unknown {
  if (!isObject(map)) return map;
  return Object.fromEntries(Object.entries(map).map(([k, v]) => [k, withoutRxdbKeywords(v)]));
}

/**
 * A copy of a JSON Schema without RxDB's own keywords (`version`, `primaryKey`, `indexes`, …), which mean nothing
 * to OpenAPI. Walks schema positions only, so a property that happens to be called `version` stays.
 */
export function withoutRxdbKeywords<T>(schema: T): T {
  if (!isObject(schema)) return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (dropped.has(key)) continue;
    if (oneSchema.includes(key)) out[key] = withoutRxdbKeywords(value);
    else if (schemaLists.includes(key) && Array.isArray(value))
      out[key] = value.map((v: unknown) => withoutRxdbKeywords(v));
    else if (schemaMaps.includes(key)) out[key] = mapValues(value);
    else out[key] = value;
  }
  return out as T;
}

/** A route's `schema` with every part's schema stripped (`response` is a map of status → schema). */
export function routeSchemaWithoutRxdbKeywords(schema: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...schema };
  for (const part of ['body', 'querystring', 'params', 'headers'] as const) {
    if (part in schema) out[part] = withoutRxdbKeywords(schema[part]);
  }
  if ('response' in schema) out.response = mapValues(schema.response);
  return out;
}
