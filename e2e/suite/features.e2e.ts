/**
 * The construct's options that no example uses, applied with the real
 * providers: a zone-scoped identity provider, a custom authorization server
 * (okta_auth_server_claim), additive group assignments
 * (exclusiveAssignments: false), SCIM, extra claims and an email claim, and
 * protectApplication with an explicit account for the zone-scoped IdP.
 */
import { CloudflareProvider } from "../../src/providers/cloudflare/provider";
import { ZeroTrustAccessApplication } from "../../src/providers/cloudflare/zero-trust-access-application";
import { ZeroTrustAccessPolicy } from "../../src/providers/cloudflare/zero-trust-access-policy";
import { OktaProvider } from "../../src/providers/okta/provider";
import { App, LocalBackend, TerraformOutput, TerraformStack } from "cdktf";
import { join } from "node:path";
import { GroupsClaim, OktaAccessIdentityProvider, ScimIdentityUpdateBehavior } from "../../src";
import { effectiveSession } from "../lib/effective-session";
import { Emulators } from "../lib/emulators";
import { cloudflareId, newCredentials, toolEnv, toolSetup, workDir } from "../lib/env";
import { expectIdentityProvider } from "../lib/identity-provider-assertions";
import { atLeast, currentPair, pairLabel, pinProviderVersions } from "../lib/pairs";
import { step } from "../lib/run";
import { changes, stateResources, TerraformDir } from "../lib/terraform";

const SUITE = "features";
const STACK = "okta-access-features";
const REGEX = "^(Engineering|SRE)$";

