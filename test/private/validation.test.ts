import { Token } from "cdktf";
import {
  checkAccessDomain,
  isHostName,
  normalizeOktaOrgUrl,
  normalizeTeamDomain,
  parseDuration,
  requireBoolean,
  requireDuration,
} from "../../src/private/validation";

describe("validation helpers", () => {
  test.each([
    ["example", "example.cloudflareaccess.com"],
    ["Example.CloudflareAccess.com", "example.cloudflareaccess.com"],
    ["access.example.com", "access.example.com"],
  ])("teamDomain %s normalizes to %s", (input, expected) => {
    expect(normalizeTeamDomain("t", input)).toBe(expected);
  });

  test.each([
    ["https://dev-1.okta.com/", "https://dev-1.okta.com"],
    ["https://ACME.okta-emea.com", "https://acme.okta-emea.com"],
    ["https://login.example.com", "https://login.example.com"],
  ])("oktaOrgUrl %s normalizes to %s", (input, expected) => {
    expect(normalizeOktaOrgUrl("t", input)).toBe(expected);
  });

  test.each([["a-.com", false], ["-a.com", false], ["a..com", false], ["a.b-c.com", true], ["x".repeat(64) + ".com", false]])(
    "isHostName(%s) is %s",
    (host, ok) => {
      expect(isHostName(host)).toBe(ok);
    },
  );
});

describe("parseDuration (Go's time.ParseDuration, as Cloudflare takes session_duration)", () => {
  test.each([
    ["24h", 24 * 3600e9],
    ["30m", 30 * 60e9],
    ["1h30m", 90 * 60e9],
    ["2h45m10s", (2 * 3600 + 45 * 60 + 10) * 1e9],
    ["300ms", 300e6],
    ["1.5h", 1.5 * 3600e9],
    [".5s", 0.5e9],
    ["10us", 10e3],
    ["10\u00b5s", 10e3],
    ["10\u03bcs", 10e3],
    ["7ns", 7],
    ["1m30ms", 60e9 + 30e6],
    ["0s", 0],
  ])("%s is %d ns", (text, ns) => {
    expect(parseDuration(text)).toBeCloseTo(ns, 0);
  });

  test.each(["", "24", "h", "1d", "1w", "1H", "1h ", " 1h", "1h 30m", "-1h", "+1h", "1..5h", "1.5.h", "1hour", "ms"])("%j is not a duration", (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });

  test("requireDuration refuses zero and passes tokens", () => {
    expect(() => requireDuration("t", "sessionDuration", "0m")).toThrow(/t: sessionDuration must be a positive duration/);
    expect(requireDuration("t", "sessionDuration", Token.asString({ ref: "var.d" }))).toBeUndefined();
    expect(requireDuration("t", "sessionDuration", "2h")).toBe(2 * 3600e9);
  });
});

describe("checkAccessDomain", () => {
  test.each(["wiki.example.com", "example.com", "example.com/", "example.com/a/b.html", "*.example.com", "*.*.example.com", "*-dev.example.com", "example.com/*", "example.com/a/*/c", "example.com/%7Euser"])(
    "%s is accepted and returned unchanged",
    (domain) => {
      expect(checkAccessDomain("t", "domain", domain)).toBe(domain);
    },
  );

  test.each(["https://wiki.example.com", "ftp://x.example.com", "wiki.example.com:443", "wiki", "*.com", "example.*", "wiki.*.com", "-a.example.com", "a..example.com", "wiki.example.com?x", "wiki.example.com/a?b", "wiki.example.com/a#b", "wiki.example.com/a b", " wiki.example.com", "wiki.example.com/<x>", "user@wiki.example.com"])(
    "%s is refused",
    (domain) => {
      expect(() => checkAccessDomain("t", "domain", domain)).toThrow(/^t: domain must be a host name with an optional path/);
    },
  );

  test("a token passes unchecked", () => {
    const token = Token.asString({ ref: "var.domain" });
    expect(checkAccessDomain("t", "domain", token)).toBe(token);
  });
});

describe("requireBoolean", () => {
  test("accepts booleans, undefined and tokens; refuses anything else", () => {
    expect(() => requireBoolean("t", "p", true)).not.toThrow();
    expect(() => requireBoolean("t", "p", undefined)).not.toThrow();
    expect(() => requireBoolean("t", "p", Token.asAny({ ref: "var.b" }))).not.toThrow();
    expect(() => requireBoolean("t", "p", "false")).toThrow(/^t: p must be true or false; received "false"$/);
  });
});
