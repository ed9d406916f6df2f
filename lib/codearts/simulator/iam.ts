/** IAM on the same server: password tokens (POST /v3/auth/tokens) and the project list (GET /v3/projects). */
import { iamPasswordAuthBodySchema, iamProjectsResponseSchema, iamTokenResponseSchema } from "../schemas";
import { DEMO_DOMAIN_ID, DEMO_DOMAIN_NAME, DEMO_IAM_PASSWORD, DEMO_IAM_PROJECT_ID, DEMO_IAM_USER, DEMO_REGION } from "../demo";
import { answer, describeIssues, type Reply, ReplyError } from "./http";
import { stableId } from "./ids";
import type { Ctx } from "./state";
import { formatIamTime } from "./time";

const DEMO_USER_ID = stableId(`iam-user:${DEMO_IAM_USER}`);
const DOMAIN = { id: DEMO_DOMAIN_ID, name: DEMO_DOMAIN_NAME };

function iamError(status: number, code: string, message: string, title: string): ReplyError {
  return new ReplyError({ status, body: { error: { code, message, title } } });
}

function catalog(baseUrl: string): unknown[] {
  const endpoint = (service: string) => ({
    id: stableId(`endpoint:${service}`),
    interface: "public",
    region: DEMO_REGION,
    region_id: DEMO_REGION,
    url: baseUrl,
  });
  return [
    { id: stableId("service:iam"), name: "iam", type: "identity", endpoints: [endpoint("iam")] },
    { id: stableId("service:codearts-deploy"), name: "codearts-deploy", type: "codearts-deploy", endpoints: [endpoint("deploy")] },
  ];
}

// POST /v3/auth/tokens[?nocatalog=true]
export function createToken(ctx: Ctx): Reply {
  let json: unknown;
  try {
    json = JSON.parse(ctx.body.toString("utf8"));
  } catch {
    throw iamError(400, "1100", "The request body is not valid JSON.", "Bad Request");
  }
  const parsed = iamPasswordAuthBodySchema.safeParse(json);
  if (!parsed.success) throw iamError(400, "1100", `Invalid request body: ${describeIssues(parsed.error)}`, "Bad Request");
  const { identity, scope } = parsed.data.auth;
  const user = identity.password.user;
  if (!identity.methods.includes("password") || user.name !== DEMO_IAM_USER || user.password !== DEMO_IAM_PASSWORD || user.domain.name !== DEMO_DOMAIN_NAME) {
    throw iamError(401, "1101", "The username or password is wrong.", "Unauthorized");
  }

  let projectScoped: boolean;
  if (scope.project && (scope.project.name !== undefined || scope.project.id !== undefined)) {
    const matches =
      (scope.project.name === undefined || scope.project.name === DEMO_REGION) && (scope.project.id === undefined || scope.project.id === DEMO_IAM_PROJECT_ID);
    // Exact IAM wording for an unknown scope project is not confirmed; the status and shape follow IAM errors.
    if (!matches) throw iamError(400, "1100", "The project in the scope does not exist.", "Bad Request");
    projectScoped = true;
  } else if (scope.domain && (scope.domain.name === DEMO_DOMAIN_NAME || scope.domain.id === DEMO_DOMAIN_ID)) {
    projectScoped = false;
  } else {
    throw iamError(400, "1100", "The scope must name the project or the domain of the user.", "Bad Request");
  }

  const issued = ctx.sim.tokens.issue(ctx.nowMs, ctx.sim.tokenTtlMs, projectScoped ? DEMO_IAM_PROJECT_ID : null);
  const withCatalog = !(ctx.query.get("nocatalog") ?? "");
  const body = {
    token: {
      expires_at: formatIamTime(issued.expiresAtMs),
      issued_at: formatIamTime(issued.issuedAtMs),
      methods: ["password"],
      ...(withCatalog ? { catalog: catalog(ctx.sim.baseUrl) } : {}),
      ...(projectScoped ? { project: { id: DEMO_IAM_PROJECT_ID, name: DEMO_REGION, domain: DOMAIN } } : { domain: DOMAIN }),
      roles: [
        { id: "0", name: "op_fine_grained" },
        { id: stableId("role:codearts-deploy"), name: "codearts_deploy_adm" },
      ],
      user: { id: DEMO_USER_ID, name: DEMO_IAM_USER, domain: DOMAIN, password_expires_at: "" },
    },
  };
  return answer(iamTokenResponseSchema, body, 201, { "X-Subject-Token": issued.token });
}

// GET /v3/projects?name=<region>
export function listProjects(ctx: Ctx): Reply {
  const name = ctx.query.get("name");
  const project = {
    id: DEMO_IAM_PROJECT_ID,
    name: DEMO_REGION,
    domain_id: DEMO_DOMAIN_ID,
    parent_id: DEMO_DOMAIN_ID,
    is_domain: false,
    enabled: true,
    description: "",
    links: { self: `${ctx.sim.baseUrl}/v3/projects/${DEMO_IAM_PROJECT_ID}` },
  };
  const projects = name === null || name === DEMO_REGION ? [project] : [];
  const self = `${ctx.sim.baseUrl}/v3/projects${name === null ? "" : `?name=${encodeURIComponent(name)}`}`;
  return answer(iamProjectsResponseSchema, { projects, links: { self, previous: null, next: null } });
}
