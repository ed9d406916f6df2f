/** Types of scripts/chromium-args.mjs. */
export declare const CHROMIUM_PATH: string;
export declare const CHROMIUM_ARGS: string[];
