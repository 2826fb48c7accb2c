/**
 * A stateful emulator of the Cloudflare API v4 endpoints that the
 * cloudflare/cloudflare Terraform provider 5.14.0 calls for Zero Trust Access:
 * identity providers, Access groups, Access applications and reusable Access
 * policies, account- or zone-scoped.
 *
 * Every answer is Cloudflare's envelope `{success, errors, messages, result}`
 * (plus `result_info` on lists). The provider reaches it through `base_url`
 * or CLOUDFLARE_BASE_URL, e.g. `http://127.0.0.1:<port>/client/v4`.
 *
 * What the provider relies on (internal/services/zero_trust_access_*):
 * creates read only computed fields back (`apijson.UnmarshalComputed`), reads
 * overwrite state with the whole answer (`apijson.Unmarshal`), so a read must
 * return exactly what was stored; a 404 on read removes the resource from
 * state; `config.client_secret` is never returned and is kept from state.
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { ApiError, ControlInputError, HttpEmulator, Reply, RouteContext } from "./http-emulator";

export interface CloudflareEmulatorOptions {
  /** The API token the provider must present as `Authorization: Bearer`. */
  readonly apiToken: string;
  /** Accounts that exist, with their Zero Trust team domain. */
  readonly accounts: { readonly id: string; readonly teamDomain: string }[];
  /** Zones that exist, with the account they belong to. */
  readonly zones?: { readonly id: string; readonly accountId: string }[];
  /** Largest `per_page` the list endpoints honour. @default 50 */
  readonly maxPerPage?: number;
  /** Behaviours the evidence does not settle; see CloudflareBehaviour. */
  readonly behaviour?: Partial<CloudflareBehaviour>;
}

/**
 * Behaviours of the real API that no evidence at hand settles, each an
 * emulator option so the suites run under both (docs/end-to-end-tests.md).
 */
export interface CloudflareBehaviour {
  /**
   * An identity provider PUT whose `config` carries no `client_secret`.
   * "keep": the stored secret stays; "clear": it is removed.
   * Evidence: the API never returns the secret (cloudflare-go v6.4.0
   * zero_trust/identityprovider.go documents `client_secret` only as an input;
   * terraform-provider-cloudflare#5532 shows state without it after a read), so
   * neither answer can be told apart from outside; provider 5.14.0 sends the
   * secret from configuration on every PUT, so the question only arises when a
   * configuration leaves it out (after an import).
   */
  readonly idpSecretOnPutWithoutSecret: "keep" | "clear";
  /**
   * Whether an okta identity provider's `config.pkce_enabled` comes back.
   * "returned": stored and returned like any config field; "dropped": the API
   * ignores it. Evidence: cloudflare-go v6.4.0's IdentityProviderAccessOktaConfig
   * has no pkce_enabled (only the generic OIDC config has it), but the SDK types
   * are not the whole answer: a real answer for an azureAD IdP in
   * terraform-provider-cloudflare#2317 carries pkce_enabled, which AzureADConfig
   * lacks too; Cloudflare's Okta integration guide offers "Enable PKCE".
   */
  readonly oktaPkceEnabled: "returned" | "dropped";
  /**
   * String fields never set (okta `authorization_server_id`, `email_claim_name`;
   * application `custom_deny_message`, `custom_deny_url`,
   * `custom_non_identity_deny_url`; policy `purpose_justification_prompt`).
   * "omitted": absent from the answer; "empty": returned as "".
   * Evidence: cloudflare-go v6.4.0 types are plain strings (decoding cannot tell
   * absent from ""); the real azureAD answer in #2317 omits config fields that
   * were never set, hence the default.
   */
  readonly unsetStrings: "omitted" | "empty";
}

export const DEFAULT_CLOUDFLARE_BEHAVIOUR: CloudflareBehaviour = { idpSecretOnPutWithoutSecret: "keep", oktaPkceEnabled: "returned", unsetStrings: "omitted" };
const BEHAVIOUR_VALUES: { [K in keyof CloudflareBehaviour]: readonly CloudflareBehaviour[K][] } = {
  idpSecretOnPutWithoutSecret: ["keep", "clear"],
  oktaPkceEnabled: ["returned", "dropped"],
  unsetStrings: ["omitted", "empty"],
};

