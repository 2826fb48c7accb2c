/**
 * Issue 24, property-based: random policy sets, Access groups (nested) and
 * membership changes, and the review's verdict checked against a
 * brute-force evaluation of admission over explicit identities, written here
 * from Cloudflare's documented rules without the review's code:
 *
 * - Bypass policies first: one that matches lets the request in.
 * - Otherwise the person signs in, through an identity provider the
 *   application accepts (none listed: every one of the account).
 * - Then Allow and Block policies in order: the first that matches decides;
 *   none: denied.
 * - A policy or Access group matches when an include rule does, every
 *   require rule does and no exclude rule does.
 *
 * The identities: no sign-in, each identity provider of the stack, or
 * another one of the account; every set of the Okta groups the rules draw
 * from; no email or one of several (two per domain, so that "at acme.com but
 * not this address" exists); no country or one of two. Bypass policies get
 * non-identity rules only (Cloudflare does not evaluate identity-based rules
 * there; the review says "cannot tell" for them, tested in the corpus).
 */
import fc from "fast-check";
import { accessSummary } from "../../src/review/access-compare";
import { diffOutputs } from "../../src/review/diff";
import { renderJson } from "../../src/review/json";
import { renderMarkdown } from "../../src/review/markdown";
import { review } from "../../src/review/review";
import { index, writeStackFile } from "./helpers";

const GROUPS = ["A", "B", "C"];
const EMAILS = ["a@x.com", "b@y.com"];
const ALL_EMAILS = ["a@x.com", "c@x.com", "b@y.com", "e@y.com", "d@z.com"];
const DOMAINS = ["x.com", "y.com"];
const COUNTRIES = ["US", "FR"];

type Rule =
  | { kind: "okta"; group: string; idp: number }
  | { kind: "email"; email: string }
  | { kind: "domain"; domain: string }
  | { kind: "everyone" }
  | { kind: "country"; code: string }
  | { kind: "group"; index: number };

interface Rules {
  include: Rule[];
  exclude: Rule[];
  require: Rule[];
}
interface Policy extends Rules {
  decision: "allow" | "deny" | "bypass";
  name: string;
}
interface Config {
  idps: number;
  groups: Rules[];
  policies: Policy[];
  allowed: number[] | "all";
}

const identityRule = (idps: number, groups: number): fc.Arbitrary<Rule> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant("okta" as const), group: fc.constantFrom(...GROUPS), idp: fc.integer({ min: 0, max: idps - 1 }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("email" as const), email: fc.constantFrom(...EMAILS) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("domain" as const), domain: fc.constantFrom(...DOMAINS) }) },
    { weight: 1, arbitrary: fc.constant({ kind: "everyone" as const }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("country" as const), code: fc.constantFrom(...COUNTRIES) }) },
    ...(groups > 0 ? [{ weight: 3, arbitrary: fc.record({ kind: fc.constant("group" as const), index: fc.integer({ min: 0, max: groups - 1 }) }) }] : []),
  );

const nonIdentityRule: fc.Arbitrary<Rule> = fc.oneof(fc.constant({ kind: "everyone" as const }), fc.record({ kind: fc.constant("country" as const), code: fc.constantFrom(...COUNTRIES) }));

const rules = (rule: fc.Arbitrary<Rule>): fc.Arbitrary<Rules> =>
  fc.record({ include: fc.array(rule, { minLength: 1, maxLength: 3 }), exclude: fc.array(rule, { maxLength: 2 }), require: fc.array(rule, { maxLength: 1 }) });

/** Access group i may include groups before it only: nested, no cycle. */
const groupsArb = (idps: number): fc.Arbitrary<Rules[]> =>
  fc.integer({ min: 0, max: 3 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => rules(identityRule(idps, i)))));

const policyArb = (idps: number, groups: number): fc.Arbitrary<Policy> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.record({ decision: fc.constant("allow" as const), name: fc.constant(""), ...ruleFields(identityRule(idps, groups)) }) },
    { weight: 2, arbitrary: fc.record({ decision: fc.constant("deny" as const), name: fc.constant(""), ...ruleFields(identityRule(idps, groups)) }) },
    { weight: 1, arbitrary: fc.record({ decision: fc.constant("bypass" as const), name: fc.constant(""), ...ruleFields(nonIdentityRule) }) },
  );

function ruleFields(rule: fc.Arbitrary<Rule>) {
  return { include: fc.array(rule, { minLength: 1, maxLength: 3 }), exclude: fc.array(rule, { maxLength: 2 }), require: fc.array(rule, { maxLength: 1 }) };
}

