/**
 * compareGroupsFilters (src/private/groups-filter.ts): whether a new groups
 * filter sends more groups than the old one. The review reports a broader
 * claim as a widening, a narrower one as "may lock people out".
 */
import { compareGroupsFilters, GroupsFilter } from "../../src/private/groups-filter";

describe("compareGroupsFilters: the text, and every branch (moved here from the review's widening rules, issue 24)", () => {
  const f = (filterType: string, value: string): GroupsFilter => ({ type: "FILTER", filterType, value });
  const expression = (value: string): GroupsFilter => ({ type: "EXPRESSION", value });

  test.each([
    [undefined, undefined, "same", "no groups claim → no groups claim"],
    [expression("a"), expression("a"), "same", "groups from expression a → groups from expression a"],
    [f("REGEX", ".*"), expression("a"), "changed", "all groups (regex .*) → groups from expression a"],
    [expression("a"), f("REGEX", ".*"), "changed", "groups from expression a → all groups (regex .*)"],
    [f("REGEX", ".*"), f("REGEX", "^.*$"), "same", "all groups (regex .*) → all groups (regex ^.*$)"],
    [f("STARTS_WITH", "eng-"), f("STARTS_WITH", "sre-"), "changed", 'groups starting with "eng-" → groups starting with "sre-"'],
    [f("CONTAINS", "ops"), f("CONTAINS", "eng"), "changed", 'groups containing "ops" → groups containing "eng"'],
    [f("CONTAINS", "form"), f("CONTAINS", "platform"), "narrower", 'groups containing "form" → groups containing "platform"'],
    [f("STARTS_WITH", "eng-"), f("STARTS_WITH", "ng-"), "changed", 'groups starting with "eng-" → groups starting with "ng-"'],
    [f("STARTS_WITH", "ng-"), f("STARTS_WITH", "eng-"), "changed", 'groups starting with "ng-" → groups starting with "eng-"'],
    [f("REGEX", "^eng-.*"), f("CONTAINS", "eng"), "changed", 'groups matching regex ^eng-.* → groups containing "eng"'],
    [f("STARTS_WITH", "eng-"), f("REGEX", "eng-"), "changed", 'groups starting with "eng-" → groups matching regex eng-'],
    [f("STARTS_WITH", "eng-"), f("CONTAINS", "sre"), "changed", 'groups starting with "eng-" → groups containing "sre"'],
    [f("CONTAINS", "eng"), f("STARTS_WITH", "eng"), "changed", 'groups containing "eng" → groups starting with "eng"'],
    [f("EQUALS", "eng-all"), f("STARTS_WITH", "sre-"), "changed", 'the group named "eng-all" → groups starting with "sre-"'],
    [f("STARTS_WITH", "eng-"), f("REGEX", "^eng-.*"), "changed", 'groups starting with "eng-" → groups matching regex ^eng-.*'],
    [f("STARTS_WITH", "eng-"), f("REGEX", ".*"), "broader", 'groups starting with "eng-" → all groups (regex .*)'],
    [f("REGEX", ".+"), f("STARTS_WITH", "eng-"), "narrower", 'all groups (regex .+) → groups starting with "eng-"'],
    // Okta compares literal filters case-insensitively: the same text in another case sends the same groups.
    [f("EQUALS", "Eng-All"), f("EQUALS", "eng-all"), "same", 'the group named "Eng-All" → the group named "eng-all"'],
    [f("EQUALS", "eng-all"), f("EQUALS", "eng"), "changed", 'the group named "eng-all" → the group named "eng"'],
    [f("STARTS_WITH", "Eng-"), f("STARTS_WITH", "eng-"), "same", 'groups starting with "Eng-" → groups starting with "eng-"'],
    [f("CONTAINS", "ops"), f("CONTAINS", "OPS"), "same", 'groups containing "ops" → groups containing "OPS"'],
    [f("REGEX", "^Eng-.*"), f("REGEX", "^eng-.*"), "changed", "groups matching regex ^Eng-.* → groups matching regex ^eng-.*"],
    [expression("eng-all"), { type: "FILTER", value: "eng-all" }, "changed", "groups from expression eng-all → groups filtered by ? eng-all"],
  ])("%j → %j is %s", (before, after, result, text) => {
    expect(compareGroupsFilters(before, after)).toEqual({ result, text });
  });
});
describe("compareGroupsFilters: broader, narrower, changed", () => {
  test.each([
    ["STARTS_WITH", "eng-", "STARTS_WITH", "eng", "broader"],
    ["STARTS_WITH", "eng", "STARTS_WITH", "eng-", "narrower"],
    ["CONTAINS", "platform", "CONTAINS", "form", "broader"],
    ["EQUALS", "eng-all", "STARTS_WITH", "eng-", "broader"],
    ["EQUALS", "eng-all", "REGEX", "eng-.*", "broader"],
    ["EQUALS", "eng-all", "EQUALS", "sre-all", "changed"],
    ["REGEX", "^eng-.*", "REGEX", ".*", "broader"],
    ["REGEX", ".*", "REGEX", "^eng-.*", "narrower"],
    ["REGEX", "^eng-.*", "REGEX", "^sre-.*", "changed"],
    ["STARTS_WITH", "eng-", "STARTS_WITH", "eng-", "same"],
    // Okta compares literal filters case-insensitively, and regexes with java.util.regex.
    ["STARTS_WITH", "eng-", "STARTS_WITH", "ENG", "broader"],
    ["CONTAINS", "Platform", "CONTAINS", "FORM", "broader"],
    ["EQUALS", "Eng-All", "STARTS_WITH", "eng-", "broader"],
    ["EQUALS", "eng-all", "CONTAINS", "ALL", "broader"],
    ["STARTS_WITH", "Eng-", "CONTAINS", "ENG", "broader"],
    ["EQUALS", "eng-all", "REGEX", "\\Aeng-.*", "broader"],
    ["EQUALS", "eng-all", "REGEX", "(?i)ENG-.*", "broader"],
    ["EQUALS", "eng-all", "REGEX", "eng-.*+", "broader"],
    ["EQUALS", "eng-all", "REGEX", "(?>eng-all)", "broader"],
    ["EQUALS", "eng-all", "REGEX", "ENG-.*", "changed"],
    ["EQUALS", "eng-all", "REGEX", "[^]", "changed"],
  ])("%s %s → %s %s is %s", (fromType, fromValue, toType, toValue, expected) => {
    const f = (type: string, value: string): GroupsFilter => ({ type: "FILTER", filterType: type, value });
    expect(compareGroupsFilters(f(fromType, fromValue), f(toType, toValue)).result).toBe(expected);
  });

  test("a claim appearing is broader, disappearing narrower, an expression change undecided", () => {
    const all: GroupsFilter = { type: "FILTER", filterType: "REGEX", value: ".*" };
    expect(compareGroupsFilters(undefined, all).result).toBe("broader");
    expect(compareGroupsFilters(all, undefined).result).toBe("narrower");
    expect(compareGroupsFilters({ type: "EXPRESSION", value: "a" }, { type: "EXPRESSION", value: "b" }).result).toBe("changed");
  });
});
