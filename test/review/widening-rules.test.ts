/**
 * Issue 17.7: every rule and branch of the review's widening rules
 * (src/review/widening.ts), each with a case that fires and a close case that
 * must not, asserting whole findings. Values the message takes from the input
 * are shown «like this» (the private-use markers of `literal`), so a value
 * that loses its marking fails too.
 */
import { diffOutputs } from "../../src/review/diff";
import { groupsFilter } from "../../src/review/extract";
import { compareFilters, findWidenings, longerSession, morePermissive, Widening } from "../../src/review/widening";
import { handWrittenIdp, index } from "./helpers";

const IDP = "cloudflare_zero_trust_access_identity_provider";
const POLICY = "cloudflare_zero_trust_access_policy";
const APP = "cloudflare_zero_trust_access_application";
const IDP_REF = `\${${IDP}.okta.id}`;
const ref = (address: string) => `\${${address}.id}`;
const okta = (name: string) => ({ okta: { name, identity_provider_id: IDP_REF } });
const meta = (path: string) => ({ "//": { metadata: { path: `s/${path}` } } });

const ALLOW = `${POLICY}.allow`;
const DENY = `${POLICY}.deny`;
const WIKI = `${APP}.wiki`;
const OKTA_APP = "okta_app_oauth.cloudflare";
const ASSIGNMENTS = "okta_app_group_assignments.cloudflare";
const NARROW_HINT =
  "Check that every Okta group named in an Access rule is still sent: a rule on a group the claim no longer sends never matches, and its people are denied.";

/**
 * The stack both sides start from: the hand-written IdP setup (Okta app
 * assigned to 00g-eng, groups claim "eng-"), an allow policy (Eng) and a deny
 * policy (Contractors) on the Wiki application, each with a construct path.
 */
function stack(change: (j: any) => void): any {
  return handWrittenIdp((j) => {
    Object.assign(j.resource[IDP].okta, meta("Okta/Idp"));
    Object.assign(j.resource.okta_app_oauth.cloudflare, meta("Okta/App"));
    Object.assign(j.resource.okta_app_group_assignments.cloudflare, meta("Okta/Assignments"), { group: [{ id: "00g-eng" }] });
    j.resource[POLICY] = {
      allow: { ...meta("Wiki/Allow"), account_id: "a", name: "Allow", decision: "allow", include: [okta("Eng")], session_duration: "8h" },
      deny: { ...meta("Wiki/Deny"), account_id: "a", name: "Deny", decision: "deny", include: [okta("Contractors")], session_duration: "8h" },
    };
    j.resource[APP] = {
      wiki: {
        ...meta("Wiki/Application"),
        account_id: "a",
        name: "Wiki",
        domain: "wiki.acme.com",
        session_duration: "8h",
        allowed_idps: [IDP_REF],
        policies: [
          { id: ref(DENY), precedence: 1 },
          { id: ref(ALLOW), precedence: 2 },
        ],
      },
    };
    change(j);
  });
}

const marked = (text: string) => text.replace(/\uE000/g, "«").replace(/\uE001/g, "»");

/** The widenings from `base` to `head`, both edits of {@link stack}, with marked values shown «». */
function widenings(head: (j: any) => void, base: (j: any) => void = () => undefined): Widening[] {
  const { pairs } = diffOutputs([index(stack(base), "s")], [index(stack(head), "s")]);
  return findWidenings(pairs[0].base, pairs[0].head, pairs[0].headToBase).map((w) => ({ ...w, message: marked(w.message) }));
}

const finding = (kind: Widening["kind"], address: string, constructPath: string | undefined, message: string, hint?: string) => ({
  kind,
  stack: "s",
  address,
  ...(constructPath !== undefined ? { constructPath } : {}),
  message,
  ...(hint !== undefined ? { hint } : {}),
});
const widen = (address: string, constructPath: string | undefined, message: string) => finding("widen", address, constructPath, message);

const policies = (j: any) => j.resource[POLICY];
const wiki = (j: any) => j.resource[APP].wiki;
const moved = (j: any, from: string, to: string) => (j.moved = [...(j.moved ?? []), { from, to }]);
/** Renames a resource in the head (a `moved` block, every reference updated). */
function rename(j: any, type: string, from: string, to: string) {
  const section = j.resource[type];
  section[to] = section[from];
  delete section[from];
  j.resource = JSON.parse(JSON.stringify(j.resource).split(`${type}.${from}.`).join(`${type}.${to}.`));
  moved(j, `${type}.${from}`, `${type}.${to}`);
}

test("the same stack widens nothing", () => {
  expect(widenings(() => undefined)).toEqual([]);
});

describe("allow policies and Access groups", () => {
  test("an include added admits more; an include removed does not", () => {
    expect(widenings((j) => policies(j).allow.include.push(okta("Contractors")))).toEqual([
      widen(ALLOW, "s/Wiki/Allow", 'policy «Allow» now admits Okta group "Contractors" (added to include)'),
    ]);
    expect(widenings((j) => (policies(j).allow.include = [okta("Eng")]), (j) => policies(j).allow.include.push(okta("SRE")))).toEqual([]);
  });

  test("a require removed admits more; a require added does not", () => {
    const require = (j: any) => (policies(j).allow.require = [{ email_domain: { domain: "acme.com" } }]);
    expect(widenings(() => undefined, require)).toEqual([widen(ALLOW, "s/Wiki/Allow", "policy «Allow» no longer requires email domain acme.com")]);
    expect(widenings(require)).toEqual([]);
  });

  test("an exclude removed admits more; an exclude added does not", () => {
    const exclude = (j: any) => (policies(j).allow.exclude = [{ geo: { country_code: "XX" } }]);
    expect(widenings(() => undefined, exclude)).toEqual([widen(ALLOW, "s/Wiki/Allow", "policy «Allow» no longer excludes country XX")]);
    expect(widenings(exclude)).toEqual([]);
  });

  test("a policy without a decision is an allow policy", () => {
    const undecided = (j: any) => delete policies(j).allow.decision;
    expect(widenings((j) => (undecided(j), policies(j).allow.include.push(okta("SRE"))), undecided)).toEqual([
      widen(ALLOW, "s/Wiki/Allow", 'policy «Allow» now admits Okta group "SRE" (added to include)'),
    ]);
    expect(widenings((j) => (undecided(j), (policies(j).allow.include = [])), undecided)).toEqual([]);
  });

  test("an Access group: a group added to include, its name or else its resource name; a new Access group is not compared", () => {
    const group = (name?: string, groups = ["Eng"]) => (j: any) =>
      (j.resource.cloudflare_zero_trust_access_group = { eng: { ...meta("Groups/Eng"), account_id: "a", ...(name !== undefined ? { name } : {}), include: groups.map(okta) } });
    const address = "cloudflare_zero_trust_access_group.eng";
    expect(widenings(group("Engineers", ["Eng", "SRE"]), group("Engineers"))).toEqual([
      widen(address, "s/Groups/Eng", 'Access group «Engineers» now admits Okta group "SRE" (added to include)'),
    ]);
    expect(widenings(group(undefined, ["Eng", "SRE"]), group(undefined))).toEqual([widen(address, "s/Groups/Eng", 'Access group «eng» now admits Okta group "SRE" (added to include)')]);
    expect(widenings(group("Engineers", ["Eng", "SRE"]))).toEqual([]);
    expect(widenings(group("Engineers"), group("Engineers", ["Eng", "SRE"]))).toEqual([]);
  });

  test("rules are compared through renames: a renamed IdP in include and require is no change", () => {
    const rules = (j: any) => (policies(j).allow.require = [okta("Staff")]);
    expect(widenings((j) => (rules(j), rename(j, IDP, "okta", "acme")), rules)).toEqual([]);
  });
});

