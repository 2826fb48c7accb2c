/**
 * The shared machinery of the Okta and Cloudflare API emulators: a strict
 * router, a request log, fault injection and a control API.
 *
 * An emulator is a stateful node:http server on an ephemeral port. It answers
 * only the endpoints it was taught; anything else is a loud failure (HTTP 501,
 * a line on stderr and an entry in `unknownRequests`), never a silent 404 that
 * a provider could mistake for "already deleted".
 */
import { randomBytes } from "node:crypto";
import { createServer, IncomingMessage, Server, ServerResponse } from "node:http";
import { AddressInfo } from "node:net";

/** One request as the emulator saw and answered it. */
export interface RecordedRequest {
  readonly seq: number;
  readonly method: string;
  /** The path without the query string, e.g. `/api/v1/apps/0oa1`. */
  readonly path: string;
  /** The query string without `?`, possibly empty. */
  readonly query: string;
  /** The parsed JSON body, the raw text when it is not JSON, or undefined. */
  readonly body: unknown;
  readonly status: number;
  /** Set when the answer was an injected fault rather than the real handler. */
  readonly fault?: string;
  /** The route pattern that matched, e.g. `GET /api/v1/apps/:appId`. */
  readonly route?: string;
  /** Selected request headers (authorization is never recorded). */
  readonly headers: Record<string, string>;
}

/** A request no route matched: a gap in the emulator, or a provider change. */
export interface UnknownRequest {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  /** Set when the request was refused as malformed rather than unrouted. */
  readonly reason?: string;
}

/** How long an idle keep-alive connection stays open (well beyond any client's back-off). */
export const IDLE_CONNECTION_MS = 65_000;

/** Random faults: a share of requests gets an error instead of an answer. */
export interface RandomFaults {
  /** Share of requests to fault, 0 to 1. */
  readonly rate: number;
  /** HTTP statuses to pick from, e.g. [429] or [502, 503]. */
  readonly statuses: number[];
  /** Seed of the deterministic pseudo-random sequence. @default 1 */
  readonly seed?: number;
  /**
   * Longest run of faults for one method and path. A client that retries at
   * least this many times always gets through. @default 1
   */
  readonly maxConsecutive?: number;
  /** Only requests whose `METHOD /path` matches are faulted. @default all */
  readonly match?: string;
}

/** Scripted faults: the next `times` requests matching `match` fail with `status`. */
export interface ScriptedFault {
  /** A regular expression on `METHOD /path`, e.g. `^POST /api/v1/apps$`. */
  readonly match: string;
  readonly status: number;
  /** @default 1 */
  readonly times?: number;
}

export interface FaultConfig {
  readonly random?: RandomFaults;
  readonly scripted?: ScriptedFault[];
}

/** What a handler answers. */
export interface Reply {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string | string[]>;
}

/** The context a route handler gets. */
export interface RouteContext {
  readonly method: string;
  readonly path: string;
  readonly params: Record<string, string>;
  readonly query: URLSearchParams;
  readonly body: unknown;
  readonly headers: IncomingMessage["headers"];
  /** The emulator's own base URL, e.g. `http://127.0.0.1:40123`. */
  readonly baseUrl: string;
}

export type Handler = (ctx: RouteContext) => Reply;

interface Route {
  readonly method: string;
  readonly pattern: string;
  readonly regex: RegExp;
  readonly names: string[];
  readonly handler: Handler;
}

/** Thrown by handlers to answer with an API error. */
export class ApiError extends Error {
  constructor(
    public readonly status: number,
    public readonly body: unknown,
    public readonly headers: Record<string, string> = {},
  ) {
    super(`HTTP ${status}`);
  }
}

/** The control API lives under this prefix; it is never faulted or logged. */
export const CONTROL_PREFIX = "/__emulator";

/** mulberry32: a small, fast, seedable generator, so fault runs are reproducible. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random characters from `alphabet`, for ids and secrets. */
export function randomChars(length: number, alphabet: string): string {
  const bytes = randomBytes(length);
  let out = "";
  for (let i = 0; i < length; i++) out += alphabet[bytes[i] % alphabet.length];
  return out;
}

export const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

export abstract class HttpEmulator {
  /** Every request the API saw, in order (control requests excluded). */
  public readonly requests: RecordedRequest[] = [];
  /** Requests no route matched. A run with any of these must fail. */
  public readonly unknownRequests: UnknownRequest[] = [];

  private readonly routes: Route[] = [];
  private server?: Server;
  private seq = 0;
  private faults: FaultConfig = {};
  private random: () => number = seededRandom(1);
  private readonly consecutive = new Map<string, number>();
  private scriptedLeft: { regex: RegExp; status: number; left: number }[] = [];
  private base = "";
  private readonly mutationListeners: ((request: RecordedRequest) => void)[] = [];
  private readonly extraControls = new Map<string, (raw: string) => unknown>();

