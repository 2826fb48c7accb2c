// Every branch of src/protected-application.ts pinned exactly (issue 17,
// item 7): the whole Access application and allow policy it synthesizes, its
// public attributes, adoption, and the exact text of every error and warning.
// Expected values follow Cloudflare's Access model (PROVIDER-FACTS.md): a
// self-hosted application allowing only the Okta IdP, one reusable allow
// policy in the IdP's account at precedence 1 with one okta rule per group,
// and the session set on the application AND on the policy (issue 16: the
// policy's session wins, and the provider sends 24h for a policy without one).
import { CloudflareProvider } from "../src/providers/cloudflare/provider";
import { TerraformOutput, TerraformVariable } from "cdktf";
import { Construct } from "constructs";
import { GroupsClaim, OktaAccessIdentityProvider, OktaAccessIdentityProviderProps, ProtectApplicationOptions, ProtectedApplication } from "../src";
import { ACCOUNT_ID, BASE_PROPS, newStack, synth, warnings, newIdentityProvider as idp, protectWiki as protect, WIKI } from "./helpers";

const ZONE_ID = "fedcba9876543210fedcba9876543210";
const OTHER_ACCOUNT = "ffffffffffffffffffffffffffffffff";
const APPLICATION_ID = "1d7c1c8e-3f3a-4c55-9b1e-2f8d6a4b7e10";
const POLICY_ID = "2d7c1c8e-3f3a-4c55-9b1e-2f8d6a4b7e10";
/** The `where` of every message about the application `Wiki` made through protectApplication. */
const WIKI_WHERE = 'ProtectedApplication "test/Okta/Applications/Wiki"';



/** The Terraform reference to the Okta IdP's id, as allowed_idps and the okta rules name it. */
function idpRef(okta: OktaAccessIdentityProvider): string {
  return `\${cloudflare_zero_trust_access_identity_provider.${okta.identityProvider.friendlyUniqueId}.id}`;
}

/** The synthesized application and policy of one ProtectedApplication, by its resources' own addresses. */
function resources(json: any, app: ProtectedApplication) {
  return {
    application: json.resource.cloudflare_zero_trust_access_application[app.application.friendlyUniqueId],
    policy: json.resource.cloudflare_zero_trust_access_policy[app.policy.friendlyUniqueId],
  };
}

/** The message of what `make` throws, failing when it does not throw. */
function thrown(make: () => unknown): Error {
  try {
    make();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected an error, none was thrown");
}

/** Warnings attached to this construct itself (not to its children or parents). */
function ownWarnings(construct: Construct): string[] {
  return construct.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => String(m.data));
}

