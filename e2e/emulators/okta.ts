/**
 * A stateful emulator of the parts of Okta's management API that the
 * okta/okta Terraform provider 4.20.0 calls for this library's resources:
 * okta_app_oauth (with groups_claim), okta_app_group_assignments,
 * okta_app_group_assignment, data "okta_everyone_group" and
 * okta_auth_server_claim.
 *
 * The answers follow the provider's recorded fixtures
 * (okta/terraform-provider-okta test/fixtures/vcr, e.g.
 * TestAccResourceOktaAppOauth_groups_claim/oie-00.yaml): what each call
 * returns, which fields the provider reads, and Okta's error bodies.
 *
 * The provider reaches it through its `http_proxy` setting (or
 * OKTA_HTTP_PROXY): with an `http://` value the SDK talks plain HTTP to that
 * address, sending absolute-form request targets.
 */
import { ALPHANUMERIC, ApiError, ControlInputError, HttpEmulator, randomChars, Reply, RouteContext } from "./http-emulator";

export interface OktaEmulatorOptions {
  /** The SSWS API token the provider must present. */
  readonly apiToken: string;
  /** "idx" for an Identity Engine org (the default today), "v1" for Classic. */
  readonly pipeline?: "idx" | "v1";
  /** Okta groups that exist besides Everyone, by name. */
  readonly groups?: string[];
  /** Custom authorization servers that exist, by name. @default ["default"] */
  readonly authorizationServers?: string[];
  /**
   * Largest page of an app's group assignments, whatever `limit` asks for,
   * so a few assignments already exercise the provider's Link-header
   * pagination (okta_app_group_assignments follows rel="next").
   * @default 200
   */
  readonly assignmentPageSize?: number;
  /** Largest page of `GET /api/v1/apps`, whatever `limit` asks for. @default 200 */
  readonly appPageSize?: number;
  /**
   * What `PUT /api/v1/apps/{id}` answers when the request carries no
   * `credentials.oauthClient.client_secret`. Not established:
   * - recorded traffic (fixtures/okta-vcr,
   *   TestAccResourceOktaAppOAuthApplication_redirectCrud) only shows a PUT that
   *   sends the secret, and its answer carries it;
   * - `GET /api/v1/apps/{id}` never carries it (TestAccResourceOktaAppOauth_groups_claim),
   *   so Okta does not return stored secrets on every read;
   * - okta/okta 4.20.0 sends the secret from state on update when it has one
   *   (resource_okta_app_oauth.go, buildApp), so both answers are reachable
   *   only after an import, where state has none.
   * "returns-secret": the answer carries the current secret (as POST does);
   * "omits-secret": the answer has no `client_secret` (as GET does).
   * @default "returns-secret"
   */
  readonly putWithoutSecret?: OktaPutWithoutSecret;
}

export type OktaPutWithoutSecret = "returns-secret" | "omits-secret";
export const OKTA_PUT_WITHOUT_SECRET: readonly OktaPutWithoutSecret[] = ["returns-secret", "omits-secret"];

/** What `POST /__emulator/seed` takes: objects that exist before the run. */
export interface OktaSeed {
  readonly groups?: { id?: string; name: string; description?: string; type?: "OKTA_GROUP" | "BUILT_IN" }[];
  readonly authorizationServers?: { id?: string; name: string }[];
  /** Apps as `GET /api/v1/apps/{id}` returns them, with what Okta keeps beside. */
  readonly apps?: { app: any; clientSecret?: string; groupsClaim?: OktaGroupsClaim; assignments?: { id: string; priority?: number; profile?: unknown }[] }[];
}

/** The groups claim as Okta's internal idToken endpoint stores it. */
export interface OktaGroupsClaim {
  readonly valueType: string;
  readonly groupFilterType?: string;
  readonly name: string;
  readonly value: string;
  readonly issuerMode?: string;
}

export interface OktaGroupAssignment {
  readonly id: string;
  readonly priority: number;
  readonly profile: unknown;
  readonly lastUpdated: string;
}

/** Everything the emulator knows about one app. */
export interface OktaAppRecord {
  /** The app as GET returns it (without the client secret). */
  app: any;
  /** The current client secret. */
  clientSecret: string;
  /** Every secret the app has had, first one first: more than one means rotation. */
  secretHistory: string[];
  groupsClaim?: OktaGroupsClaim;
  /** Every groups claim the idToken endpoint received, in order. */
  groupsClaimHistory: OktaGroupsClaim[];
  assignments: Map<string, OktaGroupAssignment>;
  /** How many PUT /api/v1/apps/{id} this app received. */
  updates: number;
}

export interface OktaGroup {
  readonly id: string;
  readonly type: "BUILT_IN" | "OKTA_GROUP";
  readonly name: string;
  readonly description: string;
}

interface OktaClaim {
  id: string;
  body: any;
}

interface AuthorizationServer {
  readonly id: string;
  readonly name: string;
  /** The signing key id. */
  readonly kid: string;
  readonly claims: Map<string, OktaClaim>;
}

const APP_TYPES_REQUIRING_REDIRECT = new Set(["web", "browser", "native"]);
const GROUP_FILTER_TYPES = new Set(["STARTS_WITH", "EQUALS", "CONTAINS", "REGEX"]);

function oktaId(prefix: string): string {
  return prefix + randomChars(17, ALPHANUMERIC);
}

function now(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, ".000Z");
}

/** Okta's error body. */
function oktaError(status: number, errorCode: string, errorSummary: string, causes: string[] = []): ApiError {
  return new ApiError(status, {
    errorCode,
    errorSummary,
    errorLink: errorCode,
    errorId: "oae" + randomChars(22, ALPHANUMERIC),
    errorCauses: causes.map((c) => ({ errorSummary: c })),
  });
}

function notFound(id: string, kind: string): ApiError {
  return oktaError(404, "E0000007", `Not found: Resource not found: ${id} (${kind})`);
}

function validation(summary: string): ApiError {
  return oktaError(400, "E0000001", "Api validation failed: " + summary, [summary]);
}

function isObject(x: unknown): x is Record<string, any> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