  /** A short name for log lines, e.g. `okta`. */
  protected abstract readonly name: string;
  /** The body and headers of an injected fault, in the API's own format. */
  protected abstract faultReply(status: number): Reply;
  /** The whole state, as plain JSON, for assertions. */
  public abstract snapshot(): unknown;
  /** True when nothing the providers create is left (seed data excepted). */
  public abstract isEmpty(): boolean;

  /** The base URL, once started. */
  public get url(): string {
    if (!this.base) throw new Error(`${this.name} emulator: not started`);
    return this.base;
  }

  /** The base URL, or "" before start (for objects seeded before start). */
  protected get baseUrlOrEmpty(): string {
    return this.base;
  }

  /** Registers a route; `:name` segments become params. */
  protected route(method: string, pattern: string, handler: Handler): void {
    const names: string[] = [];
    const source = pattern.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\/:([A-Za-z]+)/g, (_m, name: string) => {
      names.push(name);
      return "/([^/]+)";
    });
    this.routes.push({ method, pattern, regex: new RegExp(`^${source}$`), names, handler });
  }

  /** Every route as `METHOD /pattern`, for documentation and tests. */
  public describeRoutes(): string[] {
    return this.routes.map((r) => `${r.method} ${r.pattern}`);
  }

  public setFaults(faults: FaultConfig): void {
    this.faults = faults;
    this.random = seededRandom(faults.random?.seed ?? 1);
    this.consecutive.clear();
    this.scriptedLeft = (faults.scripted ?? []).map((f) => ({ regex: new RegExp(f.match), status: f.status, left: f.times ?? 1 }));
  }

  public async start(port = 0, host = "127.0.0.1"): Promise<string> {
    const server = createServer((req, res) => {
      this.dispatch(req, res).catch((err: unknown) => {
        process.stderr.write(`[${this.name}-emulator] internal error: ${String(err)}\n`);
        if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
        res.end("emulator internal error");
      });
    });
    // Keep idle connections as long as a real API's edge does. Clients that
    // back off on a 429 (Okta's SDK waits until X-Rate-Limit-Reset, about 1-2 s)
    // then send the retry on the idle connection: had the emulator closed it at
    // the same moment, the retry would die with "connection reset by peer", a
    // failure the real APIs do not cause. stop() closes every connection itself.
    server.keepAliveTimeout = IDLE_CONNECTION_MS;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, host, () => resolve());
    });
    this.server = server;
    const address = server.address() as AddressInfo;
    this.base = `http://${host}:${address.port}`;
    return this.base;
  }

  public async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  /** Requests that matched `METHOD /pattern` of a route, e.g. `POST /api/v1/apps`. */
  public requestsTo(route: string): RecordedRequest[] {
    return this.requests.filter((r) => r.route === route);
  }

  private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Okta's SDK sends absolute-form request targets (it treats the emulator
    // as an HTTP proxy), so parse against a dummy base either way.
    const target = new URL(req.url ?? "/", "http://emulator.invalid");
    const path = target.pathname;
    const method = (req.method ?? "GET").toUpperCase();
    const raw = await readBody(req);

    if (path.startsWith(CONTROL_PREFIX)) {
      this.controlRequest(method, path, target.search.replace(/^\?/, ""), raw, res);
      return;
    }

    let body: unknown = undefined;
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
      }
    }
    const headers: Record<string, string> = {};
    for (const h of ["content-type", "accept", "user-agent", "x-okta-retry-count", "x-stainless-retry-count"]) {
      const v = req.headers[h];
      if (typeof v === "string") headers[h] = v;
    }
    const query = target.search.replace(/^\?/, "");
    const record = (status: number, extra: { fault?: string; route?: string }) => {
      this.requests.push({ seq: ++this.seq, method, path, query, body, status, headers, ...extra });
    };

    const bad = badPercentEncoding(req.url ?? "/");
    if (bad !== undefined) {
      this.refuse({ method, path, query, reason: bad }, record, res);
      return;
    }
    let match: { route: Route; params: Record<string, string> } | undefined;
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const m = route.regex.exec(path);
      if (m) {
        const params: Record<string, string> = {};
        route.names.forEach((n, i) => (params[n] = decodeURIComponent(m[i + 1])));
        match = { route, params };
        break;
      }
    }
    if (!match) {
      this.unknownRequests.push({ method, path, query });
      process.stderr.write(`[${this.name}-emulator] UNKNOWN ENDPOINT: ${method} ${path}${query ? "?" + query : ""}\n`);
      record(501, {});
      send(res, 501, {
        error: `${this.name} emulator does not implement ${method} ${path}`,
        hint: "teach the emulator this endpoint (e2e/emulators) after checking what the real API answers",
      });
      return;
    }
    const routeName = `${match.route.method} ${match.route.pattern}`;

    const fault = this.pickFault(`${method} ${path}`);
    if (fault !== undefined) {
      const reply = this.faultReply(fault);
      record(reply.status, { fault: String(fault), route: routeName });
      send(res, reply.status, reply.body, reply.headers);
      return;
    }

    let reply: Reply;
    try {
      reply = match.route.handler({
        method,
        path,
        params: match.params,
        query: target.searchParams,
        body,
        headers: req.headers,
        baseUrl: this.base,
      });
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      reply = { status: err.status, body: err.body, headers: err.headers };
    }
    record(reply.status, { route: routeName });
    // The state changed (a write the real handler answered with success): tell the listeners, before the answer leaves.
    if (method !== "GET" && reply.status >= 200 && reply.status < 300) {
      const recorded = this.requests[this.requests.length - 1];
      for (const listener of this.mutationListeners) listener(recorded);
    }
    send(res, reply.status, reply.body, reply.headers);
  }

  /** Calls `listener` after every successful write (not a fault, not a GET), with the recorded request. */
  public onMutation(listener: (request: RecordedRequest) => void): void {
    this.mutationListeners.push(listener);
  }

  /** Adds a control endpoint `METHOD /__emulator<path>`; its result is answered as JSON (ControlInputError: 400). */
  public addControl(method: string, path: string, handler: (raw: string) => unknown): void {
    this.extraControls.set(`${method} ${path}`, handler);
  }

  private pickFault(key: string): number | undefined {
    for (const s of this.scriptedLeft) {
      if (s.left > 0 && s.regex.test(key)) {
        s.left--;
        return s.status;
      }
    }
    const random = this.faults.random;
    if (!random || random.rate <= 0 || random.statuses.length === 0) return undefined;
    if (random.match !== undefined && !new RegExp(random.match).test(key)) return undefined;
    const run = this.consecutive.get(key) ?? 0;
    // Draw on every request so the sequence does not depend on which were skipped.
    const draw = this.random();
    const pick = this.random();
    if (run < (random.maxConsecutive ?? 1) && draw < random.rate) {
      this.consecutive.set(key, run + 1);
      return random.statuses[Math.floor(pick * random.statuses.length)];
    }
    this.consecutive.set(key, 0);
    return undefined;
  }

  /**
   * A request that is malformed before any route can see it (bad
   * percent-encoding, bad control-API input): answered 400 and recorded like
   * an unknown request, so a suite that asserts `unknownRequests` is empty
   * fails on it.
   */
  private refuse(
    u: { method: string; path: string; query: string; reason: string },
    record: ((status: number, extra: { fault?: string; route?: string }) => void) | undefined,
    res: ServerResponse,
  ): void {
    this.unknownRequests.push({ method: u.method, path: u.path, query: u.query, reason: u.reason });
    // The reason names what was wrong, never the value (it may hold a secret).
    process.stderr.write(`[${this.name}-emulator] REFUSED: ${u.method} ${u.path}: ${u.reason}\n`);
    record?.(400, {});
    const reply = this.malformedReply(u.reason);
    send(res, reply.status, reply.body, reply.headers);
  }

  /** The API's own answer to a malformed request (overridden per API). */
  protected malformedReply(reason: string): Reply {
    return { status: 400, body: { error: reason } };
  }

  /**
   * Seeds objects that exist before the run (created outside Terraform), in
   * the emulator's own format. Throws ControlInputError on bad input.
   */
  public abstract seed(input: unknown): unknown;

  /** Sets the emulator's behaviour options (see each emulator's options). */
  public abstract setBehaviour(input: unknown): unknown;

  private controlRequest(method: string, path: string, query: string, raw: string, res: ServerResponse): void {
    try {
      this.control(method, path.slice(CONTROL_PREFIX.length), raw, res);
    } catch (err) {
      if (!(err instanceof ControlInputError)) throw err;
      this.refuse({ method, path, query, reason: `control API: ${err.message}` }, undefined, res);
    }
  }

  /**
   * The control API, for a harness that runs the emulator in another process:
   * GET /state, GET /requests, GET /unknown, GET /health, PUT /faults,
   * POST /seed (objects that exist before the run), PUT /behaviour.
   * Bad input answers 400 and is recorded in `unknownRequests`.
   */
  private control(method: string, path: string, raw: string, res: ServerResponse): void {
    if (method === "GET" && path === "/health") return send(res, 200, { ok: true, name: this.name });
    if (method === "GET" && path === "/state") return send(res, 200, { state: this.snapshot(), empty: this.isEmpty() });
    if (method === "GET" && path === "/requests") return send(res, 200, this.requests);
    if (method === "GET" && path === "/unknown") return send(res, 200, this.unknownRequests);
    if (method === "PUT" && path === "/faults") {
      this.setFaults(checkFaults(parseControlJson(raw)));
      return send(res, 200, { ok: true });
    }
    if (method === "POST" && path === "/seed") return send(res, 200, { ok: true, seeded: this.seed(parseControlJson(raw)) });
    if (method === "PUT" && path === "/behaviour") return send(res, 200, { ok: true, behaviour: this.setBehaviour(parseControlJson(raw)) });
    const extra = this.extraControls.get(`${method} ${path}`);
    if (extra !== undefined) return send(res, 200, extra(raw));
    throw new ControlInputError(`no control endpoint ${method} ${CONTROL_PREFIX}${path}`);
  }
}

