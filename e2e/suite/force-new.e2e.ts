/**
 * The review's table of force-new attributes (src/review/resource-types.ts)
 * against the real providers of this pair: a stack with every resource type
 * the table names is applied to the emulators; then, one at a time, each
 * force-new attribute the table lists is changed and the plan must replace
 * that resource because of it (`replace_paths`), and each attribute of a
 * sample the table leaves out is changed and the plan must update in place.
 *
 * The stack is Terraform JSON (e2e/lib/every-type-stack.ts), not made by
 * provider bindings: the check is of the providers, whatever classes a
 * program uses. Types the table keeps for stacks written for cloudflare v4
 * must be exactly the table's types this provider does not have.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { forceNewAttributes, resourceTypeNames } from "../../src/review/resource-types";
import { Emulators } from "../lib/emulators";
import { cloudflareId, newCredentials, toolEnv, toolSetup, workDir } from "../lib/env";
import { everyTypeStack, EveryTypeIds, V4_TYPES } from "../lib/every-type-stack";
import { atLeast, currentPair, pairLabel } from "../lib/pairs";
import { step } from "../lib/run";
import { changes, TerraformDir } from "../lib/terraform";

const SUITE = "force-new";

/** One change to one resource instance of the stack. */
interface Change {
  /** The instance's name under its type, e.g. "account". */
  readonly name: string;
  readonly set: (resource: any, ids: EveryTypeIds) => void;
}

/**
 * How to change each force-new attribute the table may list, on which
 * instance. A table attribute without an entry here fails the check: a new
 * table entry needs a way to prove it.
 */
const FORCE_NEW_CHANGES: Record<string, Record<string, Change>> = {
  okta_app_oauth: {
    type: { name: "a", set: (r) => void (r.type = "browser") },
    client_id: { name: "a", set: (r) => void (r.client_id = "forcenewcheckclient") },
  },
  okta_app_group_assignments: { app_id: { name: "a", set: (r) => void (r.app_id = "${okta_app_oauth.b.id}") } },
  okta_app_group_assignment: {
    app_id: { name: "b", set: (r) => void (r.app_id = "${okta_app_oauth.a.id}") },
    group_id: { name: "b", set: (r, ids) => void (r.group_id = ids.sre) },
  },
  cloudflare_zero_trust_access_identity_provider: {
    // A github IdP turned google: both take the same config, so only `type` changes.
    type: { name: "typed", set: (r) => void (r.type = "google") },
    account_id: { name: "account", set: (r, ids) => void (r.account_id = ids.otherAccount) },
    zone_id: { name: "zone", set: (r, ids) => void (r.zone_id = ids.otherZone) },
  },
  cloudflare_zero_trust_access_group: {
    account_id: { name: "account", set: (r, ids) => void (r.account_id = ids.otherAccount) },
    zone_id: { name: "zone", set: (r, ids) => void (r.zone_id = ids.otherZone) },
  },
  cloudflare_zero_trust_access_policy: { account_id: { name: "account", set: (r, ids) => void (r.account_id = ids.otherAccount) } },
  cloudflare_zero_trust_access_application: {
    account_id: { name: "account", set: (r, ids) => void (r.account_id = ids.otherAccount) },
    zone_id: { name: "zone", set: (r, ids) => void (r.zone_id = ids.otherZone) },
  },
};