describe("ProtectedApplication: the synthesized application and policy, whole", () => {
  test("defaults: name = id, 24h on the application and on the policy, auto-redirect, the IdP's account, precedence 1", () => {
    const { json, okta, wiki } = protect();
    const policyRef = `\${cloudflare_zero_trust_access_policy.${wiki.policy.friendlyUniqueId}.id}`;
    expect(resources(json, wiki)).toEqual({
      application: {
        account_id: ACCOUNT_ID,
        type: "self_hosted",
        name: "Wiki",
        domain: "wiki.example.com",
        session_duration: "24h",
        allowed_idps: [idpRef(okta)],
        auto_redirect_to_identity: true,
        policies: [{ id: policyRef, precedence: 1 }],
      },
      policy: {
        account_id: ACCOUNT_ID,
        name: "Wiki: allow Okta groups",
        decision: "allow",
        include: [{ okta: { name: "Engineering", identity_provider_id: idpRef(okta) } }],
        session_duration: "24h",
      },
    });
    // Exactly these two Cloudflare resources are added, nothing else.
    expect(Object.keys(json.resource.cloudflare_zero_trust_access_application)).toEqual([wiki.application.friendlyUniqueId]);
    expect(Object.keys(json.resource.cloudflare_zero_trust_access_policy)).toEqual([wiki.policy.friendlyUniqueId]);
    expect(json.import).toBeUndefined();
  });

  test("every option set: each reaches its field, the policy session is policySessionDuration", () => {
    const { json, okta, wiki } = protect({
      name: "Team wiki",
      domain: "example.com/wiki/*",
      allowedOktaGroups: ["Engineering", "Docs", "SRE"],
      sessionDuration: "8h",
      policySessionDuration: "1h30m",
      autoRedirect: false,
      accountId: ACCOUNT_ID,
    });
    const idpId = idpRef(okta);
    expect(resources(json, wiki)).toEqual({
      application: {
        account_id: ACCOUNT_ID,
        type: "self_hosted",
        name: "Team wiki",
        domain: "example.com/wiki/*",
        session_duration: "8h",
        allowed_idps: [idpId],
        auto_redirect_to_identity: false,
        policies: [{ id: `\${cloudflare_zero_trust_access_policy.${wiki.policy.friendlyUniqueId}.id}`, precedence: 1 }],
      },
      policy: {
        account_id: ACCOUNT_ID,
        name: "Team wiki: allow Okta groups",
        decision: "allow",
        // One rule per group, in the order given: any of them lets a user in.
        include: [
          { okta: { name: "Engineering", identity_provider_id: idpId } },
          { okta: { name: "Docs", identity_provider_id: idpId } },
          { okta: { name: "SRE", identity_provider_id: idpId } },
        ],
        session_duration: "1h30m",
      },
    });
  });

  test("autoRedirect true is kept true (not only the default)", () => {
    const { json, wiki } = protect({ autoRedirect: true });
    expect(resources(json, wiki).application.auto_redirect_to_identity).toBe(true);
  });

  test.each([
    // [sessionDuration, policySessionDuration, application's, policy's]
    [undefined, undefined, "24h", "24h"],
    ["8h", undefined, "8h", "8h"],
    [undefined, "12h", "24h", "12h"],
    ["30m", "10m", "30m", "10m"],
    ["2h", "120m", "2h", "120m"],
  ])("sessionDuration %p, policySessionDuration %p: application %s, policy %s (the policy always carries one)", (sessionDuration, policySessionDuration, app, policy) => {
    const { json, wiki } = protect({ sessionDuration, policySessionDuration });
    const r = resources(json, wiki);
    expect([r.application.session_duration, r.policy.session_duration]).toEqual([app, policy]);
  });

  test("a zone-scoped IdP: the application in the IdP's zone, the policy in the given account", () => {
    const { json, okta, wiki } = protect({ accountId: OTHER_ACCOUNT }, { accountId: undefined, zoneId: ZONE_ID });
    expect(resources(json, wiki)).toEqual({
      application: {
        zone_id: ZONE_ID,
        type: "self_hosted",
        name: "Wiki",
        domain: "wiki.example.com",
        session_duration: "24h",
        allowed_idps: [idpRef(okta)],
        auto_redirect_to_identity: true,
        policies: [{ id: `\${cloudflare_zero_trust_access_policy.${wiki.policy.friendlyUniqueId}.id}`, precedence: 1 }],
      },
      policy: {
        account_id: OTHER_ACCOUNT,
        name: "Wiki: allow Okta groups",
        decision: "allow",
        include: [{ okta: { name: "Engineering", identity_provider_id: idpRef(okta) } }],
        session_duration: "24h",
      },
    });
  });

  test("the IdP's Cloudflare provider is used by both resources", () => {
    const stack = newStack();
    const cf = new CloudflareProvider(stack, "cloudflare-b", { alias: "b" });
    const okta = new OktaAccessIdentityProvider(stack, "Okta", { ...BASE_PROPS, cloudflareProvider: cf });
    const wiki = okta.protectApplication("Wiki", WIKI);
    const r = resources(synth(stack), wiki);
    expect([r.application.provider, r.policy.provider]).toEqual(["cloudflare.b", "cloudflare.b"]);
  });

  test("without a provider of the IdP's own, neither resource names one (the default provider)", () => {
    const { json, wiki } = protect();
    const r = resources(json, wiki);
    expect(r.application).not.toHaveProperty("provider");
    expect(r.policy).not.toHaveProperty("provider");
  });

  test("a list token of groups becomes one for expression naming the IdP", () => {
    const { stack, okta } = idp();
    const groups = new TerraformVariable(stack, "groups", { type: "list(string)" });
    const wiki = okta.protectApplication("Wiki", { ...WIKI, allowedOktaGroups: groups.listValue });
    new TerraformOutput(stack, "groups_out", { value: wiki.allowedOktaGroups });
    const json = synth(stack);
    const policy = resources(json, wiki).policy;
    expect(policy.include).toBe(
      `\${[ for key, val in toset(var.groups): { okta = { name = val, identity_provider_id = cloudflare_zero_trust_access_identity_provider.${okta.identityProvider.friendlyUniqueId}.id } }]}`,
    );
    expect(json.output.groups_out.value).toBe("${var.groups}");
  });

  test("tokens for domain, name and both sessions reach the resources as references", () => {
    const { stack, okta } = idp();
    const v = (name: string, type: string) => new TerraformVariable(stack, name, { type });
    const wiki = okta.protectApplication("Wiki", {
      ...WIKI,
      domain: v("domain", "string").stringValue,
      name: v("name", "string").stringValue,
      sessionDuration: v("session", "string").stringValue,
      policySessionDuration: v("policy_session", "string").stringValue,
    });
    const r = resources(synth(stack), wiki);
    expect(r.application).toEqual(
      expect.objectContaining({ domain: "${var.domain}", name: "${var.name}", session_duration: "${var.session}" }),
    );
    expect(r.policy).toEqual(expect.objectContaining({ name: "${var.name}: allow Okta groups", session_duration: "${var.policy_session}" }));
    expect(warnings(stack)).toEqual([]);
  });
});