describe("deny policies", () => {
  test("an include removed denies fewer; an include added does not", () => {
    const two = (j: any) => policies(j).deny.include.push(okta("Interns"));
    expect(widenings(() => undefined, two)).toEqual([widen(DENY, "s/Wiki/Deny", 'deny policy «Deny» no longer denies Okta group "Interns" (removed from include)')]);
    expect(widenings(two)).toEqual([]);
  });

  test("an exclude added denies fewer; an exclude removed does not", () => {
    const exclude = (j: any) => (policies(j).deny.exclude = [{ email: { email: "boss@acme.com" } }]);
    expect(widenings(exclude)).toEqual([widen(DENY, "s/Wiki/Deny", "deny policy «Deny» now exempts email boss@acme.com (added to exclude)")]);
    expect(widenings(() => undefined, exclude)).toEqual([]);
  });

  test("a require added denies fewer; a require removed does not", () => {
    const require = (j: any) => (policies(j).deny.require = [{ email_domain: { domain: "acme.com" } }]);
    expect(widenings(require)).toEqual([
      widen(DENY, "s/Wiki/Deny", "deny policy «Deny» now denies only those who also match email domain acme.com (added to require)"),
    ]);
    expect(widenings(() => undefined, require)).toEqual([]);
  });
});

describe("decisions", () => {
  const MEANS: Record<string, string> = {
    allow: ": the people it names are now let in",
    non_identity: ": requests that match its non-identity rules (IP, service token, certificate) get in without anyone signing in",
    bypass: ": anyone reaches the application without signing in",
  };
  /** A policy no application uses, with a decision (or none). */
  const solo = (decision: string | undefined) => (j: any) =>
    (policies(j).solo = { ...meta("Solo"), account_id: "a", name: "Solo", ...(decision !== undefined ? { decision } : {}), include: [okta("Eng")] });

  test.each([
    ["deny", "allow", "deny", "allow"],
    ["deny", "non_identity", "deny", "non_identity"],
    ["deny", "bypass", "deny", "bypass"],
    ["allow", "non_identity", "allow", "non_identity"],
    ["allow", "bypass", "allow", "bypass"],
    ["non_identity", "bypass", "non_identity", "bypass"],
    [undefined, "bypass", "allow", "bypass"],
    ["deny", undefined, "deny", "allow"],
    ["weird", "allow", "weird", "allow"],
  ])("%s → %s widens, with what the new decision means", (before, after, shownBefore, shownAfter) => {
    expect(widenings(solo(after), solo(before))).toEqual([
      widen(`${POLICY}.solo`, "s/Solo", `policy «Solo»: decision «${shownBefore}» → «${shownAfter}»${MEANS[shownAfter]}`),
    ]);
  });

  test.each([
    ["allow", "weird"],
    ["deny", "weird"],
  ])("%s → an unknown decision %s widens, said without a meaning", (before, after) => {
    expect(widenings(solo(after), solo(before))).toEqual([widen(`${POLICY}.solo`, "s/Solo", `policy «Solo»: decision «${before}» → «${after}»`)]);
  });

  test.each([
    ["allow", "deny"],
    ["bypass", "allow"],
    ["bypass", "non_identity"],
    ["non_identity", "allow"],
    ["non_identity", "deny"],
    ["bypass", "deny"],
    ["weird", "deny"],
    [undefined, "allow"],
    ["allow", undefined],
    ["weird", "weird"],
  ])("%s → %s does not widen", (before, after) => {
    expect(widenings(solo(after), solo(before))).toEqual([]);
  });

  test.each([
    ["deny", "allow", true],
    ["deny", "non_identity", true],
    ["deny", "bypass", true],
    ["allow", "non_identity", true],
    ["allow", "bypass", true],
    ["non_identity", "bypass", true],
    ["allow", "deny", false],
    ["non_identity", "allow", false],
    ["bypass", "non_identity", false],
    ["bypass", "deny", false],
    ["allow", "allow", false],
    ["bypass", "bypass", false],
    ["weird", "allow", true],
    ["allow", "weird", true],
    ["deny", "weird", true],
    ["weird", "other", true],
    ["weird", "deny", false],
    ["weird", "weird", false],
  ])("morePermissive(%s, %s) is %s", (before, after, expected) => {
    expect(morePermissive(before, after)).toBe(expected);
  });
});

describe("longerSession", () => {
  test.each([
    ["8h", "12h", true],
    ["12h", "8h", false],
    ["8h", "8h", false],
    ["1h30m", "91m", true],
    ["90m", "1h30m", false],
    [undefined, "30h", true],
    [undefined, "24h", false],
    [undefined, "12h", false],
    ["12h", undefined, true],
    ["24h", undefined, false],
    ["30h", undefined, false],
    [undefined, undefined, false],
    ["8h", "8 hours", false],
    ["forever", "1h", false],
    ["8 hours", "30h", false],
  ])("longerSession(%s, %s) is %s", (before, after, expected) => {
    expect(longerSession(before, after)).toBe(expected);
  });
});

