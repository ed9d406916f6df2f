/**
 * The console's closed set of error codes and the HTTP status of each: the server maps every refusal through this
 * table (lib/server/errors.ts) and the UI explains exactly these codes (components/errors/use-error-text.ts).
 * Plain constants (no zod), so client components can import it without a schema library.
 */
export const API_ERRORS = {
  invalid_id: 400,
  invalid_json: 400,
  validation_failed: 400,
  unsupported_media_type: 415,
  payload_too_large: 413,
  unauthenticated: 401,
  // API tokens (Authorization: Bearer): not a console token or unknown, past its expiry, revoked.
  token_invalid: 401,
  token_expired: 401,
  token_revoked: 401,
  // A token's per-minute limit of reads or starts is used up (Retry-After says when the next minute starts).
  rate_limited: 429,
  forbidden: 403,
  cross_site: 403,
  not_found: 404,
  conflict: 409,
  protected_confirmation_required: 422,
  // Sign-in back-off: also the error codes next-auth hands to the sign-in page (?error=throttled|locked_out).
  throttled: 429,
  locked_out: 429,
  method_not_allowed: 405,
  upstream_refused: 422,
  upstream_conflict: 409,
  upstream_not_found: 404,
  upstream_forbidden: 403,
  upstream_throttled: 429,
  upstream_error: 502,
  upstream_unavailable: 502,
  upstream_timeout: 504,
  upstream_in_doubt: 502,
  // The deploy service (lib/server/deploy)
  ledger_unavailable: 503,
  deploy_in_progress: 409,
  idempotency_key_reused: 422,
  idempotency_in_progress: 409,
  // Change control: a deploy lock held by someone else (error.lock says who, why and until when).
  task_locked: 423,
  // A freeze window is in force (error.freeze names it and when it ends); administrators may override it.
  change_freeze: 423,
  // Two-person approval: a start of an app that needs one, sent without an approved request.
  approval_required: 428,
  // Executing an approval with other rows, target or trigger_source than approved (error.differences names them).
  approval_mismatch: 409,
  // Approving or rejecting a request that is no longer pending (decided, expired).
  approval_not_pending: 409,
  // Executing a request that is not (or no longer) approved: error.reason says which (pending, rejected, expired, used).
  approval_not_executable: 409,
  // Any route: the console's own database cannot be reached (connection refused, shut down, closed).
  database_unavailable: 503,
  internal_error: 500,
} as const;
export type ApiErrorCode = keyof typeof API_ERRORS;

/** Codes the browser's fetch helper gives failures that never got a console answer (lib/queries/api.ts). */
export const CLIENT_ERROR_CODES = ["network_error", "bad_response"] as const;
export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[number];

export const isApiErrorCode = (code: string): code is ApiErrorCode => Object.hasOwn(API_ERRORS, code);

/**
 * What exactly a refusal is about, beyond its code: the server names one (`error.reason`, with `error.args` for
 * the values it mentions) and the UI words it in the reader's language (messages: errors.reason.*). The server's
 * English `message` stays in the answer for API clients and logs.
 */
export const ERROR_REASONS = {
  team_name_taken: ["name"],
  oidc_group_taken: ["group"],
  email_taken: ["email"],
  grant_exists: [],
  already_protected: ["app"],
  own_admin_role: [],
  own_account: [],
  sso_no_password: ["email"],
  // Deploy locks: not locked (DELETE), someone else's lock without the admin role, a break without a reason.
  not_locked: [],
  lock_not_yours: ["name"],
  break_needs_reason: [],
  // Freeze windows: a non-administrator asked to override one.
  freeze_override_forbidden: [],
  // Two-person approval: deciding one's own request; executing one that is not approved (or no longer).
  approval_already_required: ["app"],
  own_request: [],
  approval_pending: [],
  approval_rejected: [],
  approval_expired: [],
  approval_used: [],
} as const satisfies Record<string, readonly string[]>;
export type ErrorReason = keyof typeof ERROR_REASONS;
export type ReasonArgs<R extends ErrorReason> = Record<(typeof ERROR_REASONS)[R][number], string>;

export const isErrorReason = (v: unknown): v is ErrorReason => typeof v === "string" && Object.hasOwn(ERROR_REASONS, v);