export class OktaEmulator extends HttpEmulator {
  protected readonly name = "okta";
  public readonly apps = new Map<string, OktaAppRecord>();
  public readonly groups = new Map<string, OktaGroup>();
  public readonly authorizationServers = new Map<string, AuthorizationServer>();
  /** ACCESS_POLICY policies; the system one is what new apps get in an OIE org. */
  public readonly accessPolicies: { id: string; name: string; system: boolean; description?: string }[];
  public readonly everyoneGroupId: string;
  private readonly pipeline: "idx" | "v1";
  private readonly assignmentPageSize: number;
  private readonly appPageSize: number;
  private putWithoutSecret: OktaPutWithoutSecret;
  /** The org's default profile enrollment policy, linked from every app in an Identity Engine org. */
  private readonly profileEnrollmentPolicyId = oktaId("rst");
  private readonly me = { id: oktaId("00u"), login: "terraform@example.com" };

  constructor(private readonly options: OktaEmulatorOptions) {
    super();
    this.pipeline = options.pipeline ?? "idx";
    this.assignmentPageSize = options.assignmentPageSize ?? 200;
    this.appPageSize = options.appPageSize ?? 200;
    this.putWithoutSecret = checkPutWithoutSecret(options.putWithoutSecret ?? "returns-secret");
    this.everyoneGroupId = oktaId("00g");
    this.groups.set(this.everyoneGroupId, { id: this.everyoneGroupId, type: "BUILT_IN", name: "Everyone", description: "All users in your organization" });
    for (const name of options.groups ?? []) {
      const id = oktaId("00g");
      this.groups.set(id, { id, type: "OKTA_GROUP", name, description: "" });
    }
    for (const name of options.authorizationServers ?? ["default"]) {
      const id = oktaId("aus");
      this.authorizationServers.set(id, { id, name, kid: randomChars(43, ALPHANUMERIC), claims: new Map() });
    }
    this.accessPolicies = [
      { id: oktaId("rst"), name: "Okta Admin Console", system: false },
      { id: oktaId("rst"), name: "Any two factors", system: true, description: "Require two factors to access." },
      { id: oktaId("rst"), name: "Password only", system: false, description: "Require only a password. Suggested for low risk or consumer-facing applications." },
    ];
    this.defineRoutes();
  }

  /** The id of a seeded group, by name. */
  public groupId(name: string): string {
    for (const g of this.groups.values()) if (g.name === name) return g.id;
    throw new Error(`okta emulator: no group named ${JSON.stringify(name)}`);
  }

  /** The id of a seeded authorization server, by name. */
  public authorizationServerId(name: string): string {
    for (const s of this.authorizationServers.values()) if (s.name === name) return s.id;
    throw new Error(`okta emulator: no authorization server named ${JSON.stringify(name)}`);
  }

  public isEmpty(): boolean {
    if (this.apps.size > 0) return false;
    for (const s of this.authorizationServers.values()) if (s.claims.size > 0) return false;
    return true;
  }

  public snapshot(): unknown {
    return {
      pipeline: this.pipeline,
      everyoneGroupId: this.everyoneGroupId,
      groups: [...this.groups.values()],
      accessPolicies: this.accessPolicies,
      apps: [...this.apps.values()].map((r) => ({
        app: r.app,
        clientSecret: r.clientSecret,
        secretHistory: r.secretHistory,
        groupsClaim: r.groupsClaim ?? null,
        groupsClaimHistory: r.groupsClaimHistory,
        assignments: [...r.assignments.values()],
        updates: r.updates,
      })),
      authorizationServers: [...this.authorizationServers.values()].map((s) => ({
        id: s.id,
        name: s.name,
        claims: [...s.claims.values()].map((c) => ({ id: c.id, ...c.body })),
      })),
    };
  }

  protected malformedReply(reason: string): Reply {
    return { status: 400, body: { errorCode: "E0000003", errorSummary: `The request was malformed: ${reason}`, errorLink: "E0000003", errorId: "oae" + randomChars(22, ALPHANUMERIC), errorCauses: [] } };
  }

  protected faultReply(status: number): Reply {
    if (status === 429) {
      // Okta's rate-limit answer: no Retry-After, but X-Rate-Limit-Reset (epoch
      // seconds), which the Okta SDK turns into its wait (reset - Date + 1 s).
      return {
        status,
        headers: {
          "x-rate-limit-limit": "100",
          "x-rate-limit-remaining": "0",
          "x-rate-limit-reset": String(Math.floor(Date.now() / 1000) + 1),
        },
        body: { errorCode: "E0000047", errorSummary: "API call exceeded rate limit due to too many requests.", errorLink: "E0000047", errorId: "oae" + randomChars(22, ALPHANUMERIC), errorCauses: [] },
      };
    }
    if (status === 403) {
      // A token whose admin lacks the role for the call (e.g. no read access to apps).
      return { status, body: { errorCode: "E0000006", errorSummary: "You do not have permission to perform the requested action", errorLink: "E0000006", errorId: "oae" + randomChars(22, ALPHANUMERIC), errorCauses: [] } };
    }
    if (status === 500) {
      return { status, body: { errorCode: "E0000009", errorSummary: "Internal Server Error", errorLink: "E0000009", errorId: "oae" + randomChars(22, ALPHANUMERIC), errorCauses: [] } };
    }
    // 502/503/504 come from the edge, not the API: an HTML page.
    return { status, headers: { "content-type": "text/html" }, body: `<html><body><h1>${status}</h1>Service temporarily unavailable</body></html>` };
  }

  private authorize(ctx: RouteContext): void {
    const auth = ctx.headers.authorization;
    if (auth !== `SSWS ${this.options.apiToken}`) {
      throw oktaError(401, "E0000011", "Invalid token provided");
    }
  }

  private app(ctx: RouteContext): OktaAppRecord {
    const record = this.apps.get(ctx.params.appId);
    if (!record) throw notFound(ctx.params.appId, "AppInstance");
    return record;
  }