describe("applications", () => {
  const all = (j: any, body: object = { name: "All", decision: "allow" }) => (policies(j).all = { ...meta("All"), account_id: "a", ...body, include: [{ everyone: {} }] });

  test("a policy gained by reference: its name, or else its resource name", () => {
    expect(widenings((j) => (all(j), wiki(j).policies.push({ id: ref(`${POLICY}.all`), precedence: 3 })))).toEqual([
      widen(WIKI, "s/Wiki/Application", "application «Wiki» gains policy «All» (allow: everyone)"),
    ]);
    expect(widenings((j) => (all(j, { decision: "bypass" }), wiki(j).policies.push({ id: ref(`${POLICY}.all`), precedence: 3 })))).toEqual([
      widen(WIKI, "s/Wiki/Application", "application «Wiki» gains policy «all» (bypass: everyone)"),
    ]);
    // The same policy in the base's stack, only now used by the application.
    expect(widenings((j) => (all(j), wiki(j).policies.push({ id: ref(`${POLICY}.all`), precedence: 3 })), all)).toEqual([
      widen(WIKI, "s/Wiki/Application", "application «Wiki» gains policy «All» (allow: everyone)"),
    ]);
  });

  test("a policy gained inline: its name, or else ?", () => {
    const inline = (extra: object) => (j: any) => wiki(j).policies.push({ decision: "allow", include: [{ ip: { ip: "10.0.0.0/8" } }], precedence: 3, ...extra });
    expect(widenings(inline({ name: "Office" }))).toEqual([widen(WIKI, "s/Wiki/Application", "application «Wiki» gains policy «Office» (allow: IP 10.0.0.0/8)")]);
    expect(widenings(inline({}))).toEqual([widen(WIKI, "s/Wiki/Application", "application «Wiki» gains policy «?» (allow: IP 10.0.0.0/8)")]);
    expect(widenings(inline({ name: "Office", decision: undefined }))).toEqual([widen(WIKI, "s/Wiki/Application", "application «Wiki» gains policy «Office» (allow: IP 10.0.0.0/8)")]);
    expect(widenings((j) => wiki(j).policies.push({ name: "Nobody", decision: "allow", precedence: 3 }))).toEqual([
      widen(WIKI, "s/Wiki/Application", "application «Wiki» gains policy «Nobody» (allow: nobody (no include rule))"),
    ]);
  });

  test("a deny policy gained, by reference or inline, lets nobody in: no widening", () => {
    const block = (j: any) => (policies(j).block = { account_id: "a", name: "Block", decision: "deny", include: [okta("Interns")] });
    expect(widenings((j) => (block(j), wiki(j).policies.push({ id: ref(`${POLICY}.block`), precedence: 3 })))).toEqual([]);
    expect(widenings((j) => wiki(j).policies.push({ name: "No interns", decision: "deny", include: [okta("Interns")], precedence: 3 }))).toEqual([]);
  });

  test("a policy the stack does not hold: its id, and what it admits unknown", () => {
    expect(widenings((j) => wiki(j).policies.push({ id: "pol-123", precedence: 3 }))).toEqual([
      widen(WIKI, "s/Wiki/Application", "application «Wiki» gains policy «pol-123» (unknown: the policy is not in this stack)"),
    ]);
    expect(widenings((j) => wiki(j).policies.push({ id: ref(`${POLICY}.elsewhere`), precedence: 3 }))).toEqual([
      widen(WIKI, "s/Wiki/Application", `application «Wiki» gains policy «\${${POLICY}.elsewhere.id}» (unknown: the policy is not in this stack)`),
    ]);
    expect(widenings((j) => wiki(j).policies.push({ precedence: 3 }))).toEqual([widen(WIKI, "s/Wiki/Application", "application «Wiki» gains policy ? (unknown: the policy is not in this stack)")]);
    expect(widenings((j) => wiki(j).policies.push(null))).toEqual([widen(WIKI, "s/Wiki/Application", "application «Wiki» gains policy ? (unknown: the policy is not in this stack)")]);
  });

  test("policies are compared by the policy they name: a new precedence, a v4 list of ids, a renamed policy are no gain", () => {
    expect(widenings((j) => (wiki(j).policies[1].precedence = 5))).toEqual([]);
    const ids = (j: any) => (wiki(j).policies = [ref(DENY), ref(ALLOW)]);
    expect(widenings(ids, ids)).toEqual([]);
    expect(widenings((j) => (ids(j), all(j), wiki(j).policies.push(ref(`${POLICY}.all`))), ids)).toEqual([
      widen(WIKI, "s/Wiki/Application", "application «Wiki» gains policy «All» (allow: everyone)"),
    ]);
    expect(widenings((j) => rename(j, POLICY, "allow", "engineers"))).toEqual([]);
  });

  test("inline policies are compared by their rules: another one gained next to one kept, or in its place, is a gain; a new precedence is not", () => {
    const office = { name: "Office", decision: "allow", include: [{ ip: { ip: "10.0.0.0/8" } }] };
    const vpn = { name: "VPN", decision: "allow", include: [{ ip: { ip: "192.168.0.0/16" } }] };
    const gains = widen(WIKI, "s/Wiki/Application", "application «Wiki» gains policy «VPN» (allow: IP 192.168.0.0/16)");
    const withOffice = (j: any) => wiki(j).policies.push({ ...office, precedence: 3 });
    expect(widenings((j) => (withOffice(j), wiki(j).policies.push({ ...vpn, precedence: 4 })), withOffice)).toEqual([gains]);
    expect(widenings((j) => wiki(j).policies.push({ ...vpn, precedence: 3 }), withOffice)).toEqual([gains]);
    expect(widenings((j) => wiki(j).policies.push({ ...office, precedence: 4 }), withOffice)).toEqual([]);
  });

  test("a v4 list of policy ids turned into v5 entries {id, precedence}: the same policies, no gain", () => {
    expect(widenings(() => undefined, (j) => (wiki(j).policies = [ref(DENY), ref(ALLOW)]))).toEqual([]);
  });

  test("an application new in the head is not compared", () => {
    expect(widenings((j) => (j.resource[APP].admin = { account_id: "a", name: "Admin", domain: "admin.acme.com", policies: [{ id: ref(ALLOW), precedence: 1 }] }))).toEqual([]);
  });

  test("a domain gained through domain, self_hosted_domains or destinations", () => {
    const covers = (domain: string) => widen(WIKI, "s/Wiki/Application", `application «Wiki» now also covers «${domain}»: everyone its policies admit reaches it`);
    expect(widenings((j) => (wiki(j).domain = "docs.acme.com"))).toEqual([covers("docs.acme.com")]);
    expect(widenings((j) => (wiki(j).self_hosted_domains = ["wiki.acme.com", "admin.acme.com"]))).toEqual([covers("admin.acme.com")]);
    expect(
      widenings(
        (j) =>
          (wiki(j).destinations = [
            { type: "public", uri: "wiki.acme.com" },
            { type: "public", uri: "api.acme.com/v1" },
            { type: "private", hostname: "db.internal" },
            { uri: null, hostname: "h.acme.com" },
            { type: "private", cidr: "10.0.0.0/8" },
            { uri: "" },
            "",
            null,
            "plain.acme.com",
          ]),
      ),
    ).toEqual([covers("api.acme.com/v1"), covers("db.internal"), covers("h.acme.com"), covers("plain.acme.com")]);
  });

  test("a domain moved between attributes, or removed, is no gain", () => {
    expect(
      widenings((j) => {
        delete wiki(j).domain;
        wiki(j).self_hosted_domains = ["wiki.acme.com"];
        wiki(j).destinations = [{ uri: "wiki.acme.com" }];
      }),
    ).toEqual([]);
    expect(widenings((j) => delete wiki(j).domain)).toEqual([]);
  });

  test("allowed_idps removed or emptied: every identity provider of the account", () => {
    const every = widen(WIKI, "s/Wiki/Application", "application «Wiki» now accepts every identity provider of the account (allowed_idps removed)");
    expect(widenings((j) => delete wiki(j).allowed_idps)).toEqual([every]);
    expect(widenings((j) => (wiki(j).allowed_idps = []))).toEqual([every]);
    expect(widenings((j) => delete wiki(j).allowed_idps, (j) => delete wiki(j).allowed_idps)).toEqual([]);
  });

  test("allowed_idps set where there was none narrows: no widening", () => {
    expect(widenings(() => undefined, (j) => delete wiki(j).allowed_idps)).toEqual([]);
    expect(widenings(() => undefined, (j) => (wiki(j).allowed_idps = []))).toEqual([]);
  });

  test("an identity provider added: the head IdP's name, or the id as written", () => {
    const github = (name?: string) => (j: any) => (j.resource[IDP].github = { account_id: "a", type: "github", ...(name !== undefined ? { name } : {}), config: {} });
    const accepts = (what: string) => widen(WIKI, "s/Wiki/Application", `application «Wiki» now accepts identity provider ${what}`);
    expect(widenings((j) => (github("GitHub")(j), wiki(j).allowed_idps.push(ref(`${IDP}.github`))))).toEqual([accepts("«GitHub»")]);
    expect(widenings((j) => (github()(j), wiki(j).allowed_idps.push(ref(`${IDP}.github`))))).toEqual([accepts(`«\${${IDP}.github.id}»`)]);
    expect(widenings((j) => wiki(j).allowed_idps.push("0a1b-idp"))).toEqual([accepts("«0a1b-idp»")]);
    expect(widenings((j) => wiki(j).allowed_idps.push(ref(`${IDP}.elsewhere`)))).toEqual([accepts(`«\${${IDP}.elsewhere.id}»`)]);
    expect(widenings((j) => wiki(j).allowed_idps.push(null))).toEqual([accepts("?")]);
    // Unchanged, reordered, or an IdP added to the stack but not to the application.
    expect(widenings(github("GitHub"))).toEqual([]);
    const both = (j: any) => (github("GitHub")(j), (wiki(j).allowed_idps = [IDP_REF, ref(`${IDP}.github`)]));
    expect(widenings((j) => (both(j), wiki(j).allowed_idps.reverse()), both)).toEqual([]);
  });
});

