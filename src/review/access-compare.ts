/**
 * Who gets into which application, and what a change does to it: the
 * review's verdict (the access table) and the widen / narrow / undecided
 * findings the gate reads. Both come from here, from the same comparison of
 * two access models (access-model.ts), so the table and `--fail-on` cannot
 * disagree: every row whose verdict says "widens" (or "cannot tell", or
 * "removed" with a hostname left unprotected) carries the changes that
 * explain it, and every change is a finding.
 *
 * Widening is decided by evaluation, never by which lines changed: for each
 * application of the head and its counterpart in the base, the comparison
 * asks the evaluator (admission.ts, logic.ts) for an identity the head admits
 * and the base does not, over every atom either side mentions (and "none of
 * them"), and names the least one it finds, with why the base kept it out and
 * why the head lets it in. Then the other way round (narrowing). Also
 * widenings: a longer session for someone both sides admit; a hostname newly
 * covered, or no longer covered (a removed application, a hostname dropped
 * from `self_hosted_domains`); an identity provider that trusts another Okta
 * org, client, email claim or authorization server; a broader groups claim;
 * more people assigned to the Okta app behind an identity provider.
 *
 * What the model cannot decide is "cannot tell", a finding of its own kind
 * that `--fail-on widen` treats as a widening: an identity that gets in only
 * for some meaning of an opaque atom (a value known only at plan time, a
 * selector the review does not know, a group or policy outside the stack),
 * and a comparison that runs out of its share of the run's budget
 * (`../private/budget.ts`: `accessSteps`, `accessStepsPerComparison`,
 * `accessFormulas`).
 *
 * Applications are matched base to head by key (the same address, a move or
 * a likely rename), then by their hostnames, then by name.
 */
import { compareGroupsFilters } from "../private/groups-filter";
import { Atom } from "./atoms";
import { AccessModel, accessModel, AppModel, GroupsReach, IdpModel, PolicyModel, SignIn, TRUST_FIELDS } from "./access-model";
import { Admission, CompiledApp, NO_LOGIN, OTHER_IDP, Side } from "./admission";
import { StackPair } from "./diff";
import { durationSeconds } from "./extract";
import { activeBudget, BudgetLimits } from "../private/budget";
import { Budget, Formula, Logic, Steps } from "./logic";
import { pathBelowStack, StackIndex } from "./stack-index";
import { canonical } from "./terraform-json";
import { literal } from "./text";
import { appendAll } from "../private/arrays";

/** Identities named per application and direction. */
export const WITNESSES = 5;
/** Formulas the searches for fewer atoms in a named identity may visit per stack (the words only; past it, identities are named as found). */
export const POLISH_STEPS = 2_000_000;

/** Who an application lets in, at one side of the change. */
export interface AccessState {
  /** Okta groups its allowing policies include, directly or through Access groups, sorted. */
  readonly oktaGroups: string[];
  /** True when an allowing policy includes everyone (directly or through an Access group). */
  readonly everyone: boolean;
  /** Other include rules of its allowing policies, in words; Bypass and Service Auth ones say "without signing in". */
  readonly otherRules: string[];
  /** The longest session an allowing policy gives. */
  readonly session: string;
}

/** What a change does to access. */
export type ChangeKind = "widen" | "narrow" | "undecided";

/** What a change is about. */
export type ChangeAspect = "admission" | "session" | "hostname" | "identity provider" | "groups claim" | "sign-in";

/** One change of who gets in: a finding of the review. */
export interface AccessChange {
  readonly kind: ChangeKind;
  readonly aspect: ChangeAspect;
  readonly stack: string;
  /** The head's resource it is about (the base's for a removed one). */
  readonly address: string;
  readonly constructPath?: string;
  readonly message: string;
  /** The identity that shows it, in words. */
  readonly who?: string;
  readonly hint?: string;
}

/** How one application's access changes. */
export type AccessVerdict = "widens" | "narrows" | "widens and narrows" | "cannot tell" | "unchanged" | "new" | "removed" | "no longer managed";

/** One row of the access table. */
export interface AccessRow {
  readonly stack: string;
  readonly application: string;
  readonly domains: string[];
  /** The construct path below the stack, when cdktf synthesized it. */
  readonly constructPath?: string;
  readonly address: string;
  readonly before?: AccessState;
  readonly after?: AccessState;
  readonly groupsAdded: string[];
  readonly groupsRemoved: string[];
  readonly verdict: AccessVerdict;
  /** The changes' messages. */
  readonly reasons: string[];
  /** What changes for this application; every one is also a finding. */
  readonly changes: AccessChange[];
}

/** The verdict line's counts. */
export interface AccessCounts {
  /** Applications whose access widens, removed ones that leave a hostname unprotected included. */
  readonly widens: number;
  readonly narrows: number;
  readonly cannotTell: number;
  readonly unchanged: number;
  readonly new: number;
  readonly removed: number;
}

export interface AccessSummary {
  /** True when the summary compares against a base. */
  readonly compared: boolean;
  readonly rows: AccessRow[];
  readonly counts: AccessCounts;
  /** Every change once: the rows' and the identity providers' (the findings of kinds widen, narrow, undecided). */
  readonly changes: AccessChange[];
}

const GROUPS_GAP_HINT =
  "Move in two applies: first switch the identity provider with the app's groups claim kept (appGroupsClaim: AppGroupsClaim.KEEP), then remove it in a later change (AppGroupsClaim.REMOVE). See docs/groups-claim-mechanisms.md.";
const NARROW_HINT = "Check that the people who lose access should: a rule on a group that is no longer sent, or a new exclude, denies them.";

/**
 * The access table and its changes: every application of the head, and with
 * a base, every application the head no longer has.
 */
