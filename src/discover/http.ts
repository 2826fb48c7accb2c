/**
 * Read-only HTTP for `discover`: Node's built-in fetch, each vendor's
 * pagination, waits on 429 with the header each API sends, and one-line
 * errors that never contain a token or a response body that could hold one.
 */
import { joinLines } from "../private/cli-io";

/** A failure `discover` reports as one line (exit 1), never with a stack. */
export class DiscoverError extends Error {
  constructor(message: string) {
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
  /** Milliseconds before a request is abandoned. @default 30000 */
  readonly timeoutMs?: number;
}

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
  /** Requests sent, retries included. */
  public requestCount = 0;
  /** 429 answers received. */
  public rateLimited = 0;

  constructor(
    public readonly vendor: Vendor,
    private readonly baseUrl: string,
    private readonly authorization: string,
    private readonly options: HttpOptions = {},
  ) {
    this.maxRetries = options.maxRetries ?? 5;
    this.maxWaitMs = options.maxWaitMs ?? 60_000;
    this.sleep = options.sleep ?? DEFAULT_SLEEP;
    this.now = options.now ?? Date.now;
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  /** GET `pathOrUrl` (a path under the base URL, or a next-page URL on the same origin). */
  public async get(pathOrUrl: string): Promise<JsonResponse> {
    const url = this.resolve(pathOrUrl);
    for (let attempt = 0; ; attempt++) {
      let res: Response;
      this.requestCount++;
      try {
        res = await fetch(url, {
          method: "GET",
          headers: { authorization: this.authorization, accept: "application/json" },
          redirect: "error",
          signal: AbortSignal.timeout(this.timeoutMs),
        });
      } catch (e) {
        throw new DiscoverError(`cannot reach ${this.label()} at ${origin(url)}: ${networkReason(e)}`);
      }
      const text = await res.text();
      if (res.status === 429 || (res.status >= 500 && res.status <= 504)) {
        if (res.status === 429) this.rateLimited++;
        if (attempt >= this.maxRetries) {
          throw new DiscoverError(`${this.label()} answered ${res.status} to GET ${safePath(url)} ${attempt + 1} times; try again later${res.status === 429 ? " or with a token that has a higher rate limit" : ""}`);
        }
        const wait = this.waitMs(res, attempt);
        this.options.progress?.(`${this.vendor}: ${res.status} on GET ${safePath(url)}, waiting ${Math.ceil(wait / 1000)} s (retry ${attempt + 1} of ${this.maxRetries})`);
        await this.sleep(wait);
        continue;
      }
      const body = parseJson(text);
      if (res.status >= 200 && res.status < 300) {
        if (body === undefined) throw new DiscoverError(`${this.label()} answered GET ${safePath(url)} with something that is not JSON (is ${origin(url)} the right URL?)`);
        return { status: res.status, headers: res.headers, body };
      }
      throw new DiscoverError(this.describeError(res.status, body, url));
    }
  }

  /**
   * Every item of an Okta list, following `Link: <...>; rel="next"` (Okta's
   * cursor pagination) until there is none.
   */
  public async oktaList(path: string, what: string): Promise<unknown[]> {
    const items: unknown[] = [];
    let next: string | undefined = path;
    const seen = new Set<string>();
    while (next !== undefined) {
      if (seen.has(next)) throw new DiscoverError(`${this.label()}: the pagination of ${what} loops (rel="next" repeats ${safePath(this.resolve(next))})`);
      seen.add(next);
      const page = await this.get(next);
      if (!Array.isArray(page.body)) throw new DiscoverError(`${this.label()}: ${what}: expected a JSON list from GET ${safePath(this.resolve(next))}`);
      items.push(...(page.body as unknown[]));
      next = nextLink(page.headers);
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
      if (!isRecord(body) || !Array.isArray(body.result)) throw new DiscoverError(`${this.label()}: ${what}: expected Cloudflare's envelope with a result list from GET ${safePath(this.resolve(path))}`);
      items.push(...(body.result as unknown[]));
      const total = isRecord(body.result_info) && typeof body.result_info.total_pages === "number" ? body.result_info.total_pages : undefined;
      if (body.result.length === 0 || (total !== undefined && page >= total) || page >= 10_000) break;
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

  private describeError(status: number, body: unknown, url: string): string {
    const where = `GET ${safePath(url)}`;
    if (this.vendor === "okta") {
      const code = isRecord(body) && typeof body.errorCode === "string" ? body.errorCode : undefined;
      if (status === 401 || code === "E0000011") return `Okta refused the API token (401 ${code ?? ""}): check OKTA_API_TOKEN is an SSWS API token of this org (${origin(url)})`.replace("  ", " ");
      if (status === 403) return `Okta token lacks permission for ${where} (403 ${code ?? ""}): the token's admin needs the Read-only Administrator role (or one that can read applications and groups)`.replace("  ", " ");
      if (status === 404) return `Okta answered 404 to ${where}${code ? ` (${code})` : ""}: is ${origin(url)} an Okta org URL?`;
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

  /** A relative path under the base URL, or an absolute URL on the same origin (a next link). */
  private resolve(pathOrUrl: string): string {
    if (/^https?:\/\//i.test(pathOrUrl)) {
      // A Link header is untrusted: never follow it to another origin with our token.
      if (origin(pathOrUrl) !== origin(this.baseUrl)) throw new DiscoverError(`${this.label()}: a pagination link points to another origin (${origin(pathOrUrl)}); refusing to send the token there`);
      return pathOrUrl;
    }
    return this.baseUrl.replace(/\/+$/, "") + pathOrUrl;
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

function origin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return "(invalid URL)";
  }
}

/** The path of a URL without its query (cursors), for messages. */
function safePath(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return "(invalid URL)";
  }
}

function networkReason(e: unknown): string {
  const cause = isRecord(e) && isRecord(e.cause) ? e.cause : undefined;
  const code = cause && typeof cause.code === "string" ? cause.code : undefined;
  if (isRecord(e) && (e.name === "TimeoutError" || e.name === "AbortError")) return "timed out";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return `${code} (no such host: check the org URL)`;
  if (code) return code;
  return e instanceof Error ? joinLines(e.message) : String(e);
}