describe("the Okta app", () => {
  const app = (j: any) => j.resource.okta_app_oauth.cloudflare;
  const BROKER =
    "implicit_assignment turned on (Federation Broker Mode): every user of the Okta org can sign in through it, group assignments no longer limit who";

  test("implicit_assignment turned on, from absent or false; already on, or turned off: nothing", () => {
    expect(widenings((j) => (app(j).implicit_assignment = true))).toEqual([widen(OKTA_APP, "s/Okta/App", `Okta app «Access»: ${BROKER}`)]);
    expect(widenings((j) => (app(j).implicit_assignment = true), (j) => (app(j).implicit_assignment = false))).toEqual([
      widen(OKTA_APP, "s/Okta/App", `Okta app «Access»: ${BROKER}`),
    ]);
    expect(widenings((j) => (app(j).implicit_assignment = true), (j) => (app(j).implicit_assignment = true))).toEqual([]);
    expect(widenings((j) => (app(j).implicit_assignment = false), (j) => (app(j).implicit_assignment = true))).toEqual([]);
    expect(widenings((j) => (app(j).implicit_assignment = false))).toEqual([]);
  });

  test("an app without a label is named by its resource name", () => {
    expect(widenings((j) => (delete app(j).label, (app(j).implicit_assignment = true)), (j) => delete app(j).label)).toEqual([
      widen(OKTA_APP, "s/Okta/App", `Okta app «cloudflare»: ${BROKER}`),
    ]);
  });

  const claim = (filterType: string, value: string) => (j: any) => (app(j).groups_claim = [{ type: "FILTER", filter_type: filterType, name: "groups", value }]);

  test("the groups claim broadened, narrowed (with the hint), changed, kept", () => {
    expect(widenings(claim("STARTS_WITH", "eng"))).toEqual([
      widen(OKTA_APP, "s/Okta/App", 'Okta app «Access»: groups claim broadened, groups starting with "eng-" → groups starting with "eng"'),
    ]);
    expect(widenings(claim("STARTS_WITH", "eng-"), claim("STARTS_WITH", "eng"))).toEqual([
      finding("narrow", OKTA_APP, "s/Okta/App", 'Okta app «Access»: groups claim narrowed, groups starting with "eng" → groups starting with "eng-": it may lock people out', NARROW_HINT),
    ]);
    expect(widenings(claim("STARTS_WITH", "sre-"))).toEqual([
      widen(OKTA_APP, "s/Okta/App", 'Okta app «Access»: groups claim changed, groups starting with "eng-" → groups starting with "sre-"; it may send groups it did not send before'),
    ]);
    expect(widenings(claim("STARTS_WITH", "eng-"))).toEqual([]);
  });

  test("a groups claim added is broader, removed narrower", () => {
    const none = (j: any) => delete app(j).groups_claim;
    expect(widenings(() => undefined, none)).toEqual([widen(OKTA_APP, "s/Okta/App", 'Okta app «Access»: groups claim broadened, no groups claim → groups starting with "eng-"')]);
    expect(widenings(none)).toEqual([
      finding("narrow", OKTA_APP, "s/Okta/App", 'Okta app «Access»: groups claim narrowed, groups starting with "eng-" → no groups claim: it may lock people out', NARROW_HINT),
    ]);
    expect(widenings(none, none)).toEqual([]);
  });

  test("an Okta app new in the head is not compared", () => {
    expect(widenings((j) => (j.resource.okta_app_oauth.other = { label: "Other", type: "web", implicit_assignment: true, groups_claim: [{ type: "FILTER", filter_type: "REGEX", name: "groups", value: ".*" }] }))).toEqual([]);
  });
});

describe("authorization server claims", () => {
  const ADDRESS = "okta_auth_server_claim.claim";
  const claim = (filterType: string, value: string, extra: object = {}) => (j: any) =>
    (j.resource.okta_auth_server_claim = {
      claim: { ...meta("Okta/Claim"), auth_server_id: "aus1", name: "groups", claim_type: "IDENTITY", value_type: "GROUPS", group_filter_type: filterType, value, ...extra },
    });

  test("broadened, narrowed (with the hint), changed, kept", () => {
    const base = claim("STARTS_WITH", "eng-");
    expect(widenings(claim("REGEX", ".*"), base)).toEqual([
      widen(ADDRESS, "s/Okta/Claim", 'authorization server claim «groups»: groups filter broadened, groups starting with "eng-" → all groups (regex .*)'),
    ]);
    expect(widenings(base, claim("REGEX", ".*"))).toEqual([
      finding("narrow", ADDRESS, "s/Okta/Claim", 'authorization server claim «groups»: groups filter narrowed, all groups (regex .*) → groups starting with "eng-": it may lock people out', NARROW_HINT),
    ]);
    expect(widenings(claim("EQUALS", "sre"), base)).toEqual([
      widen(ADDRESS, "s/Okta/Claim", 'authorization server claim «groups»: groups filter changed, groups starting with "eng-" → the group named "sre"; it may send groups it did not send before'),
    ]);
    expect(widenings(base, base)).toEqual([]);
  });

  test("an expression claim turned into a groups filter is broader; expressions are no groups claim; no name: the resource name", () => {
    const expression = claim("STARTS_WITH", "user.email", { value_type: "EXPRESSION" });
    expect(widenings(claim("STARTS_WITH", "eng-", { name: undefined }), expression)).toEqual([
      widen(ADDRESS, "s/Okta/Claim", 'authorization server claim «claim»: groups filter broadened, no groups claim → groups starting with "eng-"'),
    ]);
    expect(widenings(claim("STARTS_WITH", "eng-", { name: "roles" }), expression)).toEqual([
      widen(ADDRESS, "s/Okta/Claim", 'authorization server claim «roles»: groups filter broadened, no groups claim → groups starting with "eng-"'),
    ]);
    expect(widenings(claim("STARTS_WITH", "user.login", { value_type: "EXPRESSION" }), expression)).toEqual([]);
    expect(widenings(claim("REGEX", ".*"))).toEqual([]);
  });
});