/** The behaviour options checked, for the constructor and the control API. */
export function checkCloudflareBehaviour(input: unknown, base: CloudflareBehaviour = DEFAULT_CLOUDFLARE_BEHAVIOUR): CloudflareBehaviour {
  if (input === undefined) return base;
  if (!isObject(input)) throw new ControlInputError("behaviour: expected an object");
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(input)) {
    const allowed = (BEHAVIOUR_VALUES as Record<string, readonly string[]>)[key];
    if (!allowed) throw new ControlInputError(`behaviour: unknown option ${JSON.stringify(key).slice(0, 40)}`);
    if (!allowed.includes(value as string)) throw new ControlInputError(`behaviour.${key}: expected one of ${allowed.join(", ")}`);
    out[key] = value;
  }
  return out as unknown as CloudflareBehaviour;
}

export const API_PREFIX = "/client/v4";

interface ScopeInfo {
  scope: string;
  teamDomain: string;
  accountId: string;
}
type Builder = (body: Record<string, any>, id: string, previous: CloudflareRecord | undefined, scope: ScopeInfo) => { result: any; secret?: string; createOnly?: Record<string, unknown> };

/** What `POST /__emulator/seed` takes, per collection: objects that exist before the run. */
export interface CloudflareSeedObject {
  /** `accounts/<id>` or `zones/<id>`. */
  readonly scope: string;
  /** The object's id (a UUID); made up when absent. */
  readonly id?: string;
  /** The body a POST would carry (with `config.client_secret` for an IdP). */
  readonly body: Record<string, unknown>;
}
const SEED_KINDS: Record<string, string> = {
  identityProviders: "identity provider",
  accessGroups: "access group",
  accessPolicies: "access policy",
  accessApplications: "access application",
};

/** One stored object and its history, for assertions. */
export interface CloudflareRecord {
  /** `accounts/<id>` or `zones/<id>`. */
  readonly scope: string;
  /** The object as GET returns it. */
  result: any;
  /** Write-only values (the IdP's client secret), never returned. */
  secret?: string;
  /** Every client secret this object was given, in order. */
  secretHistory: string[];
  updates: number;
}

const IDP_TYPES = new Set([
  "onetimepin", "azureAD", "saml", "centrify", "facebook", "github", "google-apps", "google", "linkedin", "oidc", "okta", "onelogin", "pingone", "yandex",
]);
const DURATION = /^(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+$/;

function isObject(x: unknown): x is Record<string, any> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

function cfError(status: number, code: number, message: string): ApiError {
  return new ApiError(status, { success: false, errors: [{ code, message }], messages: [], result: null });
}

function ok(result: unknown, status = 200): Reply {
  return { status, body: { success: true, errors: [], messages: [], result } };
}

function omit(object: Record<string, any>, keys: string[]): Record<string, any> {
  return Object.fromEntries(Object.entries(object).filter(([k]) => !keys.includes(k)));
}

function timestamp(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
}

type FieldCheck = (value: unknown, field: string) => unknown;

/**
 * The optional fields of `body` that are present (not undefined or null),
 * each checked and returned as stored. For fields newer providers send only
 * when configured: the emulator answers them only when they were sent.
 */
function optionalFields(body: Record<string, any>, checks: Record<string, FieldCheck>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, check] of Object.entries(checks)) {
    if (body[field] !== undefined && body[field] !== null) out[field] = check(body[field], field);
  }
  return out;
}

const checkBoolean: FieldCheck = (v, field) => {
  if (typeof v !== "boolean") throw cfError(400, 10001, `${field} must be a boolean`);
  return v;
};

const checkUuid: FieldCheck = (v, field) => {
  if (typeof v !== "string" || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(v)) throw cfError(400, 10001, `${field} must be a UUID`);
  return v;
};

const checkObject: FieldCheck = (v, field) => {
  if (!isObject(v)) throw cfError(400, 10001, `${field} must be an object`);
  if (JSON.stringify(v).length > 4096) throw cfError(400, 10001, `${field} is too large`);
  return v;
};

/** `mfa_config` of an application or policy: allowed_authenticators, mfa_disabled, session_duration (cloudflare-go v7.7.0). */
const checkMfaConfig: FieldCheck = (v, field) => {
  checkObject(v, field);
  const mfa = v as Record<string, unknown>;
  for (const key of Object.keys(mfa)) if (!["allowed_authenticators", "mfa_disabled", "session_duration"].includes(key)) throw cfError(400, 10001, `${field}.${key.slice(0, 40)} is not a field`);
  const authenticators = mfa.allowed_authenticators;
  if (authenticators !== undefined && authenticators !== null && (!Array.isArray(authenticators) || !authenticators.every((a) => ["totp", "biometrics", "security_key"].includes(a as string)))) {
    throw cfError(400, 10001, `${field}.allowed_authenticators must list totp, biometrics or security_key`);
  }
  if (mfa.mfa_disabled !== undefined && mfa.mfa_disabled !== null) checkBoolean(mfa.mfa_disabled, `${field}.mfa_disabled`);
  if (mfa.session_duration !== undefined && mfa.session_duration !== null && (typeof mfa.session_duration !== "string" || !DURATION.test(mfa.session_duration))) {
    throw cfError(400, 10001, `${field}.session_duration is invalid`);
  }
  return v;
};

