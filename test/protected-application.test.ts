import { CloudflareProvider } from "../src/providers/cloudflare/provider";
import { TerraformOutput, TerraformVariable } from "cdktf";
import {
  GroupsClaim,
  OktaAccessIdentityProvider,
  ProtectApplicationOptions,
  ProtectedApplication,
} from "../src";
import { ACCOUNT_ID, BASE_PROPS, newStack, only, synth, warnings, newIdentityProvider as idp, protectWiki as protect, WIKI } from "./helpers";

const ZONE_ID = "fedcba9876543210fedcba9876543210";



describe("OktaAccessIdentityProvider.protectApplication: the application", () => {
  test("is a self-hosted Access application on the domain, allowing only this IdP", () => {
    const { json, okta } = protect();
    const app = only(json, "cloudflare_zero_trust_access_application");
    expect(app.type).toBe("self_hosted");
    expect(app.domain).toBe("wiki.example.com");
    expect(app.allowed_idps).toEqual([`\${cloudflare_zero_trust_access_identity_provider.${okta.identityProvider.friendlyUniqueId}.id}`]);
    expect(app.account_id).toBe(ACCOUNT_ID);
    expect(app).not.toHaveProperty("zone_id");
  });

  test("defaults: name = the id, session_duration 24h, auto_redirect_to_identity true", () => {
    const app = only(protect().json, "cloudflare_zero_trust_access_application");
    expect(app.name).toBe("Wiki");
    expect(app.session_duration).toBe("24h");
    expect(app.auto_redirect_to_identity).toBe(true);
  });

  test("name, sessionDuration and autoRedirect reach the application", () => {
    const app = only(protect({ name: "Team wiki", sessionDuration: "8h", autoRedirect: false }).json, "cloudflare_zero_trust_access_application");
    expect(app.name).toBe("Team wiki");
    expect(app.session_duration).toBe("8h");
    expect(app.auto_redirect_to_identity).toBe(false);
  });

  test("attaches the allow policy at precedence 1", () => {
    const { json, wiki } = protect();
    expect(only(json, "cloudflare_zero_trust_access_application").policies).toEqual([
      { id: `\${cloudflare_zero_trust_access_policy.${wiki.policy.friendlyUniqueId}.id}`, precedence: 1 },
    ]);
  });

  test("a zone-scoped IdP puts the application in its zone and the policy in the given account", () => {
    const { json } = protect({ accountId: ACCOUNT_ID }, { accountId: undefined, zoneId: ZONE_ID });
    const app = only(json, "cloudflare_zero_trust_access_application");
    expect(app.zone_id).toBe(ZONE_ID);
    expect(app).not.toHaveProperty("account_id");
    expect(only(json, "cloudflare_zero_trust_access_policy").account_id).toBe(ACCOUNT_ID);
  });

  test.each(["example.com", "wiki.example.com/docs", "*.example.com", "*.*.example.com", "example.com/*", "app-*.example.co.uk/a/*/b", "xn--bcher-kva.example"])(
    "the domain %s is accepted as given",
    (domain) => {
      expect(only(protect({ domain }).json, "cloudflare_zero_trust_access_application").domain).toBe(domain);
    },
  );
});

