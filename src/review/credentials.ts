/**
 * Credentials recognised without a provider schema: by name, and by value.
 *
 * By name: a name (an attribute, a local, a variable, an output, a key of a
 * map) whose words, in any casing and with any separator or none
 * (`client_secret`, `clientSecret`, `CLIENT-SECRET`, `ClientSecret`,
 * `clientsecret`), end in a credential word ({@link CREDENTIAL_ENDINGS}):
 * `okta_token`, `GITHUB_TOKEN`, `sas_token`, `db_password`, `credentials`,
 * `conn_str`, `private_key`, `client_secret_wo` (a write-only argument). The
 * few attributes of the providers' schemas that end so without holding a
 * credential are listed, by block kind, in `secret-table.ts`.
 *
 * The words `pwd`, `pass` and `pat` (a personal access token) end a
 * credential name only as a whole last word: `db_pwd`, `dbPass`, `GITHUB_PAT`
 * are credentials; `compass`, `bypass`, `path`, `pattern`, `patch` are not.
 *
 * By value: a URL with a password in its userinfo
 * (`http://user:password@proxy:3128`, `https://oauth2:TOKEN@git.example`,
 * also with a raw `/` in the password) or a token as its user name
 * (`https://ghp_...@github.com`), a PEM private key (`-----BEGIN ... PRIVATE
 * KEY-----` with key material after it), an HTTP authorization value
 * (`Bearer <token>`, `Basic <base64>`, Okta's `SSWS <token>`, GitHub's
 * `Token <token>`, the scheme in any casing) as a header map or list writes
 * it, and a token whose prefix names its issuer ({@link KNOWN_TOKENS}:
 * GitHub, GitLab, Slack, an AWS access key id) under any name.
 *
 * This module imports nothing: the secret rules (`secrets.ts`) and every
 * renderer's last line of defence ({@link redactCredentials}) share it.
 */

/**
 * The endings of a credential name, as lower-case letters without
 * separators. Plurals hold several (`secrets = { okta = ... }`).
 */
const CREDENTIAL_ENDINGS = [
  "token",
  "tokens",
  "secret",
  "secrets",
  "password",
  "passwords",
  "passwd",
  "passphrase",
  "credential",
  "credentials",
  "creds",
  "connstr",
  "connectionstring",
  "privatekey",
  "privatekeys",
  "privatekeypem",
  "secretkey",
  "secretaccesskey",
  "accesskey",
  "apikey",
  "authkey",
  "clientkey",
  "servicekey",
  "signingkey",
  "encryptionkey",
  "psk",
  "presharedkey",
];
const ENDING = new RegExp(`(${CREDENTIAL_ENDINGS.join("|")})$`);

/**
 * Credential words that end a credential name only as a whole word (`db_pwd`,
 * `dbPass`, `GITHUB_PAT`): as the end of a longer word they are other words
 * (`compass`, `bypass`, `path` is not even one).
 */
const CREDENTIAL_LAST_WORDS = new Set(["pwd", "pass", "pat"]);

/**
 * The words of a name, lower case: `clientSecret`, `CLIENT_SECRET`,
 * `client-secret`, `ClientSecret` and `client.secret` all give
 * `["client", "secret"]`; `APIToken` gives `["api", "token"]`.
 */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== "");
}

/**
 * A name as the credential rule compares it: its words joined, without a
 * trailing `wo` word (Terraform's write-only arguments, `client_secret_wo`)
 * and trailing digits (`token_2`, `password2`).
 */
export function compactName(name: string): string {
  return significantWords(name).join("").replace(/[0-9]+$/, "");
}

/** The words of a name without a trailing `wo` word (a write-only argument). */
function significantWords(name: string): string[] {
  const words = nameWords(name);
  if (words.length > 1 && words[words.length - 1] === "wo") words.pop();
  return words;
}

/** The last word of a name as the credential rule compares it: without `wo`, trailing digits, or a word of digits (`db_pass_2`). */
function lastWord(name: string): string {
  const words = significantWords(name);
  if (words.length > 1 && /^[0-9]+$/.test(words[words.length - 1])) words.pop();
  return (words[words.length - 1] ?? "").replace(/[0-9]+$/, "");
}

/** Names already decided: a stack repeats the same attribute names many times. */
const decided = new Map<string, boolean>();

/** True for a name that holds a credential by the name rule (see the module comment). */
export function isCredentialName(name: string): boolean {
  let answer = decided.get(name);
  if (answer === undefined) {
    answer = ENDING.test(compactName(name)) || CREDENTIAL_LAST_WORDS.has(lastWord(name));
    // Bounded: names come from the input.
    if (decided.size < 50_000 && name.length <= 200) decided.set(name, answer);
  }
  return answer;
}

/** Stands for a value computed elsewhere (an interpolation) in a template's text. */
export const COMPUTED = "\uE002";

/** What kind of credential a text holds, or undefined. */
export type CredentialInText = "a URL with a password or token in it" | "a private key" | "an HTTP authorization value" | "a token of a well-known format";