/** Bad input to the control API (answered 400, recorded as unknown). */
export class ControlInputError extends Error {}

function parseControlJson(raw: string): unknown {
  if (raw.trim() === "") return {};
  try {
    return JSON.parse(raw);
  } catch {
    throw new ControlInputError("the body is not JSON");
  }
}

function checkFaults(input: unknown): FaultConfig {
  if (typeof input !== "object" || input === null || Array.isArray(input)) throw new ControlInputError("faults: expected an object {random?, scripted?}");
  const f = input as Record<string, unknown>;
  for (const key of Object.keys(f)) if (key !== "random" && key !== "scripted") throw new ControlInputError(`faults: unknown key ${JSON.stringify(key).slice(0, 40)}`);
  const statusOk = (s: unknown) => Number.isInteger(s) && (s as number) >= 400 && (s as number) <= 599;
  if (f.random !== undefined) {
    const r = f.random as Record<string, unknown>;
    if (typeof r !== "object" || r === null) throw new ControlInputError("faults.random: expected an object");
    if (typeof r.rate !== "number" || !(r.rate >= 0 && r.rate <= 1)) throw new ControlInputError("faults.random.rate: expected a number from 0 to 1");
    if (!Array.isArray(r.statuses) || !r.statuses.every(statusOk)) throw new ControlInputError("faults.random.statuses: expected HTTP statuses 400-599");
    if (r.match !== undefined) checkRegex(r.match, "faults.random.match");
  }
  if (f.scripted !== undefined) {
    if (!Array.isArray(f.scripted)) throw new ControlInputError("faults.scripted: expected a list");
    f.scripted.forEach((s: any, i) => {
      if (typeof s !== "object" || s === null) throw new ControlInputError(`faults.scripted[${i}]: expected an object`);
      checkRegex(s.match, `faults.scripted[${i}].match`);
      if (!statusOk(s.status)) throw new ControlInputError(`faults.scripted[${i}].status: expected an HTTP status 400-599`);
      if (s.times !== undefined && !(Number.isInteger(s.times) && s.times > 0)) throw new ControlInputError(`faults.scripted[${i}].times: expected a positive integer`);
    });
  }
  return f;
}

