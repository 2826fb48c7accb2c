/**
 * Adversarial inputs for the review: generators of Terraform JSON that attack
 * its time and memory (issue 24, "Bounds"). Each case builds an input of
 * about the size asked for, so the hostile suite (`npm run test:hostile`) can
 * prove the bound at 100 KB, and the unit tests can use small ones.
 *
 * The cases attack, one by one: expressions whose value grows exponentially
 * with the nesting of locals (replace, format, join, concat, templates,
 * merge, jsonencode, tuples), work that grows faster than the input (for
 * loops over lists, distinct, Access groups inside groups), regex matching
 * (Okta's groups filters, evaluated with java.util.regex semantics), strings
 * that make a backtracking regex quadratic, deep nesting, huge lists, a big
 * constant repeated into every resource, and the diff (base vs head).
 *
 * Imports nothing from cdktf: the hostile suite runs the review in a child
 * process that loads only src/review.
 */
type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** The input of one case: the head stack, and a base stack when the case attacks the diff. */
export interface HostileInput {
  readonly head: JsonObject;
  readonly base?: JsonObject;
}

/** One adversarial generator. */
export interface HostileCase {
  readonly name: string;
  /** What it attacks, in words. */
  readonly attacks: string;
  /** An input of about `bytes` bytes (each stack). */
  build(bytes: number): HostileInput;
}

const IDP = "cloudflare_zero_trust_access_identity_provider";
const IDP_REF = `\${${IDP}.okta.id}`;
const okta = (name: string): JsonObject => ({ okta: { name, identity_provider_id: IDP_REF } });

/**
 * A complete hand-written setup (an Okta app with a groups claim, the
 * Cloudflare IdP, one application with one allow policy), with `extra`
 * merged into it: `locals`, `variable`, more resources.
 */
export function accessStack(extra: { locals?: JsonObject; variable?: JsonObject; resource?: { [type: string]: JsonObject }; groupsClaim?: JsonObject } = {}): JsonObject {
  const resource: { [type: string]: JsonObject } = {
    okta_app_oauth: {
      cloudflare: {
        label: "Access",
        type: "web",
        grant_types: ["authorization_code"],
        redirect_uris: ["https://acme.cloudflareaccess.com/cdn-cgi/access/callback"],
        pkce_required: true,
        groups_claim: [extra.groupsClaim ?? { type: "FILTER", filter_type: "STARTS_WITH", name: "groups", value: "eng-" }],
      },
    },
    okta_app_group_assignments: {
      cloudflare: { app_id: "${okta_app_oauth.cloudflare.id}", group: [{ id: "${data.okta_everyone_group.all.id}" }] },
    },
    [IDP]: {
      okta: {
        name: "Acme Okta",
        type: "okta",
        account_id: "0123456789abcdef0123456789abcdef",
        config: {
          client_id: "${okta_app_oauth.cloudflare.client_id}",
          client_secret: "${okta_app_oauth.cloudflare.client_secret}",
          okta_account: "https://acme.okta.com",
          claims: ["groups"],
          pkce_enabled: true,
        },
      },
    },
    cloudflare_zero_trust_access_policy: {
      allow: { account_id: "a", name: "Allow", decision: "allow", include: [okta("Eng")], session_duration: "8h" },
    },
    cloudflare_zero_trust_access_application: {
      wiki: {
        account_id: "a",
        name: "Wiki",
        domain: "wiki.acme.com",
        session_duration: "8h",
        allowed_idps: [IDP_REF],
        policies: [{ id: "${cloudflare_zero_trust_access_policy.allow.id}", precedence: 1 }],
      },
    },
  };
  for (const [type, byName] of Object.entries(extra.resource ?? {})) resource[type] = { ...(resource[type] ?? {}), ...byName };
  return {
    terraform: { required_providers: { okta: { source: "okta/okta", version: "6.12.0" }, cloudflare: { source: "cloudflare/cloudflare", version: "5.22.0" } } },
    data: { okta_everyone_group: { all: {} } },
    ...(extra.locals ? { locals: extra.locals } : {}),
    ...(extra.variable ? { variable: extra.variable } : {}),
    resource,
  };
}