  /**
   * An app's `_links` as recorded (fixtures/okta-vcr): an Identity Engine org
   * adds `policies`, `profileEnrollment` and `accessPolicy`
   * (TestAccResourceOktaAppOauth_groups_claim/oie-00.yaml), a Classic org has
   * none of them (TestAccResourceOktaAppOauth_basic/classic-00.yaml); an
   * active app links `deactivate`, an inactive one `activate`.
   */
  private links(base: string, id: string, status: string, accessPolicyId?: string): any {
    const links: any = {
      uploadLogo: { href: `${base}/api/v1/apps/${id}/logo`, hints: { allow: ["POST"] } },
      appLinks: [{ name: "oidc_client_link", href: `${base}/home/oidc_client/${id}/aln${randomChars(17, ALPHANUMERIC)}`, type: "text/html" }],
    };
    if (this.pipeline === "idx") {
      links.profileEnrollment = { href: `${base}/api/v1/policies/${this.profileEnrollmentPolicyId}` };
      links.policies = { href: `${base}/api/v1/apps/${id}/policies`, hints: { allow: ["PUT"] } };
    }
    Object.assign(links, {
      groups: { href: `${base}/api/v1/apps/${id}/groups` },
      logo: [{ name: "medium", href: `${base}/assets/img/logos/default.png`, type: "image/png" }],
      clientCredentials: [{ name: "secrets", href: `${base}/api/v1/apps/${id}/credentials/secrets` }],
    });
    if (accessPolicyId) links.accessPolicy = { href: `${base}/api/v1/policies/${accessPolicyId}` };
    links.users = { href: `${base}/api/v1/apps/${id}/users` };
    links[status === "ACTIVE" ? "deactivate" : "activate"] = { href: `${base}/api/v1/apps/${id}/lifecycle/${status === "ACTIVE" ? "deactivate" : "activate"}` };
    return links;
  }

  /** Status changes swap the lifecycle link, as Okta's answers do. */
  private setStatus(record: OktaAppRecord, status: "ACTIVE" | "INACTIVE"): void {
    const links = record.app._links;
    const [from, to] = status === "ACTIVE" ? ["activate", "deactivate"] : ["deactivate", "activate"];
    if (links[from]) {
      links[to] = { href: String(links[from].href).replace(/\/lifecycle\/[a-z]+$/, `/lifecycle/${to}`) };
      delete links[from];
    }
    record.app.status = status;
  }

  /** Validates an OIDC app body the way Okta does for the fields we rely on. */
  private validateApp(body: unknown): asserts body is Record<string, any> {
    if (!isObject(body)) throw validation("the request body must be an application object");
    if (body.signOnMode !== "OPENID_CONNECT" || body.name !== "oidc_client") {
      throw validation(`only OIDC apps are emulated (name oidc_client, signOnMode OPENID_CONNECT); got ${String(body.name)} / ${String(body.signOnMode)}`);
    }
    if (typeof body.label !== "string" || body.label.trim() === "") throw validation("label: The field cannot be left blank");
    const oauth = body.settings?.oauthClient;
    if (!isObject(oauth)) throw validation("settings.oauthClient is required");
    if (!["web", "native", "browser", "service"].includes(oauth.application_type)) {
      throw validation(`settings.oauthClient.application_type: invalid value ${String(oauth.application_type)}`);
    }
    const grants: unknown = oauth.grant_types;
    if (!Array.isArray(grants) || grants.length === 0) throw validation("settings.oauthClient.grant_types: The field cannot be left blank");
    if (grants.includes("authorization_code") && APP_TYPES_REQUIRING_REDIRECT.has(oauth.application_type)) {
      const uris: unknown = oauth.redirect_uris;
      if (!Array.isArray(uris) || uris.length === 0) {
        throw validation("settings.oauthClient.redirect_uris: 'redirect_uris' is required when 'grant_types' includes 'authorization_code'");
      }
      for (const uri of uris) {
        if (typeof uri !== "string" || !/^[a-z][a-z0-9+.-]*:\/\/[^\s]+$/i.test(uri)) throw validation(`settings.oauthClient.redirect_uris: invalid URI ${JSON.stringify(uri)}`);
      }
    }
  }

  /** The app object Okta stores and returns (never with the secret). */
  private buildApp(id: string, body: Record<string, any>, previous: any, status: string, base: string, accessPolicyId?: string): any {
    const oauth = body.settings.oauthClient;
    const creds = body.credentials?.oauthClient ?? {};
    const app: any = {
      id,
      name: "oidc_client",
      label: body.label,
      status,
      lastUpdated: now(),
      created: previous?.created ?? now(),
      accessibility: {
        selfService: body.accessibility?.selfService ?? false,
        errorRedirectUrl: body.accessibility?.errorRedirectUrl ?? null,
        loginRedirectUrl: body.accessibility?.loginRedirectUrl ?? null,
      },
      visibility: {
        autoLaunch: body.visibility?.autoLaunch ?? false,
        autoSubmitToolbar: body.visibility?.autoSubmitToolbar ?? false,
        hide: body.visibility?.hide ?? { iOS: false, web: false },
        appLinks: body.visibility?.appLinks ?? { oidc_client_link: true },
      },
      features: [],
      signOnMode: "OPENID_CONNECT",
      credentials: {
        userNameTemplate: body.credentials?.userNameTemplate ?? { template: "${source.login}", type: "BUILT_IN" },
        signing: previous?.credentials?.signing ?? { kid: randomChars(43, ALPHANUMERIC) },
        oauthClient: {
          autoKeyRotation: creds.autoKeyRotation ?? true,
          client_id: previous?.credentials?.oauthClient?.client_id ?? (creds.client_id || id),
          token_endpoint_auth_method: creds.token_endpoint_auth_method || "client_secret_basic",
          pkce_required: creds.pkce_required ?? false,
        },
      },
      settings: {
        app: body.settings.app ?? {},
        notifications: { vpn: { network: { connection: "DISABLED" }, message: null, helpUrl: null } },
        manualProvisioning: false,
        implicitAssignment: body.settings.implicitAssignment ?? false,
        notes: body.settings.notes ?? { admin: null, enduser: null },
        oauthClient: {
          client_uri: null,
          logo_uri: null,
          ...oauth,
          // A Classic org does not return consent_method (classic-00 answers omit it although the request sends it).
          ...(this.pipeline === "idx" ? { consent_method: oauth.consent_method || "TRUSTED" } : {}),
          issuer_mode: oauth.issuer_mode || "DYNAMIC",
          idp_initiated_login: oauth.idp_initiated_login ?? { mode: "DISABLED", default_scope: [] },
          wildcard_redirect: oauth.wildcard_redirect || "DISABLED",
          // Identity Engine only (recorded: oie-00 answers have them, classic-00 answers do not).
          ...(this.pipeline === "idx" ? { dpop_bound_access_tokens: false, participate_slo: false } : {}),
        },
      },
      _links: this.links(base, id, status, accessPolicyId),
    };
    if (this.pipeline !== "idx") delete app.settings.oauthClient.consent_method;
    if (body.profile !== undefined) app.profile = body.profile;
    return app;
  }