describe("ProtectedApplication: the public attributes", () => {
  test("application, policy, aud, domain and allowedOktaGroups", () => {
    const groups = ["Engineering", "Docs"];
    const { stack, okta } = idp();
    const wiki = okta.protectApplication("Wiki", { domain: "*.example.com", allowedOktaGroups: groups });
    new TerraformOutput(stack, "wiki_aud", { value: wiki.aud });
    const json = synth(stack);
    expect(wiki.application.terraformResourceType).toBe("cloudflare_zero_trust_access_application");
    expect(wiki.policy.terraformResourceType).toBe("cloudflare_zero_trust_access_policy");
    expect(json.resource.cloudflare_zero_trust_access_application[wiki.application.friendlyUniqueId]).toBeDefined();
    expect(json.resource.cloudflare_zero_trust_access_policy[wiki.policy.friendlyUniqueId]).toBeDefined();
    expect(json.output.wiki_aud.value).toBe(`\${cloudflare_zero_trust_access_application.${wiki.application.friendlyUniqueId}.aud}`);
    expect(wiki.domain).toBe("*.example.com");
    expect(wiki.allowedOktaGroups).toEqual(["Engineering", "Docs"]);
  });

  test("construct paths: <scope>/<id>/Application and <scope>/<id>/Policy", () => {
    const { okta, stack } = idp();
    const wiki = okta.protectApplication("Wiki", WIKI);
    const direct = new ProtectedApplication(stack, "Direct", { ...WIKI, identityProvider: okta });
    expect([wiki.node.path, wiki.application.node.path, wiki.policy.node.path]).toEqual([
      "test/Okta/Applications/Wiki",
      "test/Okta/Applications/Wiki/Application",
      "test/Okta/Applications/Wiki/Policy",
    ]);
    expect([direct.node.path, direct.application.node.path, direct.policy.node.path]).toEqual(["test/Direct", "test/Direct/Application", "test/Direct/Policy"]);
    expect(direct.node.id).toBe("Direct");
  });

  test("created directly, it builds the same resources as protectApplication, named after its own id", () => {
    const { stack, okta } = idp();
    const direct = new ProtectedApplication(stack, "Direct", { ...WIKI, identityProvider: okta, sessionDuration: "2h" });
    const r = resources(synth(stack), direct);
    expect(r.application).toEqual(expect.objectContaining({ name: "Direct", session_duration: "2h", allowed_idps: [idpRef(okta)] }));
    expect(r.policy).toEqual(expect.objectContaining({ name: "Direct: allow Okta groups", session_duration: "2h" }));
  });
});

