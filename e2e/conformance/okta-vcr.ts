/**
 * Okta conformance: replays the real interactions recorded by the okta/okta
 * provider's acceptance tests (go-vcr v2 cassettes, `../shared/fixtures/okta-vcr/`,
 * read where they are, never copied) against the Okta emulator, and compares
 * each answer with the recorded one:
 * - the status code;
 * - the body's keys, recursively, with their JSON types;
 * - the behaviours the provider depends on: whether the answer carries
 *   `credentials.oauthClient.client_secret`, the rel values of the Link
 *   header (pagination), and the `errorCode` of an error body.
 *
 * Only interactions on endpoints the emulator implements are replayed; the
 * others are counted as not covered. Objects a recording refers to but that
 * an endpoint outside the emulator made (groups and authorization servers
 * the tests created first) are seeded into the emulator with their recorded
 * ids; ids the emulator makes itself are mapped from the recorded ones.
 *
 * Layers: load (cassette → interactions) → replay (emulator answers) →
 * compare (pure, differences as data) → allow-list → report.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { load } from "js-yaml";
import { OktaEmulator } from "../emulators/okta";

/** One recorded request and its answer. */
export interface Interaction {
  readonly method: string;
  /** Path and query, without scheme and host. */
  readonly target: string;
  readonly requestBody: string;
  readonly status: number;
  readonly responseBody: string;
  /** Response header values by lower-case name. */
  readonly headers: Record<string, string[]>;
}

export interface Cassette {
  /** `<test>/<file>`, e.g. `TestAccResourceOktaAppOauth_basic/oie-00.yaml`. */
  readonly name: string;
  /** Classic ("v1") or Identity Engine ("idx"), from the file name. */
  readonly pipeline: "v1" | "idx";
  readonly interactions: Interaction[];
}

export type DifferenceKind = "status" | "missing" | "extra" | "type" | "client_secret" | "link" | "errorCode";

/** One way the emulator's answer differs from the recorded one. */
export interface Difference {
  readonly kind: DifferenceKind;
  /** The emulator route, e.g. `GET /api/v1/apps/:appId`. */
  readonly route: string;
  /** The key path (`credentials.oauthClient.client_id`, `[]` for array items), or "" when not about a key. */
  readonly key: string;
  /** What was recorded and what the emulator answered (types or values, never secrets). */
  readonly recorded: string;
  readonly emulator: string;
  readonly cassette: string;
  readonly index: number;
}

/** An accepted difference, with the reason it is accepted. */
export interface AllowEntry {
  readonly kind: DifferenceKind;
  readonly route: string;
  /** A key path; `*` matches any run of characters. */
  readonly key: string;
  readonly reason: string;
}

/** Reads every cassette under `dir` (one folder per acceptance test). */
export function loadCassettes(dir: string): Cassette[] {
  const out: Cassette[] = [];
  for (const test of readdirSync(dir).sort()) {
    const folder = join(dir, test);
    if (!statSync(folder).isDirectory()) continue;
    for (const file of readdirSync(folder).sort()) {
      if (!file.endsWith(".yaml")) continue;
      out.push(parseCassette(`${test}/${file}`, readFileSync(join(folder, file), "utf8")));
    }
  }
  return out;
}

/** Parses one go-vcr v2 cassette. Throws on a shape it does not know. */
export function parseCassette(name: string, text: string): Cassette {
  const doc = load(text) as any;
  if (!doc || !Array.isArray(doc.interactions)) throw new Error(`${name}: not a go-vcr cassette (no interactions list)`);
  const interactions = doc.interactions.map((i: any, n: number): Interaction => {
    const url = new URL(String(i?.request?.url ?? ""));
    const status = Number(i?.response?.code);
    if (!i?.request?.method || !Number.isInteger(status)) throw new Error(`${name}: interaction ${n} has no method or status`);
    const headers: Record<string, string[]> = {};
    for (const [k, v] of Object.entries(i.response.headers ?? {})) headers[k.toLowerCase()] = Array.isArray(v) ? v.map(String) : [String(v)];
    return {
      method: String(i.request.method).toUpperCase(),
      target: url.pathname + url.search,
      requestBody: typeof i.request.body === "string" ? i.request.body.trim() : "",
      status,
      responseBody: typeof i.response.body === "string" ? i.response.body : "",
      headers,
    };
  });
  return { name, pipeline: basename(name).startsWith("classic") ? "v1" : "idx", interactions };
}