const configArb: fc.Arbitrary<Config> = fc.integer({ min: 1, max: 2 }).chain((idps) =>
  groupsArb(idps).chain((groups) =>
    fc.record({
      idps: fc.constant(idps),
      groups: fc.constant(groups),
      policies: fc.array(policyArb(idps, groups.length), { minLength: 1, maxLength: 4 }),
      allowed: fc.oneof(fc.constant("all" as const), fc.uniqueArray(fc.integer({ min: 0, max: idps - 1 }), { minLength: 1, maxLength: idps })),
    }),
  ),
);

/** A change of a config: a group's or a policy's rules replaced, a policy added, removed or moved, the accepted identity providers. */
const changedArb = (c: Config): fc.Arbitrary<Config> =>
  fc
    .array(
      fc.oneof(
        ...(c.groups.length > 0
          ? [fc.tuple(fc.constant("group" as const), fc.integer({ min: 0, max: c.groups.length - 1 })).chain(([k, i]) => rules(identityRule(c.idps, i)).map((r) => ({ k, i, r })))]
          : []),
        fc.tuple(fc.constant("policy" as const), fc.integer({ min: 0, max: c.policies.length - 1 })).chain(([k, i]) => policyArb(c.idps, c.groups.length).map((p) => ({ k, i, p }))),
        fc.record({ k: fc.constant("move" as const), i: fc.integer({ min: 0, max: c.policies.length - 1 }), j: fc.integer({ min: 0, max: c.policies.length - 1 }) }),
        fc.record({ k: fc.constant("drop" as const), i: fc.integer({ min: 0, max: c.policies.length - 1 }) }),
        policyArb(c.idps, c.groups.length).map((p) => ({ k: "add" as const, p })),
        fc.oneof(fc.constant("all" as const), fc.uniqueArray(fc.integer({ min: 0, max: c.idps - 1 }), { minLength: 1, maxLength: c.idps })).map((a) => ({ k: "allowed" as const, a })),
      ),
      { minLength: 1, maxLength: 3 },
    )
    .map((ops) => {
      const head: Config = { ...c, groups: [...c.groups], policies: [...c.policies] };
      for (const op of ops) {
        if (op.k === "group") head.groups[op.i] = op.r;
        else if (op.k === "policy" && op.i < head.policies.length) head.policies[op.i] = op.p;
        else if (op.k === "move" && op.i < head.policies.length && op.j < head.policies.length) head.policies.splice(op.j, 0, ...head.policies.splice(op.i, 1));
        else if (op.k === "drop" && head.policies.length > 1 && op.i < head.policies.length) head.policies.splice(op.i, 1);
        else if (op.k === "add") head.policies.push(op.p);
        else if (op.k === "allowed") head.allowed = op.a;
      }
      return head;
    });

// ------------------------------------------------------------- the stack

const IDP = "cloudflare_zero_trust_access_identity_provider";
const idpRef = (i: number) => `\${${IDP}.idp${i}.id}`;

function ruleJson(rule: Rule): unknown {
  switch (rule.kind) {
    case "okta":
      return { okta: { name: rule.group, identity_provider_id: idpRef(rule.idp) } };
    case "email":
      return { email: { email: rule.email } };
    case "domain":
      return { email_domain: { domain: rule.domain } };
    case "everyone":
      return { everyone: {} };
    case "country":
      return { geo: { country_code: rule.code } };
    case "group":
      return { group: { id: `\${cloudflare_zero_trust_access_group.g${rule.index}.id}` } };
  }
}

const rulesJson = (r: Rules) => ({ include: r.include.map(ruleJson), ...(r.exclude.length > 0 ? { exclude: r.exclude.map(ruleJson) } : {}), ...(r.require.length > 0 ? { require: r.require.map(ruleJson) } : {}) });

