import {
  clinicDraftProblems,
  type ClinicDraft,
  type ClinicFieldProblem,
  type Specialty,
  type Town,
} from '@poisklinik/shared';
import { draftFromForm, formShapeProblems, problemsByKey, type ClinicForm } from './clinic-form';

export type FormCheck = {
  draft: ClinicDraft;
  /** Problems by form key (see `formKeyOf`); empty = the server should accept the draft. */
  problems: Map<string, ClinicFieldProblem>;
};

/**
 * The server's own rules, run on the device before sending, against the synced catalogue's towns and specialties:
 * the manager sees the refusal next to the field at once instead of after a round trip.
 */
export function checkForm(
  form: ClinicForm,
  townsById: ReadonlyMap<string, Town>,
  specialties: readonly Pick<Specialty, 'id'>[],
): FormCheck {
  const draft = draftFromForm(form);
  const shape = formShapeProblems(form);
  const rules = clinicDraftProblems(draft, {
    town: townsById.get(draft.townId),
    specialtyCodes: new Set(specialties.map((s) => s.id)),
  });
  // A malformed number or time makes the rules' answers about it meaningless: the shape problem comes first.
  return { draft, problems: problemsByKey([...shape, ...rules], draft) };
}
