/**
 * Admission: who Cloudflare Access lets into an application, as a formula over
 * the identity's variables (logic.ts), built from the access model
 * (access-model.ts) of one side of a change. Base and head are compiled into
 * one {@link Logic}, so the same atom is the same variable on both sides.
 *
 * An identity is: the identity provider a person signed in through (or none,
 * or another identity provider of the account the stack does not name), and
 * for every atom either side mentions whether it holds (a member of Okta
 * group "Eng", the email `a@acme.com`, a request from 10.0.0.0/8, ...). Every
 * real request is one such assignment; assignments no real request can have
 * are excluded by {@link Admission.constraints} (one email, one email domain,
 * one country, one service token per request; an email implies its domain;
 * nested IP ranges).
 *
 * Cloudflare's evaluation, as documented under "Access policies · order of
 * execution" (developers.cloudflare.com/cloudflare-one/access-controls/policies/):
 *
 * 1. Bypass and Service Auth (`non_identity`) policies first: a request one of
 *    them matches gets in, without anyone signing in.
 * 2. Otherwise the person must sign in, through an identity provider the
 *    application accepts (`allowed_idps`; empty or absent: every identity
 *    provider of the account), and, for an Okta identity provider of the
 *    stack, be assigned to its Okta app.
 * 3. Then Allow and Block (`deny`) policies in order of precedence: the first
 *    one that matches decides. None matching: denied (Access denies by default).
 *
 * A policy matches when one of its include rules does, every require rule
 * does and no exclude rule does; an Access group is the same test on the
 * group's rules. An Okta group rule matches a person signed in through that
 * identity provider, member of the group, when the groups claim sends the
 * group to Cloudflare (groups-filter.ts decides; when it cannot, the claim's
 * answer is opaque). A policy the stack does not hold is opaque: whether it
 * matches, and its decision.
 */
import { filterSends } from "../private/groups-filter";
import { Atom } from "./atoms";
import { AccessModel, AppModel, GroupsReach, IdpModel, PolicyModel, Rules, SignIn } from "./access-model";
import { Formula, Logic } from "./logic";
import { canonical } from "./terraform-json";
import { literal } from "./text";

/** The login variable's values: no sign-in, another identity provider of the account, then every identity provider either side names. */
export const NO_LOGIN = "(no sign-in)";
export const OTHER_IDP = "(another identity provider)";

/** The values of a policy outside the stack. */
const POLICY_VALUES = ["(does not match)", "allow", "deny", "bypass"];

export type Side = "base" | "head";

/** What a variable stands for, in words and for the constraints. */
export interface VariableMeaning {
  readonly kind: "atom" | "member" | "login" | "policy" | "sends" | "signIn" | "allowed" | "group";
  /** The people it stands for (boolean variables), or what it is. */
  readonly who: string;
  readonly atom?: Atom;
  /** Why it is opaque. */
  readonly opaque?: string;
}

/** The formulas of one application on one side, kept for tracing. */
export interface CompiledApp {
  readonly side: Side;
  readonly app: AppModel;
  /** Admitted at all. */
  readonly admits: Formula;
  /** Admitted by a Bypass or Service Auth policy. */
  readonly bypass: Formula;
  /** Signed in through an identity provider the application accepts, and allowed to sign in there. */
  readonly signedIn: Formula;
  /** Per policy, in evaluation order: it matches. */
  readonly matches: readonly Formula[];
  /** Per policy: it decides for the identity (reached and matched), in phase 2 (allow, deny) or phase 1 (bypass). */
  readonly decides: readonly Formula[];
}

/** Base and head compiled into one logic. */
export class Admission {
  public readonly logic: Logic;
  public readonly meanings = new Map<number, VariableMeaning>();
  public readonly login: number;
  private readonly groupFormulas = new Map<string, Formula>();
  private readonly atomsByVariable = new Map<number, Atom>();
  private readonly stackIdps: ReadonlySet<string>;

  constructor(
    public readonly base: AccessModel,
    public readonly head: AccessModel,
    maxNodes?: number,
  ) {
    this.logic = new Logic(maxNodes);
    this.login = this.logic.variable("login", [NO_LOGIN, OTHER_IDP]);
    this.meanings.set(this.login, { kind: "login", who: "the identity provider they sign in through" });
    this.stackIdps = new Set([...base.idps.keys(), ...head.idps.keys()]);
    for (const key of [...this.stackIdps].sort()) this.logic.valueOf(this.login, key);
  }

