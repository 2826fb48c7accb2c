/**
 * The credential rules that need no schema (src/review/credentials.ts): a
 * name in every casing and with every separator, and a credential carried by
 * a value (URL userinfo, private key, authorization value). Both directions:
 * what is a credential, and what is not.
 */
import fc from "fast-check";
import { COMPUTED, compactName, credentialInText, isCredentialName, nameWords, redactCredentials, redactDeep, REDACTED } from "../../src/review/credentials";

/** Credential names as the issue lists them, and more of each kind. */
const CREDENTIAL_NAMES = [
  ["okta_token", "github_token", "api_token", "token", "sas_token", "oidc_request_token", "web_identity_token"],
  ["client_secret", "secret", "client_basic_secret", "provider_shared_secret", "secrets"],
  ["password", "db_password", "admin_password", "passwd", "passphrase", "old_password"],
  ["credentials", "google_credentials", "credential", "creds"],
  ["conn_str", "connection_string"],
  ["private_key", "apple_private_key", "private_key_pem", "client_private_key_pem", "ssh_private_key"],
  ["secret_key", "secret_access_key", "access_key", "api_key", "auth_key", "client_key", "api_user_service_key", "signing_key", "encryption_key", "psk", "pre_shared_key"],
].flat();

/** Credential names whose last word is a credential only as a whole word (pwd, pass, pat). */
const WHOLE_WORD_CREDENTIAL_NAMES = ["db_pwd", "pwd", "db_pass", "user_pass", "pass", "github_pat", "gitlab_pat", "pat"];

/** Names that hold no credential although they mention one: they must stay visible and never count as a literal secret. */
const NOT_CREDENTIAL_NAMES = [
  "token_endpoint_auth_method",
  "token_id",
  "tokenUrl",
  "password_policy",
  "passwordless",
  "secret_name",
  "secret_id",
  "secret_version",
  "client_secret_wo_version",
  "omit_secret_version",
  "key",
  "site_key",
  "public_key",
  "key_id",
  "private_key_id",
  "client_id",
  "name",
  "secretary",
  "tokenizer",
  // pwd, pass and pat end a credential name as whole words only.
  "compass",
  "bypass",
  "path",
  "pattern",
  "patch",
  "config_path",
  "url_pattern",
  "allow_bypass",
  "pass_through",
  "pat_expiry",
  "sub_path",
];

