/**
 * Upstream error codes the reference documents (§5, §6.2, §8), with the key of their localised explanation under
 * `errors.upstream` in messages/*.json (catalog keys cannot contain dots). Isomorphic: the UI can import it.
 * Codes whose meaning the reference leaves unconfirmed (Deploy.00060218, Deploy.00060222, Deploy.00021534) are
 * left out on purpose: the console's generic text plus the code and request id beats a guess.
 */
export const UPSTREAM_ERROR_KEYS = {
  "Deploy.00011001": "Deploy_00011001", // duplicate application name in the project
  "Deploy.00011020": "Deploy_00011020", // application does not exist / deleted (404)
  "Deploy.00011021": "Deploy_00011021", // application does not exist (in a 200 body)
  "Deploy.00011027": "Deploy_00011027", // application is being deployed
  "Deploy.00011042": "Deploy_00011042", // draft application cannot be executed
  "Deploy.00011154": "Deploy_00011154", // insufficient permission
  "Deploy.00011303": "Deploy_00011303", // no such execution record
  "Deploy.00016004": "Deploy_00016004", // pipeline-only task (meaning inferred, see reference §5)
  "DEV.CH.10001": "DEV_CH_10001", // generic "Param invalid"
  "APIGW.0101": "APIGW_0101", // API does not exist / not published (a retired API)
  "APIGW.0201": "APIGW_0201", // body over 12 MB (413) or backend timeout (504)
  "APIGW.0301": "APIGW_0301", // IAM authentication failed (token, signature, AK)
  "APIG.0301": "APIG_0301", // the same, older prefix
  "APIGW.0303": "APIGW_0303", // X-Sdk-Date more than 15 minutes off
  "APIGW.0308": "APIGW_0308", // throttled
  "APIGW.0310": "APIGW_0310", // project unavailable
} as const;
export type KnownUpstreamCode = keyof typeof UPSTREAM_ERROR_KEYS;

export const isKnownUpstreamCode = (code: string | null | undefined): code is KnownUpstreamCode =>
  typeof code === "string" && Object.hasOwn(UPSTREAM_ERROR_KEYS, code);