/** The JSON size of a value (what the file holds). */
export function sizeOf(value: unknown): number {
  return JSON.stringify(value).length;
}

/** Policies that use `value` (a Terraform string) in their name, an email rule and an Okta group rule, and an application that attaches them all. */
function uses(value: (i: number) => string, count: number): { [type: string]: JsonObject } {
  const policies: JsonObject = {};
  const attached: Json[] = [];
  for (let i = 0; i < count; i++) {
    policies[`p${i}`] = { account_id: "a", name: value(i), decision: "allow", include: [{ email: { email: value(i) } }, okta(value(i))], session_duration: "8h" };
    attached.push({ id: `\${cloudflare_zero_trust_access_policy.p${i}.id}`, precedence: i + 2 });
  }
  return {
    cloudflare_zero_trust_access_policy: policies,
    cloudflare_zero_trust_access_application: {
      app: { account_id: "a", name: "${local.name}", domain: "app.acme.com", session_duration: "8h", allowed_idps: [IDP_REF], policies: attached },
    },
  };
}

/**
 * The stack `make(count)` with the largest count whose JSON fits in `bytes`
 * (at least one): the size of one item measured, not guessed.
 */
function fill(bytes: number, make: (count: number) => JsonObject): JsonObject {
  const one = sizeOf(make(1));
  const each = Math.max(1, sizeOf(make(2)) - one);
  return make(Math.max(1, 1 + Math.floor((bytes - one) / each)));
}

/**
 * A chain of locals, each defined from the one before by `step` (a template
 * of `local.<prev>`), used `count` times in policies. Every level multiplies
 * the value; without a cap the last one is exponential in the chain length.
 */
function chain(levels: number, start: string, step: (prev: string) => string, bytes: number): HostileInput {
  const locals: JsonObject = { name: "app", c0: start };
  for (let i = 1; i <= levels; i++) locals[`c${i}`] = step(`local.c${i - 1}`);
  return { head: fill(bytes, (count) => accessStack({ locals, resource: uses(() => `\${local.c${levels}}`, count) })) };
}

/**
 * The reproduction of issue 24's "Bounds" example: about 3 KB of Terraform
 * JSON whose nested `replace()` locals double a value at every level (2^levels
 * characters at the end, 8 MiB by default), used in a few policies' names and
 * rules, which the review prints several times each: some 460 MB of review,
 * 2.7 GB of memory and 7 s before the caps.
 */
export function nestedReplace3kb(levels = 23, count = 10): HostileInput {
  const locals: JsonObject = { r0: "x" };
  for (let i = 1; i <= levels; i++) locals[`r${i}`] = `\${replace(local.r${i - 1},"x","xx")}`;
  const policies: JsonObject = {};
  const attached: Json[] = [];
  for (let i = 0; i < count; i++) {
    policies[`p${i}`] = { name: `\${local.r${levels}}`, decision: "allow", include: [{ email: { email: `\${local.r${levels}}` } }] };
    attached.push({ id: `\${cloudflare_zero_trust_access_policy.p${i}.id}`, precedence: i + 1 });
  }
  return {
    head: {
      locals,
      resource: {
        cloudflare_zero_trust_access_policy: policies,
        cloudflare_zero_trust_access_application: { app: { name: `\${local.r${levels}}`, domain: `\${local.r${levels}}`, policies: attached } },
      },
    },
  };
}

/** A string of `unit` repeated, `n` bytes long in JSON (escapes such as `\\n` count twice). */
function run(unit: string, n: number): string {
  const bytesPerUnit = JSON.stringify(unit).length - 2;
  return unit.repeat(Math.max(1, Math.floor(n / bytesPerUnit)));
}

/** Runs that make a backtracking regex quadratic: `\s*\n\s*`, `\d+(ns|s)`, `\$\{[^}]*\}`, `(\r?\n)+$`... */
const PATHOLOGICAL: readonly [string, string][] = [
  ["spaces", " "],
  ["digits", "1"],
  ["newlines", "\n"],
  ["crlf", "\r\n "],
  ["interpolations", "${"],
  ["backticks", "`"],
  ["dots", ".a"],
  ["percents", "%0"],
  ["word-characters", "w"],
  ["mentions", "@#"],
  ["tabs-and-spaces", " \t"],
  ["pipes", "|"],
];