describe("OktaAccessIdentityProvider.protectApplication: the policy", () => {
  test("allows the Okta groups, one okta rule each, in the IdP's account", () => {
    const { json, okta } = protect({ name: "Team wiki", allowedOktaGroups: ["Engineering", "Docs"] });
    const policy = only(json, "cloudflare_zero_trust_access_policy");
    const idpId = `\${cloudflare_zero_trust_access_identity_provider.${okta.identityProvider.friendlyUniqueId}.id}`;
    expect(policy.decision).toBe("allow");
    expect(policy.account_id).toBe(ACCOUNT_ID);
    expect(policy.name).toBe("Team wiki: allow Okta groups");
    expect(policy.include).toEqual([
      { okta: { name: "Engineering", identity_provider_id: idpId } },
      { okta: { name: "Docs", identity_provider_id: idpId } },
    ]);
    expect(policy).not.toHaveProperty("exclude");
    expect(policy).not.toHaveProperty("require");
  });

  test("an accountId equal to the IdP's account is accepted", () => {
    expect(only(protect({ accountId: ACCOUNT_ID }).json, "cloudflare_zero_trust_access_policy").account_id).toBe(ACCOUNT_ID);
  });

  test("a list token of groups becomes a for expression", () => {
    const { stack, okta } = idp();
    const groups = new TerraformVariable(stack, "groups", { type: "list(string)" });
    okta.protectApplication("Wiki", { ...WIKI, allowedOktaGroups: groups.listValue });
    expect(only(synth(stack), "cloudflare_zero_trust_access_policy").include).toMatch(/^\$\{\[ for key, val in toset\(var\.groups\): \{ okta = \{ name = val, identity_provider_id = /);
  });
});

describe("OktaAccessIdentityProvider.protectApplication: the session (issue 16)", () => {
  // Cloudflare issues the application token for the policy's session when the
  // policy sets one, and the provider sends 24h for a policy without it: the
  // policy must always carry the session the application promises.
  const sessions = (json: any) => ({
    application: only(json, "cloudflare_zero_trust_access_application").session_duration,
    policy: only(json, "cloudflare_zero_trust_access_policy").session_duration,
  });

  test("by default the policy's session is the application's 24h, set explicitly", () => {
    expect(sessions(protect().json)).toEqual({ application: "24h", policy: "24h" });
  });

  test.each(["8h", "12h", "30m", "1h30m"])("sessionDuration %s governs both the application and the policy", (sessionDuration) => {
    expect(sessions(protect({ sessionDuration }).json)).toEqual({ application: sessionDuration, policy: sessionDuration });
  });

  test("policySessionDuration shorter than the application's is set on the policy only, without warning", () => {
    const { json, stack } = protect({ sessionDuration: "8h", policySessionDuration: "1h" });
    expect(sessions(json)).toEqual({ application: "8h", policy: "1h" });
    expect(warnings(stack)).toEqual([]);
  });

  test("policySessionDuration equal to the application's does not warn", () => {
    expect(warnings(protect({ sessionDuration: "8h", policySessionDuration: "480m" }).stack)).toEqual([]);
  });

  test("a policy session longer than the application's warns that the policy's wins", () => {
    const { json, stack } = protect({ sessionDuration: "8h", policySessionDuration: "24h" });
    expect(sessions(json)).toEqual({ application: "8h", policy: "24h" });
    expect(warnings(stack)).toEqual([
      'ProtectedApplication "test/Okta/Applications/Wiki": policySessionDuration "24h" is longer than the application\'s sessionDuration "8h". Cloudflare uses the policy\'s session, so users stay signed in "24h", not "8h". Omit policySessionDuration (it then equals sessionDuration) or shorten it.',
    ]);
  });

  test("the week warning is about the effective (policy) session", () => {
    expect(warnings(protect({ sessionDuration: "720h", policySessionDuration: "8h" }).stack)).toEqual([]);
    expect(warnings(protect({ sessionDuration: "8h", policySessionDuration: "200h" }).stack)).toEqual([
      expect.stringMatching(/policySessionDuration "200h" is longer than a week \(168h\)/),
      expect.stringMatching(/policySessionDuration "200h" is longer than the application's sessionDuration "8h"/),
    ]);
  });

  test.each([
    ["24", /policySessionDuration must be a positive duration in Cloudflare's format.*; received "24"/],
    ["0s", /policySessionDuration must be a positive duration.*received "0s"/],
    ["1d", /policySessionDuration must be .*received "1d"/],
  ])("policySessionDuration %s is refused", (policySessionDuration, message) => {
    expect(() => idp().okta.protectApplication("Wiki", { ...WIKI, policySessionDuration })).toThrow(message);
  });

  test("a token session reaches the policy as the same expression", () => {
    const { stack, okta } = idp();
    const duration = new TerraformVariable(stack, "duration", { type: "string" });
    okta.protectApplication("Wiki", { ...WIKI, sessionDuration: duration.stringValue });
    expect(sessions(synth(stack))).toEqual({ application: "${var.duration}", policy: "${var.duration}" });
  });

  test("ProtectedApplication created directly sets the policy session too", () => {
    const { stack, okta } = idp();
    new ProtectedApplication(stack, "Direct", { ...WIKI, identityProvider: okta, sessionDuration: "2h" });
    expect(sessions(synth(stack))).toEqual({ application: "2h", policy: "2h" });
  });
});

describe("OktaAccessIdentityProvider.protectApplication: the result", () => {
  test("exposes application, policy, aud, domain and groups; aud can be output", () => {
    const { stack, okta } = idp();
    const wiki = okta.protectApplication("Wiki", WIKI);
    new TerraformOutput(stack, "wiki_aud", { value: wiki.aud });
    const json = synth(stack);
    expect(wiki).toBeInstanceOf(ProtectedApplication);
    expect(wiki.application.terraformResourceType).toBe("cloudflare_zero_trust_access_application");
    expect(wiki.policy.terraformResourceType).toBe("cloudflare_zero_trust_access_policy");
    expect(json.output.wiki_aud.value).toBe(`\${cloudflare_zero_trust_access_application.${wiki.application.friendlyUniqueId}.aud}`);
    expect(wiki.domain).toBe("wiki.example.com");
    expect(wiki.allowedOktaGroups).toEqual(["Engineering"]);
  });

  test("two applications get their own resources and stable addresses under the id", () => {
    const { stack, okta } = idp();
    const wiki = okta.protectApplication("Wiki", WIKI);
    const grafana = okta.protectApplication("Grafana", { domain: "grafana.example.com", allowedOktaGroups: ["SRE"] });
    const json = synth(stack);
    expect(Object.keys(json.resource.cloudflare_zero_trust_access_application)).toHaveLength(2);
    expect(Object.keys(json.resource.cloudflare_zero_trust_access_policy)).toHaveLength(2);
    expect(wiki.application.node.path).toBe("test/Okta/Applications/Wiki/Application");
    expect(wiki.policy.node.path).toBe("test/Okta/Applications/Wiki/Policy");
    expect(grafana.application.node.path).toBe("test/Okta/Applications/Grafana/Application");
    expect(json.resource.cloudflare_zero_trust_access_application[grafana.application.friendlyUniqueId].domain).toBe("grafana.example.com");
  });

  test("resources use the construct's Cloudflare provider", () => {
    const stack = newStack();
    const cf = new CloudflareProvider(stack, "cloudflare-b", { alias: "b" });
    const okta = new OktaAccessIdentityProvider(stack, "Okta", { ...BASE_PROPS, cloudflareProvider: cf });
    okta.protectApplication("Wiki", WIKI);
    const json = synth(stack);
    expect(only(json, "cloudflare_zero_trust_access_application").provider).toBe("cloudflare.b");
    expect(only(json, "cloudflare_zero_trust_access_policy").provider).toBe("cloudflare.b");
  });

  test("ProtectedApplication can be created directly, in any scope", () => {
    const { stack, okta } = idp();
    const app = new ProtectedApplication(stack, "Direct", { ...WIKI, identityProvider: okta });
    const json = synth(stack);
    expect(app.node.path).toBe("test/Direct");
    expect(only(json, "cloudflare_zero_trust_access_application").name).toBe("Direct");
  });

  test("protectApplication does not change the identity provider's own resources", () => {
    const before = synth((() => idp().stack)());
    const { json } = protect();
    for (const type of ["okta_app_oauth", "okta_app_group_assignments", "cloudflare_zero_trust_access_identity_provider"]) {
      expect(only(json, type)).toEqual(only(before, type));
    }
  });
});

describe("OktaAccessIdentityProvider.protectApplication: bad input", () => {
  const cases: Array<[string, Partial<ProtectApplicationOptions>, RegExp]> = [
    ["an https:// domain", { domain: "https://wiki.example.com" }, /domain must be a host name with an optional path and no scheme.*\(drop the scheme: use "wiki.example.com"\); received "https:\/\/wiki.example.com"/],
    ["an http:// domain", { domain: "http://wiki.example.com/docs" }, /domain must be .*drop the scheme: use "wiki.example.com\/docs".*received "http:\/\/wiki.example.com\/docs"/],
    ["a domain with a port", { domain: "wiki.example.com:8443" }, /domain must be a host name .*no scheme, port, query or fragment.*; received "wiki.example.com:8443"/],
    ["a domain with a query", { domain: "wiki.example.com/?a=b" }, /domain must be .*received "wiki.example.com\/\?a=b"/],
    ["a domain with a fragment", { domain: "wiki.example.com/#x" }, /domain must be .*received "wiki.example.com\/#x"/],
    ["a domain with bad characters", { domain: "wi_ki.example.com" }, /domain must be .*received "wi_ki.example.com"/],
    ["a domain with spaces", { domain: "wiki.example.com/my page" }, /domain must be .*received "wiki.example.com\/my page"/],
    ["a single-label domain", { domain: "localhost" }, /domain must be .*received "localhost"/],
    ["a wildcard in the zone", { domain: "*.com" }, /domain must be .*received "\*.com"/],
    ["a wildcard apex", { domain: "wiki.*.com" }, /domain must be .*received "wiki.\*.com"/],
    ["an empty domain", { domain: "" }, /domain must be .*received ""/],
    ["a path-only domain", { domain: "/wiki" }, /domain must be .*received "\/wiki"/],
    ["an empty allowedOktaGroups", { allowedOktaGroups: [] }, /allowedOktaGroups must be a non-empty list of Okta group names; received \[\]/],
    ["an empty group name", { allowedOktaGroups: ["Engineering", ""] }, /allowedOktaGroups\[1\] must be a non-empty Okta group name; received ""/],
    ["a duplicate group", { allowedOktaGroups: ["SRE", "SRE"] }, /allowedOktaGroups must be a list without duplicates/],
    ["a bare number session", { sessionDuration: "24" }, /sessionDuration must be a positive duration in Cloudflare's format: .*"30m", "24h" or "1h30m"; received "24"/],
    ["a day unit", { sessionDuration: "1d" }, /sessionDuration must be a positive duration.*received "1d"/],
    ["a spaced session", { sessionDuration: "1h 30m" }, /sessionDuration must be .*received "1h 30m"/],
    ["a negative session", { sessionDuration: "-1h" }, /sessionDuration must be .*received "-1h"/],
    ["a zero session", { sessionDuration: "0s" }, /sessionDuration must be a positive duration.*received "0s"/],
    ["a words session", { sessionDuration: "8 hours" }, /sessionDuration must be .*received "8 hours"/],
    ["an empty name", { name: "" }, /name must be a non-empty string; received ""/],
    ["a string autoRedirect", { autoRedirect: "yes" as any }, /autoRedirect must be true or false; received "yes"/],
    ["another account than the IdP's", { accountId: "fedcba9876543210fedcba9876543210" }, /accountId must be omitted or equal to the identity provider's account "0123456789abcdef0123456789abcdef".*received "fedcba9876543210fedcba9876543210"/],
    ["an empty accountId", { accountId: "" }, /accountId must be a non-empty string; received ""/],
  ];

  test.each(cases)("%s is refused at construction", (_, options, message) => {
    const make = () => idp().okta.protectApplication("Wiki", { ...WIKI, ...options });
    expect(make).toThrow(message);
    expect(make).toThrow(/^ProtectedApplication "test\/Okta\/Applications\/Wiki": /);
  });

  test("a zone-scoped IdP without accountId is refused, naming accountId", () => {
    const { okta } = idp({ accountId: undefined, zoneId: ZONE_ID });
    expect(() => okta.protectApplication("Wiki", WIKI)).toThrow(
      /ProtectedApplication "test\/Okta\/Applications\/Wiki": accountId must be the Cloudflare account id for the allow policy, because the identity provider is zone-scoped \(zoneId "fedcba9876543210fedcba9876543210"\) and Access policies always belong to an account; received undefined/,
    );
  });

  test("missing options are refused", () => {
    const { okta } = idp();
    expect(() => okta.protectApplication("Wiki", undefined as any)).toThrow(/protectApplication\("Wiki"\): options must be an object with domain and allowedOktaGroups; received undefined/);
    expect(() => okta.protectApplication("Wiki", { domain: "wiki.example.com" } as any)).toThrow(/allowedOktaGroups must be a non-empty list of Okta group names; received undefined/);
    expect(() => okta.protectApplication("Wiki2", { allowedOktaGroups: ["SRE"] } as any)).toThrow(/domain must be a host name .*; received undefined/);
  });

  test("a second application with the same id is refused, naming the id", () => {
    const { okta } = idp();
    okta.protectApplication("Wiki", WIKI);
    expect(() => okta.protectApplication("Wiki", { ...WIKI, domain: "wiki2.example.com" })).toThrow(
      /protectApplication\("Wiki"\): id must be unique among this identity provider's applications; received "Wiki"/,
    );
  });

  test("unresolved tokens pass through unchecked", () => {
    const { stack, okta } = idp({ accountId: undefined, zoneId: ZONE_ID });
    const domain = new TerraformVariable(stack, "domain", { type: "string" });
    const duration = new TerraformVariable(stack, "duration", { type: "string" });
    const account = new TerraformVariable(stack, "account", { type: "string" });
    okta.protectApplication("Wiki", { domain: domain.stringValue, allowedOktaGroups: ["SRE"], sessionDuration: duration.stringValue, accountId: account.stringValue });
    const json = synth(stack);
    expect(only(json, "cloudflare_zero_trust_access_application").domain).toBe("${var.domain}");
    expect(only(json, "cloudflare_zero_trust_access_application").session_duration).toBe("${var.duration}");
    expect(only(json, "cloudflare_zero_trust_access_policy").account_id).toBe("${var.account}");
  });
});

describe("OktaAccessIdentityProvider.protectApplication: warnings", () => {
  test("the defaults warn about nothing", () => {
    expect(warnings(protect().stack)).toEqual([]);
  });

  test.each(["169h", "720h", "10081m"])("a session longer than a week (%s) warns", (sessionDuration) => {
    expect(warnings(protect({ sessionDuration }).stack)).toEqual([
      expect.stringMatching(new RegExp(`sessionDuration "${sessionDuration}" is longer than a week \\(168h\\): a user removed from the Okta groups.*keeps access that long`)),
    ]);
  });

  test.each(["168h", "1h30m", "30m", "1.5h", "300ms", "90s", "2h45m10s500ms", "1000000us", "1000000µs", "5000000000ns"])("%s is a valid session without warning", (sessionDuration) => {
    const { stack, json } = protect({ sessionDuration });
    expect(only(json, "cloudflare_zero_trust_access_application").session_duration).toBe(sessionDuration);
    expect(warnings(stack)).toEqual([]);
  });

  test("an allowed group the groups claim never sends warns that nobody gets in through it", () => {
    const { stack } = protect({ allowedOktaGroups: ["Engineering"] }, { groupsClaim: GroupsClaim.matchingRegex("^app-.*") });
    expect(warnings(stack)).toEqual([
      expect.stringMatching(/allowedOktaGroups \["Engineering"\] is not sent by the identity provider's groups claim \(groups matching regex \^app-\.\*\), so this rule never matches/),
    ]);
  });

  test("an expression groups claim cannot be checked and does not warn", () => {
    const { stack } = protect({}, { groupsClaim: GroupsClaim.expression('Groups.startsWith("active_directory", "", 100)') });
    expect(warnings(stack)).toEqual([]);
  });

  test("allowing Everyone warns that the whole org gets in", () => {
    const { stack } = protect({ allowedOktaGroups: ["Everyone"] });
    expect(warnings(stack)).toEqual([expect.stringMatching(/allowedOktaGroups includes Okta's "Everyone" group/)]);
  });
});
