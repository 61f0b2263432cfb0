import type { FromSchema } from 'json-schema-to-ts';
import { geoPointSchema, idSchema, timestampSchema } from './schema-parts';

export const TOWN_SCHEMA_VERSION = 0;

export const districtSchema = {
  type: 'object',
  properties: {
    id: idSchema,
    name: { type: 'string', minLength: 1, maxLength: 100 },
    location: geoPointSchema,
  },
  required: ['id', 'name', 'location'],
  additionalProperties: false,
} as const;

/** A town with its districts inline: districts are few, always read with their town, and never synced alone. */
export const townSchema = {
  title: 'town',
  description: 'A town (settlement) with its centre, IANA time zone and districts.',
  version: TOWN_SCHEMA_VERSION,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: idSchema,
    name: { type: 'string', minLength: 1, maxLength: 100 },
    region: { type: 'string', maxLength: 100 },
    location: geoPointSchema,
    timezone: { type: 'string', minLength: 1, maxLength: 64 },
    districts: { type: 'array', maxItems: 100, items: districtSchema },
    updatedAt: timestampSchema,
  },
  required: ['id', 'name', 'location', 'timezone', 'districts', 'updatedAt'],
  additionalProperties: false,
} as const;

export type Town = FromSchema<typeof townSchema>;
export type District = FromSchema<typeof districtSchema>;