/** The stack of a config: Okta apps assigned to Everyone with an all-groups claim, one Wiki application; policies reusable, in order. */
export function stackOf(c: Config): any {
  const resource: any = { okta_app_oauth: {}, okta_app_group_assignments: {}, [IDP]: {}, cloudflare_zero_trust_access_group: {}, cloudflare_zero_trust_access_policy: {} };
  for (let i = 0; i < c.idps; i++) {
    resource.okta_app_oauth[`app${i}`] = { label: `Access ${i}`, type: "web", redirect_uris: ["https://acme.cloudflareaccess.com/cdn-cgi/access/callback"], groups_claim: { type: "FILTER", filter_type: "REGEX", name: "groups", value: ".*" } };
    resource.okta_app_group_assignments[`app${i}`] = { app_id: `\${okta_app_oauth.app${i}.id}`, group: [{ id: "${data.okta_everyone_group.all.id}" }] };
    resource[IDP][`idp${i}`] = { account_id: "a", name: `Okta ${i}`, type: "okta", config: { client_id: `\${okta_app_oauth.app${i}.client_id}`, client_secret: `\${okta_app_oauth.app${i}.client_secret}`, okta_account: "https://acme.okta.com", claims: ["groups"] } };
  }
  c.groups.forEach((g, i) => (resource.cloudflare_zero_trust_access_group[`g${i}`] = { account_id: "a", name: `G${i}`, ...rulesJson(g) }));
  // Policies are named by content, so the same policy in base and head is the same resource.
  const names = new Map<string, number>();
  const entries = c.policies.map((p) => {
    const content = JSON.stringify([p.decision, rulesJson(p)]);
    const n = names.get(content) ?? names.size;
    names.set(content, n);
    resource.cloudflare_zero_trust_access_policy[`p${n}`] = { account_id: "a", name: `P${n}`, decision: p.decision, session_duration: "8h", ...rulesJson(p) };
    return `\${cloudflare_zero_trust_access_policy.p${n}.id}`;
  });
  const unique = [...new Set(entries)];
  resource.cloudflare_zero_trust_access_application = {
    wiki: { account_id: "a", name: "Wiki", domain: "wiki.acme.com", session_duration: "8h", ...(c.allowed === "all" ? {} : { allowed_idps: c.allowed.map(idpRef) }), policies: unique.map((id, i) => ({ id, precedence: i + 1 })) },
  };
  return { resource, data: { okta_everyone_group: { all: {} } } };
}

