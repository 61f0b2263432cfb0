import type { ValidateFunction } from 'ajv';
import { createAjv } from '../http/ajv-setup';
import { describeValidationErrors } from '../http/request-validation';
import { badRequest } from '../http/http-error';

// For documents written outside a route's schema (replicated writes); REST bodies are checked by their routes.
const ajv = createAjv();

const compiled = new WeakMap<object, ValidateFunction>();

function compile(schema: object): ValidateFunction {
  let fn = compiled.get(schema);
  if (!fn) {
    fn = ajv.compile(schema);
    compiled.set(schema, fn);
  }
  return fn;
}

/** The errors of `value` against a shared JSON Schema, or null when it conforms. */
export function schemaErrors(schema: object, value: unknown): string | null {
  const fn = compile(schema);
  return fn(value) ? null : describeValidationErrors(fn.errors) || 'invalid';
}

/** `value` typed by its schema, or a 400 `bad_request` naming what is wrong. */
export function validateBody<T>(schema: object, value: unknown): T {
  const problem = schemaErrors(schema, value);
  if (problem !== null) throw badRequest(`Invalid request: ${problem}`);
  return value as T;
}
