/**
 * The cloud's rules for runtime parameters and ids, as plain constants (no zod), so that client components can
 * import them without pulling a schema library into the page's first-load JS.
 */

/** 32 chars of [0-9a-z]: every CodeArts id (app, task, record, project, AOM ids). */
export const ID_PATTERN = /^[0-9a-z]{32}$/;

export const PARAM_TYPES = ["text", "enum", "host_group", "encrypt"] as const;
export type ParamType = (typeof PARAM_TYPES)[number];

/** key: 1–128 of letters, digits, '-', '_', '.'. */
export const PARAM_KEY_PATTERN = /^[A-Za-z0-9._-]{1,128}$/;
/** value: at most 8192 characters… */
export const PARAM_VALUE_MAX = 8192;
/** …and free of template openers (the cloud's template-injection guard). */
export const TEMPLATE_OPENERS = ["{{", "{%", "{#"] as const;
/**
 * Characters no part of the console can keep: U+0000 (PostgreSQL text cannot hold it; SQLite would, so refusing it
 * everywhere keeps both databases answering alike) and unpaired surrogates (no UTF-8 form: neither database nor
 * the cloud can be sent one).
 */
const NUL = /\u0000/;
const LONE_SURROGATE = /\p{Cs}/u;
export const hasNul = (s: string) => NUL.test(s);
export const hasLoneSurrogate = (s: string) => LONE_SURROGATE.test(s);
export const isStorableText = (s: string) => !hasNul(s) && !hasLoneSurrogate(s);

/** The console's own cap on rows per start. */
export const MAX_PARAM_ROWS = 500;

/** Error codes carried by row issues, so the UI can localise them. */
export const ROW_ERROR = {
  keyFormat: "key_format",
  keyDuplicate: "key_duplicate",
  valueTooLong: "value_too_long",
  valueTemplate: "value_template",
  /** U+0000 or an unpaired surrogate (an `encrypt` value may hold U+0000: it is sent, never stored). */
  valueCharacters: "value_characters",
  typeRequired: "type_required",
  tooManyRows: "too_many_rows",
  /** The start form: an `encrypt` row needs a value typed again, or "keep the stored value" ticked. */
  secretRequired: "secret_required",
  /** keep_secrets names a key that is also sent in params. */
  keepConflict: "keep_conflict",
} as const;

/** Last-execution states (ListAllApp `states` filter and `execution_state`). */
export const EXECUTION_STATES = ["abort", "failed", "not_started", "pending", "running", "succeeded", "timeout", "not_executed"] as const;

/** The cloud keeps about 92 days of deployment history: the widest range a history query may ask for. */
export const RETENTION_DAYS = 92;
