import { isHostName, normalizeOktaOrgUrl, normalizeTeamDomain } from "../../src/private/validation";

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