describe("ProtectedApplication: adopt (import blocks)", () => {
  const ADOPT = { applicationId: APPLICATION_ID, policyId: POLICY_ID };

  test("account scope: the policy as <account>/<id>, the application as accounts/<account>/<id>", () => {
    const { json, wiki } = protect({ adopt: ADOPT });
    expect(json.import).toEqual([
      { to: `cloudflare_zero_trust_access_policy.${wiki.policy.friendlyUniqueId}`, id: `${ACCOUNT_ID}/${POLICY_ID}` },
      { to: `cloudflare_zero_trust_access_application.${wiki.application.friendlyUniqueId}`, id: `accounts/${ACCOUNT_ID}/${APPLICATION_ID}` },
    ]);
  });

  test("zone scope: the policy in accountId's account, the application as zones/<zone>/<id>", () => {
    const { json, wiki } = protect({ adopt: ADOPT, accountId: OTHER_ACCOUNT }, { accountId: undefined, zoneId: ZONE_ID });
    expect(json.import).toEqual([
      { to: `cloudflare_zero_trust_access_policy.${wiki.policy.friendlyUniqueId}`, id: `${OTHER_ACCOUNT}/${POLICY_ID}` },
      { to: `cloudflare_zero_trust_access_application.${wiki.application.friendlyUniqueId}`, id: `zones/${ZONE_ID}/${APPLICATION_ID}` },
    ]);
  });

  test("the import blocks go through the IdP's Cloudflare provider", () => {
    const stack = newStack();
    const cf = new CloudflareProvider(stack, "cloudflare-b", { alias: "b" });
    const okta = new OktaAccessIdentityProvider(stack, "Okta", { ...BASE_PROPS, cloudflareProvider: cf });
    okta.protectApplication("Wiki", { ...WIKI, adopt: ADOPT });
    const json = synth(stack);
    expect(json.import.map((i: { provider?: string }) => i.provider)).toEqual(["cloudflare.b", "cloudflare.b"]);
  });

  test("adopting changes no resource: the configuration is the same as without adopt", () => {
    const plain = protect();
    const adopted = protect({ adopt: ADOPT });
    expect(resources(adopted.json, adopted.wiki)).toEqual(resources(plain.json, plain.wiki));
  });

  test("adopt: undefined is no adoption", () => {
    expect(protect({ adopt: undefined }).json.import).toBeUndefined();
  });

  test("token ids pass through into the import blocks", () => {
    const { stack, okta } = idp();
    const app = new TerraformVariable(stack, "app", { type: "string" });
    const policy = new TerraformVariable(stack, "policy", { type: "string" });
    const wiki = okta.protectApplication("Wiki", { ...WIKI, adopt: { applicationId: app.stringValue, policyId: policy.stringValue } });
    expect(synth(stack).import).toEqual([
      { to: `cloudflare_zero_trust_access_policy.${wiki.policy.friendlyUniqueId}`, id: `${ACCOUNT_ID}/\${var.policy}` },
      { to: `cloudflare_zero_trust_access_application.${wiki.application.friendlyUniqueId}`, id: `accounts/${ACCOUNT_ID}/\${var.app}` },
    ]);
  });
});