function checkRegex(x: unknown, where: string): void {
  if (typeof x !== "string") throw new ControlInputError(`${where}: expected a regular expression string`);
  try {
    new RegExp(x);
  } catch {
    throw new ControlInputError(`${where}: not a valid regular expression`);
  }
}

/**
 * Why a request target's percent-encoding is invalid (`%zz`, a truncated
 * `%4`, or bytes that are not UTF-8), or undefined when it is fine. Real APIs
 * refuse such targets with 400 before routing; so does the emulator.
 */
export function badPercentEncoding(target: string): string | undefined {
  if (/%(?![0-9A-Fa-f]{2})/.test(target)) return "malformed percent-encoding in the request target";
  const [path, query = ""] = target.split("?", 2);
  try {
    decodeURIComponent(path);
    for (const part of query.split("&")) decodeURIComponent(part.replace(/\+/g, " "));
  } catch {
    return "percent-encoding in the request target is not UTF-8";
  }
  return undefined;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string | string[]> = {}): void {
  const hasBody = body !== undefined && status !== 204;
  const text = !hasBody ? "" : typeof body === "string" ? body : JSON.stringify(body);
  const contentType = hasBody ? { "content-type": typeof body === "string" ? "text/plain" : "application/json" } : {};
  res.writeHead(status, { ...contentType, ...headers });
  res.end(text);
}
