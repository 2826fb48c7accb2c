/**
 * The sign-in "world": what a user's sign-in to Cloudflare Access through Okta
 * would carry at each moment of a run, computed from both emulators' state
 * (docs/groups-claim-mechanisms.md, "The token model"). After every
 * successful mutating request to either emulator, the world appends a
 * journal entry with the sign-in of every seeded user through every Cloudflare
 * identity provider of type `okta`, so a test can prove that no state between
 * the first and the last API call of an apply signed anyone in without groups.
 *
 * A sign-in, as modelled:
 * - the Okta app is the one whose client id is the identity provider's
 *   `config.client_id`: missing or not ACTIVE is an error;
 * - the user must be assigned through one of their groups (Everyone implied);
 * - the server is `config.authorization_server_id`, else the org server;
 * - the groups claim is, on the org server, the app's own claim (the
 *   idToken endpoint's); on a custom server, an ACTIVE `IDENTITY` claim of
 *   value type GROUPS or EXPRESSION named like one of the identity provider's
 *   `config.claims` (default `groups`), whose scopes are empty or include
 *   one Cloudflare asks for;
 * - a GROUPS filter is evaluated on the user's groups (REGEX as Java's
 *   whole-name match, STARTS_WITH, EQUALS, CONTAINS); more than 100 groups is
 *   an error ("the request fails", Okta); an EXPRESSION is not evaluated
 *   (`groups: null`, `unevaluated: true`).
 *
 * Not modelled: the custom server's access policy and its `groups` scope
 * (Okta checks them at sign-in), and sign-ins in flight while Cloudflare
 * switches servers (they fail and are retried; no ordering avoids that).
 *
 * Everything it keeps is bounded: the journal keeps its newest
 * {@link WorldOptions.maxEntries} entries and says how many were dropped.
 */
import { filterSends } from "../../src/private/groups-filter";
import type { CloudflareEmulator } from "./cloudflare";
import { ControlInputError, RecordedRequest } from "./http-emulator";
import type { OktaEmulator } from "./okta";

/** A user of the Okta org, with the names of their groups (Everyone implied). */
export interface WorldUser {
  readonly login: string;
  readonly groups: readonly string[];
}

export interface WorldOptions {
  readonly users: readonly WorldUser[];
  /** The newest entries the journal keeps. @default 2000 */
  readonly maxEntries?: number;
  /** The scopes Cloudflare asks for. @default ["openid", "email", "profile", "groups"] */
  readonly scopes?: readonly string[];
}

/** Limits of what the world accepts and keeps. */
export const WORLD_LIMITS = { users: 50, groupsPerUser: 200, maxEntries: 10_000, defaultEntries: 2000, identityProviders: 20 } as const;

/** Okta: "Up to 100 groups are included in the claim. If the filter results in more than that, the request fails." */
const MAX_GROUPS_IN_CLAIM = 100;

export interface SignIn {
  readonly login: string;
  /** The Cloudflare identity provider's id. */
  readonly idpId: string;
  /** `org`, or the custom authorization server's id. */
  readonly server: string;
  /** Where the groups claim came from: `app` (the app's own claim) or the server claim's id; null when there is none. */
  readonly claim: { readonly name: string; readonly source: string } | null;
  /** The groups the token carries, sorted; null when there is no claim, it is not evaluated, or the sign-in fails. */
  readonly groups: readonly string[] | null;
  readonly unevaluated?: true;
  /** Why the sign-in fails. */
  readonly error?: string;
}

export interface JournalEntry {
  readonly seq: number;
  readonly emulator: string;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly signIns: readonly SignIn[];
}

export interface Journal {
  readonly entries: readonly JournalEntry[];
  /** Entries dropped (oldest first) to stay within maxEntries. */
  readonly dropped: number;
}

export class SignInWorld {
  private readonly users: readonly WorldUser[];
  private readonly maxEntries: number;
  private readonly scopes: ReadonlySet<string>;
  private entries: JournalEntry[] = [];
  private dropped = 0;
  private seq = 0;

  constructor(
    private readonly okta: OktaEmulator,
    private readonly cloudflare: CloudflareEmulator,
    options: WorldOptions,
  ) {
    const checked = checkWorldOptions(options);
    this.users = checked.users;
    this.maxEntries = checked.maxEntries ?? WORLD_LIMITS.defaultEntries;
    this.scopes = new Set(checked.scopes ?? ["openid", "email", "profile", "groups"]);
    okta.onMutation((r) => this.note("okta", r));
    cloudflare.onMutation((r) => this.note("cloudflare", r));
    okta.addControl("GET", "/journal", () => this.journal());
    okta.addControl("DELETE", "/journal", () => (this.reset(), { ok: true }));
    okta.addControl("GET", "/sign-ins", () => this.signInAll());
  }

  /** Every seeded user's sign-in through every okta identity provider, now. */
  public signInAll(): SignIn[] {
    return this.users.flatMap((u) => this.signIn(u));
  }

  /** The user's sign-in through every Cloudflare identity provider of type okta, by id. */
  public signIn(user: WorldUser): SignIn[] {
    const out: SignIn[] = [];
    const idps = [...this.cloudflare.identityProviders.values()].filter((r) => r.result?.type === "okta").slice(0, WORLD_LIMITS.identityProviders);
    for (const record of idps) out.push(this.signInThrough(user, record.result));
    return out;
  }

  public journal(): Journal {
    return { entries: this.entries, dropped: this.dropped };
  }

  public reset(): void {
    this.entries = [];
    this.dropped = 0;
  }

  private note(emulator: string, r: RecordedRequest): void {
    this.entries.push({ seq: ++this.seq, emulator, method: r.method, path: r.path, status: r.status, signIns: this.signInAll() });
    const over = this.entries.length - this.maxEntries;
    if (over > 0) {
      this.entries.splice(0, over);
      this.dropped += over;
    }
  }