  private withSecret(record: OktaAppRecord): any {
    const app = structuredClone(record.app);
    app.credentials.oauthClient.client_secret = record.clientSecret;
    return app;
  }

  /** One page of `items`, with Okta's Link headers (self, and next when there is more). */
  private page<T extends { id: string }>(ctx: RouteContext, items: T[], defaultLimit: number, maxLimit: number): Reply {
    const asked = Number(ctx.query.get("limit") ?? defaultLimit);
    const limit = Math.max(1, Math.min(Number.isFinite(asked) && asked > 0 ? asked : defaultLimit, maxLimit));
    const after = ctx.query.get("after");
    let start = 0;
    if (after) {
      const i = items.findIndex((x) => x.id === after);
      start = i < 0 ? items.length : i + 1;
    }
    const slice = items.slice(start, start + limit);
    const selfQuery = new URLSearchParams(ctx.query);
    const links = [`<${ctx.baseUrl}${ctx.path}${selfQuery.size ? "?" + selfQuery.toString() : ""}>; rel="self"`];
    if (start + limit < items.length) {
      const next = new URLSearchParams(ctx.query);
      next.set("after", slice[slice.length - 1].id);
      next.set("limit", String(limit));
      links.push(`<${ctx.baseUrl}${ctx.path}?${next.toString()}>; rel="next"`);
    }
    return { status: 200, body: slice, headers: { link: links } };
  }

  private groupJson(g: OktaGroup, base: string): any {
    return {
      id: g.id,
      created: "2024-01-01T00:00:00.000Z",
      lastUpdated: "2024-01-01T00:00:00.000Z",
      lastMembershipUpdated: "2024-01-01T00:00:00.000Z",
      objectClass: ["okta:user_group"],
      type: g.type,
      profile: { name: g.name, description: g.description },
      _links: {
        logo: [
          { name: "medium", href: `${base}/assets/img/logos/groups/okta-medium.png`, type: "image/png" },
          { name: "large", href: `${base}/assets/img/logos/groups/okta-large.png`, type: "image/png" },
        ],
        users: { href: `${base}/api/v1/groups/${g.id}/users` },
        apps: { href: `${base}/api/v1/groups/${g.id}/apps` },
      },
    };
  }

  private assignmentJson(appId: string, a: OktaGroupAssignment, base: string): any {
    return {
      id: a.id,
      lastUpdated: a.lastUpdated,
      priority: a.priority,
      profile: a.profile,
      _links: {
        app: { href: `${base}/api/v1/apps/${appId}` },
        self: { href: `${base}/api/v1/apps/${appId}/groups/${a.id}` },
        group: { href: `${base}/api/v1/groups/${a.id}` },
      },
    };
  }

  /** An authorization server as recorded (TestAccResourceOktaAuthServerClaim_create/oie-00.yaml). */
  private authorizationServerJson(s: AuthorizationServer, base: string): any {
    const self = `${base}/api/v1/authorizationServers/${s.id}`;
    const meta = (name: string) => ({ name, href: `${base}/oauth2/${s.id}/.well-known/${name}`, hints: { allow: ["GET"] } });
    return {
      id: s.id,
      name: s.name,
      description: "",
      audiences: ["api://default"],
      issuer: `${base}/oauth2/${s.id}`,
      issuerMode: "ORG_URL",
      status: "ACTIVE",
      created: "2024-01-01T00:00:00.000Z",
      lastUpdated: "2024-01-01T00:00:00.000Z",
      credentials: { signing: { kid: s.kid, rotationMode: "AUTO", lastRotated: "2024-01-01T00:00:00.000Z", nextRotation: "2024-04-01T00:00:00.000Z" } },
      default: false,
      _links: {
        rotateKey: { href: `${self}/credentials/lifecycle/keyRotate`, hints: { allow: ["POST"] } },
        metadata: [meta("oauth-authorization-server"), meta("openid-configuration")],
        keys: { href: `${self}/credentials/keys`, hints: { allow: ["GET"] } },
        claims: { href: `${self}/claims`, hints: { allow: ["GET", "POST"] } },
        policies: { href: `${self}/policies`, hints: { allow: ["GET", "POST"] } },
        self: { href: self, hints: { allow: ["GET", "DELETE", "PUT"] } },
        scopes: { href: `${self}/scopes`, hints: { allow: ["GET", "POST"] } },
        deactivate: { href: `${self}/lifecycle/deactivate`, hints: { allow: ["POST"] } },
      },
    };
  }

  private claimJson(serverId: string, c: OktaClaim, base: string): any {
    return { id: c.id, ...c.body, _links: { self: { href: `${base}/api/v1/authorizationServers/${serverId}/claims/${c.id}`, hints: { allow: ["GET", "PUT", "DELETE"] } } } };
  }