/** Attributes that the review reads in its own way (durations, hostnames, group names, expressions, outputs). */
const SLOTS = ["policy name", "session duration", "domain", "email", "okta group", "groups filter", "local", "okta account", "redirect URI", "output"] as const;
type Slot = (typeof SLOTS)[number];

/** A setup whose attributes in the chosen slots hold `text` (the others hold ordinary values). */
function pathological(text: string, chosen: (slot: Slot) => boolean): HostileInput {
  const at = (slot: Slot, ordinary: string) => (chosen(slot) ? text : ordinary);
  const head = accessStack({
    resource: {
      cloudflare_zero_trust_access_policy: {
        p: { account_id: "a", name: at("policy name", "P"), decision: "allow", include: [okta(at("okta group", "Eng")), { email: { email: at("email", "a@acme.com") } }], session_duration: at("session duration", "8h") },
      },
      cloudflare_zero_trust_access_application: {
        a: { account_id: "a", name: "${local.s}", domain: at("domain", "a.acme.com"), session_duration: "8h", allowed_idps: [IDP_REF], policies: [{ id: "${cloudflare_zero_trust_access_policy.p.id}", precedence: 1 }] },
      },
    },
    locals: { s: at("local", "app") },
    groupsClaim: { type: "FILTER", filter_type: "STARTS_WITH", name: "groups", value: at("groups filter", "eng-") },
  }) as any;
  head.resource[IDP].okta.config.okta_account = at("okta account", "https://acme.okta.com");
  head.resource.okta_app_oauth.cloudflare.redirect_uris = [at("redirect URI", "https://acme.cloudflareaccess.com/cdn-cgi/access/callback")];
  head.output = { o: { value: at("output", "${okta_app_oauth.cloudflare.client_id}") } };
  return { head };
}

/** Groups-filter regexes that backtrack exponentially on a name of a's that does not match. */
const CATASTROPHIC = ["(a|aa)*c", "(a*)*b", "(a|a)*b", "((a+)+)+b", "(.*a){12}b", "(a?){30}a{30}c"];

