import type { ClinicFieldProblem } from '@poisklinik/shared';
import type { ManageDictionary } from '$lib/i18n/manage.ru';

type FieldTexts = ManageDictionary['fields'];

/**
 * The manager's-language text for a refused field. The rules' and the server's `reason` is English for logs and
 * API users; what the field is (its JSON pointer) is enough to say what to fix.
 */
export function fieldMessage(problem: ClinicFieldProblem, t: FieldTexts): string {
  const parts = problem.field.split('/').slice(1);
  const [top] = parts;
  const last = parts.at(-1);
  switch (top) {
    case 'name':
    case 'address':
    case 'townId':
    case 'districtId':
    case 'phone':
    case 'site':
      return t[top];
    case 'location':
      return parts.length === 1 ? t.location : t.coordinates;
    case 'hours':
      return last === 'day' ? t.day : t.time;
    case 'specialties':
      if (last === 'code' || parts.length <= 2) return t.specialtyCode;
      if (last === 'slotMinutes') return t.slotMinutes;
      return last === 'day' ? t.day : t.time;
    default:
      return t.other;
  }
}