/** A policy's `connection_rules` (RDP clipboard rules in cloudflare-go v7.7.0). */
const checkConnectionRules: FieldCheck = (v, field) => {
  checkObject(v, field);
  const rules = v as Record<string, unknown>;
  for (const key of Object.keys(rules)) if (key !== "rdp") throw cfError(400, 10001, `${field}.${key.slice(0, 40)} is not a field`);
  return v;
};

export class CloudflareEmulator extends HttpEmulator {
  protected readonly name = "cloudflare";
  public readonly identityProviders = new Map<string, CloudflareRecord>();
  public readonly accessGroups = new Map<string, CloudflareRecord>();
  public readonly accessApplications = new Map<string, CloudflareRecord>();
  public readonly accessPolicies = new Map<string, CloudflareRecord>();
  private readonly maxPerPage: number;
  public behaviour: CloudflareBehaviour;
  /** Each collection's builder, for seeding objects exactly as POST makes them. */
  private readonly kinds: { kind: string; store: Map<string, CloudflareRecord>; build: Builder; scopes: ("accounts" | "zones")[] }[] = [];

  constructor(private readonly options: CloudflareEmulatorOptions) {
    super();
    this.maxPerPage = options.maxPerPage ?? 50;
    this.behaviour = checkCloudflareBehaviour(options.behaviour);
    this.defineRoutes();
  }

  /** The base URL to give the provider (`base_url` / CLOUDFLARE_BASE_URL). */
  public get apiBaseUrl(): string {
    return this.url + API_PREFIX;
  }

  public isEmpty(): boolean {
    return this.identityProviders.size + this.accessGroups.size + this.accessApplications.size + this.accessPolicies.size === 0;
  }

  public snapshot(): unknown {
    const dump = (m: Map<string, CloudflareRecord>) =>
      [...m.values()].map((r) => ({ scope: r.scope, result: r.result, updates: r.updates, ...(r.secret !== undefined ? { secret: r.secret, secretHistory: r.secretHistory } : {}) }));
    return {
      identityProviders: dump(this.identityProviders),
      accessGroups: dump(this.accessGroups),
      accessApplications: dump(this.accessApplications),
      accessPolicies: dump(this.accessPolicies),
    };
  }

  protected malformedReply(reason: string): Reply {
    return { status: 400, body: { success: false, errors: [{ code: 10001, message: reason }], messages: [], result: null } };
  }

  protected faultReply(status: number): Reply {
    if (status === 429) {
      // Cloudflare answers 429 with Retry-After (seconds).
      return {
        status,
        headers: { "retry-after": "1" },
        body: { success: false, errors: [{ code: 10000, message: "Rate limited. Please wait and consider throttling your request speed" }], messages: [], result: null },
      };
    }
    return { status, body: { success: false, errors: [{ code: 10002, message: "An unknown error has occurred" }], messages: [], result: null } };
  }

  private scope(ctx: RouteContext): ScopeInfo {
    if (ctx.headers.authorization !== `Bearer ${this.options.apiToken}`) {
      throw cfError(403, 10000, "Authentication error");
    }
    if (ctx.params.accountId !== undefined) {
      const account = this.options.accounts.find((a) => a.id === ctx.params.accountId);
      if (!account) throw cfError(403, 10000, "Authentication error");
      return { scope: `accounts/${account.id}`, teamDomain: account.teamDomain, accountId: account.id };
    }
    const zone = (this.options.zones ?? []).find((z) => z.id === ctx.params.zoneId);
    if (!zone) throw cfError(403, 10000, "Authentication error");
    const account = this.options.accounts.find((a) => a.id === zone.accountId);
    if (!account) throw new Error(`cloudflare emulator: zone ${zone.id} names unknown account ${zone.accountId}`);
    return { scope: `zones/${zone.id}`, teamDomain: account.teamDomain, accountId: account.id };
  }