export const HOSTILE_CASES: readonly HostileCase[] = [
  {
    name: "replace-3kb",
    attacks: "issue 24's reproduction: about 3 KB of nested replace() locals, 400 MB of review without caps",
    build: () => nestedReplace3kb(),
  },
  {
    name: "replace-doubling",
    attacks: "replace() doubling a value at every level of a long chain of locals",
    build: (bytes) => chain(60, "x", (p) => `\${replace(${p}, "x", "xx")}`, bytes),
  },
  {
    name: "replace-squaring",
    attacks: "replace() with the value itself as replacement: the length squares at every level",
    build: (bytes) => chain(8, "xxxx", (p) => `\${replace(${p}, "x", ${p})}`, bytes),
  },
  {
    name: "format-chain",
    attacks: "format() of a value with itself",
    build: (bytes) => chain(60, "ab", (p) => `\${format("%s%s%v", ${p}, ${p}, ${p})}`, bytes),
  },
  {
    name: "join-chain",
    attacks: "join() of a list of the value",
    build: (bytes) => chain(60, "ab", (p) => `\${join(",", [${p}, ${p}, ${p}])}`, bytes),
  },
  {
    name: "template-doubling",
    attacks: "string templates that repeat the value",
    build: (bytes) => chain(60, "ab", (p) => `\${${p}}\${${p}}\${${p}}`, bytes),
  },
  {
    name: "concat-lists",
    attacks: "concat() of a list with itself: lists of exponential length",
    build: (bytes) => chain(60, "${[\"a\", \"b\"]}", (p) => `\${concat(${p}, ${p}, ${p})}`, bytes),
  },
  {
    name: "nested-tuples",
    attacks: "tuples that hold the value twice: exponential logical size, little memory, until rendered",
    build: (bytes) => chain(60, "leaf", (p) => `\${[${p}, ${p}, {k = ${p}}]}`, bytes),
  },
  {
    name: "merge-objects",
    attacks: "merge() with a for expression: maps that double at every level",
    build: (bytes) => chain(40, '${{a = "b"}}', (p) => `\${merge(${p}, {for k, v in ${p} : "\${k}-${p.slice(7)}" => v})}`, bytes),
  },
  {
    name: "jsonencode-chain",
    attacks: "jsonencode() of its own result: escaping doubles the backslashes at every level",
    build: (bytes) => chain(60, 'a"b\\c', (p) => `\${jsonencode([${p}, ${p}])}`, bytes),
  },
  {
    name: "base64-chain",
    attacks: "base64encode() and strrev/upper of a growing value",
    build: (bytes) => chain(80, "abc", (p) => `\${base64encode(upper(strrev("\${${p}}\${${p}}")))}`, bytes),
  },
  {
    name: "fibonacci-locals",
    attacks: "many locals, each referencing the two before it",
    build: (bytes) => {
      const locals: JsonObject = { name: "app", f0: "a", f1: "b" };
      let i = 2;
      while (sizeOf(locals) < bytes / 2) {
        locals[`f${i}`] = `\${local.f${i - 1}}\${local.f${i - 2}}`;
        i++;
      }
      return { head: fill(bytes, (count) => accessStack({ locals, resource: uses((k) => `\${local.f${i - 1 - (k % 50)}}`, count) })) };
    },
  },
  {
    name: "many-locals-fan-in",
    attacks: "thousands of locals, each referencing many earlier ones",
    build: (bytes) => {
      const locals: JsonObject = { name: "app", m0: "seed" };
      let i = 1;
      while (sizeOf(locals) < bytes * 0.8) {
        const refs = [i - 1, Math.floor(i / 2), Math.floor(i / 3), Math.floor(i / 5)].map((j) => `\${local.m${j}}`);
        locals[`m${i}`] = refs.join("-");
        i++;
      }
      return { head: fill(bytes, (count) => accessStack({ locals, resource: uses((k) => `\${local.m${i - 1 - k}}`, count) })) };
    },
  },
  {
    name: "for-product",
    attacks: "nested for expressions over a list: work that grows with the cube of the input",
    build: (bytes) => {
      const items: string[] = [];
      while (sizeOf(items) < bytes * 0.4) items.push(`i${items.length}`);
      const locals: JsonObject = {
        name: "app",
        items,
        cube: "${[for a in local.items : [for b in local.items : [for c in local.items : \"${a}${b}${c}\"]]]}",
        flat: "${flatten(local.cube)}",
        joined: '${join(",", local.flat)}',
      };
      return { head: fill(bytes, (count) => accessStack({ locals, resource: uses(() => "${local.joined}", count) })) };
    },
  },
  {
    name: "huge-list-functions",
    attacks: "distinct, toset, sort, contains and keys on a list of thousands of items (quadratic if done naively)",
    build: (bytes) => {
      const items: string[] = [];
      while (sizeOf(items) < bytes * 0.7) items.push(`item-${items.length % 5000}-${items.length}`);
      const locals: JsonObject = {
        name: "app",
        items,
        d: "${distinct(local.items)}",
        s: "${toset(local.items)}",
        o: "${sort(local.items)}",
        c: '${contains(local.items, "nope")}',
        z: "${zipmap(local.items, local.items)}",
        k: "${keys(local.z)}",
        n: '${join(",", local.d)}',
      };
      return { head: fill(bytes, (count) => accessStack({ locals, resource: uses(() => "${local.n}", count) })) };
    },
  },
  {
    name: "constant-fan-out",
    attacks: "one big constant substituted into every resource: the output grows with the product",
    build: (bytes) => {
      const locals: JsonObject = { name: "app", big: run("constant ", Math.floor(bytes / 2)) };
      return { head: fill(bytes, (count) => accessStack({ locals, resource: uses(() => "${local.big}", count) })) };
    },
  },
  {
    name: "regex-backtracking",
    attacks: "a groups-filter regex that backtracks exponentially, checked against many Okta group rules",
    build: (bytes) => {
      const name = (i: number) => `${"a".repeat(28 + (i % 5))}!${i}`;
      return { head: fill(bytes, (count) => accessStack({ groupsClaim: { type: "FILTER", filter_type: "REGEX", name: "groups", value: CATASTROPHIC[0] }, resource: uses(name, count) })) };
    },
  },
  {
    name: "regex-many-idps",
    attacks: "many identity providers, each with its own catastrophic regex, whose base sends one named group (the widening comparison evaluates every regex)",
    build: (bytes) => regexIdps(bytes),
  },
  {
    name: "regex-long-pattern",
    attacks: "a groups-filter regex of tens of kilobytes, parsed and matched for every Okta group rule",
    build: (bytes) => {
      const alternatives: string[] = [];
      while (alternatives.join("|").length < bytes / 2) alternatives.push(`(x${alternatives.length}|y)*[a-z]+z`);
      const pattern = alternatives.join("|");
      return { head: fill(bytes, (count) => accessStack({ groupsClaim: { type: "FILTER", filter_type: "REGEX", name: "groups", value: pattern }, resource: uses((i) => `${"a".repeat(25)}${i}`, count) })) };
    },
  },
  {
    name: "regex-long-group-name",
    attacks: "one Okta group name as long as the input, under the default groups filter .* (the matcher recursed once per character: a stack overflow at 2,000)",
    build: (bytes) => ({ head: accessStack({ groupsClaim: { type: "FILTER", filter_type: "REGEX", name: "groups", value: ".*" }, resource: uses(() => "E".repeat(Math.floor(bytes / 3.3)), 1) }) }),
  },
  {
    name: "regex-deep-nesting",
    attacks: "a groups filter of groups nested thousands deep, and a repeated group matched against a long name (each nests the matcher a level)",
    build: (bytes) => {
      const depth = Math.floor(bytes / 8);
      const pattern = `${"(".repeat(depth)}E${")".repeat(depth)}|(E)*`;
      return { head: accessStack({ groupsClaim: { type: "FILTER", filter_type: "REGEX", name: "groups", value: pattern }, resource: uses(() => "E".repeat(Math.floor(bytes / 4)), 1) }) };
    },
  },
  {
    name: "access-group-diamond",
    attacks: "Access groups that include the next group twice (and an Okta group): exponential if expanded naively",
    build: (bytes) => accessGroups(bytes, (i) => [{ group: { id: `\${cloudflare_zero_trust_access_group.g${i + 1}.id}` } }, { group: { id: `\${cloudflare_zero_trust_access_group.g${i + 1}.id}` } }, okta(`team-${i}`)]),
  },
  {
    name: "access-group-chain",
    attacks: "a long chain of Access groups, each including the next: every group's description lists the Okta groups below it",
    build: (bytes) => accessGroups(bytes, (i) => [{ group: { id: `\${cloudflare_zero_trust_access_group.g${i + 1}.id}` } }, okta(`team-${i}`)]),
  },
  {
    name: "access-groups-all-include-each-other-compared",
    attacks: "Access groups that all include each other (cycles on every path), compared base to head: the comparison expands along each path",
    build: (bytes) => {
      const make = (extra: Json[]): JsonObject => {
        // n groups with n - 1 references each: n² references of about 60 bytes.
        const n = Math.max(2, Math.floor(Math.sqrt(bytes / 62)));
        const groups: JsonObject = {};
        for (let i = 0; i < n; i++) {
          const include: Json[] = [];
          for (let j = 0; j < n; j++) if (j !== i) include.push({ group: { id: `\${cloudflare_zero_trust_access_group.c${j}.id}` } });
          groups[`c${i}`] = { account_id: "a", name: `C${i}`, include: i === 1 ? [...include, ...extra] : include };
        }
        return accessStack({
          resource: {
            cloudflare_zero_trust_access_group: groups,
            cloudflare_zero_trust_access_policy: { allow: { account_id: "a", name: "Allow", decision: "allow", include: [{ group: { id: "${cloudflare_zero_trust_access_group.c0.id}" } }], session_duration: "8h" } },
          },
        });
      };
      return { base: make([]), head: make([okta("eng-newcomers")]) };
    },
  },
  {
    name: "access-compare-many-applications",
    attacks: "as many applications as fit, each behind a chain of nested Access groups, every one of them widened by one member added at the bottom of the chain",
    build: (bytes) => {
      const make = (extra: Json[]): JsonObject => {
        const groups: JsonObject = {};
        for (let g = 0; g < 40; g++) {
          groups[`n${g}`] = { account_id: "a", name: `N${g}`, include: [okta(`eng-${g}`), ...(g > 0 ? [{ group: { id: `\${cloudflare_zero_trust_access_group.n${g - 1}.id}` } }] : extra)], exclude: [okta(`eng-x${g}`)] };
        }
        const policies: JsonObject = {};
        const apps: JsonObject = {};
        for (let i = 0; sizeOf(policies) + sizeOf(apps) + sizeOf(groups) < bytes * 0.9; i++) {
          policies[`p${i}`] = { account_id: "a", name: `P${i}`, decision: "allow", include: [{ group: { id: `\${cloudflare_zero_trust_access_group.n${i % 40}.id}` } }, okta(`eng-own-${i}`)], exclude: [okta("eng-contractors")], session_duration: "8h" };
          apps[`a${i}`] = { account_id: "a", name: `A${i}`, domain: `a${i}.acme.com`, allowed_idps: [IDP_REF], policies: [{ id: `\${cloudflare_zero_trust_access_policy.p${i}.id}`, precedence: 1 }] };
        }
        return accessStack({ resource: { cloudflare_zero_trust_access_group: groups, cloudflare_zero_trust_access_policy: policies, cloudflare_zero_trust_access_application: apps } });
      };
      return { base: make([]), head: make([okta("eng-newcomers")]) };
    },
  },
  {
    name: "huge-rule-lists",
    attacks: "one policy with thousands of include rules, an application with thousands of hostnames, a groups claim with thousands of claims",
    build: (bytes) => {
      const include: Json[] = [];
      const domains: string[] = [];
      while (sizeOf(include) + sizeOf(domains) < bytes * 0.9) {
        include.push(include.length % 2 ? okta(`g${include.length}`) : { email: { email: `u${include.length}@acme.com` } });
        domains.push(`h${domains.length}.acme.com`);
      }
      return {
        head: accessStack({
          resource: {
            cloudflare_zero_trust_access_policy: { big: { account_id: "a", name: "Big", decision: "allow", include, session_duration: "8h" } },
            cloudflare_zero_trust_access_application: {
              big: { account_id: "a", name: "Big", domain: "big.acme.com", self_hosted_domains: domains, allowed_idps: [IDP_REF], policies: [{ id: "${cloudflare_zero_trust_access_policy.big.id}", precedence: 1 }] },
            },
          },
        }),
      };
    },
  },
  ...PATHOLOGICAL.map(
    ([name, unit]): HostileCase => ({
      name: `pathological-${name}`,
      attacks: `strings of ${name} (a backtracking regex is quadratic on a long run) in every attribute the review reads or prints`,
      build: (bytes) => pathological(run(unit, Math.floor(bytes / 11.5)), () => true),
    }),
  ),
  ...PATHOLOGICAL.map(
    ([name, unit], i): HostileCase => ({
      name: `pathological-${name}-in-${SLOTS[i % SLOTS.length]}`,
      attacks: `one string of ${name} as long as the input allows, in ${SLOTS[i % SLOTS.length]}`,
      build: (bytes) => pathological(run(unit, Math.floor(bytes * 0.96)), (slot) => slot === SLOTS[i % SLOTS.length]),
    }),
  ),
  {
    name: "deep-nesting",
    attacks: "JSON nested just under the loader's limit, and expressions nested as deep as the parser allows, in rules and locals",
    build: (bytes) => {
      let deep: Json = "x";
      for (let i = 0; i < 240; i++) deep = i % 2 ? [deep] : { k: deep };
      const parens = `\${${"(".repeat(190)}local.name${")".repeat(190)}}`;
      const unary = `\${${"!".repeat(190)}true}`;
      const sum = `\${${Array.from({ length: 3000 }, () => "1").join("+")}}`;
      const locals: JsonObject = { name: "app", deep, parens, unary, sum };
      const make = (count: number) => {
        const policies: JsonObject = {};
        for (let i = 0; i < count; i++) policies[`d${i}`] = { account_id: "a", name: "${local.parens}", decision: "allow", include: [{ nested: deep }], session_duration: "8h" };
        return accessStack({ locals, resource: { cloudflare_zero_trust_access_policy: policies } });
      };
      return { head: fill(bytes, make) };
    },
  },
  {
    name: "diff-everything-changes",
    attacks: "base and head that differ in every resource, with renames and big rule lists (the diff, rename matching and widening)",
    build: (bytes) => {
      const make = (prefix: string, group: string): JsonObject => {
        const policies: JsonObject = {};
        const apps: JsonObject = {};
        let i = 0;
        while (sizeOf(policies) + sizeOf(apps) < bytes * 0.9) {
          policies[`${prefix}p${i}`] = { account_id: "a", name: `P${i}`, decision: i % 3 ? "allow" : "deny", include: [okta(`${group}${i}`), okta(`${group}${i + 1}`)], exclude: [okta(`x${i}`)], session_duration: `${1 + (i % 24)}h` };
          apps[`${prefix}a${i}`] = { account_id: "a", name: `A${i}`, domain: `a${i}.acme.com`, allowed_idps: [IDP_REF], policies: [{ id: `\${cloudflare_zero_trust_access_policy.${prefix}p${i}.id}`, precedence: 1 }] };
          i++;
        }
        return accessStack({ resource: { cloudflare_zero_trust_access_policy: policies, cloudflare_zero_trust_access_application: apps } });
      };
      return { base: make("old", "g"), head: make("new", "h") };
    },
  },
];