describe("Okta group assignments", () => {
  const assignments = (j: any) => j.resource.okta_app_group_assignments.cloudflare;
  const EVERYONE = "${data.okta_everyone_group.all.id}";
  const EVERYONE_TEXT = ": every user of the Okta org can sign in through it, and Access policies alone decide who reaches each application";
  const single = (id: string, name = "extra") => (j: any) =>
    (j.resource.okta_app_group_assignment = { ...j.resource.okta_app_group_assignment, [name]: { ...meta(`Okta/${name}`), app_id: ref(OKTA_APP), group_id: id } });

  test("a group added to the group list: by id, by okta_group name; Everyone says what it means", () => {
    expect(widenings((j) => assignments(j).group.push({ id: "00g-sre" }))).toEqual([widen(ASSIGNMENTS, "s/Okta/Assignments", "Okta app «Access» is now assigned to group «00g-sre»")]);
    expect(widenings((j) => ((j.resource.okta_group = { support: { name: "Support" } }), assignments(j).group.push({ id: ref("okta_group.support") })))).toEqual([
      widen(ASSIGNMENTS, "s/Okta/Assignments", "Okta app «Access» is now assigned to group «Support»"),
    ]);
    expect(widenings((j) => assignments(j).group.push({ id: EVERYONE }))).toEqual([widen(ASSIGNMENTS, "s/Okta/Assignments", `Okta app «Access» is now assigned to Everyone${EVERYONE_TEXT}`)]);
    // A group removed, or the list reordered.
    expect(widenings((j) => (assignments(j).group = []))).toEqual([]);
    const two = (j: any) => assignments(j).group.push({ id: "00g-sre" });
    expect(widenings((j) => (two(j), assignments(j).group.reverse()), two)).toEqual([]);
  });

  test("a dynamic group block (cdktf's list token): a new for_each is a new assignment", () => {
    const dynamic = (forEach: string) => (j: any) => {
      assignments(j).group = [];
      assignments(j).dynamic = { group: { for_each: forEach, content: { id: "${group.value}" } } };
    };
    expect(widenings(dynamic("${var.more_groups}"), dynamic("${var.groups}"))).toEqual([
      widen(ASSIGNMENTS, "s/Okta/Assignments", "Okta app «Access» is now assigned to group «${var.more_groups}»"),
    ]);
    expect(widenings(dynamic("${var.groups}"), dynamic("${var.groups}"))).toEqual([]);
  });

  test("okta_app_group_assignment: additive, by id and Everyone", () => {
    expect(widenings(single("00g-sre"))).toEqual([widen("okta_app_group_assignment.extra", "s/Okta/extra", "Okta app «Access» is now assigned to group «00g-sre» (additive assignment)")]);
    expect(widenings(single(EVERYONE))).toEqual([
      widen("okta_app_group_assignment.extra", "s/Okta/extra", `Okta app «Access» is now assigned to Everyone (additive assignment)${EVERYONE_TEXT}`),
    ]);
    expect(widenings(single("00g-sre"), single("00g-sre"))).toEqual([]);
  });

  test("a group moved between assignment resources, or already assigned by another, is no widening", () => {
    const two = (j: any) => assignments(j).group.push({ id: "00g-sre" });
    expect(widenings((j) => single("00g-sre")(j), two)).toEqual([]);
    expect(widenings((j) => (assignments(j).group = []), (j) => (single("00g-eng")(j), delete j.resource.okta_app_group_assignments))).toEqual([]);
    expect(widenings(single("00g-eng"))).toEqual([]);
  });

  test("groups are compared per app: a group of one app assigned to another widens", () => {
    const other = (groups: string[]) => (j: any) => {
      j.resource.okta_app_oauth.other = { label: "Other", type: "web" };
      j.resource.okta_app_group_assignments.other = { app_id: ref("okta_app_oauth.other"), group: groups.map((id) => ({ id })) };
    };
    expect(widenings(other(["00g-eng"]), other([]))).toEqual([widen("okta_app_group_assignments.other", undefined, "Okta app «Other» is now assigned to group «00g-eng»")]);
  });

  test("an app new in the head, or its assignments, widen nothing; an app id as written is compared as is", () => {
    expect(
      widenings((j) => {
        j.resource.okta_app_oauth.other = { label: "Other", type: "web" };
        j.resource.okta_app_group_assignments.other = { app_id: ref("okta_app_oauth.other"), group: [{ id: EVERYONE }] };
        single("00g-sre")(j);
        j.resource.okta_app_group_assignment.extra.app_id = ref("okta_app_oauth.other");
      }),
    ).toEqual([]);
    const literalApp = (groups: string[]) => (j: any) => (j.resource.okta_app_group_assignments.byId = { app_id: "0oa-literal", group: groups.map((id) => ({ id })) });
    expect(widenings(literalApp(["00g-a", "00g-b"]), literalApp(["00g-a"]))).toEqual([
      widen("okta_app_group_assignments.byId", undefined, "Okta app «0oa-literal» is now assigned to group «00g-b»"),
    ]);
    expect(widenings(literalApp(["00g-a"]), literalApp(["00g-a"]))).toEqual([]);
    // No app_id on either side: compared with each other, as the same (unnamed) app.
    const noApp = (j: any) => (j.resource.okta_app_group_assignments.loose = { group: [{ id: "00g-a" }] });
    expect(widenings(noApp, noApp)).toEqual([]);
    // ... and a group added there: the app is named ?.
    expect(widenings((j) => (noApp(j), j.resource.okta_app_group_assignments.loose.group.push({ id: "00g-b" })), noApp)).toEqual([
      widen("okta_app_group_assignments.loose", undefined, "Okta app ? is now assigned to group «00g-b»"),
    ]);
  });

  test("an app the head no longer declares, its assignments kept: compared, named by its reference", () => {
    const old = (groups: string[]) => (j: any) => (j.resource.okta_app_group_assignments.old = { app_id: ref("okta_app_oauth.old"), group: groups.map((id) => ({ id })) });
    const withApp = (j: any) => (j.resource.okta_app_oauth.old = { label: "Old", type: "web" });
    expect(widenings(old(["00g-a", "00g-b"]), (j) => (withApp(j), old(["00g-a"])(j)))).toEqual([
      widen("okta_app_group_assignments.old", undefined, "Okta app «${okta_app_oauth.old.id}» is now assigned to group «00g-b»"),
    ]);
  });

  test("data sources are not assignments, policies or apps", () => {
    const data = (groups: string[]) => (j: any) =>
      (j.data.okta_app_group_assignments = { seen: { app_id: ref(OKTA_APP), group: groups.map((id) => ({ id })) } });
    expect(widenings((j) => (data([])(j), assignments(j).group.push({ id: "00g-sre" })), data(["00g-sre"]))).toEqual([
      widen(ASSIGNMENTS, "s/Okta/Assignments", "Okta app «Access» is now assigned to group «00g-sre»"),
    ]);
    const policy = (include: string[]) => (j: any) => (j.data[POLICY] = { read: { account_id: "a", name: "Read", decision: "allow", include: include.map(okta) } });
    expect(widenings(policy(["Eng", "SRE"]), policy(["Eng"]))).toEqual([]);
  });

  test("compared through renames: a renamed app and a renamed group are the same app and group", () => {
    const support = (j: any) => ((j.resource.okta_group = { support: { name: "Support" } }), assignments(j).group.push({ id: ref("okta_group.support") }));
    expect(widenings((j) => (support(j), rename(j, "okta_app_oauth", "cloudflare", "access")), support)).toEqual([]);
    expect(widenings((j) => (support(j), rename(j, "okta_group", "support", "helpdesk")), support)).toEqual([]);
    expect(widenings((j) => (support(j), rename(j, "okta_app_oauth", "cloudflare", "access"), assignments(j).group.push({ id: "00g-new" })), support)).toEqual([
      widen(ASSIGNMENTS, "s/Okta/Assignments", "Okta app «Access» is now assigned to group «00g-new»"),
    ]);
  });
});