describe("ProtectedApplication: the account of the allow policy", () => {
  test("omitted: the IdP's account", () => {
    const { json, wiki } = protect();
    expect(resources(json, wiki).policy.account_id).toBe(ACCOUNT_ID);
  });

  test("equal to the IdP's account: accepted", () => {
    const { json, wiki } = protect({ accountId: ACCOUNT_ID });
    expect(resources(json, wiki).policy.account_id).toBe(ACCOUNT_ID);
  });

  test("a token with an account-scoped IdP: the IdP's account (the policy must live there)", () => {
    const { stack, okta } = idp();
    const account = new TerraformVariable(stack, "account", { type: "string" });
    const wiki = okta.protectApplication("Wiki", { ...WIKI, accountId: account.stringValue });
    expect(resources(synth(stack), wiki).policy.account_id).toBe(ACCOUNT_ID);
  });

  test("an IdP whose account is a token: a literal accountId cannot be compared and the IdP's account is used", () => {
    const { stack } = idp();
    const account = new TerraformVariable(stack, "idp_account", { type: "string" });
    const okta = new OktaAccessIdentityProvider(stack, "Okta2", { ...BASE_PROPS, name: "Okta 2", accountId: account.stringValue });
    const wiki = okta.protectApplication("Wiki", { ...WIKI, accountId: OTHER_ACCOUNT });
    const r = resources(synth(stack), wiki);
    expect([r.application.account_id, r.policy.account_id]).toEqual(["${var.idp_account}", "${var.idp_account}"]);
  });

  test("a zone-scoped IdP with a token account: the token", () => {
    const { stack, okta } = idp({ accountId: undefined, zoneId: ZONE_ID });
    const account = new TerraformVariable(stack, "account", { type: "string" });
    const wiki = okta.protectApplication("Wiki", { ...WIKI, accountId: account.stringValue });
    expect(resources(synth(stack), wiki).policy.account_id).toBe("${var.account}");
  });
});

