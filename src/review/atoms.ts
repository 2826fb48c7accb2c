/**
 * Identity atoms: the things Cloudflare Access checks about a request or the
 * person behind it (an Okta group through a given identity provider, an email,
 * an email domain, everyone, an IP range, a country, a service token...).
 * Every include / exclude / require rule of an Access group or policy is read
 * here, in the cloudflare provider's v5 shape (`{ email = { email = "a@b" } }`)
 * and its v4 shape (`{ email = ["a@b", "c@d"] }`, `everyone = true`), into
 * atoms: one atom per value (Cloudflare splits a v4 list into one rule per
 * value). The access model (access-model.ts) combines them; the evaluator
 * (admission.ts) gives each atom a variable.
 *
 * To add a selector: one entry of {@link SELECTORS} (its v5 and v4 shapes,
 * whether it needs a sign-in, the words), and, when it is related to other
 * atoms (one value per request, implies another atom), a rule in
 * admission.ts's `constraints`. An unknown selector, and a value known only at
 * plan time, make an opaque atom: the review cannot tell what it matches.
 */
import { maskSecrets } from "./secrets";
import { canonical, isExpression, isObject, Json, list } from "./terraform-json";
import { literal } from "./text";
import { display, tfBool } from "./values";

/** What an atom tests, for the evaluator's constraints. */
export type AtomKind =
  | "everyone"
  | "loginMethod"
  | "oktaGroup"
  | "email"
  | "emailDomain"
  | "ip"
  | "country"
  | "serviceToken"
  | "anyServiceToken"
  | "certificate"
  | "commonName"
  | "accessGroup"
  /** A reference to an Access group the stack does not declare: it matches nobody. */
  | "nobody"
  | "plain"
  | "opaque";

/** One thing a rule tests. */
export interface Atom {
  /** Two atoms with the same key test the same thing (values compared as Terraform and Cloudflare do). */
  readonly key: string;
  readonly kind: AtomKind;
  /** The rule's selector as written (`okta`, `email`, `github`...). */
  readonly selector: string;
  /** The rule in words: `Okta group "Eng"`. */
  readonly text: string;
  /** The people or requests it matches, in words: `members of Okta group "Eng"`. */
  readonly who: string;
  /** True for identity-based selectors: they match only someone who signed in. */
  readonly identity: boolean;
  /** The identity provider (its key) a selector is tied to: okta, saml, github, login_method... */
  readonly idp?: string;
  /** The value the kind is about: an email, a domain, a CIDR, a country, a token id, an Okta group name, an Access group's key. */
  readonly value?: string;
  /** For an `accessGroup` atom: the group's address when the stack holds it. */
  readonly address?: string;
  /** Why the review cannot tell what this atom matches (an unknown selector, a value known only at plan time, a group outside the stack). */
  readonly opaque?: string;
}

/** What the atom reader needs from the stack. */
export interface AtomContext {
  /** A value as a literal: a constant, or a reference to an attribute the stack writes as a constant (`${okta_group.eng.name}`); undefined when only known at plan time. */
  literal(value: Json | undefined): string | undefined;
  /** The key of an identity provider an id names (an address, or `id:<literal>`), or undefined when only known at plan time. */
  idpKey(value: Json | undefined): string | undefined;
  /** The identity provider's name for the words, when the stack holds it. */
  idpName(key: string): string | undefined;
  /** True when the words must say which identity provider a rule names (the stack has several). */
  readonly multipleIdps: boolean;
  /** The key of an Access group an id names, its address and name when the stack holds it. */
  accessGroup(value: Json | undefined): { key?: string; address?: string; name?: string; undeclared?: boolean };
}

interface Selector {
  readonly identity: boolean;
  /** The atoms of one rule of this selector (its value as written). */
  read(value: Json, ctx: AtomContext, selector: string): Atom[];
}

const quote = (s: string) => `"${s}"`;

/** Values of a field: a v5 object's field, or a v4 list of values (or a single value). */
function values(raw: Json, field: string): (Json | undefined)[] {
  if (isObject(raw)) return raw[field] === undefined || raw[field] === null ? [undefined] : list(raw[field]);
  return list(raw);
}

