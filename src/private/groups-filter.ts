/**
 * Okta's groups-claim filter, the one place that knows what a filter sends,
 * how to say it in words, when a "Starts with" prefix looks like a pattern,
 * which regexes mean "all groups", and the admin-console URL mistake.
 *
 * Used by the construct (GroupsClaim, synth-time warnings, validation) and by
 * the review CLI, which reads synthesized JSON and must not load cdktf: this
 * module imports nothing but the Java-regex evaluator and its work budget,
 * which import nothing else.
 */
import { Budget } from "./budget";
import { javaRegexMatches } from "./java-regex";

/** A groups filter as Okta stores it (`groups_claim` of an app, or a GROUPS claim of an authorization server). */
export interface GroupsFilter {
  /** `FILTER` or `EXPRESSION`. */
  readonly type: string;
  /** `REGEX`, `STARTS_WITH`, `EQUALS`, `CONTAINS`; absent for an expression. */
  readonly filterType?: string;
  /** The filter value or the expression. */
  readonly value: string;
}

/** Regexes that match every group name (Okta matches the whole name). */
const ALL_GROUPS_REGEXES: ReadonlySet<string> = new Set([".*", "^.*$", ".+", "^.+$", "(.*)", "^(.*)$", "^.*", ".*$"]);

/** Regex metacharacters: in a "Starts with" prefix they are literal, which is rarely what was meant. */
const PATTERN_CHARACTERS = /[.*+?^$()[\]{}|\\]/;

/** True when the filter sends every group of the user. */
export function isAllGroups(filter: GroupsFilter): boolean {
  return filter.type !== "EXPRESSION" && filter.filterType === "REGEX" && ALL_GROUPS_REGEXES.has(filter.value);
}

/** True for a "Starts with" filter whose literal prefix holds regex characters (`.*`, `^eng-`). */
export function looksLikePattern(filter: GroupsFilter): boolean {
  return filter.type !== "EXPRESSION" && filter.filterType === "STARTS_WITH" && PATTERN_CHARACTERS.test(filter.value);
}

/**
 * Whether the filter sends a group of this name: true, false, or undefined
 * when it cannot be told (an expression, an unknown filter type, a regex
 * that cannot be evaluated with Java's semantics, or not within the work
 * budget). Callers pass literal values only (no tokens, no Terraform
 * references). Okta compares regexes with java.util.regex against the whole
 * name (`String.matches`); the literal filters are compared case-insensitively so a
 * group Okta might still send is never reported as unsent. A regex spends
 * from `budget`, by default the review run's (`budget.ts`): all the matching
 * of one review shares one limit.
 */
export function filterSends(filter: GroupsFilter, groupName: string, budget?: Budget): boolean | undefined {
  if (filter.type === "EXPRESSION") return undefined;
  const value = filter.value.toLowerCase();
  const name = groupName.toLowerCase();
  switch (filter.filterType) {
    case "REGEX": {
      // Okta evaluates the regex with java.util.regex against the whole name
      // (even `.*`, which Java does not let match a line terminator).
      const matches = javaRegexMatches(filter.value, groupName, budget);
      return matches === "unknown" ? undefined : matches;
    }
    case "STARTS_WITH":
      return name.startsWith(value);
    case "EQUALS":
      return name === value;
    case "CONTAINS":
      return name.includes(value);
  }
  return undefined;
}

/** The filter in words, e.g. `all groups (regex .*)`. */
export function describeGroupsFilter(type: string, filterType: string | undefined, value: string): string {
  if (type === "EXPRESSION") return `groups from expression ${value}`;
  switch (filterType) {
    case "REGEX":
      return isAllGroups({ type, filterType, value }) ? `all groups (regex ${value})` : `groups matching regex ${value}`;
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

/**
 * True for an Okta admin-console host: a label ending in `-admin`
 * (`acme-admin.okta.com`, also `acme.okta-admin.com`). Cloudflare needs the
 * org URL, which never contains `-admin`.
 */
export function isAdminHost(host: string): boolean {
  return host.split(".").some((label) => label.toLowerCase().endsWith("-admin"));
}

/** The org host for an admin-console host: every `-admin` label suffix dropped. */
export function withoutAdmin(host: string): string {
  return host
    .split(".")
    .map((label) => label.replace(/-admin$/i, ""))
    .join(".");
}

/** The Okta org host for an admin-console host, or undefined when the host is not one. */
export function orgHostOfAdminConsole(hostname: string): string | undefined {
  return isAdminHost(hostname) ? withoutAdmin(hostname) : undefined;
}

/** What a change of groups filter does: sends the same groups, more, fewer, or others. */
export type FilterComparison = "same" | "broader" | "narrower" | "changed";

/**
 * Whether a new groups filter sends more groups than the old one (no filter:
 * no groups claim). "changed" when neither holds the other, or when that
 * cannot be told (two regexes, an expression). With `text`, the two in words.
 */
export function compareGroupsFilters(before: GroupsFilter | undefined, after: GroupsFilter | undefined): { result: FilterComparison; text: string } {
  const words = (f: GroupsFilter | undefined) => (f === undefined ? "no groups claim" : describeGroupsFilter(f.type, f.filterType, f.value));
  const text = `${words(before)} → ${words(after)}`;
  if (before === undefined && after === undefined) return { result: "same", text };
  if (before === undefined) return { result: "broader", text };
  if (after === undefined) return { result: "narrower", text };
  if (before.type === after.type && before.filterType === after.filterType && before.value === after.value) return { result: "same", text };
  if (before.type !== "FILTER" || after.type !== "FILTER") return { result: "changed", text };
  if (isAllGroups(after)) return { result: isAllGroups(before) ? "same" : "broader", text };
  if (isAllGroups(before)) return { result: "narrower", text };
  // Okta compares the literal filters case-insensitively (filterSends).
  const a = before.value.toLowerCase();
  const b = after.value.toLowerCase();
  if (before.filterType === after.filterType) {
    switch (after.filterType) {
      case "EQUALS":
        // The same name in another case is the same group.
        return { result: a === b ? "same" : "changed", text };
      case "STARTS_WITH":
      case "CONTAINS": {
        const holds = after.filterType === "STARTS_WITH" ? (x: string, y: string) => x.startsWith(y) : (x: string, y: string) => x.includes(y);
        if (holds(a, b)) return { result: holds(b, a) ? "same" : "broader", text };
        if (holds(b, a)) return { result: "narrower", text };
        return { result: "changed", text };
      }
    }
  }
  // An exact group that the new filter still sends (a regex evaluated as Okta does): the new filter sends it and more.
  if (before.filterType === "EQUALS") return { result: filterSends(after, before.value) === true ? "broader" : "changed", text };
  // A prefix turned into "contains" of something it contains.
  if (before.filterType === "STARTS_WITH" && after.filterType === "CONTAINS" && a.includes(b)) return { result: "broader", text };
  return { result: "changed", text };
}