describe("ProtectedApplication: errors, exact text", () => {
  const make = (options: Partial<ProtectApplicationOptions>, props: Partial<OktaAccessIdentityProviderProps> = {}) => () =>
    idp(props).okta.protectApplication("Wiki", { ...WIKI, ...options });
  const DOMAIN = 'a host name with an optional path and no scheme, port, query or fragment, such as "wiki.example.com", "example.com/wiki" or "*.example.com"';
  const DURATION = 'a positive duration in Cloudflare\'s format: numbers with units h, m, s, ms, us (µs) or ns, such as "30m", "24h" or "1h30m"';

  test.each<[string, Partial<ProtectApplicationOptions>, string]>([
    ["domain omitted", { domain: undefined }, 'domain must be a host name such as "wiki.example.com"; received undefined'],
    ["domain with a scheme", { domain: "https://wiki.example.com/a" }, `domain must be ${DOMAIN} (drop the scheme: use "wiki.example.com/a"); received "https://wiki.example.com/a"`],
    ["domain with a port", { domain: "wiki.example.com:8443" }, `domain must be ${DOMAIN}; received "wiki.example.com:8443"`],
    ["groups omitted", { allowedOktaGroups: undefined }, "allowedOktaGroups must be a non-empty list of Okta group names; received undefined"],
    ["groups null", { allowedOktaGroups: null as any }, "allowedOktaGroups must be a non-empty list of Okta group names; received null"],
    ["groups empty", { allowedOktaGroups: [] }, "allowedOktaGroups must be a non-empty list of Okta group names; received []"],
    ["a blank group", { allowedOktaGroups: ["SRE", " "] }, 'allowedOktaGroups[1] must be a non-empty Okta group name; received " "'],
    ["a duplicate group", { allowedOktaGroups: ["SRE", "SRE"] }, 'allowedOktaGroups must be a list without duplicates; received ["SRE","SRE"]'],
    ["an empty name", { name: "" }, 'name must be a non-empty string; received ""'],
    ["a string autoRedirect", { autoRedirect: "true" as any }, 'autoRedirect must be true or false; received "true"'],
    ["a null sessionDuration", { sessionDuration: null as any }, 'sessionDuration must be a duration such as "8h"; omit it for 24h; received null'],
    ["a null policySessionDuration", { policySessionDuration: null as any }, 'policySessionDuration must be a duration such as "8h"; omit it for sessionDuration; received null'],
    ["a day sessionDuration", { sessionDuration: "1d" }, `sessionDuration must be ${DURATION}; received "1d"`],
    ["a bare-number policySessionDuration", { policySessionDuration: "24" }, `policySessionDuration must be ${DURATION}; received "24"`],
    ["a zero policySessionDuration", { policySessionDuration: "0s" }, `policySessionDuration must be ${DURATION}; received "0s"`],
    [
      "a policySessionDuration Go cannot hold",
      { policySessionDuration: "2562048h" },
      "policySessionDuration must be a duration Go (and so Cloudflare and its Terraform provider) can represent, at most 2562047h (about 292 years); Cloudflare's longest session is a month, 730h; received \"2562048h\"",
    ],
    ["an empty accountId", { accountId: "" }, 'accountId must be a non-empty string; received ""'],
    [
      "another account than the IdP's",
      { accountId: OTHER_ACCOUNT },
      `accountId must be omitted or equal to the identity provider's account "${ACCOUNT_ID}", because the policy must live in the identity provider's account; received "${OTHER_ACCOUNT}"`,
    ],
    ["adopt not an object", { adopt: "yes" as any }, 'adopt must be an object with applicationId and policyId; received "yes"'],
    [
      "adopt with an unknown key",
      { adopt: { applicationId: APPLICATION_ID, policyId: POLICY_ID, groupId: "x" } as any },
      'adopt must be an object with only the keys applicationId, policyId; unknown: "groupId"; received {"groupId": <a string>}',
    ],
    [
      "a bad adopt.applicationId",
      { adopt: { applicationId: "nope", policyId: POLICY_ID } },
      'adopt.applicationId must be the id of an existing Access application, a UUID such as "0d7c1c8e-3f3a-4c55-9b1e-2f8d6a4b7e10"; received "nope"',
    ],
    [
      "a prefixed adopt.policyId",
      { adopt: { applicationId: APPLICATION_ID, policyId: `accounts/${ACCOUNT_ID}/${POLICY_ID}` } },
      `adopt.policyId must be the id of an existing Access policy, a UUID such as "0d7c1c8e-3f3a-4c55-9b1e-2f8d6a4b7e10" without the accounts/<id>/ or zones/<id>/ prefix (the construct adds it); received "accounts/${ACCOUNT_ID}/${POLICY_ID}"`,
    ],
  ])("%s", (_, options, message) => {
    const error = thrown(make(options));
    expect(error).not.toBeInstanceOf(TypeError);
    expect(error.message).toBe(`${WIKI_WHERE}: ${message}`);
  });

  test("a zone-scoped IdP without accountId", () => {
    expect(thrown(make({}, { accountId: undefined, zoneId: ZONE_ID })).message).toBe(
      `${WIKI_WHERE}: accountId must be the Cloudflare account id for the allow policy, because the identity provider is zone-scoped (zoneId "${ZONE_ID}") and Access policies always belong to an account; received undefined`,
    );
  });

  describe("created directly", () => {
    const direct = (props: any, id: any = "Direct", scope?: any) => () => {
      const { stack, okta } = idp();
      return new ProtectedApplication(scope ?? stack, id, typeof props === "function" ? props(okta) : props);
    };

    test.each<[string, any, string]>([
      ["props omitted", undefined, 'ProtectedApplication "test/Direct": props must be an object with identityProvider, domain and allowedOktaGroups; received undefined'],
      ["props a list", [], 'ProtectedApplication "test/Direct": props must be an object with identityProvider, domain and allowedOktaGroups; received []'],
      ["no identityProvider", { ...WIKI }, 'ProtectedApplication "test/Direct": identityProvider must be an OktaAccessIdentityProvider (an IOktaAccessIdentityProvider); received undefined'],
      [
        "a plain object as identityProvider",
        { ...WIKI, identityProvider: { identityProviderId: "x" } },
        'ProtectedApplication "test/Direct": identityProvider must be an OktaAccessIdentityProvider (an IOktaAccessIdentityProvider); received {"identityProviderId":"x"}',
      ],
      [
        "a misspelt key",
        (okta: OktaAccessIdentityProvider) => ({ ...WIKI, identityProvider: okta, sessionDuraton: "8h" }),
        'ProtectedApplication "test/Direct": props must be an object with only the keys identityProvider, domain, allowedOktaGroups, name, sessionDuration, policySessionDuration, autoRedirect, accountId, adopt; unknown: "sessionDuraton" (did you mean "sessionDuration"?); received {"sessionDuraton": <a string>}',
      ],
    ])("%s", (_, props, message) => {
      const error = thrown(direct(props));
      expect(error).not.toBeInstanceOf(TypeError);
      expect(error.message).toBe(message);
    });

    test("a construct that is not an identity provider (no identityProviderId)", () => {
      const error = thrown(direct((okta: OktaAccessIdentityProvider) => ({ ...WIKI, identityProvider: okta.node.scope })));
      expect(error).not.toBeInstanceOf(TypeError);
      expect(error.message).toMatch(/^ProtectedApplication "test\/Direct": identityProvider must be an OktaAccessIdentityProvider \(an IOktaAccessIdentityProvider\); received /);
    });

    test("a scope that is not a construct", () => {
      expect(thrown(direct((okta: OktaAccessIdentityProvider) => ({ ...WIKI, identityProvider: okta }), "Direct", { node: {} })).message).toBe(
        'ProtectedApplication "Direct": scope must be a construct (a TerraformStack or a construct inside one); received {"node":{}}',
      );
    });

    test.each([
      ["", '""'],
      ["  ", '"  "'],
    ])("the id %p", (id, shown) => {
      expect(thrown(direct((okta: OktaAccessIdentityProvider) => ({ ...WIKI, identityProvider: okta }), id)).message).toBe(
        `ProtectedApplication "test/${id}": id must be a non-empty string, such as "Okta" (it is part of the Terraform addresses); received ${shown}`,
      );
    });

    test("a domain error names the construct's own path", () => {
      expect(thrown(direct((okta: OktaAccessIdentityProvider) => ({ identityProvider: okta, allowedOktaGroups: ["SRE"] }))).message).toBe(
        'ProtectedApplication "test/Direct": domain must be a host name such as "wiki.example.com"; received undefined',
      );
    });
  });
});

