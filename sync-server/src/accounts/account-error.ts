import type { AccountErrorCode } from '@poisklinik/shared';
import { HttpError, type ErrorBody } from '../http/http-error';

/** An account API refusal: a shared error code the app localises, and the field at fault when there is one. */
export class AccountError extends HttpError {
  constructor(
    statusCode: number,
    code: AccountErrorCode,
    reason: string,
    readonly field?: string,
  ) {
    super(statusCode, code, reason);
  }

  override get body(): ErrorBody & { field?: string } {
    return this.field ? { error: this.error, reason: this.reason, field: this.field } : super.body;
  }
}
