import { CLINIC_INVALID_ERROR, type ClinicFieldProblem } from '@poisklinik/shared';
import { HttpError, type ErrorBody } from '../http/http-error';

/** 400 `{ error: 'invalid_clinic', reason, field }`: the web puts the reason next to the input `field` names. */
export class InvalidClinicError extends HttpError {
  constructor(readonly problem: ClinicFieldProblem) {
    super(400, CLINIC_INVALID_ERROR, problem.reason);
  }

  override get body(): ErrorBody & { field: string } {
    return { error: this.error, reason: this.reason, field: this.problem.field };
  }
}

export const clinicConflict = (reason: string): HttpError => new HttpError(409, 'conflict', reason);