export function accessSummary(heads: readonly StackIndex[], base?: { readonly stacks: readonly StackIndex[]; readonly pairs: readonly StackPair[] }): AccessSummary {
  const rows: AccessRow[] = [];
  const idpChanges: AccessChange[] = [];
  // The run's budget (../private/budget.ts): its limits, and its access steps shared by every comparison.
  const budget = activeBudget();
  const limits = budget.limits;
  const run: Steps = { take: (n = 1) => budget.spend("accessSteps", n) };
  for (const head of heads) {
    const pair = base?.pairs.find((p) => p.head === head);
    if (base === undefined) {
      const model = accessModel(head);
      for (const app of model.apps) rows.push({ ...common(model.stack, app), after: stateOf(model, app), groupsAdded: [], groupsRemoved: [], verdict: "unchanged", reasons: [], changes: [] });
      continue;
    }
    if (pair === undefined) {
      const model = accessModel(head);
      for (const app of model.apps) rows.push(withVerdict({ ...common(model.stack, app), after: stateOf(model, app), groupsAdded: stateOf(model, app).oktaGroups, groupsRemoved: [], reasons: [], changes: [] }, "new"));
      continue;
    }
    const comparison = new StackComparison(accessModel(pair.base), accessModel(head, pair.headToBase), run, limits);
    appendAll(rows, comparison.rows());
    appendAll(idpChanges, comparison.idpChanges());
  }
  // Stacks the head no longer has: their resources stay deployed, unmanaged.
  for (const gone of base?.stacks ?? []) {
    if (heads.some((h) => h.name === gone.name)) continue;
    const model = accessModel(gone);
    for (const app of model.apps) {
      const before = stateOf(model, app);
      rows.push({ ...common(model.stack, app), before, groupsAdded: [], groupsRemoved: before.oktaGroups, verdict: "no longer managed", reasons: ["stack no longer synthesized: its resources stay deployed, unmanaged by this code"], changes: [] });
    }
  }
  const changes = uniqueChanges([...idpChanges, ...rows.flatMap((r) => r.changes)]);
  const count = (pick: (r: AccessRow) => boolean) => rows.filter(pick).length;
  const widens = (r: AccessRow) => r.changes.some((c) => c.kind === "widen");
  return {
    compared: base !== undefined,
    rows,
    counts: {
      widens: count(widens),
      narrows: count((r) => r.changes.some((c) => c.kind === "narrow")),
      cannotTell: count((r) => r.verdict === "cannot tell"),
      unchanged: count((r) => r.verdict === "unchanged"),
      new: count((r) => r.verdict === "new"),
      removed: count((r) => r.verdict === "removed"),
    },
    changes,
  };
}