  /** Registers list/create/get/update/delete under both scopes (or only accounts). */
  private collection(
    path: string,
    store: Map<string, CloudflareRecord>,
    kind: string,
    build: Builder,
    view: (record: CloudflareRecord) => any,
    scopes: ("accounts" | "zones")[] = ["accounts", "zones"],
  ): void {
    this.kinds.push({ kind, store, build, scopes });
    const find = (ctx: RouteContext, scope: string): CloudflareRecord => {
      const record = store.get(ctx.params.id);
      if (!record || record.scope !== scope) throw cfError(404, 12130, `${kind} not found`);
      return record;
    };
    for (const s of scopes) {
      const base = s === "accounts" ? `${API_PREFIX}/accounts/:accountId/${path}` : `${API_PREFIX}/zones/:zoneId/${path}`;
      this.route("GET", base, (ctx) => {
        const sc = this.scope(ctx);
        const all = [...store.values()].filter((r) => r.scope === sc.scope).map(view);
        return this.pageOf(ctx, all);
      });
      this.route("POST", base, (ctx) => {
        const sc = this.scope(ctx);
        if (!isObject(ctx.body)) throw cfError(400, 10001, "request body must be a JSON object");
        const id = randomUUID();
        const built = build(ctx.body, id, undefined, sc);
        const record: CloudflareRecord = { scope: sc.scope, result: built.result, secret: built.secret, secretHistory: built.secret !== undefined ? [built.secret] : [], updates: 0 };
        store.set(id, record);
        return ok({ ...view(record), ...(built.createOnly ?? {}) }, 201);
      });
      this.route("GET", `${base}/:id`, (ctx) => {
        const sc = this.scope(ctx);
        return ok(view(find(ctx, sc.scope)));
      });
      this.route("PUT", `${base}/:id`, (ctx) => {
        const sc = this.scope(ctx);
        const record = find(ctx, sc.scope);
        if (!isObject(ctx.body)) throw cfError(400, 10001, "request body must be a JSON object");
        const built = build(ctx.body, record.result.id, record, sc);
        record.result = built.result;
        if (built.secret !== record.secret) {
          record.secret = built.secret;
          if (built.secret !== undefined) record.secretHistory.push(built.secret);
        }
        record.updates++;
        return ok({ ...view(record), ...(built.createOnly ?? {}) });
      });
      this.route("DELETE", `${base}/:id`, (ctx) => {
        const sc = this.scope(ctx);
        const record = find(ctx, sc.scope);
        this.checkNotInUse(kind, record.result.id);
        store.delete(record.result.id);
        return ok({ id: record.result.id });
      });
    }
  }

  /** Cloudflare refuses to delete what something else still references. */
  private checkNotInUse(kind: string, id: string): void {
    const users: string[] = [];
    if (kind === "identity provider") {
      for (const app of this.accessApplications.values()) if ((app.result.allowed_idps ?? []).includes(id)) users.push(`application ${app.result.id}`);
      const mentions = (r: CloudflareRecord) => JSON.stringify([r.result.include, r.result.exclude, r.result.require]).includes(id);
      for (const g of this.accessGroups.values()) if (mentions(g)) users.push(`access group ${g.result.id}`);
      for (const p of this.accessPolicies.values()) if (mentions(p)) users.push(`policy ${p.result.id}`);
    }
    if (kind === "access policy") {
      for (const app of this.accessApplications.values()) if ((app.result.policies ?? []).some((p: any) => p.id === id)) users.push(`application ${app.result.id}`);
    }
    if (kind === "access group") {
      const mentions = (r: CloudflareRecord) => JSON.stringify([r.result.include, r.result.exclude, r.result.require]).includes(id);
      for (const p of this.accessPolicies.values()) if (mentions(p)) users.push(`policy ${p.result.id}`);
    }
    if (users.length > 0) throw cfError(400, 12130, `${kind} ${id} is in use by ${users.join(", ")}`);
  }

  /**
   * One page of a list. `page` and `per_page` must be whole numbers of at
   * least 1: Cloudflare's API schema gives `page` "min value: 1" (quoted in
   * cloudflare/python-cloudflare#28) and refuses bad list options with HTTP 400
   * and an error in the envelope (e.g. "Invalid list options provided", seen
   * in the wild for Pages); it never falls back to page 1.
   */
  private pageOf(ctx: RouteContext, all: unknown[]): Reply {
    const wholeNumber = (name: string, fallback: number): number => {
      const raw = ctx.query.get(name);
      if (raw === null) return fallback;
      if (!/^[0-9]{1,9}$/.test(raw) || Number(raw) < 1) throw cfError(400, 10001, `${name} must be an integer of at least 1`);
      return Number(raw);
    };
    const perPage = Math.min(wholeNumber("per_page", 25), this.maxPerPage);
    const page = wholeNumber("page", 1);
    const items = all.slice((page - 1) * perPage, page * perPage);
    return {
      status: 200,
      body: {
        success: true,
        errors: [],
        messages: [],
        result: items,
        result_info: { page, per_page: perPage, count: items.length, total_count: all.length, total_pages: Math.max(1, Math.ceil(all.length / perPage)) },
      },
    };
  }

