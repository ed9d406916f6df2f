// The little of oidc-provider's API that the e2e provider uses (the package ships no types; @types/oidc-provider
// is not worth a dependency for one test server).
declare module "oidc-provider" {
  interface Account {
    accountId: string;
    claims(): Record<string, unknown> | Promise<Record<string, unknown>>;
  }
  interface Configuration {
    clients: Record<string, unknown>[];
    claims?: Record<string, string[]>;
    conformIdTokenClaims?: boolean;
    pkce?: { required?: () => boolean };
    features?: Record<string, { enabled: boolean }>;
    cookies?: { keys?: string[] };
    findAccount(ctx: unknown, sub: string): Promise<Account | undefined>;
  }
  export default class Provider {
    constructor(issuer: string, configuration: Configuration);
    on(event: "server_error", listener: (ctx: unknown, err: Error) => void): this;
    listen(port: number, host: string, callback?: () => void): unknown;
  }
}