/** A selector with one value per rule (email, domain, ip...). */
function valued(kind: AtomKind, field: string, identity: boolean, words: { text: (v: string) => string; who: (v: string) => string }, normalize: (v: string) => string = (v) => v): Selector {
  return {
    identity,
    read(raw, ctx, selector) {
      // v4 writes some of these as a list of blocks ([{ email = [...] }]).
      return blocksOrValues(raw).flatMap((item) =>
        values(item, field).map((v) => {
          const literal = ctx.literal(v);
          if (literal === undefined) return opaqueAtom(selector, words.text(display(v) ?? "?"), identity, `its value ${display(v) ?? "(none)"} is known only at plan time`);
          const value = normalize(literal);
          return { key: `${kind === "plain" ? selector : kind}:${value}`, kind, selector, text: words.text(value), who: words.who(value), identity, value };
        }),
      );
    },
  };
}

/** A selector that is on or off (`everyone`, `any_valid_service_token`, `certificate`): `{}` in v5, `true` in v4. */
function flag(kind: AtomKind, identity: boolean, text: string, who: string): Selector {
  return {
    identity,
    read(raw, _ctx, selector) {
      if (isObject(raw) || (Array.isArray(raw) && raw.some(isObject))) return [{ key: kind, kind, selector, text, who, identity }];
      const on = tfBool(raw);
      if (on === true) return [{ key: kind, kind, selector, text, who, identity }];
      if (on === false) return [];
      return [opaqueAtom(selector, `${text} ${display(raw) ?? ""}`, identity, "whether it is on is known only at plan time")];
    },
  };
}

/** A selector tied to an identity provider, with its own fields (okta, saml, github, azure, gsuite, oidc, auth_context). */
function ofIdp(kind: AtomKind, fields: readonly string[], listField: string | undefined, words: (v: string[], idp: string) => { text: string; who: string }, normalize: (v: string) => string = (v) => v): Selector {
  return {
    identity: true,
    read(raw, ctx, selector) {
      return blocksOrValues(raw).flatMap((block) => {
        if (!isObject(block)) return [opaqueAtom(selector, `${selector} ${display(block) ?? "?"}`, true, "its value is known only at plan time")];
        const idpValue = block.identity_provider_id ?? block.connection_id;
        const idp = idpValue === undefined || idpValue === null ? undefined : ctx.idpKey(idpValue);
        const via = idp !== undefined && ctx.multipleIdps ? ` (IdP ${quote(ctx.idpName(idp) ?? display(idpValue) ?? "?")})` : "";
        // One atom per value of the list field (v4: name = ["Eng", "SRE"]); the other fields as they are.
        const variants = listField !== undefined ? listField.split("|").map((name) => values(block, name)).find((v) => v[0] !== undefined) ?? [undefined] : [undefined];
        return variants.map((variant) => {
          // A field may have an older name (`okta.email` before `okta.name`): "name|email".
          const field = (f: string) => f.split("|").map((name) => block[name]).find((v) => v !== undefined && v !== null);
          const parts = fields.map((f) => (f === listField ? variant : field(f)));
          const literals = parts.map((p) => (p === undefined || p === null ? "" : ctx.literal(p)));
          const shown = parts.map((p, i) => literals[i] ?? display(p) ?? "?");
          const w = words(shown, via);
          const raw = kind === "oktaGroup" ? shown[0] : undefined;
          if (idpValue !== undefined && idpValue !== null && idp === undefined) return { ...opaqueAtom(selector, w.text, true, `its identity provider ${display(idpValue) ?? "?"} is known only at plan time`), value: raw };
          if (literals.some((l) => l === undefined)) return { ...opaqueAtom(selector, w.text, true, "a value of it is known only at plan time"), value: raw, idp };
          const value = (literals as string[]).map(normalize).join("\u0000");
          return { key: `${kind === "plain" ? selector : kind}:${idp ?? ""}:${value}`, kind, selector, text: w.text, who: w.who, identity: true, idp, value: kind === "oktaGroup" ? literals[0] : value };
        });
      });
    },
  };
}