  /** The account a scope (`accounts/<id>` or `zones/<id>`) belongs to. */
  private accountOf(scope: string): string | undefined {
    const [kind, id] = scope.split("/");
    return kind === "accounts" ? id : (this.options.zones ?? []).find((z) => z.id === id)?.accountId;
  }

  /**
   * The identity provider must exist in the same account: in the account
   * itself or in one of its zones. (Whether Cloudflare lets an account-level
   * object use a zone-scoped IdP, or the reverse, is not documented; the
   * emulator accepts it rather than guess a refusal.)
   */
  private requireIdp(scope: string, id: unknown, where: string): void {
    const idp = typeof id === "string" ? this.identityProviders.get(id) : undefined;
    if (!idp || this.accountOf(idp.scope) !== this.accountOf(scope)) throw cfError(400, 12130, `${where}: identity provider ${String(id)} does not exist`);
  }

  /** Checks the identity providers named by Access rules, e.g. `okta: {name, identity_provider_id}`. */
  /** Access groups and policies both need a name and at least one include rule. */
  private namedWithRules(scope: string, body: any): any[] {
    if (typeof body.name !== "string" || body.name === "") throw cfError(400, 12130, "name is required");
    const include = this.checkRules(scope, body.include, "include");
    if (!include || include.length === 0) throw cfError(400, 12130, "include must have at least one rule");
    return include;
  }

  private checkRules(scope: string, rules: unknown, where: string): any[] | undefined {
    if (rules === undefined || rules === null) return undefined;
    if (!Array.isArray(rules)) throw cfError(400, 10001, `${where} must be a list of rules`);
    rules.forEach((rule, i) => {
      if (!isObject(rule) || Object.keys(rule).length !== 1) throw cfError(400, 10001, `${where}[${i}] must be an object with exactly one rule type`);
      const [type, value] = Object.entries(rule)[0];
      if (type === "okta" || type === "saml" || type === "azure_ad" || type === "github_organization" || type === "gsuite") {
        if (!isObject(value)) throw cfError(400, 10001, `${where}[${i}].${type} must be an object`);
        this.requireIdp(scope, value.identity_provider_id, `${where}[${i}].${type}.identity_provider_id`);
        if (type === "okta" && (typeof value.name !== "string" || value.name === "")) throw cfError(400, 10001, `${where}[${i}].okta.name is required`);
      }
      if (type === "group") {
        const group = isObject(value) ? this.accessGroups.get(value.id) : undefined;
        if (!group) throw cfError(400, 12130, `${where}[${i}].group.id does not name an Access group`);
      }
    });
    return rules;
  }