describe("SCIM added to an existing Cloudflare identity provider", () => {
  const scim = (value: unknown) => (j: any) => (j.resource[IDP].okta.scim_config = value);
  const CHECK = finding(
    "check",
    `${IDP}.okta`,
    "s/Okta/Idp",
    'SCIM is added to the existing identity provider «Acme Okta»: cloudflare provider 5.14.0 fails this apply with "Provider produced inconsistent result after apply" (fixed only in 5.20.0)',
    "Apply in two steps: turn SCIM on in the Cloudflare dashboard (Zero Trust → Settings → Authentication → the IdP → SCIM) and import or refresh, or create a new identity provider with SCIM and switch applications to it; or upgrade to cloudflare provider 5.20.0 or later.",
  );

  test("added as a block or a list of one block: a check", () => {
    expect(widenings(scim({ enabled: true }))).toEqual([CHECK]);
    expect(widenings(scim([{ enabled: true, user_deprovision: true }]))).toEqual([CHECK]);
  });

  test("already there, an empty list, or a new identity provider: nothing", () => {
    expect(widenings(scim({ enabled: true, user_deprovision: true }), scim({ enabled: true }))).toEqual([]);
    expect(widenings(scim([]))).toEqual([]);
    expect(widenings((j) => (j.resource[IDP].other = { account_id: "a", name: "Other", type: "okta", config: {}, scim_config: { enabled: true } }))).toEqual([]);
  });

  test("a data source of an identity provider is never applied: SCIM in it is no check", () => {
    const read = (scimConfig?: object) => (j: any) => (j.data[IDP] = { read: { account_id: "a", name: "Read", ...(scimConfig !== undefined ? { scim_config: scimConfig } : {}) } });
    expect(widenings(read({ enabled: true }), read())).toEqual([]);
  });
});

describe("deny policies an application no longer has", () => {
  const gone = (name: string, admits: string, deleted = false) =>
    widen(WIKI, "s/Wiki/Application", `application «Wiki» no longer has deny policy «${name}»${deleted ? " (the policy is deleted)" : ""}: the people it denied (${admits}) may now get in`);

  test("taken off the application, kept in the stack", () => {
    expect(widenings((j) => wiki(j).policies.shift())).toEqual([gone("Deny", 'Okta group "Contractors"')]);
  });

  test("deleted from the stack", () => {
    expect(widenings((j) => (wiki(j).policies.shift(), delete policies(j).deny))).toEqual([gone("Deny", 'Okta group "Contractors"', true)]);
  });

  test("renamed: kept when still used, not deleted when taken off", () => {
    expect(widenings((j) => rename(j, POLICY, "deny", "contractors"))).toEqual([]);
    expect(widenings((j) => (rename(j, POLICY, "deny", "contractors"), wiki(j).policies.shift()))).toEqual([gone("Deny", 'Okta group "Contractors"')]);
  });

  test("an inline deny policy taken off while an inline allow of the same name stays", () => {
    const office = { name: "Office", decision: "allow", include: [{ ip: { ip: "10.0.0.0/8" } }], precedence: 4 };
    const both = (j: any) => wiki(j).policies.push({ name: "Office", decision: "deny", include: [okta("Interns")], precedence: 3 }, office);
    expect(widenings((j) => wiki(j).policies.push(office), both)).toEqual([gone("Office", 'Okta group "Interns"')]);
    expect(widenings(both, both)).toEqual([]);
  });

  test("an inline deny policy taken off; kept; an allow policy taken off is no such finding", () => {
    const inline = (j: any) => wiki(j).policies.unshift({ name: "No interns", decision: "deny", include: [okta("Interns")], precedence: 0 });
    expect(widenings(() => undefined, inline)).toEqual([gone("No interns", 'Okta group "Interns"')]);
    expect(widenings(inline, inline)).toEqual([]);
    expect(widenings((j) => wiki(j).policies.pop())).toEqual([]);
  });

  test("the application renamed: compared with its base; the application deleted: nothing here", () => {
    const renamed = (j: any) => rename(j, APP, "wiki", "docs");
    expect(widenings((j) => (renamed(j), j.resource[APP].docs.policies.shift()))).toEqual([
      widen(`${APP}.docs`, "s/Wiki/Application", 'application «Wiki» no longer has deny policy «Deny»: the people it denied (Okta group "Contractors") may now get in'),
    ]);
    expect(widenings((j) => delete j.resource[APP].wiki)).toEqual([]);
  });
});