function accessGroups(bytes: number, include: (i: number) => Json[]): HostileInput {
  const groups: JsonObject = {};
  let i = 0;
  while (sizeOf(groups) < bytes * 0.9) {
    groups[`g${i}`] = { account_id: "a", name: `G${i}`, include: include(i) };
    i++;
  }
  groups[`g${i}`] = { account_id: "a", name: `G${i}`, include: [okta("last")] };
  return {
    head: accessStack({
      resource: {
        cloudflare_zero_trust_access_group: groups,
        cloudflare_zero_trust_access_policy: { top: { account_id: "a", name: "Top", decision: "allow", include: [{ group: { id: "${cloudflare_zero_trust_access_group.g0.id}" } }], session_duration: "8h" } },
      },
    }),
  };
}

function regexIdps(bytes: number): HostileInput {
  const make = (filter: (i: number) => JsonObject): JsonObject => {
    const apps: JsonObject = {};
    const idps: JsonObject = {};
    let i = 0;
    while (sizeOf(apps) + sizeOf(idps) < bytes * 0.9) {
      apps[`o${i}`] = { label: `A${i}`, type: "web", grant_types: ["authorization_code"], redirect_uris: ["https://acme.cloudflareaccess.com/cdn-cgi/access/callback"], groups_claim: [filter(i)] };
      idps[`i${i}`] = { name: `I${i}`, type: "okta", account_id: "a", config: { client_id: `\${okta_app_oauth.o${i}.client_id}`, okta_account: "https://acme.okta.com", claims: ["groups"] } };
      i++;
    }
    return accessStack({ resource: { okta_app_oauth: apps, [IDP]: idps } });
  };
  return {
    base: make((i) => ({ type: "FILTER", filter_type: "EQUALS", name: "groups", value: `${"a".repeat(30)}${i}` })),
    head: make((i) => ({ type: "FILTER", filter_type: "REGEX", name: "groups", value: CATASTROPHIC[i % CATASTROPHIC.length] })),
  };
}