  private model(side: Side): AccessModel {
    return side === "base" ? this.base : this.head;
  }

  /** Signed in through this identity provider. */
  public loginIs(idp: string): Formula {
    return this.logic.is(this.login, this.logic.valueOf(this.login, idp));
  }

  public idpName(key: string): string {
    return this.head.idps.get(key)?.name ?? this.base.idps.get(key)?.name ?? (key.startsWith("id:") ? key.slice(3) : key);
  }

  private booleanVariable(key: string, meaning: VariableMeaning): number {
    const index = this.logic.variable(key, ["false", "true"], meaning.opaque !== undefined);
    if (!this.meanings.has(index)) this.meanings.set(index, meaning);
    return index;
  }

  private boolean(key: string, meaning: VariableMeaning): Formula {
    return this.logic.is(this.booleanVariable(key, meaning), 1);
  }

  /** A person is a member of an Okta group in the org behind an identity provider. */
  private member(idp: string, group: string): Formula {
    const named = this.stackIdps.size > 1 || idp === "*" ? ` (IdP ${idp === "*" ? "any" : literal(this.idpName(idp))})` : "";
    const shown = group.startsWith("id:") ? `the Okta group with id ${literal(group.slice(3))}` : group.startsWith("ref:") ? `the Okta group ${literal(group.slice(4))}` : `Okta group ${literal(group)}`;
    return this.boolean(`member:${idp}:${group}`, { kind: "member", who: `members of ${shown}${named}` });
  }

  /** The identity provider existed on this side: a stack's identity provider only where the stack holds it; any other always. */
  private exists(side: Side, idp: string): boolean {
    return !this.stackIdps.has(idp) || this.model(side).idps.has(idp);
  }

  /** The groups claim sends this group to Cloudflare through this identity provider. */
  private sends(side: Side, idp: string, group: string): Formula {
    const model: IdpModel | undefined = this.model(side).idps.get(idp);
    const reach: GroupsReach = model?.groups ?? { kind: "all" };
    if (reach.kind === "all") return this.logic.TRUE;
    if (reach.kind === "none") return this.logic.FALSE;
    if (reach.kind === "filter") {
      const sends = group.startsWith("id:") ? undefined : filterSends(reach.filter, group);
      if (sends !== undefined) return sends ? this.logic.TRUE : this.logic.FALSE;
      return this.boolean(`sends:${canonical({ ...reach.filter })}:${group}`, { kind: "sends", who: `whether ${reach.description} includes "${group}"`, opaque: `whether the groups claim (${reach.description}) sends "${group}" cannot be decided` });
    }
    return this.boolean(`sends:${reach.key}:${group}`, { kind: "sends", who: `whether "${group}" reaches Cloudflare`, opaque: reach.why });
  }

  /**
   * The formula of one atom on one side. `path` holds the Access groups being
   * expanded (a group met again on it closes a cycle: opaque). In a Bypass or
   * Service Auth policy (`phase1`) nobody has signed in: Cloudflare does not
   * evaluate identity-based rules there, so such a rule is opaque.
   */
  public atom(side: Side, atom: Atom, path: readonly string[] = [], phase1 = false): Formula {
    const l = this.logic;
    if (phase1 && atom.identity) {
      return this.boolean(`phase1:${atom.key}`, { kind: "atom", who: atom.who, atom, opaque: `Cloudflare does not evaluate identity-based rules (${atom.text}) in a Bypass or Service Auth policy` });
    }
    switch (atom.kind) {
      case "everyone":
        return l.TRUE;
      case "nobody":
        return l.FALSE;
      case "loginMethod":
        return this.loginIs(atom.idp ?? atom.value ?? "");
      case "oktaGroup": {
        const group = atom.value ?? "";
        if (atom.idp === undefined) return l.and(l.not(this.loginIs(NO_LOGIN)), this.member("*", group));
        return l.and(this.loginIs(atom.idp), this.member(atom.idp, group), this.sends(side, atom.idp, group));
      }
      case "accessGroup":
        return this.group(side, atom, path, phase1);
      default: {
        const variable = this.booleanVariable(`atom:${atom.key}`, { kind: "atom", who: atom.who, atom, opaque: atom.opaque });
        this.atomsByVariable.set(variable, atom);
        const f = l.is(variable, 1);
        return atom.idp !== undefined ? l.and(this.loginIs(atom.idp), f) : f;
      }
    }
  }

