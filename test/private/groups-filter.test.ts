import { describeGroupsFilter, filterSends, isAdminHost, isAllGroups, looksLikePattern, orgHostOfAdminConsole, withoutAdmin } from "../../src/private/groups-filter";

describe("describeGroupsFilter: Okta's groups filter in words", () => {
  test.each([
    ["EXPRESSION", undefined, 'Groups.startsWith("active_directory", "", 100)', 'groups from expression Groups.startsWith("active_directory", "", 100)'],
    // An expression is an expression whatever filter type came with it.
    ["EXPRESSION", "REGEX", ".*", "groups from expression .*"],
    ["FILTER", "REGEX", ".*", "all groups (regex .*)"],
    ["FILTER", "REGEX", "^.*$", "all groups (regex ^.*$)"],
    ["FILTER", "REGEX", "eng-.*", "groups matching regex eng-.*"],
    ["FILTER", "REGEX", "", "groups matching regex "],
    ["FILTER", "STARTS_WITH", "eng-", 'groups starting with "eng-"'],
    ["FILTER", "EQUALS", "Engineering", 'the group named "Engineering"'],
    ["FILTER", "CONTAINS", "eng", 'groups containing "eng"'],
    // Values this library never writes, read by the review from hand-written JSON.
    ["FILTER", "ENDS_WITH", "-eng", "groups filtered by ENDS_WITH -eng"],
    ["FILTER", undefined, "x", "groups filtered by ? x"],
  ])("%s %s %j", (type, filterType, value, words) => {
    expect(describeGroupsFilter(type, filterType, value)).toBe(words);
  });
});

describe("isAllGroups: only a regex filter that matches every name", () => {
  test.each([
    ["FILTER", "REGEX", ".*", true],
    ["FILTER", "REGEX", "^.+$", true],
    ["FILTER", "REGEX", "eng-.*", false],
    // Cloudflare's old click-through: "Starts with" `.*` is a literal prefix, not all groups.
    ["FILTER", "STARTS_WITH", ".*", false],
    ["FILTER", undefined, ".*", false],
    // Hand-written JSON may carry a filter type next to an expression: still an expression.
    ["EXPRESSION", "REGEX", ".*", false],
  ])("%s %s %j", (type, filterType, value, expected) => {
    expect(isAllGroups({ type, filterType, value })).toBe(expected);
  });
});

describe("looksLikePattern: a Starts-with prefix holding regex characters", () => {
  test.each([
    ["FILTER", "STARTS_WITH", ".*", true],
    ["FILTER", "STARTS_WITH", "^eng-", true],
    ["FILTER", "STARTS_WITH", "eng-", false],
    ["FILTER", "REGEX", ".*", false],
    ["EXPRESSION", "STARTS_WITH", ".*", false],
  ])("%s %s %j", (type, filterType, value, expected) => {
    expect(looksLikePattern({ type, filterType, value })).toBe(expected);
  });
});

describe("filterSends", () => {
  test("an expression sends what Okta computes: unknown here, whatever filter type came with it", () => {
    expect(filterSends({ type: "EXPRESSION", value: "x" }, "x")).toBeUndefined();
    expect(filterSends({ type: "EXPRESSION", filterType: "EQUALS", value: "x" }, "x")).toBeUndefined();
    expect(filterSends({ type: "EXPRESSION", filterType: "REGEX", value: ".*" }, "x")).toBeUndefined();
  });

  test("an unknown filter type is unknown; the literal filters are case-insensitive", () => {
    expect(filterSends({ type: "FILTER", filterType: "ENDS_WITH", value: "-eng" }, "ops-eng")).toBeUndefined();
    expect(filterSends({ type: "FILTER", filterType: "EQUALS", value: "Eng" }, "ENG")).toBe(true);
    expect(filterSends({ type: "FILTER", filterType: "STARTS_WITH", value: "eng-" }, "ENG-ops")).toBe(true);
    expect(filterSends({ type: "FILTER", filterType: "CONTAINS", value: "ops" }, "eng-OPS-1")).toBe(true);
    expect(filterSends({ type: "FILTER", filterType: "CONTAINS", value: "ops" }, "eng")).toBe(false);
  });
});

describe("the admin-console host rule", () => {
  test.each([
    ["acme-admin.okta.com", "acme.okta.com"],
    ["acme.okta-admin.com", "acme.okta.com"],
    ["ACME-ADMIN.okta.com", "ACME.okta.com"],
    // Only a label's -admin suffix goes; -admin inside a label stays.
    ["acme-admin.my-admins.example", "acme.my-admins.example"],
    ["dev-admin-x-admin.okta.com", "dev-admin-x.okta.com"],
  ])("%s is an admin console of %s", (host, org) => {
    expect(isAdminHost(host)).toBe(true);
    expect(withoutAdmin(host)).toBe(org);
    expect(orgHostOfAdminConsole(host)).toBe(org);
  });

  test.each(["acme.okta.com", "acme-administrators.okta.com", "admin.okta.com"])("%s is not an admin console", (host) => {
    expect(isAdminHost(host)).toBe(false);
    expect(orgHostOfAdminConsole(host)).toBeUndefined();
  });
});