  private signInThrough(user: WorldUser, idp: any): SignIn {
    const config = idp.config ?? {};
    const server: string = typeof config.authorization_server_id === "string" && config.authorization_server_id !== "" ? config.authorization_server_id : "org";
    const base = { login: user.login, idpId: String(idp.id), server };
    const fail = (error: string): SignIn => ({ ...base, claim: null, groups: null, error });
    const app = [...this.okta.apps.values()].find((a) => a.app?.credentials?.oauthClient?.client_id === config.client_id);
    if (app === undefined) return fail("no Okta app has the identity provider's client id");
    if (app.app.status !== "ACTIVE") return fail(`the Okta app is ${String(app.app.status)}`);
    const memberOf = this.groupIdsOf(user);
    if (![...app.assignments.keys()].some((id) => memberOf.has(id))) return fail("the user is not assigned to the Okta app");
    const names = [...memberOf].map((id) => this.okta.groups.get(id)?.name).filter((n): n is string => n !== undefined);

    if (server === "org") {
      const c = app.groupsClaim;
      if (c === undefined) return { ...base, claim: null, groups: null };
      return this.evaluate(base, { name: c.name, source: "app" }, c.valueType, c.groupFilterType, c.value, names);
    }
    const s = this.okta.authorizationServers.get(server);
    if (s === undefined) return fail(`no authorization server ${server}`);
    const wanted = new Set<string>(Array.isArray(config.claims) && config.claims.length > 0 ? config.claims : ["groups"]);
    const claim = [...s.claims.values()].find((c) => {
      const b = c.body;
      const scopes: string[] = b.conditions?.scopes ?? [];
      return b.claimType === "IDENTITY" && b.status === "ACTIVE" && (b.valueType === "GROUPS" || b.valueType === "EXPRESSION") && wanted.has(b.name) && (scopes.length === 0 || scopes.some((x) => this.scopes.has(x)));
    });
    if (claim === undefined) return { ...base, claim: null, groups: null };
    return this.evaluate(base, { name: claim.body.name, source: claim.id }, claim.body.valueType, claim.body.group_filter_type, claim.body.value, names);
  }

  private evaluate(base: { login: string; idpId: string; server: string }, claim: { name: string; source: string }, valueType: string, filterType: string | undefined, value: string, names: string[]): SignIn {
    if (valueType === "EXPRESSION") return { ...base, claim, groups: null, unevaluated: true };
    const sent: string[] = [];
    for (const name of names) {
      const sends = filterSends({ type: "FILTER", filterType, value }, name);
      if (sends === undefined) return { ...base, claim, groups: null, error: `the filter ${String(filterType)} ${JSON.stringify(value)} cannot be evaluated` };
      if (sends) sent.push(name);
    }
    if (sent.length > MAX_GROUPS_IN_CLAIM) return { ...base, claim, groups: null, error: `the claim would carry ${sent.length} groups, more than ${MAX_GROUPS_IN_CLAIM}: the request fails` };
    return { ...base, claim, groups: sent.sort() };
  }

  /** The ids of the user's groups, Everyone included; unknown names are ignored. */
  private groupIdsOf(user: WorldUser): Set<string> {
    const ids = new Set<string>([this.okta.everyoneGroupId]);
    for (const g of this.okta.groups.values()) if (user.groups.includes(g.name)) ids.add(g.id);
    return ids;
  }
}

/** Refuses options the world cannot keep within its bounds. */
export function checkWorldOptions(input: unknown): WorldOptions {
  const o = input as WorldOptions;
  if (o === null || typeof o !== "object" || !Array.isArray(o.users)) throw new ControlInputError("world: expected { users: [{ login, groups }] }");
  if (o.users.length > WORLD_LIMITS.users) throw new ControlInputError(`world: at most ${WORLD_LIMITS.users} users`);
  for (const u of o.users) {
    if (u === null || typeof u !== "object" || typeof u.login !== "string" || !Array.isArray(u.groups) || !u.groups.every((g: unknown) => typeof g === "string")) {
      throw new ControlInputError("world: each user is { login: string, groups: string[] }");
    }
    if (u.groups.length > WORLD_LIMITS.groupsPerUser) throw new ControlInputError(`world: at most ${WORLD_LIMITS.groupsPerUser} groups per user`);
  }
  if (o.maxEntries !== undefined && (!Number.isInteger(o.maxEntries) || o.maxEntries < 1 || o.maxEntries > WORLD_LIMITS.maxEntries)) {
    throw new ControlInputError(`world: maxEntries must be an integer from 1 to ${WORLD_LIMITS.maxEntries}`);
  }
  if (o.scopes !== undefined && (!Array.isArray(o.scopes) || !o.scopes.every((s: unknown) => typeof s === "string"))) throw new ControlInputError("world: scopes must be a list of strings");
  return o;
}

/** Whether `login`'s sign-ins all succeed and carry exactly `expected` groups. */
export function signsInWith(signIns: readonly SignIn[], login: string, expected: readonly string[]): boolean {
  const want = [...expected].sort().join("\n");
  const mine = signIns.filter((s) => s.login === login);
  return mine.length > 0 && mine.every((s) => s.error === undefined && s.groups !== null && s.groups.join("\n") === want);
}

/**
 * The invariant of a migration without a gap, given that `login` signed in
 * with `expected` before the run: every entry of the journal still does.
 * Returns the entries that break it (empty: it holds).
 */
export function groupsGaps(journal: Journal, login: string, expected: readonly string[]): JournalEntry[] {
  return journal.entries.filter((e) => !signsInWith(e.signIns, login, expected));
}