  private defineRoutes(): void {
    const r = (method: string, pattern: string, handler: (ctx: RouteContext) => Reply) =>
      this.route(method, pattern, (ctx) => {
        if (pattern !== "/.well-known/okta-organization") this.authorize(ctx);
        return handler(ctx);
      });

    r("GET", "/.well-known/okta-organization", (ctx) => ({
      status: 200,
      body: {
        id: "00o" + randomChars(17, ALPHANUMERIC),
        cell: "emu1",
        _links: { organization: { href: ctx.baseUrl } },
        pipeline: this.pipeline,
        settings: { analyticsCollectionEnabled: false, bugReportingEnabled: false, omEnabled: false, pssoEnabled: false },
      },
    }));

    // The provider checks its credentials here at configure time.
    r("GET", "/api/v1/users/me", () => ({
      status: 200,
      body: {
        id: this.me.id,
        status: "ACTIVE",
        created: "2024-01-01T00:00:00.000Z",
        activated: "2024-01-01T00:00:00.000Z",
        lastLogin: null,
        lastUpdated: "2024-01-01T00:00:00.000Z",
        type: { id: oktaId("oty") },
        profile: { firstName: "Terraform", lastName: "Emulator", login: this.me.login, email: this.me.login },
        credentials: { provider: { type: "OKTA", name: "OKTA" } },
      },
    }));

    // Groups: `q` is a case-insensitive prefix on the name; `filter` only as type eq "X".
    r("GET", "/api/v1/groups", (ctx) => {
      let groups = [...this.groups.values()];
      const q = ctx.query.get("q");
      if (q !== null) groups = groups.filter((g) => g.name.toLowerCase().startsWith(q.toLowerCase()));
      const filter = ctx.query.get("filter");
      if (filter !== null) {
        const m = /^type eq "([A-Z_]+)"$/.exec(filter);
        if (!m) throw validation(`filter: unsupported expression ${filter}`);
        groups = groups.filter((g) => g.type === m[1]);
      }
      if (ctx.query.has("search")) throw validation("search: not emulated");
      const reply = this.page(ctx, groups, 10000, 10000);
      // A `q` search answers without Link headers (recorded:
      // TestAccDataSourceOktaEveryoneGroup_read, `?limit=1&q=Everyone`).
      const headers = q !== null ? {} : reply.headers;
      return { status: reply.status, headers, body: (reply.body as OktaGroup[]).map((g) => this.groupJson(g, ctx.baseUrl)) };
    });
    r("GET", "/api/v1/groups/:groupId", (ctx) => {
      const g = this.groups.get(ctx.params.groupId);
      if (!g) throw notFound(ctx.params.groupId, "UserGroup");
      return { status: 200, body: this.groupJson(g, ctx.baseUrl) };
    });

    r("POST", "/api/v1/apps", (ctx) => {
      this.validateApp(ctx.body);
      const body = ctx.body;
      const activate = ctx.query.get("activate") !== "false";
      const id = oktaId("0oa");
      const secret: string = body.credentials?.oauthClient?.client_secret || randomChars(64, ALPHANUMERIC + "-_");
      // An Identity Engine org gives every new app the default access policy.
      const policy = this.pipeline === "idx" ? this.accessPolicies.find((p) => p.system)?.id : undefined;
      const app = this.buildApp(id, body, undefined, activate ? "ACTIVE" : "INACTIVE", ctx.baseUrl, policy);
      const record: OktaAppRecord = { app, clientSecret: secret, secretHistory: [secret], groupsClaimHistory: [], assignments: new Map(), updates: 0 };
      this.apps.set(id, record);
      // The secret is only ever returned here and by PUT.
      return { status: 200, body: this.withSecret(record) };
    });
    // Listing apps (what `discover` reads): `filter` only as name eq "X" or
    // status eq "X", pages of at most 200 (Okta's documented limit) with
    // Link headers, like every Okta list.
    r("GET", "/api/v1/apps", (ctx) => {
      let apps = [...this.apps.values()].map((record) => record.app);
      const filter = ctx.query.get("filter");
      if (filter !== null) {
        const m = /^(name|status) eq "([A-Za-z0-9_]+)"$/.exec(filter);
        if (!m) throw validation(`filter: unsupported expression ${filter}`);
        apps = apps.filter((a) => a[m[1]] === m[2]);
      }
      // q: name or label starts with it (Okta's API reference, "List all
      // applications"); the provider's okta_app_oauth data source sends it
      // (fixtures/okta-vcr TestAccDataSourceOktaAppOauth_read).
      const q = ctx.query.get("q");
      if (q !== null) apps = apps.filter((a) => [a.name, a.label].some((v) => typeof v === "string" && v.toLowerCase().startsWith(q.toLowerCase())));
      if (ctx.query.has("expand")) throw validation("expand: not emulated");
      return this.page(ctx, apps, 20, Math.min(200, this.appPageSize));
    });
    r("GET", "/api/v1/apps/:appId", (ctx) => ({ status: 200, body: this.app(ctx).app }));
    r("PUT", "/api/v1/apps/:appId", (ctx) => {
      const record = this.app(ctx);
      this.validateApp(ctx.body);
      const body = ctx.body;
      const sentSecret: unknown = body.credentials?.oauthClient?.client_secret;
      // Okta sets the secret to what the client sends (a custom secret);
      // omitted, it keeps the current one. Either way PUT returns it.
      if (typeof sentSecret === "string" && sentSecret !== "" && sentSecret !== record.clientSecret) {
        record.clientSecret = sentSecret;
        record.secretHistory.push(sentSecret);
      }
      const policy = record.app._links.accessPolicy ? String(record.app._links.accessPolicy.href).split("/").pop() : undefined;
      record.app = this.buildApp(record.app.id, body, record.app, record.app.status, ctx.baseUrl, policy);
      record.updates++;
      const carriesSecret = typeof sentSecret === "string" && sentSecret !== "";
      if (!carriesSecret && this.putWithoutSecret === "omits-secret") return { status: 200, body: structuredClone(record.app) };
      return { status: 200, body: this.withSecret(record) };
    });
    r("POST", "/api/v1/apps/:appId/lifecycle/deactivate", (ctx) => {
      this.setStatus(this.app(ctx), "INACTIVE");
      return { status: 200, body: {} };
    });
    r("POST", "/api/v1/apps/:appId/lifecycle/activate", (ctx) => {
      this.setStatus(this.app(ctx), "ACTIVE");
      return { status: 200, body: {} };
    });
    r("DELETE", "/api/v1/apps/:appId", (ctx) => {
      const record = this.app(ctx);
      if (record.app.status === "ACTIVE") throw oktaError(403, "E0000056", "Delete application forbidden.", ["The application must be deactivated before it can be deleted."]);
      this.apps.delete(ctx.params.appId);
      return { status: 204 };
    });

    // Okta's internal, undocumented endpoint behind "Sign On > OpenID Connect ID Token".
    r("GET", "/api/v1/internal/apps/:appId/settings/oauth/idToken", (ctx) => {
      const record = this.app(ctx);
      const base = {
        issuer: ctx.baseUrl,
        orgUrl: null,
        customUrl: null,
        audience: record.app.credentials.oauthClient.client_id,
        issuerMode: record.groupsClaim?.issuerMode ?? record.app.settings.oauthClient.issuer_mode,
      };
      if (!record.groupsClaim) return { status: 200, body: base };
      const { valueType, groupFilterType, name, value } = record.groupsClaim;
      return { status: 200, body: { ...base, valueType, name, ...(groupFilterType ? { groupFilterType } : {}), value } };
    });
    r("POST", "/api/v1/internal/apps/:appId/settings/oauth/idToken", (ctx) => {
      const record = this.app(ctx);
      const body = ctx.body;
      if (!isObject(body)) throw validation("the request body must be an object");
      if (body.name === undefined && body.value === undefined) {
        // The provider sends only issuerMode to remove the claim.
        record.groupsClaim = undefined;
        return { status: 200, body: { issuer: null, orgUrl: null, customUrl: null, audience: null, issuerMode: body.issuerMode ?? null } };
      }
      if (body.valueType !== "GROUPS" && body.valueType !== "EXPRESSION") throw validation(`valueType: must be GROUPS or EXPRESSION, got ${String(body.valueType)}`);
      if (typeof body.name !== "string" || body.name === "") throw validation("name: The field cannot be left blank");
      if (typeof body.value !== "string" || body.value === "") throw validation("value: The field cannot be left blank");
      if (body.valueType === "GROUPS") {
        if (!GROUP_FILTER_TYPES.has(body.groupFilterType)) throw validation(`groupFilterType: must be one of ${[...GROUP_FILTER_TYPES].join(", ")}, got ${String(body.groupFilterType)}`);
        if (body.groupFilterType === "REGEX") {
          try {
            new RegExp(body.value);
          } catch {
            throw validation(`value: invalid regular expression ${body.value}`);
          }
        }
      } else if (body.groupFilterType !== undefined) {
        throw validation("groupFilterType: only allowed when valueType is GROUPS");
      }
      const claim: OktaGroupsClaim = {
        valueType: body.valueType,
        ...(body.valueType === "GROUPS" ? { groupFilterType: body.groupFilterType as string } : {}),
        name: body.name,
        value: body.value,
        issuerMode: typeof body.issuerMode === "string" ? body.issuerMode : undefined,
      };
      record.groupsClaim = claim;
      record.groupsClaimHistory.push(claim);
      return { status: 200, body: { issuer: null, orgUrl: null, customUrl: null, audience: null, issuerMode: claim.issuerMode ?? null, valueType: claim.valueType, name: claim.name, ...(claim.groupFilterType ? { groupFilterType: claim.groupFilterType } : {}), value: claim.value } };
    });

    r("GET", "/api/v1/policies", (ctx) => {
      const type = ctx.query.get("type");
      if (!type) throw validation("type: The field cannot be left blank");
      if (type !== "ACCESS_POLICY") throw validation(`type: only ACCESS_POLICY is emulated, got ${type}`);
      if (this.pipeline !== "idx") return { status: 200, body: [], headers: { link: `<${ctx.baseUrl}/api/v1/policies?type=${type}>; rel="self"` } };
      const body = this.accessPolicies.map((p) => ({
        id: p.id,
        status: "ACTIVE",
        name: p.name,
        priority: 1,
        system: p.system,
        ...(p.description !== undefined ? { description: p.description } : {}),
        conditions: null,
        created: "2024-01-01T00:00:00.000Z",
        lastUpdated: "2024-01-01T00:00:00.000Z",
        // As recorded (TestAccDataSourceOktaAppOauth_read/oie-00.yaml): a system
        // policy cannot be deleted or deactivated.
        _links: {
          self: { href: `${ctx.baseUrl}/api/v1/policies/${p.id}`, hints: { allow: p.system ? ["GET", "PUT"] : ["GET", "PUT", "DELETE"] } },
          rules: { href: `${ctx.baseUrl}/api/v1/policies/${p.id}/rules`, hints: { allow: ["GET", "POST"] } },
          ...(p.system ? {} : { deactivate: { href: `${ctx.baseUrl}/api/v1/policies/${p.id}/lifecycle/deactivate`, hints: { allow: ["POST"] } } }),
        },
        type: "ACCESS_POLICY",
      }));
      return { status: 200, body, headers: { link: `<${ctx.baseUrl}/api/v1/policies?type=${type}>; rel="self"` } };
    });
    r("PUT", "/api/v1/apps/:appId/policies/:policyId", (ctx) => {
      const record = this.app(ctx);
      if (this.pipeline !== "idx") throw validation("access policies exist only in Identity Engine orgs");
      const policy = this.accessPolicies.find((p) => p.id === ctx.params.policyId);
      if (!policy) throw notFound(ctx.params.policyId, "Policy");
      record.app._links.accessPolicy = { href: `${ctx.baseUrl}/api/v1/policies/${policy.id}` };
      return { status: 204 };
    });

    r("GET", "/api/v1/apps/:appId/groups", (ctx) => {
      const record = this.app(ctx);
      const list = [...record.assignments.values()].sort((a, b) => a.priority - b.priority || a.id.localeCompare(b.id));
      const reply = this.page(ctx, list, 20, this.assignmentPageSize);
      return { ...reply, body: (reply.body as OktaGroupAssignment[]).map((a) => this.assignmentJson(record.app.id, a, ctx.baseUrl)) };
    });
    r("GET", "/api/v1/apps/:appId/groups/:groupId", (ctx) => {
      const record = this.app(ctx);
      const a = record.assignments.get(ctx.params.groupId);
      if (!a) throw notFound(ctx.params.groupId, "ApplicationGroupAssignment");
      return { status: 200, body: this.assignmentJson(record.app.id, a, ctx.baseUrl) };
    });
    r("PUT", "/api/v1/apps/:appId/groups/:groupId", (ctx) => {
      const record = this.app(ctx);
      const groupId = ctx.params.groupId;
      if (!this.groups.has(groupId)) throw notFound(groupId, "UserGroup");
      const body = isObject(ctx.body) ? ctx.body : {};
      const existing = record.assignments.get(groupId);
      let priority: number;
      if (typeof body.priority === "number") priority = body.priority;
      else if (existing) priority = existing.priority;
      else priority = record.assignments.size === 0 ? 0 : Math.max(...[...record.assignments.values()].map((a) => a.priority)) + 1;
      const a: OktaGroupAssignment = { id: groupId, priority, profile: body.profile ?? {}, lastUpdated: now() };
      record.assignments.set(groupId, a);
      return { status: 200, body: this.assignmentJson(record.app.id, a, ctx.baseUrl) };
    });
    r("DELETE", "/api/v1/apps/:appId/groups/:groupId", (ctx) => {
      const record = this.app(ctx);
      if (!record.assignments.delete(ctx.params.groupId)) throw notFound(ctx.params.groupId, "ApplicationGroupAssignment");
      return { status: 204 };
    });

    const server = (ctx: RouteContext): AuthorizationServer => {
      const s = this.authorizationServers.get(ctx.params.serverId);
      if (!s) throw notFound(ctx.params.serverId, "AuthorizationServer");
      return s;
    };
    const validateClaim = (body: unknown, s: AuthorizationServer, selfId?: string): Record<string, any> => {
      if (!isObject(body)) throw validation("the request body must be a claim object");
      if (typeof body.name !== "string" || body.name === "") throw validation("name: The field cannot be left blank");
      if (!["RESOURCE", "IDENTITY"].includes(body.claimType)) throw validation(`claimType: must be RESOURCE or IDENTITY, got ${String(body.claimType)}`);
      if (!["EXPRESSION", "GROUPS", "SYSTEM"].includes(body.valueType)) throw validation(`valueType: invalid value ${String(body.valueType)}`);
      if (typeof body.value !== "string" || body.value === "") throw validation("value: The field cannot be left blank");
      if (body.valueType === "GROUPS" && !GROUP_FILTER_TYPES.has(body.group_filter_type)) throw validation(`group_filter_type: must be one of ${[...GROUP_FILTER_TYPES].join(", ")}`);
      for (const c of s.claims.values()) {
        if (c.id !== selfId && c.body.name === body.name && c.body.claimType === body.claimType) throw validation(`name: A claim with the name ${body.name} already exists`);
      }
      return {
        name: body.name,
        status: body.status || "ACTIVE",
        claimType: body.claimType,
        valueType: body.valueType,
        value: body.value,
        conditions: { scopes: body.conditions?.scopes ?? [] },
        system: false,
        alwaysIncludeInToken: body.alwaysIncludeInToken ?? true,
        apiResourceId: null,
        ...(body.valueType === "GROUPS" ? { group_filter_type: body.group_filter_type } : {}),
      };
    };
    r("GET", "/api/v1/authorizationServers/:serverId", (ctx) => {
      const s = server(ctx);
      return { status: 200, body: this.authorizationServerJson(s, ctx.baseUrl) };
    });
    r("GET", "/api/v1/authorizationServers/:serverId/claims", (ctx) => {
      const s = server(ctx);
      return { status: 200, body: [...s.claims.values()].map((c) => this.claimJson(s.id, c, ctx.baseUrl)) };
    });
    r("POST", "/api/v1/authorizationServers/:serverId/claims", (ctx) => {
      const s = server(ctx);
      const claim: OktaClaim = { id: oktaId("ocl"), body: validateClaim(ctx.body, s) };
      s.claims.set(claim.id, claim);
      return { status: 201, body: this.claimJson(s.id, claim, ctx.baseUrl) };
    });
    r("GET", "/api/v1/authorizationServers/:serverId/claims/:claimId", (ctx) => {
      const s = server(ctx);
      const c = s.claims.get(ctx.params.claimId);
      if (!c) throw notFound(ctx.params.claimId, "OAuth2Claim");
      return { status: 200, body: this.claimJson(s.id, c, ctx.baseUrl) };
    });
    r("PUT", "/api/v1/authorizationServers/:serverId/claims/:claimId", (ctx) => {
      const s = server(ctx);
      const c = s.claims.get(ctx.params.claimId);
      if (!c) throw notFound(ctx.params.claimId, "OAuth2Claim");
      c.body = validateClaim(ctx.body, s, c.id);
      return { status: 200, body: this.claimJson(s.id, c, ctx.baseUrl) };
    });
    r("DELETE", "/api/v1/authorizationServers/:serverId/claims/:claimId", (ctx) => {
      const s = server(ctx);
      if (!s.claims.delete(ctx.params.claimId)) throw notFound(ctx.params.claimId, "OAuth2Claim");
      return { status: 204 };
    });
  }