function blocksOrValues(raw: Json): Json[] {
  return Array.isArray(raw) ? raw : [raw];
}

function opaqueAtom(selector: string, text: string, identity: boolean, why: string): Atom {
  return { key: `opaque:${selector}:${text}`, kind: "opaque", selector, text, who: `people or requests matching ${literal(text)}`, identity, opaque: why };
}

const lower = (v: string) => v.toLowerCase();

/** Every selector of the cloudflare provider's rules (5.14.0 to 5.22.0, and the v4 names). */
const SELECTORS: ReadonlyMap<string, Selector> = new Map<string, Selector>([
  ["everyone", flag("everyone", false, "everyone", "everyone")],
  ["email", valued("email", "email", true, { text: (v) => `email ${v}`, who: (v) => `the user ${literal(v)}` }, lower)],
  ["email_domain", valued("emailDomain", "domain", true, { text: (v) => `email domain ${v}`, who: (v) => `people with an email address at ${literal(v)}` }, (v) => lower(v.replace(/^@/, "")))],
  ["email_list", valued("plain", "id", true, { text: (v) => `email list ${v}`, who: (v) => `people on email list ${literal(v)}` })],
  ["ip", valued("ip", "ip", false, { text: (v) => `IP ${v}`, who: (v) => `requests from IP ${literal(v)}` }, lower)],
  ["ip_list", valued("plain", "id", false, { text: (v) => `IP list ${v}`, who: (v) => `requests from IP list ${literal(v)}` })],
  ["geo", valued("country", "country_code", false, { text: (v) => `country ${v}`, who: (v) => `requests from country ${literal(v)}` }, (v) => v.toUpperCase())],
  ["service_token", valued("serviceToken", "token_id", false, { text: (v) => `service token ${v}`, who: (v) => `requests with service token ${literal(v)}` })],
  ["any_valid_service_token", flag("anyServiceToken", false, "any valid service token", "requests with any valid service token of the account")],
  ["certificate", flag("certificate", false, "any valid client certificate", "requests with a valid client certificate")],
  ["common_name", valued("commonName", "common_name", false, { text: (v) => `certificate common name ${v}`, who: (v) => `requests with a client certificate for ${literal(v)}` })],
  ["common_names", valued("commonName", "common_name", false, { text: (v) => `certificate common name ${v}`, who: (v) => `requests with a client certificate for ${literal(v)}` })],
  [
    "login_method",
    {
      identity: true,
      read(raw, ctx, selector) {
        return blocksOrValues(raw).flatMap((item) =>
          values(item, "id").map((id): Atom => {
            const idp = ctx.idpKey(id);
            const name = (idp !== undefined ? ctx.idpName(idp) : undefined) ?? display(id) ?? "?";
            if (idp === undefined) return opaqueAtom(selector, `login method ${name}`, true, `the identity provider ${display(id) ?? "?"} is known only at plan time`);
            return { key: `loginMethod:${idp}`, kind: "loginMethod", selector, text: `login method ${quote(name)}`, who: `people who sign in through identity provider ${literal(name)}`, identity: true, idp, value: idp };
          }),
        );
      },
    },
  ],
  ["auth_method", valued("plain", "auth_method", true, { text: (v) => `authentication method ${v}`, who: (v) => `people who signed in with authentication method ${literal(v)}` })],
  ["device_posture", valued("plain", "integration_uid", false, { text: (v) => `device posture ${v}`, who: (v) => `devices that pass posture check ${literal(v)}` })],
  ["okta", ofIdp("oktaGroup", ["name|email"], "name|email", ([g], via) => ({ text: `Okta group ${quote(g)}${via}`, who: `members of Okta group ${literal(g)}${via}` }))],
  ["saml", ofIdp("plain", ["attribute_name", "attribute_value"], undefined, ([n, v], via) => ({ text: `SAML ${n} = ${v}${via}`, who: `people whose SAML attribute ${literal(n)} is ${literal(v)}${via}` }))],
  ["oidc", ofIdp("plain", ["claim_name", "claim_value"], undefined, ([n, v], via) => ({ text: `OIDC claim ${n} = ${v}${via}`, who: `people whose OIDC claim ${literal(n)} is ${literal(v)}${via}` }))],
  ["github_organization", ofIdp("plain", ["name", "team"], undefined, ([o, t], via) => ({ text: `GitHub organization ${o}${t ? ` team ${t}` : ""}${via}`, who: `members of GitHub organization ${literal(o)}${t ? ` team ${literal(t)}` : ""}${via}` }))],
  ["github", ofIdp("plain", ["name", "teams"], "teams", ([o, t], via) => ({ text: `GitHub organization ${o}${t ? ` team ${t}` : ""}${via}`, who: `members of GitHub organization ${literal(o)}${t ? ` team ${literal(t)}` : ""}${via}` }))],
  ["gsuite", ofIdp("plain", ["email"], "email", ([e], via) => ({ text: `Google group ${e}${via}`, who: `members of Google group ${literal(e)}${via}` }), lower)],
  ["azure_ad", ofIdp("plain", ["id"], "id", ([id], via) => ({ text: `Azure AD group ${id}${via}`, who: `members of Azure AD group ${literal(id)}${via}` }))],
  ["azure", ofIdp("plain", ["id"], "id", ([id], via) => ({ text: `Azure AD group ${id}${via}`, who: `members of Azure AD group ${literal(id)}${via}` }))],
  ["auth_context", ofIdp("plain", ["ac_id"], undefined, ([id], via) => ({ text: `Azure authentication context ${id}${via}`, who: `people who satisfy Azure authentication context ${literal(id)}${via}` }))],
  ["external_evaluation", ofIdp("plain", ["evaluate_url"], undefined, ([u]) => ({ text: `external evaluation ${u}`, who: `people the external evaluation at ${literal(u)} accepts` }))],
  ["linked_app_token", valued("plain", "app_uid", false, { text: (v) => `linked application token ${v}`, who: (v) => `requests with an OAuth token of Access application ${literal(v)}` })],
  [
    "group",
    {
      identity: false,
      read(raw, ctx, selector) {
        return values(raw, "id").map((id): Atom => {
          const group = ctx.accessGroup(id);
          const name = group.name ?? display(id) ?? "?";
          if (group.key === undefined) return opaqueAtom(selector, `Access group ${name}`, false, `the Access group ${display(id) ?? "?"} is known only at plan time`);
          if (group.undeclared === true) return { key: `nobody:${group.key}`, kind: "nobody", selector, text: `Access group ${name} (not declared)`, who: "nobody", identity: false, value: group.key };
          return { key: `group:${group.key}`, kind: "accessGroup", selector, text: `Access group ${quote(name)}`, who: `members of Access group ${literal(name)}`, identity: false, value: group.key, address: group.address };
        });
      },
    },
  ],
]);

/** The selectors the review knows, for tests and the README. */
export function knownSelectors(): string[] {
  return [...SELECTORS.keys()];
}

/**
 * The atoms of a list of rules (an `include`, `exclude` or `require`): one per
 * value of every selector of every rule, in order. A rule that is not an
 * object (a list built at plan time) and a selector the review does not know
 * give an opaque atom.
 */
export function readRules(rules: Json | undefined, ctx: AtomContext): Atom[] {
  const found: Atom[] = [];
  for (const rule of list(rules)) {
    if (!isObject(rule)) {
      const shown = display(rule) ?? "(unknown rule)";
      found.push(opaqueAtom("expression", shown, false, isExpression(shown) ? "the rule is known only at plan time" : "the rule is not a selector block"));
      continue;
    }
    for (const [selector, raw] of Object.entries(rule)) {
      if (raw === null || raw === undefined) continue;
      const known = SELECTORS.get(selector);
      if (known === undefined) {
        found.push(opaqueAtom(selector, `${selector} ${canonical(maskSecrets(raw) ?? null)}`, false, `the review does not know the selector ${selector}`));
        continue;
      }
      found.push(...known.read(raw, ctx, selector));
    }
  }
  return found;
}