  private defineRoutes(): void {
    this.collection(
      "access/identity_providers",
      this.identityProviders,
      "identity provider",
      (body, id, previous, sc) => {
        if (typeof body.name !== "string" || body.name === "") throw cfError(400, 12130, "name is required");
        if (!IDP_TYPES.has(body.type)) throw cfError(400, 12130, `type ${String(body.type)} is not a valid identity provider type`);
        if (previous && previous.result.type !== body.type) throw cfError(400, 12130, "type cannot be changed");
        if (!isObject(body.config)) throw cfError(400, 12130, "config is required");
        // The secret is write-only: never returned, not even masked. Evidence:
        // provider 5.14.0 keeps it from state only when the answer has none
        // (zero_trust_access_identity_provider/normalizations.go,
        // normalizeReadZeroTrustIDPConfigData: `ClientSecret.IsNull()`), and
        // #5532's plan shows `+ client_secret` (null in state after a read); a
        // masked value would diff on every plan. Nor does an okta IdP come back
        // with `prompt` or `support_groups` (azureAD fields; #5532's `+ prompt`,
        // `+ support_groups` are additions from configuration, not from the API).
        // redirect_url is Cloudflare's to compute.
        const secret: unknown = body.config.client_secret;
        const config = this.idpConfig(body.type, omit(body.config, ["client_secret", "redirect_url"]));
        if (body.type === "okta") {
          for (const key of ["client_id", "okta_account"]) {
            if (typeof config[key] !== "string" || config[key] === "") throw cfError(400, 12130, `config.${key} is required for an Okta identity provider`);
          }
          if (!/^https:\/\/[^/]+$/.test(config.okta_account)) throw cfError(400, 12130, `config.okta_account must be https://<org>.okta.com, got ${config.okta_account}`);
          if (!previous && (typeof secret !== "string" || secret === "")) throw cfError(400, 12130, "config.client_secret is required");
        }
        const scim = this.scimConfig(body.scim_config, previous?.result.scim_config, sc.teamDomain, id);
        const result = {
          id,
          // `uid` beside `id`: seen in a real list answer (terraform-provider-cloudflare#2317).
          uid: id,
          name: body.name,
          type: body.type,
          // redirect_url: computed by Cloudflare from the team domain (provider
          // 5.14.0 schema: config.redirect_url Computed; Cloudflare's Okta guide).
          config: { ...config, redirect_url: `https://${sc.teamDomain}/cdn-cgi/access/callback` },
          scim_config: scim.stored,
          // Stored and answered only when sent (provider 5.18.0+; cloudflare-go
          // v7.7.0 IdentityProviderAccessOkta): `read_only` is Optional without
          // a default in the provider's schema, so an answer carrying it unasked
          // would diff against null on every plan.
          ...optionalFields(body, { read_only: checkBoolean, saml_certificate_set_id: checkUuid }),
        };
        const sentSecret = typeof secret === "string" && secret !== "" ? secret : undefined;
        return {
          result,
          secret: sentSecret ?? (this.behaviour.idpSecretOnPutWithoutSecret === "keep" ? previous?.secret : undefined),
          createOnly: scim.secret !== undefined ? { scim_config: { ...scim.stored, secret: scim.secret } } : undefined,
        };
      },
      (r) => structuredClone(r.result),
    );

    this.collection(
      "access/groups",
      this.accessGroups,
      "access group",
      (body, id, previous, sc) => {
        const include = this.namedWithRules(sc.scope, body);
        const result: any = { id, name: body.name, include, created_at: previous?.result.created_at ?? timestamp(), updated_at: timestamp() };
        for (const key of ["exclude", "require"]) {
          const rules = this.checkRules(sc.scope, body[key], key);
          if (rules !== undefined) result[key] = rules;
        }
        if (body.is_default !== undefined) result.is_default = body.is_default;
        return { result };
      },
      (r) => structuredClone(r.result),
    );

    this.collection(
      "access/policies",
      this.accessPolicies,
      "access policy",
      (body, id, previous, sc) => {
        const include = this.namedWithRules(sc.scope, body);
        if (!["allow", "deny", "non_identity", "bypass"].includes(body.decision)) throw cfError(400, 12130, `decision ${String(body.decision)} is invalid`);
        if (body.session_duration !== undefined && !DURATION.test(body.session_duration)) throw cfError(400, 12130, `session_duration ${String(body.session_duration)} is invalid`);
        // Fields per cloudflare-go v6.4.0 zero_trust/accesspolicy.go
        // (AccessPolicyGetResponse): id, app_count, approval_groups,
        // approval_required, created_at, decision, exclude, include,
        // isolation_required, name, purpose_justification_prompt,
        // purpose_justification_required, require, reusable, session_duration,
        // updated_at.
        const result: any = {
          id,
          name: body.name,
          decision: body.decision,
          include,
          exclude: this.checkRules(sc.scope, body.exclude, "exclude") ?? [],
          require: this.checkRules(sc.scope, body.require, "require") ?? [],
          // Stored as sent (issue 16): the provider 5.14.0 always sends one
          // (schema.go: Default "24h"); a request without it leaves the policy
          // without its own session, so the application's governs
          // (developers.cloudflare.com/cloudflare-one/identity/users/session-management).
          ...(body.session_duration !== undefined ? { session_duration: body.session_duration } : {}),
          // Only reusable policies live at /access/policies (SDK: `reusable` is the constant true).
          reusable: true,
          created_at: previous?.result.created_at ?? timestamp(),
          updated_at: timestamp(),
        };
        for (const key of ["approval_required", "isolation_required", "purpose_justification_required", "purpose_justification_prompt", "approval_groups"]) {
          if (body[key] !== undefined) result[key] = body[key];
        }
        // Provider 5.18.0+ (cloudflare-go v7.7.0 AccessPolicyGetResponse):
        // stored and answered only when sent, as written (the provider's
        // schema gives them no defaults).
        Object.assign(result, optionalFields(body, { connection_rules: checkConnectionRules, mfa_config: checkMfaConfig }));
        this.unsetStringsAsEmpty(result, ["purpose_justification_prompt"]);
        return { result };
      },
      // app_count is computed: how many applications attach the policy (SDK: AppCount).
      (r) => ({ ...structuredClone(r.result), app_count: this.appCount(r.result.id) }),
      ["accounts"],
    );

    this.collection(
      "access/apps",
      this.accessApplications,
      "access application",
      (body, id, previous, sc) => {
        if (body.type !== "self_hosted") throw cfError(400, 12130, `only self_hosted applications are emulated, got ${String(body.type)}`);
        if (typeof body.domain !== "string" || body.domain === "" || /^[a-z]+:\/\//i.test(body.domain)) throw cfError(400, 12130, `domain ${String(body.domain)} is invalid`);
        if (body.session_duration !== undefined && !DURATION.test(body.session_duration)) throw cfError(400, 12130, `session_duration ${String(body.session_duration)} is invalid`);
        const idps: unknown[] = Array.isArray(body.allowed_idps) ? body.allowed_idps : [];
        idps.forEach((idp, i) => this.requireIdp(sc.scope, idp, `allowed_idps[${i}]`));
        if (body.auto_redirect_to_identity === true && idps.length !== 1) {
          throw cfError(400, 12130, "auto_redirect_to_identity requires exactly one allowed identity provider");
        }
        const policies: unknown[] = Array.isArray(body.policies) ? body.policies : [];
        const links = policies.map((p, i) => {
          if (!isObject(p) || typeof p.id !== "string") throw cfError(400, 12130, `policies[${i}] must reference a reusable policy by id`);
          const policy = this.accessPolicies.get(p.id);
          if (!policy || policy.scope !== `accounts/${sc.accountId}`) throw cfError(400, 12130, `policies[${i}].id ${p.id} is not a policy of account ${sc.accountId}`);
          return { id: p.id, precedence: typeof p.precedence === "number" ? p.precedence : i + 1 };
        });
        // Provider 5.18.0+ (cloudflare-go v7.7.0): answered only when sent.
        optionalFields(body, { mfa_config: checkMfaConfig, oauth_configuration: checkObject });
        // Fields per cloudflare-go v6.4.0 zero_trust/accessapplication.go
        // (AccessApplicationGetResponseSelfHostedApplication); server-side
        // defaults per the provider 5.14.0 schema (Computed attributes) and
        // Cloudflare's Access application docs.
        const result: any = {
          ...omit(body, ["policies"]),
          id,
          // `uid` beside `id`, as the real API answers (issue 15's probe).
          uid: id,
          name: body.name ?? body.domain,
          aud: previous?.result.aud ?? createHash("sha256").update(randomBytes(16)).digest("hex"),
          // SDK: "Defaults to all IdPs configured in your account"; returned as [].
          allowed_idps: idps,
          app_launcher_visible: body.app_launcher_visible ?? true,
          auto_redirect_to_identity: body.auto_redirect_to_identity ?? false,
          http_only_cookie_attribute: body.http_only_cookie_attribute ?? true,
          // Docs: "session_duration ... default 24h"; issue 16 / #6094, #7129.
          session_duration: body.session_duration ?? "24h",
          self_hosted_domains: body.self_hosted_domains ?? [body.domain],
          destinations: body.destinations ?? [{ type: "public", uri: body.domain }],
          tags: Array.isArray(body.tags) ? body.tags : [],
          policies: links,
          created_at: previous?.result.created_at ?? timestamp(),
          updated_at: timestamp(),
        };
        this.unsetStringsAsEmpty(result, ["custom_deny_message", "custom_deny_url", "custom_non_identity_deny_url"]);
        return { result };
      },
      (r) => {
        // Cloudflare expands the attached reusable policies into full objects.
        const out = structuredClone(r.result);
        out.policies = (out.policies as { id: string; precedence: number }[]).map((link) => {
          const policy = this.accessPolicies.get(link.id);
          return policy ? { ...structuredClone(policy.result), precedence: link.precedence } : link;
        });
        return out;
      },
    );
  }

  /** `PUT /__emulator/behaviour`: any of CloudflareBehaviour's options. */
  public setBehaviour(input: unknown): CloudflareBehaviour {
    this.behaviour = checkCloudflareBehaviour(input, this.behaviour);
    return this.behaviour;
  }

  /**
   * `POST /__emulator/seed`: `{identityProviders?, accessGroups?,
   * accessPolicies?, accessApplications?}`, each a list of
   * CloudflareSeedObject, built exactly as POST builds them (so a seeded
   * object is what the API would have stored), in that order so later ones
   * may reference earlier ones. Returns the ids per collection, in order.
   * Anything the API would refuse is refused here with 400.
   */
  public seed(input: unknown): Record<string, string[]> {
    if (!isObject(input)) throw new ControlInputError("seed: expected an object {identityProviders?, accessGroups?, accessPolicies?, accessApplications?}");
    for (const key of Object.keys(input)) if (!(key in SEED_KINDS)) throw new ControlInputError(`seed: unknown key ${JSON.stringify(key).slice(0, 40)}`);
    const out: Record<string, string[]> = {};
    const added: { store: Map<string, CloudflareRecord>; id: string }[] = [];
    try {
      for (const [key, kind] of Object.entries(SEED_KINDS)) {
        const list = input[key];
        if (list === undefined) continue;
        if (!Array.isArray(list)) throw new ControlInputError(`seed.${key}: expected a list`);
        const target = this.kinds.find((k) => k.kind === kind);
        if (!target) throw new Error(`cloudflare emulator: no collection ${kind}`);
        out[key] = list.map((item, i) => {
          const where = `seed.${key}[${i}]`;
          if (!isObject(item) || !isObject(item.body) || typeof item.scope !== "string") throw new ControlInputError(`${where}: expected {scope, id?, body}`);
          const sc = this.seedScope(item.scope, target.scopes, `${where}.scope`);
          const id = item.id ?? randomUUID();
          if (typeof id !== "string" || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)) throw new ControlInputError(`${where}.id: expected a lowercase UUID`);
          if (target.store.has(id)) throw new ControlInputError(`${where}.id: ${id} exists already`);
          let built: ReturnType<Builder>;
          try {
            built = target.build(item.body, id, undefined, sc);
          } catch (err) {
            if (err instanceof ApiError) throw new ControlInputError(`${where}.body: ${String((err.body as any).errors?.[0]?.message ?? "refused")}`);
            throw err;
          }
          target.store.set(id, { scope: sc.scope, result: built.result, secret: built.secret, secretHistory: built.secret !== undefined ? [built.secret] : [], updates: 0 });
          added.push({ store: target.store, id });
          return id;
        });
      }
    } catch (err) {
      // A refused seed changes nothing.
      for (const a of added) a.store.delete(a.id);
      throw err;
    }
    return out;
  }