  /** `PUT /__emulator/behaviour`: `{ putWithoutSecret }`. */
  public setBehaviour(input: unknown): unknown {
    if (!isObject(input)) throw new ControlInputError("behaviour: expected an object");
    for (const key of Object.keys(input)) if (key !== "putWithoutSecret") throw new ControlInputError(`behaviour: unknown option ${JSON.stringify(key).slice(0, 40)}`);
    if (input.putWithoutSecret !== undefined) this.putWithoutSecret = checkPutWithoutSecret(input.putWithoutSecret);
    return { putWithoutSecret: this.putWithoutSecret };
  }

  /**
   * `POST /__emulator/seed`: groups, authorization servers and apps that
   * exist before the run (made in the console, or by another tool). Ids may
   * be given (Okta's form: a 3-character prefix and 17 more) or are made up.
   * Returns the ids, by name for groups and servers, in order for apps.
   */
  public seed(input: unknown): { groups: Record<string, string>; authorizationServers: Record<string, string>; apps: string[] } {
    if (!isObject(input)) throw new ControlInputError("seed: expected an object {groups?, authorizationServers?, apps?}");
    for (const key of Object.keys(input)) {
      if (!["groups", "authorizationServers", "apps"].includes(key)) throw new ControlInputError(`seed: unknown key ${JSON.stringify(key).slice(0, 40)}`);
    }
    const list = (key: string): unknown[] => {
      const v = input[key];
      if (v === undefined) return [];
      if (!Array.isArray(v)) throw new ControlInputError(`seed.${key}: expected a list`);
      return v;
    };
    // Check everything first, so a refused seed changes nothing.
    const groups = list("groups").map((g, i) => checkSeedGroup(g, `seed.groups[${i}]`));
    const servers = list("authorizationServers").map((a, i) => {
      if (!isObject(a)) throw new ControlInputError(`seed.authorizationServers[${i}]: expected an object {id?, name}`);
      return { id: seedId(a.id, "aus", `seed.authorizationServers[${i}].id`), name: seedName(a.name, `seed.authorizationServers[${i}].name`) };
    });
    const apps = list("apps").map((a, i) => this.checkSeedApp(a, `seed.apps[${i}]`, groups.map((g) => g.id)));
    const taken = new Set([...this.groups.keys(), ...this.authorizationServers.keys(), ...this.apps.keys()]);
    for (const id of [...groups.map((g) => g.id), ...servers.map((s) => s.id), ...apps.map((a) => a.app.id as string)]) {
      if (taken.has(id)) throw new ControlInputError(`seed: id ${id} exists already`);
      taken.add(id);
    }
    const out = { groups: {} as Record<string, string>, authorizationServers: {} as Record<string, string>, apps: [] as string[] };
    for (const g of groups) {
      this.groups.set(g.id, g);
      out.groups[g.name] = g.id;
    }
    for (const a of servers) {
      this.authorizationServers.set(a.id, { ...a, kid: randomChars(43, ALPHANUMERIC), claims: new Map() });
      out.authorizationServers[a.name] = a.id;
    }
    for (const record of apps) {
      this.apps.set(record.app.id, record);
      out.apps.push(record.app.id);
    }
    return out;
  }

