/**
 * Read-only HTTP for `discover`: Node's built-in fetch, each vendor's
 * pagination, waits on 429 with the header each API sends, and one-line
 * errors that never contain a token or a response body that could hold one.
 *
 * Everything that comes back is untrusted, so the client is bounded:
 * - every URL it requests (its own paths, and `Link: rel="next"` URLs) is
 *   resolved with the WHATWG URL parser against the API's base URL and
 *   refused unless its origin (scheme, host, port) is the base URL's, and it
 *   carries no user name or password: the token goes nowhere else;
 * - redirects are refused;
 * - a list stops at {@link DEFAULT_MAX_PAGES} pages, and on a `next` URL or
 *   an Okta cursor (`after`) seen before;
 * - a response body is read as a stream and abandoned past
 *   {@link DEFAULT_MAX_BODY_BYTES} (a declared Content-Length over it is
 *   refused before reading);
 * - each request, its body included, is abandoned after `timeoutMs`, and the
 *   client's requests, waits included, after `totalTimeoutMs`.
 */
import { joinLines } from "../private/cli-io";
import { appendAll } from "../private/arrays";

/** A failure `discover` reports as one line (exit 1), never with a stack. */
export class DiscoverError extends Error {
  /** @param status the HTTP status of the answer that failed, when one did */
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "DiscoverError";
  }
}

/** How the client waits and reports; tests pass a fake clock. */
export interface HttpOptions {
  /** Retries of one request after a 429 or a 5xx. @default 5 */
  readonly maxRetries?: number;
  /** Longest single wait, in milliseconds, whatever a header asks. @default 60000 */
  readonly maxWaitMs?: number;
  /** Waits `ms` milliseconds. @default setTimeout */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Progress lines (to stderr in the CLI). */
  readonly progress?: (line: string) => void;
  /** Milliseconds since the epoch. @default Date.now */
  readonly now?: () => number;
  /** Milliseconds before a request (headers and body) is abandoned. @default 30000 */
  readonly timeoutMs?: number;
  /** Milliseconds the client may spend on all its requests and waits. @default 1800000 (30 minutes) */
  readonly totalTimeoutMs?: number;
  /** The largest response body read, in bytes. @default {@link DEFAULT_MAX_BODY_BYTES} */
  readonly maxBodyBytes?: number;
  /** The most pages one list may have. @default {@link DEFAULT_MAX_PAGES} */
  readonly maxPages?: number;
}

/** 16 MiB: a page of 200 Okta apps is well under 1 MiB. */
export const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;
/** 1,000 pages: 200,000 Okta apps or group assignments at 200 a page, 50,000 Cloudflare objects at 50. */
export const DEFAULT_MAX_PAGES = 1000;

export type Vendor = "okta" | "cloudflare";

export interface JsonResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
}

