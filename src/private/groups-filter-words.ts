/**
 * Okta's groups filter in words, e.g. `all groups (regex .*)`. Shared by
 * `GroupsClaim.describe()` and the review CLI, which reads synthesized JSON
 * and must not load cdktf, so this module imports nothing.
 */
export function describeGroupsFilter(type: string, filterType: string | undefined, value: string): string {
  if (type === "EXPRESSION") return `groups from expression ${value}`;
  switch (filterType) {
    case "REGEX":
      return value === ".*" || value === "^.*$" ? `all groups (regex ${value})` : `groups matching regex ${value}`;
    case "STARTS_WITH":
      return `groups starting with "${value}"`;
    case "EQUALS":
      return `the group named "${value}"`;
    case "CONTAINS":
      return `groups containing "${value}"`;
    default:
      return `groups filtered by ${filterType ?? "?"} ${value}`;
  }
}