  private seedScope(scope: string, allowed: ("accounts" | "zones")[], where: string): ScopeInfo {
    const m = /^(accounts|zones)\/([0-9a-f]{32})$/.exec(scope);
    if (!m || !allowed.includes(m[1] as "accounts" | "zones")) throw new ControlInputError(`${where}: expected ${allowed.map((a) => `${a}/<32 hex>`).join(" or ")}`);
    const accountId = m[1] === "accounts" ? m[2] : (this.options.zones ?? []).find((z) => z.id === m[2])?.accountId;
    const account = this.options.accounts.find((a) => a.id === accountId);
    if (!account) throw new ControlInputError(`${where}: no such ${m[1] === "accounts" ? "account" : "zone"}`);
    return { scope, teamDomain: account.teamDomain, accountId: account.id };
  }

  /** An identity provider's stored config, under the behaviour options. */
  private idpConfig(type: string, config: Record<string, any>): Record<string, any> {
    const out = { ...config };
    if (type === "okta") {
      if (this.behaviour.oktaPkceEnabled === "dropped") delete out.pkce_enabled;
      this.unsetStringsAsEmpty(out, ["authorization_server_id", "email_claim_name"]);
    }
    return out;
  }

  /** Under `unsetStrings: "empty"`, fields never set come back as "". */
  private unsetStringsAsEmpty(object: Record<string, any>, keys: string[]): void {
    if (this.behaviour.unsetStrings !== "empty") return;
    for (const key of keys) if (object[key] === undefined || object[key] === null) object[key] = "";
  }