  private checkSeedApp(input: unknown, where: string, seededGroups: string[]): OktaAppRecord {
    if (!isObject(input)) throw new ControlInputError(`${where}: expected an object {app, clientSecret?, groupsClaim?, assignments?}`);
    for (const key of Object.keys(input)) {
      if (!["app", "clientSecret", "groupsClaim", "assignments"].includes(key)) throw new ControlInputError(`${where}: unknown key ${JSON.stringify(key).slice(0, 40)}`);
    }
    const body = input.app;
    try {
      this.validateApp(body);
    } catch (err) {
      if (err instanceof ApiError) throw new ControlInputError(`${where}.app: ${String((err.body as any).errorSummary)}`);
      throw err;
    }
    const id = seedId(body.id, "0oa", `${where}.app.id`);
    const status = body.status ?? "ACTIVE";
    if (status !== "ACTIVE" && status !== "INACTIVE") throw new ControlInputError(`${where}.app.status: expected ACTIVE or INACTIVE`);
    if (input.clientSecret !== undefined && (typeof input.clientSecret !== "string" || !/^[A-Za-z0-9_-]{14,100}$/.test(input.clientSecret))) {
      throw new ControlInputError(`${where}.clientSecret: expected 14-100 characters of [A-Za-z0-9_-]`);
    }
    const secret = (input.clientSecret as string | undefined) ?? randomChars(64, ALPHANUMERIC + "-_");
    const policy = this.pipeline === "idx" ? this.accessPolicies.find((p) => p.system)?.id : undefined;
    const app = this.buildApp(id, body, undefined, status, this.baseUrlOrEmpty, policy);
    if (body.credentials?.oauthClient?.client_id) app.credentials.oauthClient.client_id = String(body.credentials.oauthClient.client_id);
    let groupsClaim: OktaGroupsClaim | undefined;
    if (input.groupsClaim !== undefined) {
      const c = input.groupsClaim;
      if (!isObject(c) || !["GROUPS", "EXPRESSION"].includes(c.valueType) || typeof c.name !== "string" || typeof c.value !== "string" || c.name === "" || c.value === "") {
        throw new ControlInputError(`${where}.groupsClaim: expected {valueType: GROUPS|EXPRESSION, groupFilterType?, name, value}`);
      }
      if (c.valueType === "GROUPS" && !GROUP_FILTER_TYPES.has(c.groupFilterType)) throw new ControlInputError(`${where}.groupsClaim.groupFilterType: expected one of ${[...GROUP_FILTER_TYPES].join(", ")}`);
      groupsClaim = { valueType: c.valueType, ...(c.valueType === "GROUPS" ? { groupFilterType: c.groupFilterType } : {}), name: c.name, value: c.value };
    }
    const assignments = new Map<string, OktaGroupAssignment>();
    const rawAssignments = input.assignments ?? [];
    if (!Array.isArray(rawAssignments)) throw new ControlInputError(`${where}.assignments: expected a list`);
    rawAssignments.forEach((a: any, i: number) => {
      if (!isObject(a) || typeof a.id !== "string") throw new ControlInputError(`${where}.assignments[${i}]: expected {id, priority?, profile?}`);
      if (!this.groups.has(a.id) && !seededGroups.includes(a.id)) throw new ControlInputError(`${where}.assignments[${i}].id: no group ${a.id.slice(0, 40)}`);
      if (a.priority !== undefined && !(Number.isInteger(a.priority) && a.priority >= 0)) throw new ControlInputError(`${where}.assignments[${i}].priority: expected a non-negative integer`);
      assignments.set(a.id, { id: a.id, priority: a.priority ?? i, profile: a.profile ?? {}, lastUpdated: now() });
    });
    return { app, clientSecret: secret, secretHistory: [secret], groupsClaim, groupsClaimHistory: groupsClaim ? [groupsClaim] : [], assignments, updates: 0 };
  }

}

