import { diffOutputs } from "../../src/review/diff";
import { groupsFilter } from "../../src/review/extract";
import { compareFilters, findWidenings } from "../../src/review/widening";
import { handWrittenIdp, index, quoted } from "./helpers";

const IDP_REF = "${cloudflare_zero_trust_access_identity_provider.okta.id}";
const okta = (name: string) => ({ okta: { name, identity_provider_id: IDP_REF } });

function withAccess(j: any, groups: string[], extra: (j: any) => void = () => undefined) {
  j.resource.cloudflare_zero_trust_access_policy = {
    wiki: { account_id: "a", name: "Wiki", decision: "allow", include: groups.map(okta), require: [{ email_domain: { domain: "acme.com" } }] },
  };
  j.resource.cloudflare_zero_trust_access_application = {
    wiki: { account_id: "a", name: "Wiki", domain: "wiki.acme.com", allowed_idps: [IDP_REF], policies: [{ id: "${cloudflare_zero_trust_access_policy.wiki.id}", precedence: 1 }] },
  };
  extra(j);
}

function widenings(base: (j: any) => void, head: (j: any) => void): string[] {
  const b = index(handWrittenIdp(base), "s");
  const h = index(handWrittenIdp(head), "s");
  const { pairs } = diffOutputs([b], [h]);
  return findWidenings(pairs[0].base, pairs[0].head, pairs[0].headToBase).map((w) => quoted(w.message));
}