  private appCount(policyId: string): number {
    let n = 0;
    for (const app of this.accessApplications.values()) if ((app.result.policies ?? []).some((p: any) => p.id === policyId)) n++;
    return n;
  }

  /** The stored scim_config, and the SCIM secret when SCIM was just enabled. */
  private scimConfig(asked: unknown, previous: any, teamDomain: string, id: string): { stored: any; secret?: string } {
    const sent = isObject(asked) ? asked : {};
    const stored = {
      enabled: sent.enabled ?? previous?.enabled ?? false,
      user_deprovision: sent.user_deprovision ?? previous?.user_deprovision ?? false,
      seat_deprovision: sent.seat_deprovision ?? previous?.seat_deprovision ?? false,
      identity_update_behavior: sent.identity_update_behavior ?? previous?.identity_update_behavior ?? "no_action",
      scim_base_url: `https://${teamDomain}/populate/${createHash("sha256").update(id).digest("hex").slice(0, 32)}`,
    };
    if (!["automatic", "reauth", "no_action"].includes(stored.identity_update_behavior)) {
      throw cfError(400, 12130, `scim_config.identity_update_behavior ${String(stored.identity_update_behavior)} is invalid`);
    }
    // The SCIM secret is shown once, when SCIM is turned on.
    const secret = stored.enabled && !(previous?.enabled ?? false) ? randomBytes(32).toString("base64url") : undefined;
    return { stored, secret };
  }
}