describe("credential names", () => {
  test.each([...CREDENTIAL_NAMES, ...WHOLE_WORD_CREDENTIAL_NAMES])("%s is a credential", (name) => {
    expect(isCredentialName(name)).toBe(true);
  });

  test.each(NOT_CREDENTIAL_NAMES)("%s is not a credential", (name) => {
    expect(isCredentialName(name)).toBe(false);
  });

  test.each([
    ["clientSecret", ["client", "secret"]],
    ["ClientSecret", ["client", "secret"]],
    ["CLIENT_SECRET", ["client", "secret"]],
    ["client-secret", ["client", "secret"]],
    ["client.secret", ["client", "secret"]],
    ["client secret", ["client", "secret"]],
    ["APIToken", ["api", "token"]],
    ["oktaAPIToken", ["okta", "api", "token"]],
    ["API_TOKEN_2", ["api", "token", "2"]],
    ["__x__", ["x"]],
  ])("the words of %s", (name, words) => {
    expect(nameWords(name)).toEqual(words);
  });

  test.each(["dbPwd", "DB_PWD", "DbPass", "dbPass2", "db_pass_2", "GITHUB_PAT", "githubPat", "GitHubPat", "github-pat", "db_pass_wo"])("%s ends in pwd, pass or pat as a word: a credential", (name) => {
    expect(isCredentialName(name)).toBe(true);
  });

  test.each(["COMPASS", "Bypass", "dbpwdx", "myPath", "URLPattern", "hotPatch", "compass_2", "DBPASS"])("%s has pwd, pass or pat inside a word only: not a credential", (name) => {
    expect(isCredentialName(name)).toBe(false);
  });

  test("a write-only argument (…_wo) and trailing digits are the name without them; a lone `wo` stays", () => {
    expect(compactName("client_secret_wo")).toBe("clientsecret");
    expect(compactName("clientSecretWo")).toBe("clientsecret");
    expect(compactName("api_token_2")).toBe("apitoken");
    expect(compactName("password2")).toBe("password");
    expect(compactName("wo")).toBe("wo");
    expect(isCredentialName("client_secret_wo")).toBe(true);
    expect(isCredentialName("client_secret_wo_version")).toBe(false);
  });

  /** A name's words in a random casing, joined by a random separator (or none). */
  const spelling = fc.tuple(fc.constantFrom("_", "-", ".", " ", "", "__", "camel", "Pascal"), fc.constantFrom("lower", "upper", "as-is"));
  const spell = (words: string[], [sep, casing]: [string, string]) => {
    const cased = words.map((w) => (casing === "upper" ? w.toUpperCase() : w));
    if (sep === "camel") return cased.map((w, i) => (i === 0 ? w : w[0].toUpperCase() + w.slice(1))).join("");
    if (sep === "Pascal") return cased.map((w) => w[0].toUpperCase() + w.slice(1)).join("");
    return cased.join(sep);
  };

  test("generated: every credential name in any casing and with any separator, after any prefix, is a credential", () => {
    const prefix = fc.array(fc.constantFrom("okta", "github", "my", "prod", "cf", "db", "x"), { maxLength: 2 });
    fc.assert(
      fc.property(prefix, fc.constantFrom(...CREDENTIAL_NAMES.map((n) => n.split("_"))), fc.boolean(), spelling, (pre, words, writeOnly, how) =>
        // A write-only `wo` is a word of its own only with a separator or a capital (not in OKTATOKENWO or oktatokenwo).
        isCredentialName(spell([...pre, ...words, ...(writeOnly && how[0] !== "" && !(how[1] === "upper" && /camel|Pascal/.test(how[0])) ? ["wo"] : [])], how)),
      ),
      { numRuns: 500 },
    );
  });

  test("generated: a name ending in pwd, pass or pat as a word, with a separator or a capital before it, is a credential", () => {
    const prefix = fc.array(fc.constantFrom("okta", "github", "my", "prod", "cf", "db", "x"), { maxLength: 2 });
    // Without a separator the words run together (DBPASS, dbpass): one word, not a credential.
    const marked = spelling.filter(([sep, casing]) => sep !== "" && !(casing === "upper" && /camel|Pascal/.test(sep)));
    fc.assert(
      fc.property(prefix, fc.constantFrom(...WHOLE_WORD_CREDENTIAL_NAMES.map((n) => n.split("_"))), marked, (pre, words, how) => isCredentialName(spell([...pre, ...words], how))),
      { numRuns: 300 },
    );
  });

  test("generated: names that mention a credential word but end in another word are not credentials, in any spelling", () => {
    const words = NOT_CREDENTIAL_NAMES.filter((n) => n.includes("_")).map((n) => n.split("_"));
    fc.assert(
      fc.property(fc.constantFrom(...words), spelling, (w, how) => !isCredentialName(spell(w, how))),
      { numRuns: 300 },
    );
  });
});