/** The policies as the application lists them (a policy listed twice counts once, at its first place). */
function listed(c: Config): Policy[] {
  const seen = new Set<string>();
  return c.policies.filter((p) => {
    const key = JSON.stringify([p.decision, rulesJson(p)]);
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

// ------------------------------------------------------------- brute force

interface Identity {
  login: number | "none" | "other";
  groups: ReadonlySet<string>;
  email?: string;
  country?: string;
}

function identities(idps: number): Identity[] {
  const found: Identity[] = [];
  const logins: Identity["login"][] = ["none", ...Array.from({ length: idps }, (_, i) => i), "other"];
  for (const login of logins) {
    for (let mask = 0; mask < 1 << GROUPS.length; mask++) {
      const groups = new Set(GROUPS.filter((_, i) => mask & (1 << i)));
      for (const email of login === "none" ? [undefined] : [undefined, ...ALL_EMAILS]) {
        for (const country of [undefined, ...COUNTRIES]) found.push({ login, groups, email, country });
      }
    }
  }
  return found;
}

function matches(c: Config, r: Rules, id: Identity, depth = 0): boolean {
  const rule = (x: Rule): boolean => {
    switch (x.kind) {
      case "okta":
        return id.login === x.idp && id.groups.has(x.group);
      case "email":
        return id.login !== "none" && id.email === x.email;
      case "domain":
        return id.login !== "none" && id.email?.split("@")[1] === x.domain;
      case "everyone":
        return true;
      case "country":
        return id.country === x.code;
      case "group":
        return depth < 10 && matches(c, c.groups[x.index], id, depth + 1);
    }
  };
  return r.include.some(rule) && r.require.every(rule) && !r.exclude.some(rule);
}

export function admits(c: Config, id: Identity, policies: readonly Policy[] = listed(c)): boolean {
  if (policies.some((p) => p.decision === "bypass" && matches(c, p, id))) return true;
  if (id.login === "none") return false;
  if (c.allowed !== "all" && (id.login === "other" || !c.allowed.includes(id.login))) return false;
  for (const p of policies) {
    if (p.decision === "bypass" || !matches(c, p, id)) continue;
    return p.decision === "allow";
  }
  return false;
}

const IDENTITIES = [identities(1), identities(2)];

function expectedVerdict(base: Config, head: Config): string {
  let widens = false;
  let narrows = false;
  const before = listed(base);
  const after = listed(head);
  for (const id of IDENTITIES[Math.max(base.idps, head.idps) - 1]) {
    const b = admits(base, id, before);
    const h = admits(head, id, after);
    if (h && !b) widens = true;
    if (b && !h) narrows = true;
    if (widens && narrows) break;
  }
  return widens && narrows ? "widens and narrows" : widens ? "widens" : narrows ? "narrows" : "unchanged";
}

/** `PROPERTY_RUNS=5000 PROPERTY_SEED=7 npx jest test/review/access-property.test.ts` runs longer, with another seed. */
const RUNS = Number(process.env.PROPERTY_RUNS ?? 100);
const SEED = Number(process.env.PROPERTY_SEED ?? 24);

const pairArb = configArb.chain((base) => changedArb(base).map((head) => ({ base, head })));

describe("issue 24: the verdict against a brute-force evaluation of admission", () => {
  test("random policy sets, Access groups and changes: the review's verdict is the brute force's", () => {
    fc.assert(
      fc.property(pairArb, ({ base, head }) => {
        const b = index(stackOf(base), "s");
        const h = index(stackOf(head), "s");
        const { pairs } = diffOutputs([b], [h]);
        const summary = accessSummary([h], { stacks: [b], pairs });
        const row = summary.rows.find((r) => r.application === "Wiki");
        expect(row?.changes.filter((c) => c.kind === "undecided")).toEqual([]);
        expect(row?.verdict).toBe(expectedVerdict(base, head));
        // Every admission change names an identity.
        for (const c of row?.changes ?? []) expect(c.who).toBeDefined();
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  test("the brute force itself: a few hand-checked cases", () => {
    const c: Config = { idps: 1, groups: [{ include: [{ kind: "okta", group: "A", idp: 0 }], exclude: [], require: [] }], policies: [{ decision: "allow", name: "", include: [{ kind: "group", index: 0 }], exclude: [{ kind: "email", email: "a@x.com" }], require: [] }], allowed: "all" };
    expect(admits(c, { login: 0, groups: new Set(["A"]) })).toBe(true);
    expect(admits(c, { login: 0, groups: new Set(["A"]), email: "a@x.com" })).toBe(false);
    expect(admits(c, { login: "none", groups: new Set(["A"]) })).toBe(false);
    expect(admits(c, { login: "other", groups: new Set(["A"]) })).toBe(false);
    const withBypass: Config = { ...c, policies: [...c.policies, { decision: "bypass", name: "", include: [{ kind: "country", code: "US" }], exclude: [], require: [] }] };
    expect(admits(withBypass, { login: "none", groups: new Set(), country: "US" })).toBe(true);
  });
});

describe("issue 24: --fail-on widen exits 3 whenever the table says widens, in every renderer", () => {
  /** Changes beyond the rules: an application removed, hostnames dropped or added, a session, the Okta org. */
  const extraArb = fc.record({
    removeApp: fc.boolean(),
    dropHost: fc.boolean(),
    addHost: fc.boolean(),
    session: fc.constantFrom("8h", "4h", "24h"),
    org: fc.constantFrom("https://acme.okta.com", "https://other.okta.com"),
  });

  test("random changes: the Markdown table, the JSON rows and the exit code agree", () => {
    fc.assert(
      fc.property(pairArb, extraArb, ({ base, head }, extra) => {
        const b = stackOf(base);
        b.resource.cloudflare_zero_trust_access_application.wiki.self_hosted_domains = ["wiki.acme.com", "docs.acme.com"];
        const h = stackOf(head);
        const app = h.resource.cloudflare_zero_trust_access_application.wiki;
        app.self_hosted_domains = ["wiki.acme.com", ...(extra.dropHost ? [] : ["docs.acme.com"]), ...(extra.addHost ? ["admin.acme.com"] : [])];
        for (const p of Object.values<any>(h.resource.cloudflare_zero_trust_access_policy)) p.session_duration = extra.session;
        h.resource[IDP].idp0.config.okta_account = extra.org;
        if (extra.removeApp) delete h.resource.cloudflare_zero_trust_access_application;
        const result = review(writeStackFile(h), { base: writeStackFile(b), failOn: ["widen"] });
        const json = JSON.parse(renderJson(result)) as { exitCode: number; access: { rows: { verdict: string; changes: { kind: string }[] }[] } };
        const markdown = renderMarkdown(result);
        const tableSaysWidens = json.access.rows.some((r) => ["widens", "widens and narrows", "cannot tell"].includes(r.verdict) || (r.verdict === "removed" && r.changes.some((c) => c.kind === "widen")));
        const markdownSaysWidens = /\| ⚠️ \*\*widens\*\*|\| ❓ \*\*cannot tell\*\*|\| ⚠️ \*\*removed\*\*/.test(markdown);
        expect(markdownSaysWidens).toBe(tableSaysWidens);
        if (tableSaysWidens) expect(result.exitCode).toBe(3);
        expect(json.exitCode).toBe(result.exitCode);
        // The other way round: exit 3 comes from a finding the review shows.
        if (result.exitCode === 3) expect(markdown).toMatch(/### (⚠️ Access widens|❓ Cannot tell)/);
        // And the verdict line counts what the table shows.
        if (tableSaysWidens) expect(markdown).toMatch(/\*\*.*(Access widens|cannot tell).*\*\*/);
      }),
      { numRuns: Math.ceil(RUNS / 3), seed: SEED + 1 },
    );
  });
});
