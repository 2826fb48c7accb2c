/** Issue 10, item 4: wrong-but-valid settings get a warning that says what to do. */
import { CloudflareProvider } from "../src/providers/cloudflare/provider";
import { OktaProvider } from "../src/providers/okta/provider";
import { TerraformStack, TerraformVariable, Testing } from "cdktf";
import { GroupsClaim, OktaAccessIdentityProvider, OktaAccessIdentityProviderProps, OktaOrg } from "../src";
import { BASE_PROPS, newStack, only, synth, warnings } from "./helpers";

function warned(props: Partial<OktaAccessIdentityProviderProps>, stack = newStack()): string[] {
  new OktaAccessIdentityProvider(stack, "Okta", { ...BASE_PROPS, ...props });
  return warnings(stack);
}

describe("team domain", () => {
  test("a full host that is not <team>.cloudflareaccess.com warns, naming the redirect URI that cannot work", () => {
    expect(warned({ teamDomain: "example.com" })).toEqual([
      'OktaAccessIdentityProvider "test/Okta": teamDomain "example.com" is not a Cloudflare team domain (<team>.cloudflareaccess.com), so Okta would redirect to https://example.com/cdn-cgi/access/callback, where Access does not answer. Use your team domain as Zero Trust > Settings shows it, or just the team name (e.g. "example").',
    ]);
  });

  test.each(["example", "example.cloudflareaccess.com", "Example.CloudflareAccess.com"])("%s does not warn", (teamDomain) => {
    expect(warned({ teamDomain })).toEqual([]);
  });

  test("a look-alike suffix warns", () => {
    expect(warned({ teamDomain: "example.cloudflareaccess.com.evil.net" })).toEqual([expect.stringMatching(/is not a Cloudflare team domain/)]);
  });
});