describe("credentials carried by a value", () => {
  test.each([
    ["a proxy URL with a password", "http://proxy-user:hunter2@proxy.internal:3128", "http://(sensitive)@proxy.internal:3128"],
    ["an upper-case scheme", "HTTPS://u:p@h/x", "HTTPS://(sensitive)@h/x"],
    ["a password with a raw @", "https://u:p@ss@host/path", "https://(sensitive)@host/path"],
    ["a password only", "redis://:pw@cache:6379", "redis://(sensitive)@cache:6379"],
    ["a token as the user name", "https://ghp_0123456789abcdefghijABCDEFGHIJ0123@github.com/o/r.git", "https://(sensitive)@github.com/o/r.git"],
    ["a URL inside text", "HTTPS_PROXY=http://u:secret@p:8080 other", "HTTPS_PROXY=http://(sensitive)@p:8080 other"],
    ["two URLs", "a http://u:1@h b ftp://v:2@i c", "a http://(sensitive)@h b ftp://(sensitive)@i c"],
    ["a computed user and a written password", `https://${COMPUTED}:hunter2@h`, "https://(sensitive)@h"],
    ["a private key", "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo\n-----END RSA PRIVATE KEY-----\n", "(sensitive)\n"],
    ["an OpenSSH private key without a footer", "x -----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmU", "x (sensitive)"],
    ["a PGP private key block", "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQOYBF0123456789abcdefABCDEF\n-----END PGP PRIVATE KEY BLOCK-----", "(sensitive)"],
    ["a bearer token", "Bearer eyJhbGciOiJIUzI1NiJ9.e30.abc", "Bearer (sensitive)"],
    ["an Okta API token header", "SSWS 00aBcDeFgHiJkLmNoPqRsTuVwXyZ", "SSWS (sensitive)"],
    ["basic credentials", "Basic dXNlcjpodW50ZXIyaHVudGVyMg==", "Basic (sensitive)"],
    ["a lower-case bearer token", "bearer 00aBcDeFgHiJkLmNoPqRsTuV", "bearer (sensitive)"],
    ["an upper-case bearer token", "BEARER 00aBcDeFgHiJkLmNoPqRsTuV", "BEARER (sensitive)"],
    ["a lower-case Okta API token header", "ssws 00aBcDeFgHiJkLmNoPqRsTuVwXyZ", "ssws (sensitive)"],
    ["lower-case basic credentials", "basic dXNlcjpodW50ZXIyaHVudGVyMg==", "basic (sensitive)"],
    ["GitHub's Token scheme", "Token 0123456789abcdef0123456789abcdef01234567", "Token (sensitive)"],
    ["a token scheme in a header line", "Authorization: token 0123456789abcdef0123456789abcdef01234567", "Authorization: token (sensitive)"],
    ["a raw / in the password", "https://admin:hunter2/x@proxy.example:3128", "https://(sensitive)@proxy.example:3128"],
    ["a raw / in the password, and a path", "https://admin:hunter2/x@proxy.example:3128/p/@me", "https://(sensitive)@me"],
    ["a raw ? and # in the password", "http://u:a?b#c@proxy:3128 next", "http://(sensitive)@proxy:3128 next"],
    ["a raw / in a password only", "redis://:pw/x@cache:6379", "redis://(sensitive)@cache:6379"],
    ["a GitHub personal access token", "ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ012345", "(sensitive)"],
    ["a GitHub OAuth token in text", "token=gho_16C7e42F292c6912E7710c838347Ae178B4a rest", "token=(sensitive) rest"],
    ["a GitHub user-to-server token", "ghu_16C7e42F292c6912E7710c838347Ae178B4a", "(sensitive)"],
    ["a GitHub server-to-server token", "ghs_16C7e42F292c6912E7710c838347Ae178B4a", "(sensitive)"],
    ["a GitHub fine-grained token", "github_pat_11ABCDEFG0abcdefghijkl_mnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVW", "(sensitive)"],
    ["a GitLab personal access token", "glpat-aB3dE6gH9jK2mN5pQ8sT", "(sensitive)"],
    ["a Slack bot token", "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx", "(sensitive)"],
    ["a Slack user token", "xoxp-123456789012-123456789012-123456789012-0123456789abcdef0123456789abcdef", "(sensitive)"],
    ["a Slack app token", "xoxa-2-123456789012-aBcDeFgHiJkLmNoP", "(sensitive)"],
    ["a Slack refresh token", "xoxr-1-123456789012-aBcDeFgHiJkLmNoP", "(sensitive)"],
    ["an AWS access key id", "AWS_ACCESS_KEY_ID=AKIAZ7Q4EXAMPLE2KEY9", "AWS_ACCESS_KEY_ID=(sensitive)"],
  ])("%s is a credential, and redacted", (_what, text, redacted) => {
    expect(credentialInText(text)).toBeDefined();
    expect(redactCredentials(text)).toBe(redacted);
  });

  test.each([
    ["a URL without userinfo", "https://acme.okta.com/oauth2/default"],
    ["an ssh module source", "git::ssh://git@github.com/acme/modules.git?ref=v1"],
    ["a short user name without a password", "postgres://app@db.internal/app"],
    ["an empty password", "https://user:@host"],
    ["an @ in the path or query", "https://example.com/@team?mail=a@b.c#x@y"],
    ["an e-mail address", "ops@example.com"],
    ["a scp-style git address", "git@github.com:acme/modules.git"],
    ["a password computed elsewhere", `https://user:${COMPUTED}@host`],
    ["a token user computed elsewhere", `https://${COMPUTED}@github.com`],
    ["a certificate", "-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBa\n-----END CERTIFICATE-----"],
    ["a public key", "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n-----END PUBLIC KEY-----"],
    ["a private key template around a computed key", `-----BEGIN PRIVATE KEY-----\n${COMPUTED}\n-----END PRIVATE KEY-----`],
    ["the words of an authorization scheme", "Bearer token, Basic auth, SSWS header"],
    ["a computed bearer token", `Bearer ${COMPUTED}`],
    ["prose after a scheme's word, in any casing", "Uses basic authentication-for-everything; the token endpoint_auth_method_is_set; BEARER tokens-are-accepted-here"],
    ["an @ in the path after a host and a port", "https://example.com:8443/users/@me"],
    ["an @ in the path", "https://example.com/users/@me"],
    ["an @ in the path of localhost", "http://localhost:3000/@scope/pkg@1.2.3"],
    ["an @ in the path after a computed host", `https://${COMPUTED}/users/@me`],
    ["an @ in the path after an IPv6 host and a port", "https://[::1]:8080/a/@b"],
    ["words that start like a token", "ghp_ ghost_protocol gho_short glpat-short xoxb-notatoken AKIA_ROLE"],
    ["a token prefix inside a longer word", "myghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ012345 AKIAZ7Q4EXAMPLE2KEY9X"],
    ["a placeholder after a token prefix", "ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX glpat-xxxxxxxxxxxxxxxxxxxx AKIAXXXXXXXXXXXXXXXX"],
    ["an AWS access key id in lower case", "akiaz7q4example2key9"],
    ["an Okta API token without its scheme", "00aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789abcd"],
    ["an Okta app id", "0oa1b2c3d4e5f6g7h8i9"],
  ])("%s is not a credential, and shown as it is", (_what, text) => {
    expect(credentialInText(text)).toBeUndefined();
    expect(redactCredentials(text)).toBe(text);
  });

  test("generated: a password or key written in a URL, a PEM block or an authorization value never survives redaction", () => {
    const secret = fc.stringMatching(/^[A-Za-z0-9]{16,40}$/).filter((s) => /[0-9]/.test(s) && /[A-Za-z]/.test(s));
    const around = fc.string({ maxLength: 20 }).map((s) => s.replace(/[\s/?#@]/g, ""));
    const shapes: ((s: string, user: string) => string)[] = [
      (s, user) => `http://${user}:${s}@proxy:3128`,
      (s) => `https://x-access-token:${s}@github.com/o/r`,
      (s) => `https://${s}0a1b@github.com/o/r`,
      (s) => `-----BEGIN EC PRIVATE KEY-----\n${s}\n-----END EC PRIVATE KEY-----`,
      (s) => `Bearer ${s}`,
      (s) => `SSWS ${s}`,
      (s) => `bearer ${s}`,
      (s) => `Token ${s}`,
      (s) => `https://admin:${s}/x@proxy:3128`,
      (s) => `ghp_0a1b${s}`,
      (s) => `glpat-0a1b${s}`,
    ];
    fc.assert(
      fc.property(secret, around, fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 }), fc.constantFrom(...shapes), (s, user, before, after, shape) => {
        const text = `${before} ${shape(s, user)} ${after}`;
        return credentialInText(text) !== undefined && !redactCredentials(text).includes(s);
      }),
      { numRuns: 300 },
    );
  });

  test("redactDeep: every string and key of plain data; the same objects back when nothing is redacted", () => {
    const clean = { a: ["x", { b: "https://h/p" }], n: 1 };
    expect(redactDeep(clean)).toBe(clean);
    const dirty = { a: ["x", { b: "http://u:p@h" }], ["http://k:v@h"]: true, n: 1, m: new Map([["k", "http://u:p@h"]]) };
    const out = redactDeep(dirty) as any;
    expect(out.a[1].b).toBe(`http://${REDACTED}@h`);
    expect(Object.keys(out)).toEqual(["a", `http://${REDACTED}@h`, "n", "m"]);
    expect(out.m).toBe(dirty.m);
    expect(dirty.a[1]).toEqual({ b: "http://u:p@h" });
  });
});
