// Building blocks shared by the entity schemas. Plain JSON Schema (draft 2020-compatible subset that both RxDB
// and Ajv understand); every string carries a maxLength because RxDB requires it on indexed fields and because
// the server must bound what it accepts.

/** "HH:MM", 00:00–24:00. 24:00 is allowed only as an end of day ("until midnight"). */
export const timeOfDaySchema = {
  type: 'string',
  pattern: '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$',
  maxLength: 5,
} as const;

/** ISO weekday: 1 = Monday … 7 = Sunday (the reference data uses the same numbering). */
export const weekdaySchema = { type: 'integer', minimum: 1, maximum: 7 } as const;

export const geoPointSchema = {
  type: 'object',
  properties: {
    lat: { type: 'number', minimum: -90, maximum: 90 },
    lon: { type: 'number', minimum: -180, maximum: 180 },
  },
  required: ['lat', 'lon'],
  additionalProperties: false,
} as const;

/** One open interval on one weekday, local time of the clinic's town. */
export const weeklyIntervalSchema = {
  type: 'object',
  properties: {
    day: weekdaySchema,
    from: timeOfDaySchema,
    to: timeOfDaySchema,
  },
  required: ['day', 'from', 'to'],
  additionalProperties: false,
} as const;

export const idSchema = {
  type: 'string',
  minLength: 1,
  maxLength: 64,
  pattern: '^[a-z0-9][a-z0-9._-]*$',
} as const;

/** Server-maintained modification time; the client shows data age from it. */
export const timestampSchema = { type: 'string', format: 'date-time', maxLength: 40 } as const;