describe(`[${pairLabel(currentPair())}] construct options no example uses, against the emulators`, () => {
  let emulators: Emulators;
  let tf: TerraformDir;
  let oktaToken: string;
  /** Whether the construct issued the app-level groups claim: not with okta >= 6.6.0 and the custom server. */
  let appClaimIssued: boolean;
  const accountId = cloudflareId();
  const zoneId = cloudflareId();
  const teamDomain = `features-${accountId.slice(0, 6)}.cloudflareaccess.com`;
  const oktaOrgUrl = "https://features.okta.com";

  beforeAll(async () => {
    const tools = toolSetup();
    const credentials = newCredentials();
    oktaToken = credentials.oktaApiToken;
    emulators = await Emulators.start({
      okta: { apiToken: credentials.oktaApiToken, groups: ["Engineering", "SRE", "Finance"], authorizationServers: ["cloudflare"] },
      cloudflare: { apiToken: credentials.cloudflareApiToken, accounts: [{ id: accountId, teamDomain }], zones: [{ id: zoneId, accountId }] },
    });
    const dir = workDir(SUITE);
    const app = new App({ outdir: join(dir, "cdktf.out") });
    const stack = new TerraformStack(app, STACK);
    new OktaProvider(stack, "okta", { orgName: "features", baseUrl: "okta.com" });
    new CloudflareProvider(stack, "cloudflare", {});
    new LocalBackend(stack, { path: "terraform.tfstate" });
    pinProviderVersions(stack, tools.pair);
    const okta = new OktaAccessIdentityProvider(stack, "Okta", {
      zoneId,
      teamDomain,
      oktaOrgUrl,
      name: "Okta (zone)",
      groupsClaim: GroupsClaim.matchingRegex(REGEX),
      assignedGroupIds: [emulators.seed.groups.Engineering, emulators.seed.groups.SRE],
      exclusiveAssignments: false,
      authorizationServerId: emulators.seed.authorizationServers.cloudflare,
      emailClaimName: "preferred_email",
      claims: ["preferred_email", "groups", "name"],
      scim: { userDeprovision: true, seatDeprovision: true, identityUpdateBehavior: ScimIdentityUpdateBehavior.AUTOMATIC },
    });
    appClaimIssued = okta.appGroupsClaimIssued;
    const wiki = okta.protectApplication("Wiki", { domain: "wiki.features.example.com", allowedOktaGroups: ["Engineering"], accountId });
    // Issue 16: a hand-written policy without session_duration, on an
    // application that says 8h. Provider 5.14.0 sends the policy's default
    // 24h, and the policy's session wins: the user gets 24h.
    const handPolicy = new ZeroTrustAccessPolicy(stack, "HandWrittenPolicy", {
      accountId,
      name: "Hand-written: allow Engineering",
      decision: "allow",
      include: [{ okta: { name: "Engineering", identityProviderId: okta.identityProvider.id } }],
    });
    new ZeroTrustAccessApplication(stack, "HandWrittenApp", {
      accountId,
      type: "self_hosted",
      name: "Hand-written app",
      domain: "hand.features.example.com",
      sessionDuration: "8h",
      allowedIdps: [okta.identityProvider.id],
      policies: [{ id: handPolicy.id, precedence: 1 }],
    });
    new TerraformOutput(stack, "scim_base_url", { value: okta.scimBaseUrl });
    new TerraformOutput(stack, "scim_secret", { value: okta.scimSecret, sensitive: true });
    new TerraformOutput(stack, "wiki_aud", { value: wiki.aud });
    app.synth();
    tf = new TerraformDir(join(dir, "cdktf.out", "stacks", STACK), tools.binary, toolEnv(tools, emulators, credentials), SUITE);
  });

  afterAll(async () => {
    await emulators?.stop();
  });

  afterEach(async () => {
    expect(await emulators.unknownRequests()).toEqual([]);
  });

  test("init, apply, and a second plan without changes", async () => {
    await step(SUITE, "init", () => tf.init());
    await step(SUITE, "apply", () => tf.apply());
    const { exitCode, plan } = await step(SUITE, "re-plan", () => tf.plan());
    expect(changes(plan)).toEqual({});
    expect(exitCode).toBe(0);
  });

  test("the emulators hold the zone-scoped IdP, the custom server's claim, additive assignments and SCIM", async () => {
    const [states, requests] = await Promise.all([emulators.states(), emulators.requests()]);
    const { app } = expectIdentityProvider(
      {
        ...states,
        // The IdP is zone-scoped: give the shared assertion the scope it checks.
        cloudflare: { ...states.cloudflare, identityProviders: states.cloudflare.identityProviders.map((i: any) => ({ ...i, scope: i.scope.replace(`zones/${zoneId}`, `accounts/${accountId}`) })) },
      },
      requests.okta,
      {
        accountId,
        teamDomain,
        oktaOrgUrl,
        idpName: "Okta (zone)",
        appLabel: "Cloudflare Access",
        claim: appClaimIssued ? { valueType: "GROUPS", groupFilterType: "REGEX", name: "groups", value: REGEX } : null,
        assignedGroupIds: [emulators.seed.groups.Engineering, emulators.seed.groups.SRE],
        claims: ["groups", "preferred_email", "name"],
        pkce: true,
      },
    );
    const idp = states.cloudflare.identityProviders[0];
    expect(idp.scope).toBe(`zones/${zoneId}`);
    expect(idp.result.config).toMatchObject({ authorization_server_id: emulators.seed.authorizationServers.cloudflare, email_claim_name: "preferred_email" });
    expect(idp.result.scim_config).toMatchObject({ enabled: true, user_deprovision: true, seat_deprovision: true, identity_update_behavior: "automatic" });

    // The pair's okta version is pinned exactly: from 6.6.0 the app-level claim is removed (src/private/groups-claim-mechanism.ts).
    expect(appClaimIssued).toBe(!atLeast(currentPair().okta, "6.6.0"));
    const server = states.okta.authorizationServers.find((s: any) => s.name === "cloudflare");
    expect(server.claims).toHaveLength(1);
    expect(server.claims[0]).toMatchObject({ name: "groups", claimType: "IDENTITY", valueType: "GROUPS", group_filter_type: "REGEX", value: REGEX, alwaysIncludeInToken: true, status: "ACTIVE" });

    const outputs = await tf.outputs();
    expect(outputs.scim_base_url.value).toBe(idp.result.scim_config.scim_base_url);
    expect(outputs.scim_secret.sensitive).toBe(true);
    expect(outputs.scim_secret.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const wiki = states.cloudflare.accessApplications.find((a: any) => a.result.domain === "wiki.features.example.com");
    expect(wiki.scope).toBe(`zones/${zoneId}`);
    const wikiPolicyId = wiki.result.policies[0].id;
    expect(states.cloudflare.accessPolicies.find((p: any) => p.result.id === wikiPolicyId).scope).toBe(`accounts/${accountId}`);
    expect(outputs.wiki_aud.value).toBe(wiki.result.aud);
    expect(app.app.id).toMatch(/^0oa/);
  });

  test("effective sessions (issue 16): the construct's policy sets the application's; a hand-written policy without one gets the provider's 24h", async () => {
    const [states, requests] = await Promise.all([emulators.states(), emulators.requests()]);
    // protectApplication's default sessionDuration is 24h, and its policy now says so itself.
    expect(effectiveSession(states.cloudflare, "Wiki")).toMatchObject({ application: "24h", effective: "24h" });
    expect(effectiveSession(states.cloudflare, "Wiki").policies.every((p) => p.own === "24h")).toBe(true);
    const hand = effectiveSession(states.cloudflare, "Hand-written app");
    expect(hand.application).toBe("8h");
    expect(hand.policies).toEqual([{ name: "Hand-written: allow Engineering", own: "24h", effective: "24h" }]);
    expect(hand.effective).toBe("24h");
    // The 24h came from the provider, not from the emulator: it is in the request body.
    const created = requests.cloudflare.find((r) => r.method === "POST" && r.path.endsWith("/access/policies") && (r.body as any)?.name === "Hand-written: allow Engineering");
    expect((created?.body as any)?.session_duration).toBe("24h");
  });

  test("additive assignments leave an assignment made elsewhere alone", async () => {
    const app = (await emulators.states()).okta.apps[0];
    const finance = emulators.seed.groups.Finance;
    const res = await fetch(`${emulators.oktaUrl}/api/v1/apps/${app.app.id}/groups/${finance}`, {
      method: "PUT",
      headers: { authorization: `SSWS ${oktaToken}`, "content-type": "application/json" },
      body: "{}",
    });
    expect(res.status).toBe(200);
    const { exitCode } = await step(SUITE, "plan (assignment made elsewhere)", () => tf.plan("outside.tfplan"));
    expect(exitCode).toBe(0);
    const state = await tf.state();
    expect(stateResources(state).filter((r) => r.type === "okta_app_group_assignment").map((r) => r.values.retain_assignment)).toEqual([true, true]);
  });

  test("destroy leaves both emulators empty", async () => {
    await step(SUITE, "destroy", () => tf.destroy());
    const states = await emulators.states();
    expect(states.oktaEmpty).toBe(true);
    expect(states.cloudflareEmpty).toBe(true);
  });
});