/** Attributes the table says change in place: a sample per type, each changed alone. */
const IN_PLACE: readonly { type: string; attribute: string; change: Change }[] = [
  { type: "okta_app_oauth", attribute: "label", change: { name: "a", set: (r) => void (r.label = "Renamed app") } },
  { type: "okta_app_oauth", attribute: "redirect_uris", change: { name: "a", set: (r) => void r.redirect_uris.push("https://other.cloudflareaccess.com/cdn-cgi/access/callback") } },
  { type: "okta_app_oauth", attribute: "token_endpoint_auth_method", change: { name: "a", set: (r) => void (r.token_endpoint_auth_method = "client_secret_post") } },
  { type: "okta_app_oauth", attribute: "groups_claim", change: { name: "a", set: (r) => void (r.groups_claim.value = "^eng-.*") } },
  { type: "okta_app_group_assignments", attribute: "group", change: { name: "a", set: (r, ids) => void r.group.push({ id: ids.sre }) } },
  { type: "okta_app_group_assignment", attribute: "priority", change: { name: "b", set: (r) => void (r.priority = 3) } },
  { type: "okta_auth_server_claim", attribute: "value", change: { name: "c", set: (r) => void (r.value = "^eng-.*") } },
  { type: "cloudflare_zero_trust_access_identity_provider", attribute: "name", change: { name: "account", set: (r) => void (r.name = "Okta SSO") } },
  { type: "cloudflare_zero_trust_access_identity_provider", attribute: "config", change: { name: "account", set: (r) => void (r.config.okta_account = "https://other.okta.com") } },
  { type: "cloudflare_zero_trust_access_group", attribute: "name", change: { name: "account", set: (r) => void (r.name = "Engineers (renamed)") } },
  { type: "cloudflare_zero_trust_access_group", attribute: "include", change: { name: "account", set: (r) => void r.include.push({ okta: { name: "SRE", identity_provider_id: "${cloudflare_zero_trust_access_identity_provider.account.id}" } }) } },
  { type: "cloudflare_zero_trust_access_policy", attribute: "decision", change: { name: "account", set: (r) => void (r.decision = "deny") } },
  { type: "cloudflare_zero_trust_access_policy", attribute: "session_duration", change: { name: "account", set: (r) => void (r.session_duration = "12h") } },
  { type: "cloudflare_zero_trust_access_application", attribute: "name", change: { name: "account", set: (r) => void (r.name = "Wiki (renamed)") } },
  { type: "cloudflare_zero_trust_access_application", attribute: "domain", change: { name: "account", set: (r) => void (r.domain = "docs.forcenew.example.com") } },
  { type: "cloudflare_zero_trust_access_application", attribute: "session_duration", change: { name: "account", set: (r) => void (r.session_duration = "8h") } },
];

/** The names of a schema block's attributes and nested blocks. */
function schemaNames(schemas: any, type: string): string[] | undefined {
  for (const provider of Object.values<any>(schemas.provider_schemas ?? {})) {
    const block = provider.resource_schemas?.[type]?.block;
    if (block) return [...Object.keys(block.attributes ?? {}), ...Object.keys(block.block_types ?? {})];
  }
  return undefined;
}