describe("ProtectedApplication: warnings, exact text, on the ProtectedApplication itself", () => {
  const LONG = (property: string, value: string) =>
    `${WIKI_WHERE}: ${property} "${value}" is longer than a week (168h): a user removed from the Okta groups, or deactivated in Okta, keeps access that long unless SCIM deprovisioning revokes the session. Prefer 24h or less.`;
  const LONGER_THAN_APP = (policy: string, app: string) =>
    `${WIKI_WHERE}: policySessionDuration "${policy}" is longer than the application's sessionDuration "${app}". Cloudflare uses the policy's session, so users stay signed in "${policy}", not "${app}". Omit policySessionDuration (it then equals sessionDuration) or shorten it.`;
  const OVER_A_MONTH = (property: string, value: string) =>
    `${WIKI_WHERE}: ${property} "${value}" is longer than the longest session Cloudflare Access offers, one month (730h); Cloudflare may refuse or cap it. Use 730h or less (24h or less is a good default).`;
  const UNDER_A_NANOSECOND = (property: string, value: string) =>
    `${WIKI_WHERE}: ${property} "${value}" is shorter than a nanosecond: Cloudflare reads it as 0, an immediate timeout, so every request needs a new sign-in. Use a duration such as "30m".`;

  function warned(options: Partial<ProtectApplicationOptions>, props: Partial<OktaAccessIdentityProviderProps> = {}) {
    const { stack, wiki } = protect(options, props);
    const all = warnings(stack);
    // Every warning is attached to the ProtectedApplication, once.
    expect(ownWarnings(wiki)).toEqual(all);
    return all;
  }

  test.each<[string, Partial<ProtectApplicationOptions>, string[]]>([
    ["the defaults", {}, []],
    ["a week exactly", { sessionDuration: "168h" }, []],
    ["a shorter policy session", { sessionDuration: "8h", policySessionDuration: "1h" }, []],
    ["an equal policy session in other units", { sessionDuration: "8h", policySessionDuration: "480m" }, []],
    ["a long application session with a short policy session", { sessionDuration: "720h", policySessionDuration: "8h" }, []],
    ["a session just over a week", { sessionDuration: "169h" }, [LONG("sessionDuration", "169h")]],
    ["a policy session over a week (default application session)", { policySessionDuration: "200h" }, [LONG("policySessionDuration", "200h"), LONGER_THAN_APP("200h", "24h")]],
    ["a policy session longer than the application's", { sessionDuration: "8h", policySessionDuration: "9h" }, [LONGER_THAN_APP("9h", "8h")]],
    ["a policy session a nanosecond longer", { sessionDuration: "1h", policySessionDuration: "1h1ns" }, [LONGER_THAN_APP("1h1ns", "1h")]],
    ["a session over a month", { sessionDuration: "731h" }, [OVER_A_MONTH("sessionDuration", "731h"), LONG("sessionDuration", "731h")]],
    [
      "a policy session over a month, with an application session over a week",
      { sessionDuration: "200h", policySessionDuration: "800h" },
      [OVER_A_MONTH("policySessionDuration", "800h"), LONG("policySessionDuration", "800h"), LONGER_THAN_APP("800h", "200h")],
    ],
    ["a sub-nanosecond session", { sessionDuration: "0.5ns" }, [UNDER_A_NANOSECOND("sessionDuration", "0.5ns")]],
    ["a sub-nanosecond policy session", { policySessionDuration: "0.1ns" }, [UNDER_A_NANOSECOND("policySessionDuration", "0.1ns")]],
  ])("%s", (_, options, expected) => {
    expect(warned(options)).toEqual(expected);
  });

  test("a token session cannot be compared and warns about nothing", () => {
    const { stack, okta } = idp();
    const session = new TerraformVariable(stack, "session", { type: "string" });
    const wiki = okta.protectApplication("Wiki", { ...WIKI, sessionDuration: session.stringValue, policySessionDuration: "800h" });
    expect(warnings(stack)).toEqual([OVER_A_MONTH("policySessionDuration", "800h"), LONG("policySessionDuration", "800h")]);
    expect(ownWarnings(wiki)).toHaveLength(2);
  });

  test("groups the groups claim never sends: one", () => {
    expect(warned({ allowedOktaGroups: ["Engineering", "app-wiki"] }, { groupsClaim: GroupsClaim.matchingRegex("^app-.*") })).toEqual([
      `${WIKI_WHERE}: allowedOktaGroups ["Engineering"] is not sent by the identity provider's groups claim (groups matching regex ^app-.*), so this rule never matches. Widen groupsClaim (e.g. GroupsClaim.ALL) or fix the group names.`,
    ]);
  });

  test("groups the groups claim never sends: several", () => {
    expect(warned({ allowedOktaGroups: ["Engineering", "SRE"] }, { groupsClaim: GroupsClaim.startingWith("app-") })).toEqual([
      `${WIKI_WHERE}: allowedOktaGroups ["Engineering","SRE"] are not sent by the identity provider's groups claim (groups starting with "app-"), so these rules never match. Widen groupsClaim (e.g. GroupsClaim.ALL) or fix the group names.`,
    ]);
  });

  test("the Everyone group, in any case", () => {
    expect(warned({ allowedOktaGroups: ["SRE", "everyone"] })).toEqual([
      `${WIKI_WHERE}: allowedOktaGroups includes Okta's "Everyone" group: every user who can sign in to the Okta app (by default the whole Okta org) matches. Name the groups that need access instead.`,
    ]);
  });

  test("session and group warnings together, sessions first", () => {
    expect(warned({ sessionDuration: "169h", allowedOktaGroups: ["Everyone"] })).toEqual([
      LONG("sessionDuration", "169h"),
      `${WIKI_WHERE}: allowedOktaGroups includes Okta's "Everyone" group: every user who can sign in to the Okta app (by default the whole Okta org) matches. Name the groups that need access instead.`,
    ]);
  });

  test("created directly, the warning names the construct's own path", () => {
    const { stack, okta } = idp();
    const direct = new ProtectedApplication(stack, "Direct", { ...WIKI, identityProvider: okta, sessionDuration: "169h" });
    expect(ownWarnings(direct)).toEqual([
      'ProtectedApplication "test/Direct": sessionDuration "169h" is longer than a week (168h): a user removed from the Okta groups, or deactivated in Okta, keeps access that long unless SCIM deprovisioning revokes the session. Prefer 24h or less.',
    ]);
  });
});
