/** Types of lib/server/security-header-values.mjs. */
export declare const COMMON_SECURITY_HEADERS: Readonly<Record<string, string>>;
export declare const API_SECURITY_HEADERS: Readonly<Record<string, string>>;