function checkPutWithoutSecret(x: unknown): OktaPutWithoutSecret {
  if (!OKTA_PUT_WITHOUT_SECRET.includes(x as OktaPutWithoutSecret)) {
    throw new ControlInputError(`putWithoutSecret: expected one of ${OKTA_PUT_WITHOUT_SECRET.join(", ")}`);
  }
  return x as OktaPutWithoutSecret;
}

/** A seeded id: given in Okta's form (prefix + 17 alphanumerics), or made up. */
function seedId(x: unknown, prefix: string, where: string): string {
  if (x === undefined) return oktaId(prefix);
  if (typeof x !== "string" || !new RegExp(`^${prefix}[A-Za-z0-9]{17}$`).test(x)) throw new ControlInputError(`${where}: expected ${prefix} and 17 letters or digits`);
  return x;
}

function seedName(x: unknown, where: string): string {
  if (typeof x !== "string" || x.trim() === "" || x.length > 255) throw new ControlInputError(`${where}: expected a non-empty string of at most 255 characters`);
  return x;
}

function checkSeedGroup(g: unknown, where: string): OktaGroup {
  if (!isObject(g)) throw new ControlInputError(`${where}: expected an object {id?, name, description?, type?}`);
  for (const key of Object.keys(g)) if (!["id", "name", "description", "type"].includes(key)) throw new ControlInputError(`${where}: unknown key ${JSON.stringify(key).slice(0, 40)}`);
  const type = g.type ?? "OKTA_GROUP";
  if (type !== "OKTA_GROUP" && type !== "BUILT_IN") throw new ControlInputError(`${where}.type: expected OKTA_GROUP or BUILT_IN`);
  if (g.description !== undefined && (typeof g.description !== "string" || g.description.length > 1024)) throw new ControlInputError(`${where}.description: expected a string of at most 1024 characters`);
  return { id: seedId(g.id, "00g", `${where}.id`), type, name: seedName(g.name, `${where}.name`), description: (g.description as string | undefined) ?? "" };
}