function uniqueChanges(changes: readonly AccessChange[]): AccessChange[] {
  const seen = new Set<string>();
  return changes.filter((c) => {
    const key = JSON.stringify([c.kind, c.stack, c.address, c.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function relativePath(stack: string, path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  // The resource's own id ("Application") adds nothing.
  const below = pathBelowStack(stack, path);
  if (below.length > 1 && below[below.length - 1] === "Application") below.pop();
  return below.join("/");
}

function common(stack: string, app: AppModel) {
  return { stack, application: app.name, domains: [...app.hostnames], constructPath: relativePath(stack, app.constructPath), address: app.address };
}

/** The verdict of a row: from its changes; `otherwise` when it has none. */
function withVerdict(row: Omit<AccessRow, "verdict">, otherwise: AccessVerdict): AccessRow {
  const has = (kind: ChangeKind) => row.changes.some((c) => c.kind === kind);
  const verdict: AccessVerdict =
    otherwise === "removed"
      ? "removed"
      : has("widen") && has("narrow")
        ? "widens and narrows"
        : has("widen")
          ? "widens"
          : has("undecided")
            ? "cannot tell"
            : has("narrow")
              ? "narrows"
              : otherwise;
  return { ...row, verdict, reasons: row.changes.map((c) => c.message) };
}

/** Who an application lets in, in the table's terms. */
export function stateOf(model: AccessModel, app: AppModel): AccessState {
  const groups = new Set<string>();
  const other = new Set<string>();
  let everyone = false;
  let longest: string | undefined;
  // Each Access group once per policy (a group reached twice, or through a cycle, adds nothing new).
  const visit = (atoms: readonly Atom[], withoutSignIn: boolean, seen: Set<string>) => {
    for (const atom of atoms) {
      if (atom.kind === "oktaGroup" && atom.value !== undefined) groups.add(atom.value);
      else if (atom.kind === "everyone") {
        if (withoutSignIn) other.add("everyone, without signing in");
        else everyone = true;
      } else if (atom.kind === "accessGroup" && atom.value !== undefined && model.groups.has(atom.value)) {
        if (seen.has(atom.value)) continue;
        seen.add(atom.value);
        visit(model.groups.get(atom.value)?.rules.include ?? [], withoutSignIn, seen);
      } else other.add(withoutSignIn ? `${atom.text}, without signing in` : atom.text);
    }
  };
  for (const p of app.policies) {
    if (p.decision === "deny") continue;
    if (p.decision === "unknown") {
      other.add(`policy ${p.name} (not in this stack)`);
      continue;
    }
    visit(p.rules?.include ?? [], p.decision !== "allow", new Set());
    if (p.decision === "allow" && (longest === undefined || (durationSeconds(p.session.duration) ?? Infinity) > (durationSeconds(longest) ?? Infinity))) longest = p.session.duration;
  }
  return { oktaGroups: [...groups].sort(), everyone, otherRules: [...other].sort(), session: longest ?? app.sessionDuration ?? "24h" };
}

/** One identity that shows a change. */
interface Witness {
  readonly assignment: Int32Array;
  /** True when it holds whatever the opaque atoms mean. */
  readonly definite: boolean;
}

type Search = { readonly witnesses: Witness[]; readonly outOfBudget: boolean; readonly opaque: string[] };

/** The comparison of one stack's base and head models. */
class StackComparison {
  private readonly headApps: readonly AppModel[];
  private readonly baseApps: readonly AppModel[];

  constructor(
    private readonly base: AccessModel,
    private readonly head: AccessModel,
    private readonly run: Steps,
    private readonly limits: BudgetLimits,
  ) {
    this.headApps = head.apps;
    this.baseApps = base.apps;
  }

  private readonly trust = new Map<string, AccessChange[]>();

  /** Changes of the identity providers both sides hold. */
  public idpChanges(): AccessChange[] {
    const found: AccessChange[] = [];
    for (const [key, after] of this.head.idps) {
      const before = this.base.idps.get(key);
      if (before === undefined) continue;
      found.push(...this.trustChanges(before, after), ...this.reachChanges(before, after), ...this.groupsGapChanges(before, after), ...this.signInChanges(before, after));
    }
    return found;
  }

  private trustChanges(before: IdpModel, after: IdpModel): AccessChange[] {
    const known = this.trust.get(after.key);
    if (known !== undefined) return known;
    const changes: AccessChange[] = [];
    for (const [field, words] of TRUST_FIELDS) {
      const b = before.trust.get(field);
      const a = after.trust.get(field);
      if (before.type !== "okta" || after.type !== "okta") continue;
      if (b === a) {
        const bd = before.trustData.get(field);
        const ad = after.trustData.get(field);
        if (bd === ad) continue;
        changes.push({
          kind: "widen",
          aspect: "identity provider",
          stack: this.head.stack,
          address: after.address,
          constructPath: after.constructPath,
          message: `identity provider ${literal(after.name)} may now trust another ${words.replace(/^the /, "")}: ${field} ${literal(a ?? "(none)")} reads a data source whose arguments changed (${literal((bd ?? "").trim() || "(none)")} → ${literal((ad ?? "").trim() || "(none)")}): ${TRUST_MEANS.get(field) ?? ""}`,
        });
        continue;
      }
      changes.push({
        kind: "widen",
        aspect: "identity provider",
        stack: this.head.stack,
        address: after.address,
        constructPath: after.constructPath,
        message: `identity provider ${literal(after.name)} now trusts another ${words.replace(/^the /, "")}: ${field} ${literal(b ?? "(none)")} → ${literal(a ?? "(none)")}: ${TRUST_MEANS.get(field) ?? ""}`,
      });
    }
    // Claims Cloudflare now passes on: rules that test them (a groups claim, an OIDC claim) may now match.
    const added = after.claims.filter((c) => !before.claims.includes(c));
    if (added.length > 0) {
      changes.push({
        kind: "widen",
        aspect: "identity provider",
        stack: this.head.stack,
        address: after.address,
        constructPath: after.constructPath,
        message: `identity provider ${literal(after.name)} now passes on the claims ${added.map(literal).join(", ")} (config.claims): Access rules that test them may now match`,
      });
    }
    this.trust.set(after.key, changes);
    return changes;
  }

  /**
   * The groups gap (docs/groups-claim-mechanisms.md, "Moving without a gap"):
   * one change that removes the Okta app's own groups_claim while the
   * identity provider signing in with that app switches to a (new) custom
   * authorization server. The identity provider references the app, so
   * Terraform updates the app first: from the claim's removal until
   * Cloudflare's update lands (or forever, if that update fails), sign-ins
   * through the org server carry no groups.
   */
  private groupsGapChanges(before: IdpModel, after: IdpModel): AccessChange[] {
    const app = after.oktaApp;
    if (before.type !== "okta" || after.type !== "okta" || app === undefined || before.oktaApp === undefined) return [];
    if (before.oktaApp.key !== app.key || !before.oktaApp.groupsClaim || app.groupsClaim) return [];
    const server = after.trust.get("authorization_server_id");
    const previous = before.trust.get("authorization_server_id");
    if (server === undefined || server === previous) return [];
    return [
      {
        kind: "narrow",
        aspect: "groups claim",
        stack: this.head.stack,
        address: app.address,
        constructPath: app.constructPath,
        message: `groups gap: Okta app ${literal(app.label)} loses its groups_claim in the same change in which identity provider ${literal(after.name)} moves to ${previous === undefined ? "the custom authorization server" : "another authorization server"} (authorization_server_id ${literal(previous ?? "(none)")} → ${literal(server)}). Terraform updates the app first, so sign-ins carry no groups until Cloudflare's update lands, or at all if it fails: it may lock people out`,
        hint: GROUPS_GAP_HINT,
      },
    ];
  }

  private reachChanges(before: IdpModel, after: IdpModel): AccessChange[] {
    // The Okta app left the stack (deleted, or the client is one of another stack): a removal or a trust finding says so.
    if (reachKey(before.groups) === reachKey(after.groups) || after.groups.kind === "all") return [];
    const where = after.groups;
    const label = where.label ?? `identity provider ${literal(after.name)}`;
    const change = (kind: ChangeKind, message: string, hint?: string): AccessChange => ({ kind, aspect: "groups claim", stack: this.head.stack, address: where.address ?? after.address, constructPath: where.address !== undefined ? where.constructPath : after.constructPath, message, hint });
    if (after.groups.kind === "none") {
      if (before.groups.kind === "none") return [];
      return [change("narrow", `${label}: no Okta groups reach Cloudflare any more (${reachWords(before.groups)} → none): ${after.groups.why}; every Access rule on Okta groups of identity provider ${literal(after.name)} stops matching: it may lock people out`, NARROW_HINT)];
    }
    if (before.groups.kind === "none" && after.groups.kind === "filter") {
      return [change("widen", `${label}: Okta groups reach Cloudflare again (none → ${after.groups.description}): every Access rule that names them may match`)];
    }
    if (before.groups.kind === "filter" && after.groups.kind === "filter") {
      const c = compareGroupsFilters(before.groups.filter, after.groups.filter);
      if (c.result === "broader") return [change("widen", `${label}: groups claim broadened, ${c.text}: more Okta groups reach Cloudflare, for every Access rule that names them`)];
      if (c.result === "changed") return [change("widen", `${label}: groups claim changed, ${c.text}; it may send groups it did not send before`)];
      if (c.result === "narrower") return [change("narrow", `${label}: groups claim narrowed, ${c.text}: it may lock people out`, NARROW_HINT)];
      if (before.groups.claimName === after.groups.claimName) return [];
      // The same filter under another name Cloudflare also reads (both in config.claims).
      return [change("undecided", `${label}: the groups claim is now named ${literal(after.groups.claimName)} (was ${literal(before.groups.claimName)}), with the same filter; the review cannot tell whether Access reads groups from it as before`)];
    }
    return [change("undecided", `${label}: which Okta groups reach Cloudflare changes (${reachWords(before.groups)} → ${reachWords(after.groups)}); the review cannot tell whether more are sent`)];
  }

  private signInChanges(before: IdpModel, after: IdpModel): AccessChange[] {
    if (signInKey(before.signIn) === signInKey(after.signIn) || (after.signIn.kind === "outside" && after.signIn.appKey === undefined)) return [];
    const adm = new Admission(this.base, this.head, this.limits.accessFormulas);
    const b = adm.signInFormula("base", after.key);
    const h = adm.signInFormula("head", after.key);
    const label = after.signIn.kind !== "outside" ? after.signIn.label : before.signIn.kind !== "outside" ? before.signIn.label : undefined;
    const app = `the Okta app ${literal(label ?? after.name)} of identity provider ${literal(after.name)}`;
    const address = after.signIn.appAddress ?? after.address;
    const constructPath = after.signIn.appAddress !== undefined ? after.signIn.appConstructPath : after.constructPath;
    const changes: AccessChange[] = [];
    const c = adm.constraints();
    for (const [direction, f] of [
      ["widen", adm.logic.and(h, adm.logic.not(b), c)],
      ["narrow", adm.logic.and(b, adm.logic.not(h), c)],
    ] as const) {
      const s = this.search(adm, f);
      if (s.outOfBudget) changes.push({ kind: "undecided", aspect: "sign-in", stack: this.head.stack, address, constructPath, message: `cannot tell whether more people can sign in through ${app}: the comparison needs more than its budget of steps` });
      for (const w of s.witnesses) {
        const who = this.who(adm, w.assignment, false);
        const everyone = after.signIn.kind === "assigned" && after.signIn.everyone && direction === "widen";
        const implicit = after.signIn.kind === "assigned" && after.signIn.implicit && !(before.signIn.kind === "assigned" && before.signIn.implicit);
        const message =
          direction === "widen"
            ? w.definite
              ? everyone
                ? `${app} is now ${implicit ? "open to every user of the Okta org (implicit_assignment, Federation Broker Mode)" : "assigned to Everyone"}: every user of the Okta org can sign in through it, and Access policies alone decide who reaches each application`
                : `${who} can now sign in through ${app}`
              : `cannot tell whether ${who} can now sign in through ${app}: ${s.opaque.join("; ")}`
            : `${who} can no longer sign in through ${app}`;
        changes.push({ kind: direction === "widen" ? (w.definite ? "widen" : "undecided") : "narrow", aspect: "sign-in", stack: this.head.stack, address, constructPath, who, message, hint: direction === "narrow" ? NARROW_HINT : undefined });
        if (everyone) break;
      }
    }
    return changes;
  }

  /** Every application of the head, and every one the head no longer has. */
  public rows(): AccessRow[] {
    const rows: AccessRow[] = [];
    const unmatched = new Set(this.baseApps);
    const matched = new Map<AppModel, AppModel>();
    const take = (pick: (b: AppModel) => boolean): AppModel | undefined => {
      for (const b of unmatched) {
        if (pick(b)) {
          unmatched.delete(b);
          return b;
        }
      }
      return undefined;
    };
    const hosts = (a: AppModel) => JSON.stringify([...a.hostnames].sort());
    // Three passes, so that a stronger match is never taken by a weaker one.
    for (const h of this.headApps) {
      const m = take((b) => b.key === h.key);
      if (m !== undefined) matched.set(h, m);
    }
    for (const h of this.headApps) {
      if (matched.has(h) || h.hostnames.length === 0) continue;
      const m = take((b) => hosts(b) === hosts(h));
      if (m !== undefined) matched.set(h, m);
    }
    for (const h of this.headApps) {
      if (matched.has(h)) continue;
      const m = take((b) => b.name === h.name);
      if (m !== undefined) matched.set(h, m);
    }
    for (const h of this.headApps) {
      const b = matched.get(h);
      const after = stateOf(this.head, h);
      if (b === undefined) {
        rows.push(withVerdict({ ...common(this.head.stack, h), after, groupsAdded: after.oktaGroups, groupsRemoved: [], reasons: [], changes: this.hostnameChanges(undefined, h, matched) }, "new"));
        continue;
      }
      const before = stateOf(this.base, b);
      const changes = [...this.compareApps(b, h), ...this.hostnameChanges(b, h, matched), ...this.trustOf(h)];
      rows.push(
        withVerdict(
          { ...common(this.head.stack, h), before, after, groupsAdded: after.oktaGroups.filter((g) => !before.oktaGroups.includes(g)), groupsRemoved: before.oktaGroups.filter((g) => !after.oktaGroups.includes(g)), reasons: [], changes },
          "unchanged",
        ),
      );
    }
    for (const gone of unmatched) {
      const before = stateOf(this.base, gone);
      const changes: AccessChange[] = [];
      const uncovered = gone.hostnames.filter((x) => !this.headApps.some((h) => h.hostnames.includes(x)));
      for (const x of uncovered) {
        changes.push(this.change("widen", "hostname", gone, `${literal(x)} is no longer behind Access: application ${literal(gone.name)} is removed, so anyone who can reach the origin gets in`, undefined, true));
      }
      if (gone.hostnames.length === 0) changes.push(this.change("widen", "hostname", gone, `application ${literal(gone.name)} is removed: what it protected is no longer behind Access`, undefined, true));
      rows.push(withVerdict({ ...common(this.base.stack, gone), before, groupsAdded: [], groupsRemoved: before.oktaGroups, reasons: [], changes }, "removed"));
    }
    return rows;
  }

  /** The trust changes of the identity providers an application accepts. */
  private trustOf(app: AppModel): AccessChange[] {
    const accepted = [...this.head.idps.values()].filter((idp) => app.allowedIdps.kind !== "some" || app.allowedIdps.keys.includes(idp.key));
    return accepted.flatMap((idp) => {
      const before = this.base.idps.get(idp.key);
      return before !== undefined ? this.trustChanges(before, idp) : [];
    });
  }

  private change(kind: ChangeKind, aspect: ChangeAspect, app: AppModel, message: string, who?: string, removed = false, hint?: string): AccessChange {
    return { kind, aspect, stack: removed ? this.base.stack : this.head.stack, address: app.address, constructPath: app.constructPath, message, who, hint };
  }

  /** Hostnames an application gains or drops; a hostname another application covered (or covers) is compared with that one. */
  private hostnameChanges(b: AppModel | undefined, h: AppModel, matched: ReadonlyMap<AppModel, AppModel>): AccessChange[] {
    const changes: AccessChange[] = [];
    const matchedBase = new Set(matched.values());
    for (const x of h.hostnames) {
      if (b?.hostnames.includes(x)) continue;
      const before = this.baseApps.filter((d) => d !== b && d.hostnames.includes(x));
      if (before.length === 0) {
        if (b !== undefined) changes.push(this.change("widen", "hostname", h, `application ${literal(h.name)} now also covers ${literal(x)}: everyone it admits reaches ${literal(x)}`));
        continue;
      }
      for (const d of before) {
        // A hostname that moves from another application: who gets in to it now, against who got in through that one.
        if (matchedBase.has(d) && this.headApps.some((o) => matched.get(o) === d && o.hostnames.includes(x))) continue;
        changes.push(...this.compareApps(d, h, x).filter((c) => c.kind !== "narrow"));
      }
    }
    if (b !== undefined) {
      for (const x of b.hostnames) {
        if (h.hostnames.includes(x) || this.headApps.some((o) => o !== h && o.hostnames.includes(x))) continue;
        changes.push(this.change("widen", "hostname", h, `${literal(x)} is no longer behind Access: application ${literal(h.name)} no longer covers it, so anyone who can reach the origin gets in`));
      }
    }
    return changes;
  }

  /** Admission and sessions of a base and a head application (for one hostname that moved between them, when `hostname` is given). */
  private compareApps(b: AppModel, h: AppModel, hostname?: string): AccessChange[] {
    const adm = new Admission(this.base, this.head, this.limits.accessFormulas);
    adm.registerIdps(this.base);
    adm.registerIdps(this.head);
    const cb = adm.app("base", b);
    const ch = adm.app("head", h);
    const target = hostname !== undefined ? `${literal(hostname)} (now behind ${literal(h.name)}, before behind ${literal(b.name)})` : literal(h.name);
    if (adm.logic.overflowed) this.reached("accessFormulas");
    if (adm.logic.overflowed) return [this.change("undecided", "admission", h, `cannot tell whether access to ${target} widens: its rules need more than ${this.limits.accessFormulas.toLocaleString("en-US")} formulas (the review's limit)`)];
    const changes: AccessChange[] = [];
    if (cb.admits !== ch.admits) {
      const c = adm.constraints();
      const l = adm.logic;
      for (const direction of ["widen", "narrow"] as const) {
        const f = direction === "widen" ? l.and(ch.admits, l.not(cb.admits), c) : l.and(cb.admits, l.not(ch.admits), c);
        const s = this.search(adm, f);
        if (s.outOfBudget) {
          changes.push(this.change(direction === "widen" ? "undecided" : "narrow", "admission", h, `cannot tell whether access to ${target} ${direction === "widen" ? "widens" : "narrows"}: the comparison needs more than its budget of ${this.limits.accessStepsPerComparison.toLocaleString("en-US")} steps (or the review's ${this.limits.accessSteps.toLocaleString("en-US")})`));
        }
        for (const w of s.witnesses) {
          const who = this.who(adm, w.assignment, true);
          const why = `before, ${this.trace(adm, cb, w.assignment, "before")}; now ${this.trace(adm, ch, w.assignment, "now")}`;
          if (direction === "widen") {
            if (w.definite) changes.push(this.change("widen", "admission", h, `${who} ${agree(who, "now get", "now gets")} in to ${target}: ${why}`, who));
            else changes.push(this.change("undecided", "admission", h, `cannot tell whether ${who} ${agree(who, "now get", "now gets")} in to ${target}: ${s.opaque.join("; ")}`, who));
          } else {
            changes.push(this.change("narrow", "admission", h, `${who} ${w.definite ? "no longer" : "may no longer"} ${agree(who, "get", "gets")} in to ${target}: ${why}`, who, false, NARROW_HINT));
          }
        }
        if (s.witnesses.length === WITNESSES && changes.length > 0) {
          const last = changes[changes.length - 1];
          changes[changes.length - 1] = { ...last, message: `${last.message} (the review names ${WITNESSES} identities per application; there may be more)` };
        }
      }
      if ((b.orderUnknown !== undefined || h.orderUnknown !== undefined) && !changes.some((x) => x.kind === "widen")) {
        changes.push(this.change("undecided", "admission", h, `cannot tell who gets in to ${target}: ${b.orderUnknown ?? h.orderUnknown}, and Cloudflare evaluates policies in order`));
      }
    }
    const sessions = this.sessionChanges(adm, cb, ch, target);
    // Who gets in is already undecided: a session through the same unknown adds nothing.
    const undecided = changes.some((x) => x.kind === "undecided");
    changes.push(...sessions.filter((x) => !(undecided && x.kind === "undecided")));
    return changes;
  }

  /** Someone both sides admit, through policies whose sessions differ. */
  private sessionChanges(adm: Admission, cb: CompiledApp, ch: CompiledApp, target: string): AccessChange[] {
    const l = adm.logic;
    const longer: Formula[] = [];
    const shorter: Formula[] = [];
    const unknown: Formula[] = [];
    const pairs: { f: Formula; p: PolicyModel; q: PolicyModel }[] = [];
    const allowing = (c: CompiledApp) => c.app.policies.map((p, i) => ({ p, decides: c.decides[i] })).filter(({ p }) => p.decision === "allow" || p.decision === "unknown");
    for (const { p, decides: dh } of allowing(ch)) {
      for (const { p: q, decides: db } of allowing(cb)) {
        const a = p.decision === "allow" ? durationSeconds(p.session.duration) : undefined;
        const b = q.decision === "allow" ? durationSeconds(q.session.duration) : undefined;
        if (p.session.duration === q.session.duration && (a !== undefined || p.key === q.key)) continue;
        const f = l.and(dh, db);
        if (f === l.FALSE) continue;
        pairs.push({ f, p, q });
        if (a === undefined || b === undefined) unknown.push(f);
        else if (a > b) longer.push(f);
        else if (a < b) shorter.push(f);
      }
    }
    if (pairs.length === 0) return [];
    const c = adm.constraints();
    const changes: AccessChange[] = [];
    const describe = (s: Search, direction: "longer" | "shorter") => {
      const w = s.witnesses[0];
      const pair = pairs.find((x) => l.evaluate(x.f, filled(w.assignment)) === 1);
      const who = this.who(adm, w.assignment, true);
      if (pair === undefined) return `${who} ${agree(who, "now keep", "now keeps")} access to ${target} for ${direction} than before`;
      const source = pair.p.key === pair.q.key && pair.p.session.source === pair.q.session.source ? sessionSource(pair.p) : `now ${sessionSource(pair.p)}; before, ${sessionSource(pair.q)}`;
      const change = `${who} ${agree(who, "now keep", "now keeps")} access to ${target} for ${literal(pair.p.session.duration)} instead of ${literal(pair.q.session.duration)} (${source})`;
      return direction === "longer" ? `${change}: people keep access longer after they lose it in Okta` : change;
    };
    const up = this.search(adm, l.and(l.or(...longer), c), 1);
    if (up.outOfBudget) changes.push(this.change("undecided", "session", ch.app, `cannot tell whether sessions of ${target} lengthen: the comparison needs more than its budget of steps`));
    else if (up.witnesses.length > 0) changes.push(this.change(up.witnesses[0].definite ? "widen" : "undecided", "session", ch.app, up.witnesses[0].definite ? describe(up, "longer") : `cannot tell whether sessions of ${target} lengthen: ${up.opaque.join("; ")}`, this.who(adm, up.witnesses[0].assignment, true)));
    else {
      const maybe = this.search(adm, l.and(l.or(...unknown), c), 1);
      if (maybe.outOfBudget || maybe.witnesses.length > 0) changes.push(this.change("undecided", "session", ch.app, `cannot tell whether sessions of ${target} lengthen: a session duration is not a Go duration, or comes from a policy outside this stack`));
    }
    const down = this.search(adm, l.and(l.or(...shorter), c), 1);
    if (down.witnesses.length > 0 && down.witnesses[0].definite) changes.push(this.change("narrow", "session", ch.app, describe(down, "shorter"), this.who(adm, down.witnesses[0].assignment, true)));
    return changes;
  }

  /**
   * Identities that satisfy `f`: the least ones the search finds, each
   * blocked before the next search, up to `limit`. Each is checked against
   * the opaque atoms: definite when it holds whatever they mean.
   */
  private search(adm: Admission, f: Formula, limit = WITNESSES): Search {
    const l = adm.logic;
    const witnesses: Witness[] = [];
    const all = l.variablesOf(f, true);
    const opaqueVariables = all.filter((v) => l.variables[v].opaque);
    const opaque = [...new Set(opaqueVariables.map((v) => adm.meanings.get(v)?.opaque ?? l.variables[v].key))].slice(0, 3);
    let blocked = f;
    for (let k = 0; k < limit; k++) {
      const steps = new Budget(this.limits.accessStepsPerComparison);
      const found = l.search(blocked, all, steps, this.run);
      if (found.kind === "out of budget") {
        if (l.overflowed) this.reached("accessFormulas");
        else if (steps.spent >= steps.limit) this.reached("accessStepsPerComparison");
        return { witnesses, outOfBudget: true, opaque };
      }
      if (found.kind === "none") break;
      let assignment = this.least(l, blocked, l.minimize(blocked, found.assignment, all), all);
      let definite = opaqueVariables.length === 0 || l.evaluate(blocked, withoutOpaque(l, assignment)) === 1;
      if (!definite) {
        // Another identity may hold whatever the opaque atoms mean: a short search over the known variables only.
        const known = l.variablesOf(blocked, false);
        const sure = l.search(blocked, known, new Budget(Math.min(200_000, this.limits.accessStepsPerComparison)), this.run);
        if (sure.kind === "found") {
          assignment = this.least(l, blocked, l.minimize(blocked, sure.assignment, known), known);
          definite = true;
        }
      }
      witnesses.push({ assignment, definite });
      const literals = all.filter((v) => !l.variables[v].opaque && assignment[v] > 0).map((v) => l.is(v, assignment[v]));
      if (literals.length === 0) break;
      blocked = l.and(blocked, l.not(l.and(...literals)));
    }
    return { witnesses, outOfBudget: false, opaque };
  }

  /** A bound of one comparison reached: recorded in the run's budget, whose bounds the review lists (the run-wide steps record themselves). */
  private reached(limit: "accessStepsPerComparison" | "accessFormulas"): void {
    activeBudget().reach(limit, this.head.stack);
  }

  /** The work spent looking for fewer atoms in the identities named (the words only; the verdict does not depend on it). */
  private readonly polish = new Budget(POLISH_STEPS);

  /** An identity with as few atoms as any that satisfies `f`: searches with fewer and fewer atoms allowed, while they find one and the polish budget lasts. */
  private least(l: Logic, f: Formula, found: Int32Array, order: readonly number[]): Int32Array {
    let best = found;
    for (let cap = l.changedCount(found, order) - 1; cap >= 0; cap--) {
      // Polish only: its own small budgets, never the run's (what decides the verdict keeps all of it).
      const smaller = l.search(f, order, new Budget(Math.min(50_000, this.limits.accessStepsPerComparison)), this.polish, cap);
      if (smaller.kind !== "found") break;
      best = l.minimize(f, smaller.assignment, order);
      cap = Math.min(cap, l.changedCount(best, order));
    }
    return best;
  }

  /** The identity of an assignment, in words (an atom another one implies left out: the domain of an email...). */
  private who(adm: Admission, a: Int32Array, withLogin: boolean): string {
    const l = adm.logic;
    const held = [...adm.meanings].filter(([v, m]) => a[v] === 1 && (m.kind === "atom" || m.kind === "member" || m.kind === "group")).map(([, m]) => m);
    const kinds = new Set(held.map((m) => m.atom?.kind));
    const emails = held.filter((m) => m.atom?.kind === "email").map((m) => m.atom?.value?.split("@").pop());
    const implied = (m: (typeof held)[number]) =>
      (m.atom?.kind === "emailDomain" && emails.includes(m.atom.value)) || (m.atom?.kind === "anyServiceToken" && kinds.has("serviceToken")) || (m.atom?.kind === "certificate" && kinds.has("commonName"));
    const parts = held.filter((m) => !implied(m)).map((m) => m.who);
    const login = l.variables[adm.login].values[a[adm.login]] ?? NO_LOGIN;
    let who = parts.length === 0 ? "anyone" : parts.join(" who are also ");
    if (!withLogin) return who;
    if (login === NO_LOGIN) who += parts.length === 0 ? ", without signing in" : " (without signing in)";
    else if (login === OTHER_IDP) who += ` who sign${parts.length === 0 ? "s" : ""} in through another identity provider of the account`;
    else if (parts.length === 0 || adm.base.idps.size + adm.head.idps.size > 2 || !adm.head.idps.has(login)) who += ` who sign${parts.length === 0 ? "s" : ""} in through ${literal(adm.idpName(login))}`;
    return who;
  }

  /** Why one side lets an identity in or keeps it out, in words. */
  private trace(adm: Admission, c: CompiledApp, assignment: Int32Array, tense: "before" | "now"): string {
    const l = adm.logic;
    const a = filled(assignment);
    const is = (f: Formula) => l.evaluate(f, a) === 1;
    const past = tense === "before";
    const verb = (present: string, pastForm: string) => (past ? pastForm : present);
    const policies = c.app.policies;
    const policyWords = (p: PolicyModel) => `${p.decision === "allow" || p.decision === "unknown" ? "" : `${p.decision === "deny" ? "Block" : p.decision === "bypass" ? "Bypass" : "Service Auth"} `}policy ${literal(p.name)}`;
    if (is(c.admits)) {
      const i = c.decides.findIndex((d, k) => is(d) && (policies[k].decision !== "deny"));
      if (i < 0) return verb("they get in", "they got in");
      const p = policies[i];
      const rule = this.matchedRule(adm, c.side, p, a);
      return is(c.bypass) ? `${policyWords(p)} ${verb("lets them in without signing in", "let them in without signing in")}${rule}` : `${policyWords(p)} ${verb("lets them in", "let them in")}${rule}`;
    }
    if (is(c.bypass) === false && !is(c.signedIn)) {
      const login = l.variables[adm.login].values[a[adm.login]];
      if (login === NO_LOGIN) return verb("nothing lets them in without signing in", "nothing let them in without signing in");
      const name = login === OTHER_IDP ? "another identity provider of the account" : literal(adm.idpName(login));
      const idps = c.side === "base" ? adm.base.idps : adm.head.idps;
      if (login !== OTHER_IDP && !idps.has(login) && adm.isStackIdp(login)) return `identity provider ${name} ${verb("does not exist", "did not exist")}`;
      if (c.app.allowedIdps.kind === "some" && !c.app.allowedIdps.keys.includes(login)) return `${literal(c.app.name)} ${verb("does not accept", "did not accept")} ${name}`;
      return `the Okta app behind ${name} ${verb("is not assigned to them", "was not assigned to them")}`;
    }
    const deny = c.decides.findIndex((d, k) => is(d) && policies[k].decision === "deny");
    if (deny >= 0) return `${policyWords(policies[deny])} ${verb("denies them", "denied them")}${this.matchedRule(adm, c.side, policies[deny], a)}`;
    const unknown = c.decides.findIndex((d, k) => is(d) && policies[k].decision === "unknown");
    if (unknown >= 0) return `policy ${literal(policies[unknown].name)}, outside this stack, ${verb("decides", "decided")}`;
    // Nothing admitted them: an allow policy that would have, but for an exclude, a require or the groups claim.
    for (const p of policies) {
      if (p.decision !== "allow" || p.rules === undefined) continue;
      const include = p.rules.include.find((atom) => is(adm.atom(c.side, atom)));
      if (include === undefined) {
        const unsent = this.unsent(adm, c.side, p.rules.include, a);
        if (unsent !== undefined) return `the groups claim ${verb("does not send", "did not send")} ${literal(unsent.value ?? "?")} to Cloudflare, so ${policyWords(p)} ${verb("does not match", "did not match")}`;
        continue;
      }
      const excluded = p.rules.exclude.find((atom) => is(adm.atom(c.side, atom)));
      if (excluded !== undefined) return `${policyWords(p)} ${verb("excludes them", "excluded them")} (${this.ruleWords(adm, c.side, excluded, a)})`;
      const missing = p.rules.require.find((atom) => !is(adm.atom(c.side, atom)));
      if (missing !== undefined) return `${policyWords(p)} ${verb("requires", "required")} ${this.ruleWords(adm, c.side, missing, a)}, which they ${verb("do not match", "did not match")}`;
    }
    return policies.length === 0 ? verb("the application has no policy", "the application had no policy") : verb("no policy lets them in", "no policy let them in");
  }

  /** The include rule through which a policy matched, in words: ` (Okta group "Eng")`. */
  private matchedRule(adm: Admission, side: Side, p: PolicyModel, a: Int32Array): string {
    const phase1 = p.decision === "bypass" || p.decision === "non_identity";
    const atom = p.rules?.include.find((x) => adm.logic.evaluate(adm.atom(side, x, [], phase1), a) === 1);
    return atom !== undefined ? ` (${this.ruleWords(adm, side, atom, a, phase1)})` : "";
  }

  /** A rule in words; an Access group with the rule of it that matched: `Access group "Contractors", through Okta group "Vendors"`. */
  private ruleWords(adm: Admission, side: Side, atom: Atom, a: Int32Array, phase1 = false, path: readonly string[] = []): string {
    if (atom.kind !== "accessGroup" || path.includes(atom.value ?? "")) return atom.text;
    const group = (side === "base" ? adm.base : adm.head).groups.get(atom.value ?? "");
    const inside = [...path, atom.value ?? ""];
    const inner = group?.rules.include.find((x) => adm.logic.evaluate(adm.atom(side, x, inside, phase1), a) === 1);
    return inner !== undefined ? `${atom.text}, through ${this.ruleWords(adm, side, inner, a, phase1, inside)}` : atom.text;
  }

  /** An Okta group rule (directly or inside Access groups) that fails only because the groups claim does not send its group. */
  private unsent(adm: Admission, side: Side, atoms: readonly Atom[], a: Int32Array, path: readonly string[] = []): Atom | undefined {
    for (const atom of atoms) {
      if (adm.memberOnly(atom, a) && adm.logic.evaluate(adm.atom(side, atom, path), a) !== 1) return atom;
      if (atom.kind === "accessGroup" && atom.value !== undefined && !path.includes(atom.value)) {
        const group = (side === "base" ? adm.base : adm.head).groups.get(atom.value);
        const found = group !== undefined ? this.unsent(adm, side, group.rules.include, a, [...path, atom.value]) : undefined;
        if (found !== undefined) return found;
      }
    }
    return undefined;
  }
}

/** A verb that agrees with who: `anyone` and `the user ...` are one person. */
function agree(who: string, plural: string, singular: string): string {
  return /^(anyone|the user )/.test(who) ? singular : plural;
}

/** Opaque variables unassigned (Kleene: the answer must hold whatever they are). */
function withoutOpaque(l: Logic, a: Int32Array): Int32Array {
  const copy = a.slice();
  l.variables.forEach((v, i) => {
    if (v.opaque) copy[i] = -1;
  });
  return copy;
}

/** Every unassigned variable at its default, for tracing. */
function filled(a: Int32Array): Int32Array {
  return a.map((v) => (v < 0 ? 0 : v));
}

function sessionSource(p: PolicyModel): string {
  if (p.session.source === "policy") return `the session of policy ${literal(p.name)}`;
  if (p.session.source === "application") return `the application's session, through policy ${literal(p.name)}`;
  return `the provider's default: policy ${literal(p.name)} sets no session_duration`;
}

const TRUST_MEANS: ReadonlyMap<string, string> = new Map([
  ["okta_account", "whoever runs that Okta org now decides who signs in, and who is in every Okta group the Access rules name"],
  ["client_id", "the Okta app behind that client now decides who signs in and which groups are sent"],
  ["email_claim_name", "Access now reads each person's email from another claim: rules on emails and email domains test that claim's value"],
  ["authorization_server_id", "tokens now come from another authorization server, with its own claims and access policies"],
]);

function reachKey(reach: GroupsReach): string {
  if (reach.kind === "filter") return canonical({ ...reach.filter, claimName: reach.claimName });
  return reach.kind === "unknown" ? `unknown:${reach.key}` : reach.kind === "none" ? "none" : "all";
}

function reachWords(reach: GroupsReach): string {
  if (reach.kind === "filter") return reach.description;
  if (reach.kind === "none") return "no groups";
  return reach.kind === "unknown" ? reach.why : "the Okta app is not in this stack";
}

function signInKey(s: SignIn): string {
  return JSON.stringify(s.kind === "assigned" ? [s.everyone, s.groups.map((g) => g.key).sort()] : [s.kind, s.kind === "unknown" ? s.why : ""]);
}