  /** An Access group: its rules on this side, or opaque when the side does not hold it, or when it closes a cycle. */
  private group(side: Side, atom: Atom, path: readonly string[], phase1: boolean): Formula {
    const key = atom.value ?? "";
    const model = this.model(side);
    // Past the limit nothing more is built (the comparison says "cannot tell"): cycles expanded along every path could grow without end.
    if (this.logic.overflowed) return this.logic.FALSE;
    this.logic.spend();
    if (path.includes(key)) {
      const names = [...path.slice(path.indexOf(key)), key].map((k) => `"${model.groups.get(k)?.name ?? k}"`);
      return this.boolean(`cycle:${key}`, { kind: "group", who: atom.who, opaque: `Access group ${names[0]} includes itself (${names.join(" → ")})` });
    }
    // A group off every cycle means the same on every path: built once.
    const memo = model.cyclic.has(key) ? undefined : `${side}|${phase1}|${key}`;
    const known = memo !== undefined ? this.groupFormulas.get(memo) : undefined;
    if (known !== undefined) return known;
    const group = model.groups.get(key);
    const f = group !== undefined ? this.rules(side, group.rules, [...path, key], phase1) : this.boolean(`group:${key}`, { kind: "group", who: atom.who, opaque: `the Access group ${key.startsWith("id:") ? key.slice(3) : key} is not in this stack` });
    if (memo !== undefined) this.groupFormulas.set(memo, f);
    return f;
  }

  /** One of the include rules, every require rule, no exclude rule. */
  public rules(side: Side, rules: Rules, path: readonly string[] = [], phase1 = false): Formula {
    const l = this.logic;
    const atom = (a: Atom) => this.atom(side, a, path, phase1);
    return l.and(l.or(...rules.include.map(atom)), ...rules.require.map(atom), l.not(l.or(...rules.exclude.map(atom))));
  }

  /** A policy outside the stack: whether it matches and what it decides. */
  private policyVariable(policy: PolicyModel): number {
    const v = this.logic.variable(`policy:${policy.key}`, POLICY_VALUES, true);
    if (!this.meanings.has(v)) this.meanings.set(v, { kind: "policy", who: `policy ${policy.name}`, opaque: `the policy ${policy.name} is not in this stack` });
    return v;
  }

  /** Who may sign in through an identity provider (its Okta app's assignments), on this side. */
  private signIn(side: Side, idp: string): Formula {
    const l = this.logic;
    const mine: SignIn = this.model(side).idps.get(idp)?.signIn ?? { kind: "outside" };
    const other: SignIn = this.model(side === "base" ? "head" : "base").idps.get(idp)?.signIn ?? { kind: "outside" };
    switch (mine.kind) {
      case "assigned":
        return mine.everyone ? l.TRUE : l.or(...mine.groups.map((g) => this.member(idp, g.key)));
      case "outside":
        // Assignments outside the stack do not change with it; when the other side has them here, this side's are not known.
        if (other.kind === "outside") return l.TRUE;
        return this.boolean(`signIn:${side}:${idp}`, { kind: "signIn", who: `people assigned to the Okta app of "${this.idpName(idp)}" outside this stack`, opaque: `the ${side}'s assignments of the Okta app of "${this.idpName(idp)}" are not in the stack` });
      case "unknown":
        return this.boolean(`signIn:${mine.why}`, { kind: "signIn", who: `people assigned to the Okta app "${mine.label}"`, opaque: mine.why });
    }
  }

  /** Who may sign in through an identity provider, on one side. */
  public signInFormula(side: Side, idp: string): Formula {
    return this.signIn(side, idp);
  }

  /** True for an identity provider one of the sides holds. */
  public isStackIdp(key: string): boolean {
    return this.stackIdps.has(key);
  }

  /** True when an Okta group rule fails only because the groups claim does not send the group (signed in there, a member). */
  public memberOnly(atom: Atom, assignment: Int32Array): boolean {
    if (atom.kind !== "oktaGroup" || atom.idp === undefined) return false;
    return this.logic.evaluate(this.logic.and(this.loginIs(atom.idp), this.member(atom.idp, atom.value ?? "")), assignment) === 1;
  }

