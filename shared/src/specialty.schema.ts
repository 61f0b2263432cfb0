import type { FromSchema } from 'json-schema-to-ts';
import { timestampSchema } from './schema-parts';

export const SPECIALTY_SCHEMA_VERSION = 0;

/** Order 1061 code, dotted form "31.08.26" (the reference schedules' "31-08-26" is normalised on import). */
export const specialtyCodeSchema = {
  type: 'string',
  pattern: '^[0-9]{2}\\.[0-9]{2}\\.[0-9]{2}$',
  maxLength: 8,
} as const;

export const specialtySchema = {
  title: 'specialty',
  description: 'A medical specialty of Order 1061 (12 Sep 2013) with the title of the doctor who practises it.',
  version: SPECIALTY_SCHEMA_VERSION,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: specialtyCodeSchema,
    name: { type: 'string', minLength: 1, maxLength: 200 },
    doctorTitle: { type: 'string', minLength: 1, maxLength: 200 },
    updatedAt: timestampSchema,
  },
  required: ['id', 'name', 'doctorTitle', 'updatedAt'],
  additionalProperties: false,
} as const;

export type Specialty = FromSchema<typeof specialtySchema>;
