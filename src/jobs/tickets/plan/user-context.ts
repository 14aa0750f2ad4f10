import { ApiError, PermissionError } from "../../../errors.js";

/** NinjaOne's error code for an operation that a client-credentials token may not do. */
export const USER_CONTEXT_REQUIRED = "user_context_required";

export const SWITCH_TO_AUTHORIZATION_CODE =
  "switch this profile to the authorization-code flow: create a NinjaOne Web app (Administration → Apps → API), then run " +
  "`ninja-bridge auth login ninjaone --flow authorization-code --client-id <web app id> --client-secret-stdin` and sign in; " +
  "for cron, set NINJA_BRIDGE_NINJAONE_FLOW=authorization-code and NINJA_BRIDGE_NINJAONE_REFRESH_TOKEN instead";

export function isUserContextRequired(error: unknown): error is ApiError {
  return error instanceof ApiError && error.service === "ninjaone" && error.code === USER_CONTEXT_REQUIRED;
}

/** The refusal, said in the words of this job: why, and how to switch the profile. */
export function explainUserContext(error: ApiError, touched: string): PermissionError {
  return new PermissionError(
    `NinjaOne refused a ticket write: ${USER_CONTEXT_REQUIRED} — ticket writes need a token issued to a user, and this profile uses a client-credentials (machine) token. ${touched}`,
    {
      service: error.service,
      method: error.method,
      path: error.path,
      ...(error.status === undefined ? {} : { status: error.status }),
      ...(error.requestId === undefined ? {} : { requestId: error.requestId }),
      code: USER_CONTEXT_REQUIRED,
      hint: SWITCH_TO_AUTHORIZATION_CODE,
      cause: error,
    },
  );
}