describe("policies reordered so that a policy that lets in comes before a deny", () => {
  const order = (denyPrecedence: number | undefined, allowPrecedence: number | undefined) => (j: any) => {
    wiki(j).policies = [
      { id: ref(DENY), ...(denyPrecedence !== undefined ? { precedence: denyPrecedence } : {}) },
      { id: ref(ALLOW), ...(allowPrecedence !== undefined ? { precedence: allowPrecedence } : {}) },
    ];
  };
  const before = (decision: string, precedences: string) =>
    widen(WIKI, "s/Wiki/Application", `application «Wiki»: ${decision} policy «Allow» now comes before deny policy «Deny» (precedence ${precedences}): people both admit are let in before the deny is evaluated`);

  test("the allow moved before the deny, with both precedences", () => {
    expect(widenings(order(2, 1))).toEqual([before("allow", "1 < 2")]);
  });

  test("a bypass policy moved before the deny says bypass", () => {
    const bypass = (j: any) => (policies(j).allow.decision = "bypass");
    expect(widenings((j) => (bypass(j), order(2, 1)(j)), bypass)).toEqual([before("bypass", "1 < 2")]);
  });

  test("a precedence that is not set is shown as ?", () => {
    expect(widenings((j) => (wiki(j).policies = [{ id: ref(ALLOW) }, { id: ref(DENY) }]))).toEqual([before("allow", "? < ?")]);
  });

  test("reported once per pair, even when the deny is listed twice", () => {
    expect(widenings((j) => (wiki(j).policies = [{ id: ref(ALLOW), precedence: 1 }, { id: ref(DENY), precedence: 2 }, { id: ref(DENY), precedence: 3 }]))).toEqual([
      before("allow", "1 < 2"),
    ]);
  });

  test("no finding: order kept with new numbers, allow already first, two denies or two allows swapped, a new policy", () => {
    expect(widenings(order(10, 20))).toEqual([]);
    expect(widenings(order(2, 1), order(2, 1))).toEqual([]);
    expect(widenings(order(1, 2), order(2, 1))).toEqual([]);
    const second = (decision: string) => (j: any) => (policies(j).second = { account_id: "a", name: "Second", decision, include: [okta("Ops")], session_duration: "8h" });
    const three = (first: string, last: string) => (j: any) =>
      (wiki(j).policies = [{ id: ref(DENY), precedence: 1 }, { id: ref(`${POLICY}.${first}`), precedence: 2 }, { id: ref(`${POLICY}.${last}`), precedence: 3 }]);
    expect(widenings((j) => (second("deny")(j), (wiki(j).policies = [{ id: ref(`${POLICY}.second`), precedence: 1 }, { id: ref(DENY), precedence: 2 }, { id: ref(ALLOW), precedence: 3 }])), (j) => (second("deny")(j), three("second", "allow")(j)))).toEqual([]);
    expect(widenings((j) => (second("allow")(j), three("second", "allow")(j)), (j) => (second("allow")(j), three("allow", "second")(j)))).toEqual([]);
    // A new deny after the allow, a new allow before the deny: the latter is a gained policy, not a reordering.
    expect(widenings((j) => (second("deny")(j), order(2, 1)(j), wiki(j).policies.push({ id: ref(`${POLICY}.second`), precedence: 3 })), order(2, 1))).toEqual([]);
    expect(widenings((j) => (second("allow")(j), wiki(j).policies.unshift({ id: ref(`${POLICY}.second`), precedence: 0 })))).toEqual([
      widen(WIKI, "s/Wiki/Application", 'application «Wiki» gains policy «Second» (allow: Okta group "Ops")'),
    ]);
  });

  test("compared through renames of the application and the policies; inline policies by name", () => {
    expect(widenings((j) => (rename(j, POLICY, "allow", "engineers"), rename(j, APP, "wiki", "docs"), (j.resource[APP].docs.policies = [{ id: ref(`${POLICY}.engineers`), precedence: 1 }, { id: ref(DENY), precedence: 2 }])))).toEqual([
      widen(`${APP}.docs`, "s/Wiki/Application", "application «Wiki»: allow policy «Allow» now comes before deny policy «Deny» (precedence 1 < 2): people both admit are let in before the deny is evaluated"),
    ]);
    const inline = (first: string) => (j: any) => {
      const office = { name: "Office", decision: "allow", include: [{ ip: { ip: "10.0.0.0/8" } }] };
      const block = { name: "Block", decision: "deny", include: [okta("Interns")] };
      wiki(j).policies = first === "Office" ? [{ ...office, precedence: 1 }, { ...block, precedence: 2 }] : [{ ...block, precedence: 1 }, { ...office, precedence: 2 }];
    };
    expect(widenings(inline("Office"), inline("Block"))).toEqual([
      widen(WIKI, "s/Wiki/Application", "application «Wiki»: allow policy «Office» now comes before deny policy «Block» (precedence 1 < 2): people both admit are let in before the deny is evaluated"),
    ]);
    expect(widenings(inline("Office"), inline("Office"))).toEqual([]);
    expect(widenings(inline("Block"), inline("Block"))).toEqual([]);
  });

  test("a policy by reference is the same policy under a new name", () => {
    expect(widenings((j) => ((policies(j).allow.name = "Engineers"), order(2, 1)(j)))).toEqual([
      widen(WIKI, "s/Wiki/Application", "application «Wiki»: allow policy «Engineers» now comes before deny policy «Deny» (precedence 1 < 2): people both admit are let in before the deny is evaluated"),
    ]);
  });

  test("an inline allow and an inline deny of one name: told apart by their decision", () => {
    const pair = (allowFirst: boolean) => (j: any) => {
      const allow = { name: "Office", decision: "allow", include: [{ ip: { ip: "10.0.0.0/8" } }] };
      const deny = { name: "Office", decision: "deny", include: [okta("Interns")] };
      wiki(j).policies = allowFirst ? [{ ...allow, precedence: 1 }, { ...deny, precedence: 2 }] : [{ ...deny, precedence: 1 }, { ...allow, precedence: 2 }];
    };
    expect(widenings(pair(true), pair(false))).toEqual([
      widen(WIKI, "s/Wiki/Application", "application «Wiki»: allow policy «Office» now comes before deny policy «Office» (precedence 1 < 2): people both admit are let in before the deny is evaluated"),
    ]);
    expect(widenings(pair(true), pair(true))).toEqual([]);
    expect(widenings(pair(false), pair(false))).toEqual([]);
  });

  test("two entries that name one base policy are no reordering: a stale reference to the deny's old address before the renamed deny", () => {
    expect(
      widenings((j) => {
        rename(j, POLICY, "deny", "contractors");
        wiki(j).policies = [{ id: ref(DENY), precedence: 1 }, { id: ref(`${POLICY}.contractors`), precedence: 2 }, { id: ref(ALLOW), precedence: 3 }];
      }),
    ).toEqual([]);
  });
});