const DEFAULT_SLEEP = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A GET-only client for one vendor. `baseUrl` is trusted (the user's option);
 * everything that comes back is not.
 */
export class ReadOnlyClient {
  private readonly maxRetries: number;
  private readonly maxWaitMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly timeoutMs: number;
  private readonly maxBodyBytes: number;
  private readonly maxPages: number;
  private readonly totalTimeoutMs: number;
  /** When the client's time is up (milliseconds since the epoch, by `now`). */
  private readonly deadline: number;
  /** The API's base URL, parsed: its origin is the only one requests go to. */
  private readonly base: URL;
  /** Requests sent, retries included. */
  public requestCount = 0;
  /** 429 answers received. */
  public rateLimited = 0;

  constructor(
    public readonly vendor: Vendor,
    baseUrl: string,
    private readonly authorization: string,
    private readonly options: HttpOptions = {},
  ) {
    this.maxRetries = options.maxRetries ?? 5;
    this.maxWaitMs = options.maxWaitMs ?? 60_000;
    this.sleep = options.sleep ?? DEFAULT_SLEEP;
    this.now = options.now ?? Date.now;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    this.maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
    this.totalTimeoutMs = options.totalTimeoutMs ?? 30 * 60_000;
    this.deadline = this.now() + this.totalTimeoutMs;
    let base: URL;
    try {
      base = new URL(baseUrl);
    } catch {
      throw new DiscoverError(`the ${this.label()} API URL is not a URL`);
    }
    if ((base.protocol !== "https:" && base.protocol !== "http:") || base.username !== "" || base.password !== "") {
      throw new DiscoverError(`the ${this.label()} API URL must be an http(s) URL without a user name or password (${base.protocol}//${base.host})`);
    }
    this.base = base;
  }

  /** GET a path under the base URL (`/api/v1/apps`), or a URL a response named (resolved by {@link url}). */
  public async get(pathOrUrl: string | URL): Promise<JsonResponse> {
    const url = typeof pathOrUrl === "string" ? this.path(pathOrUrl) : this.checked(pathOrUrl, "a URL");
    for (let attempt = 0; ; attempt++) {
      let res: Response;
      const left = this.deadline - this.now();
      if (left <= 0) throw this.outOfTime();
      this.requestCount++;
      // One signal for the headers and the body: a server that sends its body slowly is cut off too.
      const signal = AbortSignal.timeout(Math.min(this.timeoutMs, left));
      try {
        res = await fetch(url, {
          method: "GET",
          headers: { authorization: this.authorization, accept: "application/json" },
          redirect: "error",
          signal,
        });
      } catch (e) {
        throw new DiscoverError(`cannot reach ${this.label()} at ${url.origin}: ${networkReason(e)}`);
      }
      const text = await this.readBody(res, url);
      if (res.status === 429 || (res.status >= 500 && res.status <= 504)) {
        if (res.status === 429) this.rateLimited++;
        if (attempt >= this.maxRetries) {
          throw new DiscoverError(`${this.label()} answered ${res.status} to GET ${safePath(url)} ${attempt + 1} times; try again later${res.status === 429 ? " or with a token that has a higher rate limit" : ""}`);
        }
        const wait = this.waitMs(res, attempt);
        if (this.now() + wait >= this.deadline) throw this.outOfTime();
        this.options.progress?.(`${this.vendor}: ${res.status} on GET ${safePath(url)}, waiting ${Math.ceil(wait / 1000)} s (retry ${attempt + 1} of ${this.maxRetries})`);
        await this.sleep(wait);
        continue;
      }
      const body = parseJson(text);
      if (res.status >= 200 && res.status < 300) {
        if (body === undefined) throw new DiscoverError(`${this.label()} answered GET ${safePath(url)} with something that is not JSON (is ${url.origin} the right URL?)`);
        return { status: res.status, headers: res.headers, body };
      }
      throw new DiscoverError(this.describeError(res.status, body, url), res.status);
    }
  }

  /**
   * Every item of an Okta list, following `Link: <...>; rel="next"` (Okta's
   * cursor pagination) until there is none. Stops with an error at a `next`
   * URL or a cursor seen before, and past the page limit: a server that
   * hands out a new cursor on every page never ends otherwise.
   */
  public async oktaList(path: string, what: string): Promise<unknown[]> {
    const items: unknown[] = [];
    let next: URL | undefined = this.path(path);
    const seen = new Set<string>();
    const cursors = new Set<string>();
    for (let page = 1; next !== undefined; page++) {
      if (page > this.maxPages) throw new DiscoverError(`${this.label()}: ${what} have more than ${this.maxPages} pages; stopped there (a server that never ends its pagination?)`);
      if (seen.has(next.href)) throw new DiscoverError(`${this.label()}: the pagination of ${what} loops (rel="next" repeats ${safePath(next)})`);
      const cursor = next.searchParams.get("after");
      if (cursor !== null && cursors.has(cursor)) throw new DiscoverError(`${this.label()}: the pagination of ${what} loops (a cursor repeats on ${safePath(next)})`);
      seen.add(next.href);
      if (cursor !== null) cursors.add(cursor);
      const response: JsonResponse = await this.get(next);
      if (!Array.isArray(response.body)) throw new DiscoverError(`${this.label()}: ${what}: expected a JSON list from GET ${safePath(next)}`);
      appendAll(items, response.body as unknown[]);
      const link = nextLink(response.headers);
      next = link !== undefined ? this.url(link, next) : undefined;
      if (next !== undefined) this.options.progress?.(`okta: ${items.length} ${what} so far`);
    }
    return items;
  }

  /**
   * Every item of a Cloudflare list: `page` and `per_page` until
   * `result_info.total_pages` (or an empty page, if the API omits it).
   */
  public async cloudflareList(path: string, what: string): Promise<unknown[]> {
    const items: unknown[] = [];
    const perPage = 50;
    for (let page = 1; ; page++) {
      const sep = path.includes("?") ? "&" : "?";
      const res = await this.get(`${path}${sep}page=${page}&per_page=${perPage}`);
      const body = res.body as { result?: unknown; result_info?: { total_pages?: unknown } };
      if (!isRecord(body) || !Array.isArray(body.result)) throw new DiscoverError(`${this.label()}: ${what}: expected Cloudflare's envelope with a result list from GET ${safePath(this.path(path))}`);
      appendAll(items, body.result as unknown[]);
      const total = isRecord(body.result_info) && typeof body.result_info.total_pages === "number" ? body.result_info.total_pages : undefined;
      if (body.result.length === 0 || (total !== undefined && page >= total)) break;
      if (page >= this.maxPages) throw new DiscoverError(`${this.label()}: ${what} have more than ${this.maxPages} pages; stopped there (a server that never ends its pagination?)`);
      this.options.progress?.(`cloudflare: ${items.length} ${what} so far (page ${page}${total !== undefined ? ` of ${total}` : ""})`);
    }
    return items;
  }

  /** The wait before a retry: the vendor's header if it sent one, else exponential backoff. */
  private waitMs(res: Response, attempt: number): number {
    let ms: number | undefined;
    if (this.vendor === "okta") {
      // Okta sends X-Rate-Limit-Reset (epoch seconds when the window resets), no Retry-After.
      const reset = Number(res.headers.get("x-rate-limit-reset"));
      if (Number.isFinite(reset) && reset > 0) ms = reset * 1000 - this.now() + 1000;
    } else {
      // Cloudflare sends Retry-After in seconds.
      const after = Number(res.headers.get("retry-after"));
      if (Number.isFinite(after) && after >= 0) ms = after * 1000;
    }
    if (ms === undefined || !Number.isFinite(ms)) ms = 1000 * 2 ** attempt;
    return Math.min(Math.max(ms, 0), this.maxWaitMs);
  }

  private describeError(status: number, body: unknown, url: URL): string {
    const where = `GET ${safePath(url)}`;
    if (this.vendor === "okta") {
      const code = isRecord(body) && typeof body.errorCode === "string" ? body.errorCode : undefined;
      if (status === 401 || code === "E0000011") return `Okta refused the API token (401 ${code ?? ""}): check OKTA_API_TOKEN is an SSWS API token of this org (${url.origin})`.replace("  ", " ");
      if (status === 403) return `Okta token lacks permission for ${where} (403 ${code ?? ""}): the token's admin needs the Read-only Administrator role (or one that can read applications and groups)`.replace("  ", " ");
      if (status === 404) return `Okta answered 404 to ${where}${code ? ` (${code})` : ""}: is ${url.origin} an Okta org URL?`;
      return `Okta answered ${status} to ${where}${code ? ` (${code})` : ""}`;
    }
    const codes = isRecord(body) && Array.isArray(body.errors) ? body.errors.map((e) => (isRecord(e) && typeof e.code === "number" ? e.code : undefined)).filter((c) => c !== undefined) : [];
    const code = codes.length > 0 ? ` code ${codes.join(",")}` : "";
    if (status === 400 && codes.some((c) => c === 6003 || c === 6111 || c === 6100)) return `Cloudflare refused the API token (400${code}): check CLOUDFLARE_API_TOKEN is an API token (not a Global API Key)`;
    if (status === 401 || status === 403) {
      return `Cloudflare refused ${where} (${status}${code}): the token is wrong, or lacks read access (Access: Apps and Policies Read; Access: Organizations, Identity Providers, and Groups Read) to this account or zone`;
    }
    if (status === 404) return `Cloudflare answered 404 to ${where}${code}: check the account and zone ids`;
    return `Cloudflare answered ${status} to ${where}${code}`;
  }

  private label(): string {
    return this.vendor === "okta" ? "Okta" : "Cloudflare";
  }

  /**
   * A path of this client's own (`/api/v1/apps?limit=200`) under the base
   * URL's path (a proxy or `/client/v4`), checked like any other URL.
   */
  private path(path: string): URL {
    if (!path.startsWith("/") || path.startsWith("//")) throw new DiscoverError(`${this.label()}: internal error: a request path must start with one "/"`);
    let parsed: URL;
    try {
      parsed = new URL(this.base.pathname.replace(/\/+$/, "") + path, this.base.origin);
    } catch {
      throw new DiscoverError(`${this.label()}: internal error: a request path that is not a URL`);
    }
    return this.checked(parsed, "a request path");
  }

  /**
   * A URL a response named (a `Link` header's `next`), resolved with the
   * WHATWG URL parser against the URL it came with (`relative to`), as
   * browsers resolve it, then checked: another origin is refused.
   */
  public url(text: string, relativeTo: URL): URL {
    let parsed: URL;
    try {
      parsed = new URL(text, relativeTo);
    } catch {
      throw new DiscoverError(`${this.label()}: a pagination link is not a URL; refusing to follow it`);
    }
    return this.checked(parsed, "a pagination link");
  }

  /** The URL when the token may go there: the base URL's origin, no user name or password. */
  private checked(url: URL, what: string): URL {
    // The origin is scheme, host (IDNA-normalized by the parser) and port: `acme.okta.com.evil.com`,
    // `acme.okta.com@evil.com`, `//evil.com`, `\\evil.com` and `:8443` all differ.
    if (url.origin !== this.base.origin) {
      throw new DiscoverError(`${this.label()}: ${what} points to another origin (${url.origin !== "null" ? url.origin : url.protocol}) than ${this.base.origin}; refusing to send the token there`);
    }
    if (url.username !== "" || url.password !== "") throw new DiscoverError(`${this.label()}: ${what} carries a user name or password; refusing to send the token there`);
    const clean = new URL(url.href);
    clean.hash = "";
    return clean;
  }

  /**
   * A response body as text, read as a stream and abandoned past the body
   * limit (a declared length over it is refused before reading).
   */
  private async readBody(res: Response, url: URL): Promise<string> {
    const tooLarge = () => new DiscoverError(`${this.label()} answered GET ${safePath(url)} with a body larger than ${this.maxBodyBytes} bytes; refusing to read more`);
    const declared = Number(res.headers.get("content-length") ?? "");
    if (res.headers.has("content-length") && Number.isFinite(declared) && declared > this.maxBodyBytes) {
      await res.body?.cancel().catch(() => undefined);
      throw tooLarge();
    }
    if (res.body === null) return "";
    const reader = res.body.getReader();
    const chunks: Uint8Array[] = [];
    let total = 0;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        total += value.byteLength;
        if (total > this.maxBodyBytes) {
          await reader.cancel().catch(() => undefined);
          throw tooLarge();
        }
        chunks.push(value);
      }
    } catch (e) {
      if (e instanceof DiscoverError) throw e;
      throw new DiscoverError(`${this.label()}: reading the answer to GET ${safePath(url)} failed: ${networkReason(e)}`);
    }
    return new TextDecoder().decode(Buffer.concat(chunks));
  }

  private outOfTime(): DiscoverError {
    return new DiscoverError(`${this.label()}: the requests took longer than ${Math.round(this.totalTimeoutMs / 1000)} s in all; stopped`);
  }
}

/** The `rel="next"` target of an Okta Link header (one header or several, comma-joined). */
export function nextLink(headers: Headers): string | undefined {
  const link = headers.get("link");
  if (!link) return undefined;
  for (const part of link.split(/,(?=\s*<)/)) {
    const m = /^\s*<([^>]*)>\s*;(.*)$/.exec(part);
    if (m && /(^|;)\s*rel="?next"?\s*(;|$)/.test(m[2])) return m[1];
  }
  return undefined;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON from the APIs, read defensively field by field
export function isRecord(x: unknown): x is Record<string, any> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

function parseJson(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The path of a URL without its query (cursors), for messages. */
function safePath(url: URL): string {
  return url.pathname;
}

function networkReason(e: unknown): string {
  const cause = isRecord(e) && isRecord(e.cause) ? e.cause : undefined;
  const code = cause && typeof cause.code === "string" ? cause.code : undefined;
  if (isRecord(e) && (e.name === "TimeoutError" || e.name === "AbortError")) return "timed out";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return `${code} (no such host: check the org URL)`;
  if (code) return code;
  return e instanceof Error ? joinLines(e.message) : String(e);
}