describe(`[${pairLabel(currentPair())}] the review's force-new table against the providers' plans`, () => {
  const pair = currentPair();
  const ids: EveryTypeIds = {
    account: cloudflareId(),
    otherAccount: cloudflareId(),
    zone: cloudflareId(),
    otherZone: cloudflareId(),
    engineering: "",
    sre: "",
    authServer: "",
  };
  let resolved: EveryTypeIds;
  let emulators: Emulators;
  let tf: TerraformDir;
  let file: string;
  let schemas: any;

  beforeAll(async () => {
    const tools = toolSetup();
    const credentials = newCredentials();
    emulators = await Emulators.start({
      okta: { apiToken: credentials.oktaApiToken, groups: ["Engineering", "SRE"] },
      cloudflare: {
        apiToken: credentials.cloudflareApiToken,
        accounts: [
          { id: ids.account, teamDomain: "forcenew.cloudflareaccess.com" },
          { id: ids.otherAccount, teamDomain: "forcenew-other.cloudflareaccess.com" },
        ],
        zones: [
          { id: ids.zone, accountId: ids.account },
          { id: ids.otherZone, accountId: ids.account },
        ],
      },
    });
    resolved = { ...ids, engineering: emulators.seed.groups.Engineering, sre: emulators.seed.groups.SRE, authServer: emulators.seed.authorizationServers.default };
    const dir = workDir(SUITE);
    file = join(dir, "main.tf.json");
    writeFileSync(file, JSON.stringify(everyTypeStack(resolved, pair), null, 2));
    tf = new TerraformDir(dir, tools.binary, toolEnv(tools, emulators, credentials), SUITE);
  });

  afterAll(async () => {
    await emulators?.stop();
  });

  afterEach(async () => {
    expect(await emulators.unknownRequests()).toEqual([]);
  });

  test("the stack applies, with every type of the table this provider has", async () => {
    await step(SUITE, "init", () => tf.init());
    expect(await tf.providerSelections()).toEqual({ okta: pair.okta, cloudflare: pair.cloudflare });
    schemas = await step(SUITE, "providers schema", () => tf.providerSchemas());
    await step(SUITE, "apply", () => tf.apply());
    const { exitCode } = await step(SUITE, "re-plan", () => tf.plan("replan.tfplan"));
    expect(exitCode).toBe(0);
    const applied = new Set(Object.keys(everyTypeStack(resolved, pair).resource));
    const present = resourceTypeNames().filter((t) => schemaNames(schemas, t) !== undefined);
    expect(present.filter((t) => !applied.has(t))).toEqual([]);
    // What the table keeps for stacks written for cloudflare v4, which v5 no longer has.
    expect(resourceTypeNames().filter((t) => schemaNames(schemas, t) === undefined).sort()).toEqual([...V4_TYPES].sort());
  });

  /** Plans the stack with one change (no refresh: the state is what was just applied). */
  async function planWith(type: string, change: Change, label: string): Promise<any> {
    const config = everyTypeStack(resolved, pair);
    const resource = config.resource[type]?.[change.name];
    if (resource === undefined) throw new Error(`the stack has no ${type}.${change.name}`);
    change.set(resource, resolved);
    writeFileSync(file, JSON.stringify(config, null, 2));
    try {
      const { plan } = await step(SUITE, `plan: ${label}`, () => tf.plan("probe.tfplan", ["-refresh=false"]));
      return (plan.resource_changes as any[]).find((rc) => rc.address === `${type}.${change.name}`);
    } finally {
      writeFileSync(file, JSON.stringify(everyTypeStack(resolved, pair), null, 2));
    }
  }

  const forceNew = resourceTypeNames()
    .filter((type) => !V4_TYPES.includes(type))
    .flatMap((type) => forceNewAttributes(type).map((attribute) => ({ type, attribute })));

  test.each(forceNew)("changing $type.$attribute, which the table calls force-new, makes the provider replace it", async ({ type, attribute }) => {
    expect(schemaNames(schemas, type)).toContain(attribute);
    const change: Change | undefined = FORCE_NEW_CHANGES[type]?.[attribute];
    if (change === undefined) throw new Error(`no way to change ${type}.${attribute}: add it to FORCE_NEW_CHANGES`);
    const rc = await planWith(type, change, `${type}.${attribute}`);
    expect({ actions: [...rc.change.actions].sort(), replacedBy: rc.change.replace_paths }).toEqual({ actions: ["create", "delete"], replacedBy: expect.arrayContaining([[attribute]]) });
  });

  test.each(IN_PLACE)("changing $type.$attribute, which the table calls in-place, makes the provider update it", async ({ type, attribute, change }) => {
    expect(forceNewAttributes(type)).not.toContain(attribute);
    const rc = await planWith(type, change, `${type}.${attribute}`);
    expect({ actions: rc.change.actions, replacedBy: rc.change.replace_paths ?? [] }).toEqual({ actions: ["update"], replacedBy: [] });
  });

  test("an in-place change applied: relabelling an Okta app is one PUT; only okta before 6.5.1 writes its unchanged groups claim again", async () => {
    const config = everyTypeStack(resolved, pair);
    config.resource.okta_app_oauth.a.label = "Relabelled app";
    writeFileSync(file, JSON.stringify(config, null, 2));
    const seen = (await emulators.requests()).okta.length;
    try {
      await step(SUITE, "apply (relabel)", () => tf.apply());
    } finally {
      writeFileSync(file, JSON.stringify(everyTypeStack(resolved, pair), null, 2));
    }
    const writes = (await emulators.requests()).okta.slice(seen).filter((r) => r.method !== "GET");
    const app = (await emulators.states()).okta.apps.find((a: any) => a.app.label === "Relabelled app");
    expect(writes.filter((r) => r.method === "PUT" && r.path === `/api/v1/apps/${app.app.id}`)).toHaveLength(1);
    // okta 6.5.1 changed updates to POST the claim only when groups_claim changed (services/idaas/resource_okta_app_oauth.go, updateAppOauthGroupsClaim).
    const claimWrites = writes.filter((r) => r.path === `/api/v1/internal/apps/${app.app.id}/settings/oauth/idToken`);
    expect(claimWrites).toHaveLength(atLeast(pair.okta, "6.5.1") ? 0 : 1);
    expect(app.groupsClaimHistory).toHaveLength(atLeast(pair.okta, "6.5.1") ? 1 : 2);
    await step(SUITE, "apply (label back)", () => tf.apply());
  });

  test("the plans changed nothing; destroy leaves both emulators empty", async () => {
    const { exitCode, plan } = await step(SUITE, "re-plan (after the probes)", () => tf.plan("final.tfplan"));
    expect(changes(plan)).toEqual({});
    expect(exitCode).toBe(0);
    await step(SUITE, "destroy", () => tf.destroy());
    const states = await emulators.states();
    expect(states.oktaEmpty).toBe(true);
    expect(states.cloudflareEmpty).toBe(true);
  });
});