describe("sessions that lengthen", () => {
  const lengthens = (address: string, from: string, to: string, policy = "Allow") =>
    widen(address, "s/Wiki/Application", `application «Wiki»: the session through policy «${policy}» lengthens from ${from} to ${to}: people keep access longer after they lose it in Okta`);

  test("the policy's session, and the provider's default when the policy sets none", () => {
    expect(widenings((j) => (policies(j).allow.session_duration = "12h"))).toEqual([lengthens(WIKI, "«8h» (the policy's)", "«12h» (the policy's)")]);
    expect(widenings((j) => delete policies(j).allow.session_duration)).toEqual([lengthens(WIKI, "«8h» (the policy's)", "«24h» (the provider's default: the policy sets none)")]);
    expect(widenings((j) => (policies(j).allow.session_duration = "30h"), (j) => delete policies(j).allow.session_duration)).toEqual([
      lengthens(WIKI, "«24h» (the provider's default: the policy sets none)", "«30h» (the policy's)"),
    ]);
  });

  test("the application's session, for an inline policy that sets none", () => {
    const inline = (appSession: string) => (j: any) => {
      wiki(j).session_duration = appSession;
      wiki(j).policies = [{ name: "Office", decision: "allow", include: [{ ip: { ip: "10.0.0.0/8" } }], precedence: 1 }];
    };
    expect(widenings(inline("12h"), inline("8h"))).toEqual([lengthens(WIKI, "«8h» (the application's)", "«12h» (the application's)", "Office")]);
    expect(widenings(inline("4h"), inline("8h"))).toEqual([]);
  });

  test("no finding: shorter, the same, unreadable, a deny policy's, a new policy's, a new application's", () => {
    expect(widenings((j) => (policies(j).allow.session_duration = "4h"))).toEqual([]);
    expect(widenings((j) => (policies(j).allow.session_duration = "480m"))).toEqual([]);
    expect(widenings((j) => (policies(j).allow.session_duration = "a day"))).toEqual([]);
    expect(widenings((j) => (policies(j).deny.session_duration = "720h"))).toEqual([]);
    const all = (j: any) => ((policies(j).all = { account_id: "a", name: "All", decision: "allow", include: [okta("Staff")], session_duration: "8h" }), wiki(j).policies.push({ id: ref(`${POLICY}.all`), precedence: 3 }));
    expect(widenings((j) => (all(j), (policies(j).all.session_duration = "48h")), (j) => (policies(j).all = { account_id: "a", name: "All", decision: "allow", include: [okta("Staff")], session_duration: "8h" }))).toEqual([
      widen(WIKI, "s/Wiki/Application", 'application «Wiki» gains policy «All» (allow: Okta group "Staff")'),
    ]);
    expect(widenings((j) => (j.resource[APP].admin = { account_id: "a", name: "Admin", domain: "admin.acme.com", policies: [{ id: ref(ALLOW), precedence: 1 }] }))).toEqual([]);
  });

  test("compared through renames of the application and the policy", () => {
    expect(widenings((j) => (rename(j, POLICY, "allow", "engineers"), rename(j, APP, "wiki", "docs"), (policies(j).engineers.session_duration = "12h")))).toEqual([
      lengthens(`${APP}.docs`, "«8h» (the policy's)", "«12h» (the policy's)"),
    ]);
  });
});

describe("compareFilters: the text, and the branches the access-widening table leaves", () => {
  const f = (filterType: string, value: string) => groupsFilter("groups", "FILTER", filterType, value);
  const expression = (value: string) => groupsFilter("groups", "EXPRESSION", undefined, value);

  test.each([
    [undefined, undefined, "same", "no groups claim → no groups claim"],
    [expression("a"), expression("a"), "same", "groups from expression a → groups from expression a"],
    [f("REGEX", ".*"), expression("a"), "changed", "all groups (regex .*) → groups from expression a"],
    [expression("a"), f("REGEX", ".*"), "changed", "groups from expression a → all groups (regex .*)"],
    [f("REGEX", ".*"), f("REGEX", "^.*$"), "same", "all groups (regex .*) → all groups (regex ^.*$)"],
    [f("STARTS_WITH", "eng-"), f("STARTS_WITH", "sre-"), "changed", 'groups starting with "eng-" → groups starting with "sre-"'],
    [f("CONTAINS", "ops"), f("CONTAINS", "eng"), "changed", 'groups containing "ops" → groups containing "eng"'],
    [f("CONTAINS", "form"), f("CONTAINS", "platform"), "narrower", 'groups containing "form" → groups containing "platform"'],
    [f("STARTS_WITH", "eng-"), f("STARTS_WITH", "ng-"), "changed", 'groups starting with "eng-" → groups starting with "ng-"'],
    [f("STARTS_WITH", "ng-"), f("STARTS_WITH", "eng-"), "changed", 'groups starting with "ng-" → groups starting with "eng-"'],
    [f("REGEX", "^eng-.*"), f("CONTAINS", "eng"), "changed", 'groups matching regex ^eng-.* → groups containing "eng"'],
    [f("STARTS_WITH", "eng-"), f("REGEX", "eng-"), "changed", 'groups starting with "eng-" → groups matching regex eng-'],
    [f("STARTS_WITH", "eng-"), f("CONTAINS", "sre"), "changed", 'groups starting with "eng-" → groups containing "sre"'],
    [f("CONTAINS", "eng"), f("STARTS_WITH", "eng"), "changed", 'groups containing "eng" → groups starting with "eng"'],
    [f("EQUALS", "eng-all"), f("STARTS_WITH", "sre-"), "changed", 'the group named "eng-all" → groups starting with "sre-"'],
    [f("STARTS_WITH", "eng-"), f("REGEX", "^eng-.*"), "changed", 'groups starting with "eng-" → groups matching regex ^eng-.*'],
    [f("STARTS_WITH", "eng-"), f("REGEX", ".*"), "broader", 'groups starting with "eng-" → all groups (regex .*)'],
    [f("REGEX", ".+"), f("STARTS_WITH", "eng-"), "narrower", 'all groups (regex .+) → groups starting with "eng-"'],
    // Okta compares literal filters case-insensitively: the same text in another case sends the same groups.
    [f("EQUALS", "Eng-All"), f("EQUALS", "eng-all"), "same", 'the group named "Eng-All" → the group named "eng-all"'],
    [f("EQUALS", "eng-all"), f("EQUALS", "eng"), "changed", 'the group named "eng-all" → the group named "eng"'],
    [f("STARTS_WITH", "Eng-"), f("STARTS_WITH", "eng-"), "same", 'groups starting with "Eng-" → groups starting with "eng-"'],
    [f("CONTAINS", "ops"), f("CONTAINS", "OPS"), "same", 'groups containing "ops" → groups containing "OPS"'],
    [f("REGEX", "^Eng-.*"), f("REGEX", "^eng-.*"), "changed", "groups matching regex ^Eng-.* → groups matching regex ^eng-.*"],
    [expression("eng-all"), groupsFilter("groups", "FILTER", undefined, "eng-all"), "changed", "groups from expression eng-all → groups filtered by ? eng-all"],
  ])("%j → %j is %s", (before, after, result, text) => {
    expect(compareFilters(before, after)).toEqual({ result, text });
  });
});

describe("label levels written as lists (HCL's JSON syntax, which Terraform accepts)", () => {
  /** The policies' type level, then each name's body, written as lists of objects. */
  const asLists = (j: any) => {
    const { allow, deny } = policies(j);
    j.resource[POLICY] = [{ allow: [allow] }, { deny }];
  };

  test("the same stack written with lists is the same stack: no widening, no change", () => {
    const { pairs } = diffOutputs([index(stack(() => undefined), "s")], [index(stack(asLists), "s")]);
    expect(pairs[0].head.byAddress.get(ALLOW)?.body.decision).toBe("allow");
    expect(pairs[0].head.byAddress.get(DENY)?.body.decision).toBe("deny");
    expect(widenings(asLists)).toEqual([]);
  });

  test("an include added to a policy written as a list is found", () => {
    expect(widenings((j) => (policies(j).allow.include.push(okta("Contractors")), asLists(j)))).toEqual([
      widen(ALLOW, "s/Wiki/Allow", 'policy «Allow» now admits Okta group "Contractors" (added to include)'),
    ]);
  });

  test("a resource declared twice (Terraform refuses it) stands for its first declaration", () => {
    const twice = (j: any) => {
      const { allow, deny } = policies(j);
      j.resource[POLICY] = [{ allow, deny }, { allow: { ...allow, include: [okta("Everyone")] } }];
    };
    expect(widenings(twice)).toEqual([]);
  });
});
