/**
 * The one table of upstream error codes the reference documents (§5, §6.2, §8): what each means to the console
 * (`kind`, read by the server's error mapping and by "does this resource exist" checks) and the key of its localised
 * explanation under `errors.upstream` in messages/*.json (catalog keys cannot contain dots). Isomorphic: the UI
 * imports it. Codes whose meaning the reference leaves unconfirmed (Deploy.00060218, Deploy.00060222,
 * Deploy.00021534) are left out on purpose: the console's generic text plus the code and request id beats a guess.
 */
type UpstreamKind =
  | "missing" // the app, task or record does not exist (not: the API does not exist)
  | "busy" // the app is already being deployed
  | "refused" // the cloud will not run this task as asked
  | "forbidden"
  | "throttled"
  | "other"; // explained to the user, mapped by its HTTP status

const UPSTREAM_ERRORS = {
  "Deploy.00011001": { key: "Deploy_00011001", kind: "other" }, // duplicate application name in the project
  "Deploy.00011020": { key: "Deploy_00011020", kind: "missing" }, // application does not exist / deleted (404)
  "Deploy.00011021": { key: "Deploy_00011021", kind: "missing" }, // application does not exist (in a 200 body)
  "Deploy.00011027": { key: "Deploy_00011027", kind: "busy" }, // application is being deployed
  "Deploy.00011042": { key: "Deploy_00011042", kind: "refused" }, // draft application cannot be executed
  "Deploy.00011154": { key: "Deploy_00011154", kind: "forbidden" }, // insufficient permission
  "Deploy.00011303": { key: "Deploy_00011303", kind: "missing" }, // no such execution record
  "Deploy.00016004": { key: "Deploy_00016004", kind: "refused" }, // pipeline-only task (meaning inferred, see reference §5)
  "DEV.CH.10001": { key: "DEV_CH_10001", kind: "other" }, // generic "Param invalid"
  "APIGW.0101": { key: "APIGW_0101", kind: "other" }, // API does not exist / not published (a retired API)
  "APIGW.0201": { key: "APIGW_0201", kind: "other" }, // body over 12 MB (413) or backend timeout (504)
  "APIGW.0301": { key: "APIGW_0301", kind: "other" }, // IAM authentication failed (token, signature, AK)
  "APIG.0301": { key: "APIG_0301", kind: "other" }, // the same, older prefix
  "APIGW.0303": { key: "APIGW_0303", kind: "other" }, // X-Sdk-Date more than 15 minutes off
  "APIGW.0308": { key: "APIGW_0308", kind: "throttled" }, // throttled
  "APIGW.0310": { key: "APIGW_0310", kind: "other" }, // project unavailable
} as const satisfies Record<string, { key: string; kind: UpstreamKind }>;
export type KnownUpstreamCode = keyof typeof UPSTREAM_ERRORS;

export const isKnownUpstreamCode = (code: string | null | undefined): code is KnownUpstreamCode =>
  typeof code === "string" && Object.hasOwn(UPSTREAM_ERRORS, code);

/** The message-catalog key of each known code's explanation. */
export const UPSTREAM_ERROR_KEYS = Object.fromEntries(Object.entries(UPSTREAM_ERRORS).map(([code, e]) => [code, e.key])) as {
  [C in KnownUpstreamCode]: (typeof UPSTREAM_ERRORS)[C]["key"];
};

/** What an upstream code means to the console; null for a code the table does not know. */
export const upstreamKind = (code: string | null | undefined): UpstreamKind | null => (isKnownUpstreamCode(code) ? UPSTREAM_ERRORS[code].kind : null);