  /** Signed in through an identity provider the application accepts and that lets them sign in. */
  private signedIn(side: Side, app: AppModel): Formula {
    const l = this.logic;
    const login = this.logic.variables[this.login];
    const options: Formula[] = [];
    for (const idp of login.values) {
      if (idp === NO_LOGIN) continue;
      if (idp !== OTHER_IDP && !this.exists(side, idp)) continue;
      let accepted: Formula;
      if (app.allowedIdps.kind === "all") accepted = l.TRUE;
      else if (app.allowedIdps.kind === "some") accepted = app.allowedIdps.keys.includes(idp) ? l.TRUE : l.FALSE;
      else accepted = this.boolean(`allowed:${app.allowedIdps.text}:${idp}`, { kind: "allowed", who: `whether ${app.name} accepts "${this.idpName(idp)}"`, opaque: `the identity providers ${app.name} accepts (${app.allowedIdps.text}) are known only at plan time` });
      if (accepted === l.FALSE) continue;
      options.push(l.and(this.loginIs(idp), accepted, idp === OTHER_IDP ? l.TRUE : this.signIn(side, idp)));
    }
    return l.or(...options);
  }

  /** Every identity provider a model names (allowed lists, rules), registered as a login value before any formula reads the login. */
  public registerIdps(model: AccessModel): void {
    for (const key of namedIdps(model)) this.logic.valueOf(this.login, key);
  }

  /** An application on one side, in Cloudflare's order of evaluation. */
  public app(side: Side, app: AppModel): CompiledApp {
    const l = this.logic;
    const matches: Formula[] = [];
    const bypassTerms: Formula[] = [];
    for (const p of app.policies) {
      if (p.decision === "unknown") {
        const v = this.policyVariable(p);
        matches.push(l.not(l.is(v, 0)));
        bypassTerms.push(l.is(v, 3));
      } else {
        const m = this.rules(side, p.rules ?? { include: [], exclude: [], require: [] }, [], p.decision === "bypass" || p.decision === "non_identity");
        matches.push(m);
        if (p.decision === "bypass" || p.decision === "non_identity") bypassTerms.push(m);
      }
    }
    const bypass = l.or(...bypassTerms);
    const signedIn = this.signedIn(side, app);
    // Phase 2, built from the last policy: the first that matches decides.
    let chain = l.FALSE;
    for (let i = app.policies.length - 1; i >= 0; i--) {
      const p = app.policies[i];
      if (p.decision === "allow") chain = l.or(matches[i], chain);
      else if (p.decision === "deny") chain = l.and(l.not(matches[i]), chain);
      else if (p.decision === "unknown") {
        const v = this.policyVariable(p);
        chain = l.or(l.is(v, 1), l.and(l.not(l.is(v, 2)), chain));
      }
    }
    const admits = l.or(bypass, l.and(signedIn, chain));
    // Who each policy decides for: phase 1 policies when they match; phase 2 ones when reached and matched.
    const decides: Formula[] = [];
    let notYet = l.and(l.not(bypass), signedIn);
    for (let i = 0; i < app.policies.length; i++) {
      const p = app.policies[i];
      if (p.decision === "bypass" || p.decision === "non_identity") {
        decides.push(matches[i]);
        continue;
      }
      if (p.decision === "unknown") {
        const v = this.policyVariable(p);
        decides.push(l.or(l.is(v, 3), l.and(notYet, l.or(l.is(v, 1), l.is(v, 2)))));
        notYet = l.and(notYet, l.not(l.or(l.is(v, 1), l.is(v, 2))));
        continue;
      }
      decides.push(l.and(notYet, matches[i]));
      notYet = l.and(notYet, l.not(matches[i]));
    }
    return { side, app, admits, bypass, signedIn, matches, decides };
  }