/**
 * The credential a text holds by value, or undefined. {@link COMPUTED}
 * stands for a part computed elsewhere: a password or key made of such parts
 * only is not written in the text.
 */
export function credentialInText(text: string): CredentialInText | undefined {
  if (userinfoSpans(text).length > 0) return "a URL with a password or token in it";
  if (privateKeySpans(text).length > 0) return "a private key";
  if (authorizationSpans(text).length > 0) return "an HTTP authorization value";
  if (knownTokenSpans(text).length > 0) return "a token of a well-known format";
  return undefined;
}

/** True when a text may hold a credential by value (a cheap test: false means it holds none). */
export function mayHoldCredential(text: string): boolean {
  return MAY_HOLD.test(text);
}

/** The text shown instead of a credential found inside a value. */
export const REDACTED = "(sensitive)";

/**
 * A text with every credential it holds by value replaced: the userinfo of a
 * URL (`http://(sensitive)@proxy:3128`), a PEM private key (header to
 * footer), an authorization value's credential (`Bearer (sensitive)`) and a
 * token of a well-known format. Text without any comes back as it is.
 */
export function redactCredentials(text: string): string {
  if (!mayHoldCredential(text)) return text;
  const spans = [...userinfoSpans(text), ...privateKeySpans(text), ...authorizationSpans(text), ...knownTokenSpans(text)].sort((a, b) => a[0] - b[0]);
  if (spans.length === 0) return text;
  let out = "";
  let at = 0;
  for (const [start, end] of spans) {
    if (start < at) {
      at = Math.max(at, end);
      continue;
    }
    out += text.slice(at, start) + REDACTED;
    at = end;
  }
  return out + text.slice(at);
}

/**
 * Any JSON-like value with {@link redactCredentials} applied to every string
 * and key of its plain objects and arrays; what holds no credential is
 * returned as it is (the same object), and so is anything that is not plain
 * data.
 */
export function redactDeep<T>(value: T): T {
  return redactNode(value, 0) as T;
}

function redactNode(value: unknown, depth: number): unknown {
  if (typeof value === "string") return redactCredentials(value);
  // Deeper than any review result: left as it is rather than risk the stack.
  if (depth > 200 || typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) {
    const items = value as unknown[];
    let copy: unknown[] | undefined;
    items.forEach((item, i) => {
      const r = redactNode(item, depth + 1);
      if (r !== item) (copy ??= [...items])[i] = r;
    });
    return copy ?? value;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  // Copied from the first key or value that changes on; until then the object is its own answer.
  let copy: Record<string, unknown> | undefined;
  const define = (object: Record<string, unknown>, key: string, item: unknown) =>
    Object.defineProperty(object, key, { value: item, enumerable: true, writable: true, configurable: true });
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const item = record[key];
    const redacted = redactNode(item, depth + 1);
    const name = redactCredentials(key);
    if (copy === undefined && (redacted !== item || name !== key)) {
      copy = {};
      for (const earlier of keys.slice(0, i)) define(copy, earlier, record[earlier]);
    }
    if (copy !== undefined) define(copy, name, redacted);
  }
  return copy ?? value;
}

/** A user name that is a token rather than an account: 20 or more letters and digits, both. */
function tokenLike(user: string): boolean {
  return user.length >= 20 && /^[A-Za-z0-9_.~%-]+$/.test(user) && /[0-9]/.test(user) && /[A-Za-z]/.test(user);
}

/**
 * `[start, end)` of each URL userinfo that holds a credential: a non-empty
 * password written in the text (`user:password@`), or a token as the user
 * name. The userinfo runs from `scheme://` to the last `@` before the host's
 * end (a password may hold a raw `@`). A password may hold a raw `/`, `?` or
 * `#` too (`https://admin:hunter2/x@proxy:3128`): when what comes before the
 * first of them is `name:` and something that is not a port, it cannot be a
 * host, and the userinfo runs to the last `@` before the next white space.
 * A host, or a host and a port, before the path keeps an `@` in the path a
 * path (`https://example.com:8443/users/@me`).
 */
function userinfoSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  if (!text.includes("://")) return spans;
  let from = 0;
  for (;;) {
    const sep = text.indexOf("://", from);
    if (sep === -1) return spans;
    from = sep + 3;
    if (sep === 0 || !/[A-Za-z0-9+.-]/.test(text[sep - 1])) continue;
    let end = from;
    while (end < text.length && !/[\s/?#]/.test(text[end])) end++;
    let authority = text.slice(from, end);
    if (!authority.includes("@") && NOT_HOST_AND_PORT.test(authority)) {
      while (end < text.length && !/\s/.test(text[end])) end++;
      authority = text.slice(from, end);
    }
    const at = authority.lastIndexOf("@");
    if (at <= 0) continue;
    const userinfo = authority.slice(0, at);
    const colon = userinfo.indexOf(":");
    const user = colon === -1 ? userinfo : userinfo.slice(0, colon);
    const password = colon === -1 ? "" : userinfo.slice(colon + 1).split(COMPUTED).join("");
    if (password !== "" || tokenLike(user)) spans.push([from, from + at]);
  }
}

/** `name:` and what is not a port after it (a port is digits, or nothing): the start of a userinfo, not a host. */
const NOT_HOST_AND_PORT = /^(?!\[)[^:]*:(?![0-9]*$)/;

const PEM_BEGIN = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----/g;

/**
 * `[start, end)` of each PEM private key with key material written in the
 * text: 16 or more base64 characters between its header and its footer (or
 * the next header, or the end). Linear in the text's length.
 */
function privateKeySpans(text: string): [number, number][] {
  if (!text.includes("PRIVATE KEY")) return [];
  const headers = [...text.matchAll(PEM_BEGIN)].map((m): [number, number] => [m.index, m.index + m[0].length]);
  const spans: [number, number][] = [];
  let footer = -1;
  for (let i = 0; i < headers.length; i++) {
    const [start, bodyStart] = headers[i];
    if (footer < bodyStart && footer !== -2) {
      footer = text.indexOf("-----END", bodyStart);
      if (footer === -1) footer = -2;
    }
    const next = i + 1 < headers.length ? headers[i + 1][0] : text.length;
    const bodyEnd = Math.min(footer === -2 ? text.length : footer, next);
    if (!/[A-Za-z0-9+/]{16}/.test(text.slice(bodyStart, bodyEnd))) continue;
    const close = bodyEnd === footer ? text.indexOf("-----", footer + 8) : -1;
    spans.push([start, close === -1 ? bodyEnd : close + 5]);
  }
  return spans;
}

/**
 * HTTP authorization schemes whose credential follows them, in any casing:
 * Okta's API token scheme is SSWS, GitHub's `Token`.
 */
const SCHEMES = ["bearer", "basic", "ssws", "token"];
/**
 * Prefixes of tokens that name their issuer, and what follows them: GitHub's
 * personal, OAuth, user-to-server, server-to-server and refresh tokens and
 * fine-grained personal access tokens, GitLab's personal access tokens,
 * Slack's bot, user, app and refresh tokens, and an AWS access key id (`AKIA`
 * and 16 upper-case letters and digits). An Okta API token has no prefix of
 * its own (`00` and 40 characters, like many other strings): it is a
 * credential after `SSWS` only. A placeholder (`ghp_XXXXXXXXXXXXXXXXXXXX`:
 * one character repeated after the prefix) is not a token.
 */
const KNOWN_TOKEN_SHAPES = ["gh[pousr]_[A-Za-z0-9]{20,}", "github_pat_[A-Za-z0-9_]{20,}", "glpat-[A-Za-z0-9_-]{20,}", "xox[bpar]-[0-9]+-[A-Za-z0-9-]{8,}", "AKIA[A-Z0-9]{16}"];
/** A known token, not inside a longer word. */
const KNOWN_TOKEN = new RegExp(`(?<![A-Za-z0-9_-])(?:${KNOWN_TOKEN_SHAPES.join("|")})(?![A-Za-z0-9_-])`, "g");
/** Cheap: a text without any of these holds no known token. */
const KNOWN_TOKEN_PREFIX = /gh[pousr]_|github_pat_|glpat-|xox[bpar]-|AKIA/;
const MAY_HOLD = new RegExp(`://|PRIVATE KEY|${SCHEMES.join("|")}|${KNOWN_TOKEN_PREFIX.source}`, "i");
/** An authorization scheme and 16 or more characters of credential after it. */
const AUTHORIZATION = new RegExp(`\\b(?:${SCHEMES.join("|")})[ \\t]+([A-Za-z0-9._~+/=-]{16,})`, "gi");

/**
 * `[start, end)` of each authorization value's credential (the scheme stays).
 * The credential holds a letter and a digit: a scheme's word in prose
 * (`basic authentication-required`) is not followed by one.
 */
function authorizationSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  for (const m of text.matchAll(AUTHORIZATION)) {
    const credential = m[1];
    if (!/[0-9]/.test(credential) || !/[A-Za-z]/.test(credential)) continue;
    const end = m.index + m[0].length;
    spans.push([end - credential.length, end]);
  }
  return spans;
}

/** `[start, end)` of each token of a well-known format ({@link KNOWN_TOKEN_SHAPES}). */
function knownTokenSpans(text: string): [number, number][] {
  if (!KNOWN_TOKEN_PREFIX.test(text)) return [];
  const spans: [number, number][] = [];
  for (const m of text.matchAll(KNOWN_TOKEN)) {
    const body = m[0].replace(/^(?:gh[pousr]_|github_pat_|glpat-|xox[bpar]-|AKIA)/, "");
    if (new Set(body.toLowerCase()).size > 1) spans.push([m.index, m.index + m[0].length]);
  }
  return spans;
}
