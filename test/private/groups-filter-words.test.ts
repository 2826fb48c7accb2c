import { describeGroupsFilter } from "../../src/private/groups-filter-words";

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
