import { describe, expect, it } from 'vitest';
import { createSchemaValidator } from './schema-validator';

const validator = createSchemaValidator();
const now = '2026-11-30T06:00:00.000Z';
const town = {
  id: 'kaluga',
  name: 'Калуга',
  region: 'Калужская область',
  location: { lat: 54.5, lon: 36.2 },
  timezone: 'Europe/Moscow',
  districts: [{ id: 'leninsky', name: 'Ленинский', location: { lat: 54.5, lon: 36.2 } }],
  updatedAt: now,
};

describe('schema validator', () => {
  it('accepts a valid entity of each shared schema (RxDB keywords do not trip strict mode)', () => {
    expect(validator.validate('towns', town)).toEqual({ ok: true, value: town });
    expect(validator.validate('specialties', { id: '31.08.26', name: 'x', doctorTitle: 'y', updatedAt: now }).ok).toBe(
      true,
    );
  });

  it('reports what is wrong: formats, patterns, extra fields, missing fields', () => {
    const result = validator.validate('towns', {
      ...town,
      id: 'Kaluga',
      updatedAt: 'today',
      extra: 1,
      name: undefined,
    });
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors.join('\n');
    expect(errors).toContain('/id must match pattern');
    expect(errors).toContain('/updatedAt must match format "date-time"');
    expect(errors).toContain('must NOT have additional properties');
    expect(errors).toContain("must have required property 'name'");
  });

  it('rejects non-objects', () => {
    expect(validator.validate('clinics', null).ok).toBe(false);
    expect(validator.validate('clinics', []).ok).toBe(false);
  });
});
