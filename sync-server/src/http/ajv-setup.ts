import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * RxDB's own schema keywords. The shared entity schemas are RxDB schemas; Ajv in strict mode refuses unknown
 * keywords (which catches typos), so these are declared as annotations instead of turning strict mode off.
 */
export const rxdbKeywords = [
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

/**
 * The one Ajv setup of the server: strict, every error reported, formats known, RxDB keywords allowed. Never
 * removes unknown fields or fills defaults — a client sending a field we do not know gets told, not ignored.
 * `coerceTypes` is for URL parts only (query strings and path parameters arrive as strings).
 */
export function createAjv(options: { coerceTypes?: boolean } = {}): Ajv {
  const ajv = new Ajv({ strict: true, allErrors: true, coerceTypes: options.coerceTypes ?? false });
  addFormats(ajv);
  for (const keyword of rxdbKeywords) {
    ajv.addKeyword({ keyword, schemaType: ['number', 'string', 'array', 'boolean', 'object'] });
  }
  return ajv;
}
