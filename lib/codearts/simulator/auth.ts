/**
 * API-gateway authentication: an IAM token issued by our IAM (X-Auth-Token) or an AK/SK signature
 * (SDK-HMAC-SHA256), then the X-Project-Id check. Failures carry the gateway's codes and sub-messages.
 */
import { DEMO_IAM_PROJECT_ID, DEMO_IAM_USER } from "../demo";
import { GatewayError } from "./http";
import { verifyRequest } from "./signature";
import type { Ctx, Identity } from "./state";
import { formatIamTime } from "./time";

function header(ctx: Ctx, name: string): string | undefined {
  const value = ctx.headers[name];
  return Array.isArray(value) ? value.join(",") : value;
}

function unauthorized(sub: string): GatewayError {
  return new GatewayError(401, "APIGW.0301", `Incorrect IAM authentication information: ${sub}`);
}

function viaSignature(ctx: Ctx): Identity {
  const result = verifyRequest({
    method: ctx.method,
    url: ctx.url,
    headers: ctx.headers,
    body: ctx.body,
    secretFor: (ak) => ctx.sim.secrets.get(ak),
    nowMs: ctx.nowMs,
  });
  if (result.ok) return { method: "aksk", userName: DEMO_IAM_USER };
  switch (result.reason) {
    case "malformed":
      return fail(unauthorized("verify aksk signature fail, authorization header is malformed"));
    case "unknown_ak":
      return fail(unauthorized(`Get secretKey failed,ak:${result.accessKey},err:ak not exist`));
    case "date_skew":
      // The gateway's exact wording for APIGW.0303 is not published; the code and status are.
      return fail(
        new GatewayError(
          401,
          "APIGW.0303",
          `Incorrect app authentication information: request expired, x-sdk-date:${result.sdkDate} is more than 15 minutes from the server time`,
        ),
      );
    case "bad_signature":
      return fail(unauthorized(`verify aksk signature fail, canonicalRequest:${result.canonicalRequest.replace(/\n/g, "|")}`));
  }
}

function fail(error: GatewayError): never {
  throw error;
}

function viaToken(ctx: Ctx, token: string): Identity {
  const issued = ctx.sim.tokens.find(token.trim());
  if (!issued) throw unauthorized("decrypt token fail");
  if (ctx.nowMs >= issued.expiresAtMs) {
    throw unauthorized(`token expires, expires_at: ${formatIamTime(issued.expiresAtMs)}`);
  }
  return { method: "token", userName: DEMO_IAM_USER };
}

/** Authenticate a request like the API gateway; throws GatewayError. */
export function authenticate(ctx: Ctx): Identity {
  const authorization = header(ctx, "authorization");
  const token = header(ctx, "x-auth-token");
  let identity: Identity;
  if (authorization?.trim().startsWith("SDK-HMAC-SHA256")) identity = viaSignature(ctx);
  else if (token) identity = viaToken(ctx, token);
  else throw unauthorized("x-auth-token not found");

  const projectId = header(ctx, "x-project-id");
  if (projectId !== undefined && projectId.trim() !== DEMO_IAM_PROJECT_ID) {
    throw new GatewayError(403, "APIGW.0310", `The project is unavailable: ${projectId.trim()}`);
  }
  return identity;
}