  /**
   * Identities no request can be: one email, one email domain, one country,
   * one service token, one client certificate common name per request; an
   * email implies its domain, a service token "any valid service token", a
   * common name a valid certificate; a CIDR inside another implies it, two
   * apart exclude each other. (An identity-based atom needs a sign-in too,
   * which phase 2 requires and phase 1 never tests: no constraint needed.)
   */
  public constraints(): Formula {
    const l = this.logic;
    const byKind = new Map<string, { f: Formula; atom: Atom }[]>();
    for (const [variable, atom] of this.atomsByVariable) {
      const f = l.is(variable, 1);
      const bucket = byKind.get(atom.kind) ?? [];
      bucket.push({ f, atom });
      byKind.set(atom.kind, bucket);
    }
    const parts: Formula[] = [];
    for (const kind of ["email", "emailDomain", "country", "serviceToken", "commonName"]) parts.push(l.atMostOne((byKind.get(kind) ?? []).map((x) => x.f)));
    const domains = byKind.get("emailDomain") ?? [];
    for (const email of byKind.get("email") ?? []) {
      const domain = email.atom.value?.split("@").pop();
      const d = domains.find((x) => x.atom.value === domain);
      // A domain no rule names: the email's domain is none of those named.
      parts.push(d !== undefined ? l.implies(email.f, d.f) : l.implies(email.f, l.not(l.or(...domains.map((x) => x.f)))));
    }
    const any = byKind.get("anyServiceToken")?.[0];
    if (any !== undefined) for (const t of byKind.get("serviceToken") ?? []) parts.push(l.implies(t.f, any.f));
    const certificate = byKind.get("certificate")?.[0];
    if (certificate !== undefined) for (const c of byKind.get("commonName") ?? []) parts.push(l.implies(c.f, certificate.f));
    // Pairs of ranges cost their square: past MAX_RANGES they are left unrelated (more identities, never fewer: nothing is missed).
    const ips = (byKind.get("ip") ?? []).slice(0, MAX_RANGES).map((x) => ({ ...x, range: cidr(x.atom.value ?? "") }));
    for (let i = 0; i < ips.length; i++) {
      for (let j = 0; j < ips.length; j++) {
        const a = ips[i].range;
        const b = ips[j].range;
        if (i === j || a === undefined || b === undefined || a.family !== b.family) continue;
        if (contains(b, a)) parts.push(l.implies(ips[i].f, ips[j].f));
        else if (i < j && !contains(a, b)) parts.push(l.not(l.and(ips[i].f, ips[j].f)));
      }
    }
    return l.and(...parts);
  }
}

const named = new WeakMap<AccessModel, readonly string[]>();

/** The identity providers a model's allowed lists and rules name, in order (once per model: every comparison of the stack registers them). */
function namedIdps(model: AccessModel): readonly string[] {
  let keys = named.get(model);
  if (keys === undefined) {
    const found = new Set<string>();
    const visit = (atoms: readonly Atom[]) => {
      for (const a of atoms) if (a.idp !== undefined) found.add(a.idp);
    };
    for (const app of model.apps) {
      if (app.allowedIdps.kind === "some") for (const k of app.allowedIdps.keys) found.add(k);
      for (const p of app.policies) if (p.rules) [p.rules.include, p.rules.exclude, p.rules.require].forEach(visit);
    }
    for (const g of model.groups.values()) [g.rules.include, g.rules.exclude, g.rules.require].forEach(visit);
    named.set(model, (keys = [...found]));
  }
  return keys;
}

/** IP ranges of one comparison related to each other (nested, apart). */
export const MAX_RANGES = 200;

interface Cidr {
  readonly family: 4 | 6;
  readonly bits: bigint;
  readonly prefix: number;
}

/** An IPv4 or IPv6 address or CIDR, or undefined. */
export function cidr(text: string): Cidr | undefined {
  const [address, prefixText, extra] = text.split("/");
  if (extra !== undefined) return undefined;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
  if (v4 !== null) {
    const octets = v4.slice(1).map(Number);
    if (octets.some((o) => o > 255)) return undefined;
    const prefix = prefixText === undefined ? 32 : /^\d{1,2}$/.test(prefixText) ? Number(prefixText) : NaN;
    if (!(prefix >= 0 && prefix <= 32)) return undefined;
    return { family: 4, bits: octets.reduce((n, o) => (n << 8n) | BigInt(o), 0n), prefix };
  }
  if (!address.includes(":") || !/^[0-9a-f:]+$/i.test(address)) return undefined;
  const halves = address.split("::");
  if (halves.length > 2) return undefined;
  const groups = (s: string) => (s === "" ? [] : s.split(":"));
  const left = groups(halves[0]);
  const right = halves.length === 2 ? groups(halves[1]) : [];
  const fill = 8 - left.length - right.length;
  if ((halves.length === 1 && fill !== 0) || fill < 0 || [...left, ...right].some((g) => !/^[0-9a-f]{1,4}$/i.test(g))) return undefined;
  const all: string[] = [...left, ...new Array<string>(halves.length === 2 ? fill : 0).fill("0"), ...right];
  const prefix = prefixText === undefined ? 128 : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!(prefix >= 0 && prefix <= 128)) return undefined;
  return { family: 6, bits: all.reduce((n, g) => (n << 16n) | BigInt(parseInt(g, 16)), 0n), prefix };
}

/** True when the range `outer` holds every address of `inner`. */
export function contains(outer: Cidr, inner: Cidr): boolean {
  if (outer.family !== inner.family || outer.prefix > inner.prefix) return false;
  const width = outer.family === 4 ? 32 : 128;
  const shift = BigInt(width - outer.prefix);
  return outer.bits >> shift === inner.bits >> shift;
}