describe("access widening", () => {
  test("nothing widens when nothing changes, or when access narrows", () => {
    expect(widenings((j) => withAccess(j, ["Eng", "SRE"]), (j) => withAccess(j, ["Eng", "SRE"]))).toEqual([]);
    expect(widenings((j) => withAccess(j, ["Eng", "SRE"]), (j) => withAccess(j, ["Eng"]))).toEqual([]);
  });

  test("a group added to a policy", () => {
    expect(widenings((j) => withAccess(j, ["Eng"]), (j) => withAccess(j, ["Eng", "Contractors"]))).toEqual([
      'policy "Wiki" now admits Okta group "Contractors" (added to include)',
    ]);
  });

  test("a require or exclude rule removed, a decision turned to bypass", () => {
    const found = widenings(
      (j) => withAccess(j, ["Eng"], (x) => (x.resource.cloudflare_zero_trust_access_policy.wiki.exclude = [{ geo: { country_code: "XX" } }])),
      (j) =>
        withAccess(j, ["Eng"], (x) => {
          const p = x.resource.cloudflare_zero_trust_access_policy.wiki;
          delete p.require;
          p.decision = "bypass";
        }),
    );
    expect(found).toEqual([
      'policy "Wiki" no longer requires email domain acme.com',
      'policy "Wiki" no longer excludes country XX',
      'policy "Wiki": decision "allow" → "bypass": anyone reaches the application without signing in',
    ]);
  });

  test("a policy added to an application, and allowed_idps removed", () => {
    const found = widenings(
      (j) => withAccess(j, ["Eng"]),
      (j) =>
        withAccess(j, ["Eng"], (x) => {
          x.resource.cloudflare_zero_trust_access_policy.all = { account_id: "a", name: "All", decision: "allow", include: [{ everyone: {} }] };
          const app = x.resource.cloudflare_zero_trust_access_application.wiki;
          app.policies.push({ id: "${cloudflare_zero_trust_access_policy.all.id}", precedence: 2 });
          delete app.allowed_idps;
        }),
    );
    expect(found).toEqual([
      'application "Wiki" gains policy "All" (allow: everyone)',
      'application "Wiki" now accepts every identity provider of the account (allowed_idps removed)',
    ]);
  });

  test("Everyone assigned to the Okta app, and an additive assignment added", () => {
    const found = widenings(
      (j) => (j.resource.okta_app_group_assignments.cloudflare.group = [{ id: "00g1eng" }]),
      (j) => {
        j.resource.okta_app_group_assignments.cloudflare.group.push({ id: "00g1eng" });
        j.resource.okta_group = { support: { name: "Support" } };
        j.resource.okta_app_group_assignment = { s: { app_id: "${okta_app_oauth.cloudflare.id}", group_id: "${okta_group.support.id}" } };
      },
    );
    expect(found).toEqual([
      'Okta app "Access" is now assigned to group "Support" (additive assignment)',
      expect.stringMatching(/^Okta app "Access" is now assigned to Everyone: every user of the Okta org can sign in through it/),
    ]);
  });

  test("the groups claim broadened", () => {
    const found = widenings(
      () => undefined,
      (j) => Object.assign(j.resource.okta_app_oauth.cloudflare.groups_claim[0], { filter_type: "REGEX", value: ".*" }),
    );
    expect(found).toEqual(['Okta app "Access": groups claim broadened, groups starting with "eng-" → all groups (regex .*)']);
  });

  test("renamed resources are compared with their base version, not seen as new access", () => {
    const found = widenings(
      (j) => withAccess(j, ["Eng"]),
      (j) =>
        withAccess(j, ["Eng"], (x) => {
          x.resource.cloudflare_zero_trust_access_identity_provider = { renamed: x.resource.cloudflare_zero_trust_access_identity_provider.okta };
          const text = JSON.stringify(x.resource).replace(/cloudflare_zero_trust_access_identity_provider\.okta\./g, "cloudflare_zero_trust_access_identity_provider.renamed.");
          x.resource = JSON.parse(text);
        }),
    );
    expect(found).toEqual([]);
  });

  test.each([
    ["STARTS_WITH", "eng-", "STARTS_WITH", "eng", "broader"],
    ["STARTS_WITH", "eng", "STARTS_WITH", "eng-", "narrower"],
    ["CONTAINS", "platform", "CONTAINS", "form", "broader"],
    ["EQUALS", "eng-all", "STARTS_WITH", "eng-", "broader"],
    ["EQUALS", "eng-all", "REGEX", "eng-.*", "broader"],
    ["EQUALS", "eng-all", "EQUALS", "sre-all", "changed"],
    ["REGEX", "^eng-.*", "REGEX", ".*", "broader"],
    ["REGEX", ".*", "REGEX", "^eng-.*", "narrower"],
    ["REGEX", "^eng-.*", "REGEX", "^sre-.*", "changed"],
    ["STARTS_WITH", "eng-", "STARTS_WITH", "eng-", "same"],
    // Okta compares literal filters case-insensitively, and regexes with java.util.regex.
    ["STARTS_WITH", "eng-", "STARTS_WITH", "ENG", "broader"],
    ["CONTAINS", "Platform", "CONTAINS", "FORM", "broader"],
    ["EQUALS", "Eng-All", "STARTS_WITH", "eng-", "broader"],
    ["EQUALS", "eng-all", "CONTAINS", "ALL", "broader"],
    ["STARTS_WITH", "Eng-", "CONTAINS", "ENG", "broader"],
    ["EQUALS", "eng-all", "REGEX", "\\Aeng-.*", "broader"],
    ["EQUALS", "eng-all", "REGEX", "(?i)ENG-.*", "broader"],
    ["EQUALS", "eng-all", "REGEX", "eng-.*+", "broader"],
    ["EQUALS", "eng-all", "REGEX", "(?>eng-all)", "broader"],
    ["EQUALS", "eng-all", "REGEX", "ENG-.*", "changed"],
    ["EQUALS", "eng-all", "REGEX", "[^]", "changed"],
  ])("%s %s → %s %s is %s", (fromType, fromValue, toType, toValue, expected) => {
    const f = (type: string, value: string) => groupsFilter("groups", "FILTER", type, value);
    expect(compareFilters(f(fromType, fromValue), f(toType, toValue)).result).toBe(expected);
  });

  test("a claim appearing is broader, disappearing narrower, an expression change undecided", () => {
    const all = groupsFilter("groups", "FILTER", "REGEX", ".*");
    expect(compareFilters(undefined, all).result).toBe("broader");
    expect(compareFilters(all, undefined).result).toBe("narrower");
    expect(compareFilters(groupsFilter("groups", "EXPRESSION", undefined, "a"), groupsFilter("groups", "EXPRESSION", undefined, "b")).result).toBe("changed");
  });
});