/** A JSON value's type as the comparison sees it. */
function typeOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  return typeof v;
}

/**
 * Every key path of a JSON value with the set of JSON types found there.
 * Array items share the path `<array>[]`, so a list of any length compares by
 * the shape of its items.
 */
export function keyTypes(value: unknown, prefix = "", out = new Map<string, Set<string>>()): Map<string, Set<string>> {
  const add = (path: string, t: string) => {
    if (!out.has(path)) out.set(path, new Set());
    out.get(path)!.add(t);
  };
  if (prefix !== "") add(prefix, typeOf(value));
  if (Array.isArray(value)) {
    for (const item of value) keyTypes(item, `${prefix}[]`, out);
  } else if (typeof value === "object" && value !== null) {
    for (const [k, v] of Object.entries(value)) keyTypes(v, prefix === "" ? k : `${prefix}.${k}`, out);
  }
  return out;
}

function parseJson(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function relsOf(link: string[] | undefined): string {
  const rels = new Set<string>();
  for (const header of link ?? []) for (const m of header.matchAll(/rel="([^"]+)"/g)) rels.add(m[1]);
  return [...rels].sort().join(",");
}

function hasSecret(body: unknown): boolean {
  const walk = (v: unknown): boolean => {
    if (Array.isArray(v)) return v.some(walk);
    if (typeof v !== "object" || v === null) return false;
    const o = v as Record<string, unknown>;
    const oauth = (o.credentials as any)?.oauthClient;
    return (typeof oauth === "object" && oauth !== null && "client_secret" in oauth) || false;
  };
  return walk(body);
}

/** What one answer looks like to the comparison. */
export interface Answer {
  readonly status: number;
  readonly body: unknown;
  /** The Link header's values. */
  readonly link?: string[];
}

/** The key counts of one comparison, for the fidelity figure. */
export interface KeyTally {
  readonly union: number;
  readonly agree: number;
}

/** Compares an emulator answer with the recorded one. Pure. */
export function compareAnswers(recorded: Answer, emulator: Answer, where: { route: string; cassette: string; index: number }): { differences: Difference[]; keys: KeyTally } {
  const differences: Difference[] = [];
  const diff = (kind: DifferenceKind, key: string, rec: string, emu: string) => differences.push({ kind, key, recorded: rec, emulator: emu, ...where });
  if (recorded.status !== emulator.status) diff("status", "", String(recorded.status), String(emulator.status));

  const rec = keyTypes(recorded.body);
  const emu = keyTypes(emulator.body);
  let agree = 0;
  const union = new Set([...rec.keys(), ...emu.keys()]);
  for (const key of union) {
    const r = rec.get(key);
    const e = emu.get(key);
    if (!e) diff("missing", key, [...r!].sort().join("|"), "absent");
    else if (!r) diff("extra", key, "absent", [...e].sort().join("|"));
    else {
      const rt = [...r].sort().join("|");
      const et = [...e].sort().join("|");
      if (rt === et) agree++;
      else diff("type", key, rt, et);
    }
  }
  // The root's own type (an object, a list, nothing) is a key too.
  const rootRec = recorded.body === undefined ? "none" : typeOf(recorded.body);
  const rootEmu = emulator.body === undefined ? "none" : typeOf(emulator.body);
  if (rootRec !== rootEmu) diff("type", "(body)", rootRec, rootEmu);

  if (hasSecret(recorded.body) !== hasSecret(emulator.body)) diff("client_secret", "credentials.oauthClient.client_secret", String(hasSecret(recorded.body)), String(hasSecret(emulator.body)));
  const rl = relsOf(recorded.link);
  const el = relsOf(emulator.link);
  if (rl !== el) diff("link", "Link", rl || "none", el || "none");
  if (recorded.status >= 400) {
    const code = (b: unknown) => (typeof b === "object" && b !== null ? String((b as any).errorCode ?? "none") : "none");
    if (code(recorded.body) !== code(emulator.body)) diff("errorCode", "errorCode", code(recorded.body), code(emulator.body));
  }
  return { differences, keys: { union: union.size + 1, agree: agree + (rootRec === rootEmu ? 1 : 0) } };
}

function globToRegex(glob: string): RegExp {
  return new RegExp("^" + glob.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*") + "$");
}

/** Checks the allow-list file's shape; every entry needs a reason. */
export function parseAllowList(text: string): AllowEntry[] {
  const doc = JSON.parse(text) as { entries?: unknown };
  if (!doc || !Array.isArray(doc.entries)) throw new Error("allow-list: expected {\"entries\": [...]}");
  const kinds: DifferenceKind[] = ["status", "missing", "extra", "type", "client_secret", "link", "errorCode"];
  return doc.entries.map((e: any, i: number) => {
    if (!kinds.includes(e?.kind)) throw new Error(`allow-list entries[${i}].kind: expected one of ${kinds.join(", ")}`);
    if (typeof e.route !== "string" || !/^[A-Z]+ \//.test(e.route)) throw new Error(`allow-list entries[${i}].route: expected "METHOD /pattern"`);
    if (typeof e.key !== "string") throw new Error(`allow-list entries[${i}].key: expected a key path (may be "")`);
    if (typeof e.reason !== "string" || e.reason.trim().length < 20) throw new Error(`allow-list entries[${i}].reason: expected a reason of at least 20 characters`);
    return { kind: e.kind, route: e.route, key: e.key, reason: e.reason };
  });
}

/** Splits differences into accepted and failing, and lists allow-list entries nothing matched. */
export function applyAllowList(differences: Difference[], entries: AllowEntry[]): { failing: Difference[]; allowed: Difference[]; unused: AllowEntry[] } {
  const used = new Set<number>();
  const failing: Difference[] = [];
  const allowed: Difference[] = [];
  const compiled = entries.map((e) => ({ ...e, regex: globToRegex(e.key) }));
  for (const d of differences) {
    const i = compiled.findIndex((e) => e.kind === d.kind && e.route === d.route && e.regex.test(d.key));
    if (i < 0) failing.push(d);
    else {
      used.add(i);
      allowed.push(d);
    }
  }
  return { failing, allowed, unused: entries.filter((_e, i) => !used.has(i)) };
}

/** What a replay of all cassettes found. */
export interface ReplayResult {
  readonly interactions: number;
  readonly replayed: number;
  /** Recorded endpoints (method and emulator route) that were replayed. */
  readonly covered: string[];
  /** Recorded endpoints the emulator does not implement (method and path shape), with counts. */
  readonly notCovered: Record<string, number>;
  readonly keys: KeyTally;
  readonly differences: Difference[];
  /** Replayed interactions per behaviour checked, for the report. */
  readonly behaviours: { clientSecret: number; link: number; errorBody: number };
}

const TOKEN = "00conformance-token";

/** Endpoints outside the emulator whose recorded effects are seeded instead. */
function seedEffect(okta: OktaEmulator, i: Interaction): boolean {
  const path = i.target.split("?")[0];
  const body = parseJson(i.responseBody) as any;
  if (i.method === "POST" && path === "/api/v1/groups" && i.status === 200) {
    okta.seed({ groups: [{ id: body.id, name: body.profile.name, description: body.profile.description ?? "" }] });
    return true;
  }
  if (i.method === "DELETE" && /^\/api\/v1\/groups\/[^/]+$/.test(path)) {
    okta.groups.delete(path.split("/").pop()!);
    return true;
  }
  if (i.method === "POST" && path === "/api/v1/authorizationServers" && i.status < 300) {
    okta.seed({ authorizationServers: [{ id: body.id, name: body.name }] });
    return true;
  }
  if (i.method === "DELETE" && /^\/api\/v1\/authorizationServers\/[^/]+$/.test(path)) {
    okta.authorizationServers.delete(path.split("/").pop()!);
    return true;
  }
  return false;
}

/** Which emulator route serves `method path`, if any. */
function routeFor(routes: { method: string; pattern: string; regex: RegExp }[], method: string, path: string): string | undefined {
  const r = routes.find((x) => x.method === method && x.regex.test(path));
  return r ? `${r.method} ${r.pattern}` : undefined;
}

/** Learns recorded → emulator ids from two answers walked side by side. */
function learnIds(rec: unknown, emu: unknown, ids: Map<string, string>): void {
  if (Array.isArray(rec) && Array.isArray(emu)) {
    rec.forEach((r, i) => learnIds(r, emu[i], ids));
    return;
  }
  if (typeof rec !== "object" || rec === null || typeof emu !== "object" || emu === null) return;
  for (const [k, v] of Object.entries(rec)) {
    const e = (emu as Record<string, unknown>)[k];
    if ((k === "id" || k === "client_id") && typeof v === "string" && typeof e === "string" && v !== e && !ids.has(v)) ids.set(v, e);
    else learnIds(v, e, ids);
  }
}

function substitute(text: string, ids: Map<string, string>): string {
  let out = text;
  for (const [rec, emu] of ids) out = out.split(rec).join(emu);
  return out;
}

/** Replays every cassette against fresh emulators and compares each answer. */
export async function replayAll(cassettes: Cassette[]): Promise<ReplayResult> {
  let interactions = 0;
  let replayed = 0;
  const covered = new Set<string>();
  const notCovered: Record<string, number> = {};
  const keys = { union: 0, agree: 0 };
  const differences: Difference[] = [];
  const behaviours = { clientSecret: 0, link: 0, errorBody: 0 };
  for (const cassette of cassettes) {
    const okta = new OktaEmulator({ apiToken: TOKEN, pipeline: cassette.pipeline });
    await okta.start();
    const routes = okta.describeRoutes().map((r) => {
      const [method, pattern] = r.split(" ");
      const source = pattern.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\/:([A-Za-z]+)/g, "/[^/]+");
      return { method, pattern, regex: new RegExp(`^${source}$`) };
    });
    const ids = new Map<string, string>();
    try {
      for (const [index, i] of cassette.interactions.entries()) {
        interactions++;
        if (seedEffect(okta, i)) continue;
        const path = i.target.split("?")[0];
        const route = routeFor(routes, i.method, path);
        if (!route) {
          // Okta ids: 20 letters and digits, at least one a digit (unlike "authorizationServers").
          const shape = `${i.method} ${path.replace(/\/(?=[A-Za-z]*[0-9])[0-9A-Za-z]{20}(?=\/|$)/g, "/{id}")}`;
          notCovered[shape] = (notCovered[shape] ?? 0) + 1;
          continue;
        }
        replayed++;
        covered.add(route);
        const body = i.requestBody ? substitute(i.requestBody, ids) : undefined;
        const res = await fetch(okta.url + substitute(i.target, ids), {
          method: i.method,
          headers: { authorization: `SSWS ${TOKEN}`, accept: "application/json", ...(body ? { "content-type": "application/json" } : {}) },
          body,
        });
        const text = await res.text();
        const emulator: Answer = { status: res.status, body: parseJson(text), link: res.headers.get("link")?.split(/,\s*(?=<)/) };
        const recorded: Answer = { status: i.status, body: parseJson(i.responseBody), link: i.headers.link };
        const result = compareAnswers(recorded, emulator, { route, cassette: cassette.name, index });
        differences.push(...result.differences);
        keys.union += result.keys.union;
        keys.agree += result.keys.agree;
        if (hasSecret(recorded.body) || hasSecret(emulator.body) || /\/api\/v1\/apps/.test(path)) behaviours.clientSecret++;
        if (recorded.link || emulator.link) behaviours.link++;
        if (i.status >= 400) behaviours.errorBody++;
        learnIds(recorded.body, emulator.body, ids);
      }
    } finally {
      await okta.stop();
    }
    if (okta.unknownRequests.length > 0) throw new Error(`${cassette.name}: the emulator refused requests the conformance suite routed to it: ${JSON.stringify(okta.unknownRequests)}`);
  }
  return { interactions, replayed, covered: [...covered].sort(), notCovered, keys, differences, behaviours };
}