describe("Okta org URL", () => {
  test.each([
    ["https://192.168.1.10", /names an IP address/],
    ["https://localhost", /is localhost, which Cloudflare's servers cannot reach/],
    ["https://dev-123456.okta.com:8443", /has a port \(8443\); Okta orgs answer on 443 only. Drop the port./],
  ])("%s warns", (oktaOrgUrl, message) => {
    const stack = new TerraformStack(Testing.app(), "test");
    new CloudflareProvider(stack, "cloudflare", {});
    expect(warned({ oktaOrgUrl }, stack)).toEqual([expect.stringMatching(message)]);
  });

  test("a custom Okta domain does not warn", () => {
    const stack = new TerraformStack(Testing.app(), "test");
    const org = OktaOrg.fromUrl("https://login.example.com");
    new OktaProvider(stack, "okta", { orgName: org.orgName, baseUrl: org.baseUrl });
    expect(warned({ oktaOrgUrl: org.url }, stack)).toEqual([]);
  });
});

describe("Okta provider org against oktaOrgUrl", () => {
  test("an explicit provider of another org warns, naming both", () => {
    const stack = newStack();
    const other = new OktaProvider(stack, "other", { alias: "other", orgName: "dev-999", baseUrl: "okta.com" });
    expect(warned({ oktaProvider: other }, stack)).toEqual([
      'OktaAccessIdentityProvider "test/Okta": the Okta provider test/other manages org "dev-999.okta.com" (orgName "dev-999", baseUrl "okta.com"), but oktaOrgUrl is "https://dev-123456.okta.com": the Okta app would be created in one org while Cloudflare signs users in against the other. Derive both from one value with OktaOrg.fromUrl(oktaOrgUrl).',
    ]);
  });

  test("the stack's default provider is checked at synth, even when declared after the construct", () => {
    const stack = new TerraformStack(Testing.app(), "test");
    new OktaAccessIdentityProvider(stack, "Okta", BASE_PROPS);
    new OktaProvider(stack, "okta", { orgName: "dev-999" }); // baseUrl defaults to okta.com
    expect(warnings(stack)).toEqual([expect.stringMatching(/the Okta provider test\/okta manages org "dev-999.okta.com"/)]);
  });

  test("a matching provider, one without a literal org, or one on http_proxy does not warn", () => {
    const stack = newStack();
    const v = new TerraformVariable(stack, "org", { type: "string" });
    const a = new OktaProvider(stack, "a", { alias: "a", orgName: v.stringValue, baseUrl: "okta.com" });
    const b = new OktaProvider(stack, "b", { alias: "b", httpProxy: "http://127.0.0.1:1234" });
    const c = new OktaProvider(stack, "c", { alias: "c", orgName: "DEV-123456", baseUrl: "okta.com" });
    new OktaAccessIdentityProvider(stack, "A", { ...BASE_PROPS, oktaProvider: a });
    new OktaAccessIdentityProvider(stack, "B", { ...BASE_PROPS, oktaProvider: b });
    new OktaAccessIdentityProvider(stack, "C", { ...BASE_PROPS, oktaProvider: c });
    expect(warnings(stack)).toEqual([]);
  });
});

describe("claim names", () => {
  test.each(["email", "sub", "name", "SUB", "aud"])("a groups claim named %s warns that it shadows a standard claim", (claimName) => {
    expect(warned({ groupsClaim: GroupsClaim.matchingRegex(".*", claimName) })).toEqual([
      expect.stringMatching(new RegExp(`groupsClaim's claimName "${claimName}" is a standard OpenID Connect / JWT claim.*Name it "groups" \\(the default\\)\\.$`)),
    ]);
  });

  test.each([
    ["a space", "given name", 'claims[0] "given\\u{20}name"'],
    ["a zero-width space", "email\u200b", 'claims[0] "email\\u{200B}"'],
    ["a non-ASCII letter", "grüppe", 'claims[0] "gr\\u{FC}ppe"'],
  ])("a claim with %s warns, showing the invisible character", (_, claim, shown) => {
    expect(warned({ claims: [claim] })).toEqual([expect.stringContaining(`${shown} is not a plain claim name`)]);
  });

  test("an emailClaimName with a tab warns", () => {
    expect(warned({ emailClaimName: "e\tmail" })).toEqual([expect.stringContaining('emailClaimName "e\\u{9}mail" is not a plain claim name')]);
  });

  test.each(["email", "https://example.com/claims/groups", "okta:groups", "x-y_z.1"])("the plain claim %s does not warn", (claim) => {
    expect(warned({ claims: [claim] })).toEqual([]);
  });
});

describe("session durations Cloudflare does not offer", () => {
  const protect = (options: Record<string, string>) => {
    const stack = newStack();
    new OktaAccessIdentityProvider(stack, "Okta", BASE_PROPS).protectApplication("Wiki", { domain: "wiki.example.com", allowedOktaGroups: ["SRE"], ...options });
    return warnings(stack);
  };

  test("longer than a month (730h) warns", () => {
    expect(protect({ sessionDuration: "731h" })).toEqual([
      expect.stringMatching(/sessionDuration "731h" is longer than the longest session Cloudflare Access offers, one month \(730h\)/),
      expect.stringMatching(/sessionDuration "731h" is longer than a week/),
    ]);
  });

  test("under a nanosecond warns that it is an immediate timeout", () => {
    expect(protect({ sessionDuration: "0.0001ns" })).toEqual([expect.stringMatching(/sessionDuration "0.0001ns" is shorter than a nanosecond: Cloudflare reads it as 0, an immediate timeout/)]);
  });

  test("a policy session over a month warns about the policy", () => {
    expect(protect({ sessionDuration: "730h", policySessionDuration: "800h" })).toEqual(
      expect.arrayContaining([expect.stringMatching(/policySessionDuration "800h" is longer than the longest session/)]),
    );
  });

  test("730h exactly warns only about the week", () => {
    expect(protect({ sessionDuration: "730h" })).toEqual([expect.stringMatching(/longer than a week/)]);
  });
});

describe("the OAuth groups-claim warning", () => {
  test("a Cloudflare provider declared before the Okta one does not hide it", () => {
    const stack = new TerraformStack(Testing.app(), "test");
    new CloudflareProvider(stack, "cloudflare", {});
    new OktaProvider(stack, "okta", { orgName: "dev-123456", baseUrl: "okta.com", accessToken: "${var.token}" });
    new OktaAccessIdentityProvider(stack, "Okta", BASE_PROPS);
    expect(warnings(stack)).toEqual([expect.stringMatching(/the Okta provider test\/okta authenticates with OAuth 2\.0/)]);
  });

  test("an aliased OAuth provider that the construct does not use does not warn", () => {
    const stack = newStack();
    new OktaProvider(stack, "oauth", { alias: "oauth", orgName: "dev-123456", baseUrl: "okta.com", accessToken: "${var.token}" });
    new OktaAccessIdentityProvider(stack, "Okta", BASE_PROPS);
    expect(warnings(stack)).toEqual([]);
  });
});

describe("OktaOrg.fromUrl", () => {
  test.each([
    ["https://dev-123456.okta.com", "https://dev-123456.okta.com", "dev-123456", "okta.com"],
    ["https://ACME.okta-emea.com/", "https://acme.okta-emea.com", "acme", "okta-emea.com"],
    ["https://login.example.com", "https://login.example.com", "login", "example.com"],
    ["https://sso.login.example.co.uk", "https://sso.login.example.co.uk", "sso", "login.example.co.uk"],
  ])("%s gives orgName and baseUrl", (input, url, orgName, baseUrl) => {
    expect({ ...OktaOrg.fromUrl(input) }).toEqual({ url, orgName, baseUrl });
  });

  test("the provider it configures addresses the same org the construct uses: no warning, same host", () => {
    const stack = new TerraformStack(Testing.app(), "test");
    const org = OktaOrg.fromUrl("https://acme.okta-emea.com");
    new OktaProvider(stack, "okta", { orgName: org.orgName, baseUrl: org.baseUrl });
    new CloudflareProvider(stack, "cloudflare", {});
    new OktaAccessIdentityProvider(stack, "Okta", { ...BASE_PROPS, oktaOrgUrl: org.url });
    expect(warnings(stack)).toEqual([]);
    const json = synth(stack);
    expect(`https://${json.provider.okta[0].org_name}.${json.provider.okta[0].base_url}`).toBe(only(json, "cloudflare_zero_trust_access_identity_provider").config.okta_account);
  });

  test("a token gives Terraform expressions that split it at plan time", () => {
    const stack = newStack();
    const v = new TerraformVariable(stack, "org_url", { type: "string" });
    const org = OktaOrg.fromUrl(v.stringValue);
    new OktaProvider(stack, "tok", { alias: "tok", orgName: org.orgName, baseUrl: org.baseUrl });
    const provider = synth(stack).provider.okta.find((p: any) => p.alias === "tok");
    expect(provider.org_name).toBe('${replace(var.org_url, "/^https://([^./]+)[.]([^/:]+)/?$/", "$1")}');
    expect(provider.base_url).toBe('${replace(var.org_url, "/^https://([^./]+)[.]([^/:]+)/?$/", "$2")}');
  });

  test.each([
    ["http://dev-1.okta.com", /^OktaOrg.fromUrl: oktaOrgUrl must be an https:\/\/ URL/],
    ["https://dev-1-admin.okta.com", /^OktaOrg.fromUrl: oktaOrgUrl must be the Okta org URL, not the admin-console URL/],
    ["https://localhost", /^OktaOrg.fromUrl: oktaOrgUrl must be the URL of a host with a domain/],
    [undefined, /^OktaOrg.fromUrl: oktaOrgUrl must be an https:\/\/ URL .*; received undefined$/],
  ])("%s is refused", (input, message) => {
    expect(() => OktaOrg.fromUrl(input as any)).toThrow(message);
  });
});
