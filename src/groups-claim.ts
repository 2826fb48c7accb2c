import { Token } from "cdktf";
import { describeGroupsFilter } from "./private/groups-filter";
import { checkJavaRegex } from "./private/java-regex";
import { invalid } from "./private/validation";

/**
 * Which Okta groups the ID token carries, and under which claim name.
 *
 * Cloudflare Access reads the groups claim to evaluate Okta-group rules in
 * Access groups and policies. Okta only sends the groups you filter in.
 *
 * The default is {@link GroupsClaim.ALL}: filter **Matches regex** `.*`, which
 * returns every Okta group of the user. Cloudflare's older click-through (step 9)
 * says "Starts with" `.*`; Okta's "Starts with" is a literal prefix, so that
 * filter only returns groups whose names begin with the two characters `.*`,
 * which is almost never what anybody wants.
 *
 * A regex filter returns Okta-mastered groups only. Groups mastered in Active
 * Directory or Google need {@link GroupsClaim.expression}, for example
 * `Groups.startsWith("active_directory", "", 100)`.
 */
export class GroupsClaim {
  /** Every group of the user: filter REGEX `.*` on claim `groups`. */
  public static readonly ALL: GroupsClaim = GroupsClaim.matchingRegex(".*");

  /**
   * Groups whose names match a regular expression (Okta's "Matches regex").
   * Okta evaluates it with Java's `java.util.regex`, against the whole group
   * name; a pattern Java refuses is refused here.
   * @param pattern a regular expression in Java's syntax, such as `^eng-.*`.
   * @param claimName the claim's name in the token. @default "groups"
   */
  public static matchingRegex(pattern: string, claimName?: string): GroupsClaim {
    checkValue("GroupsClaim.matchingRegex", "pattern", pattern);
    if (!Token.isUnresolved(pattern)) {
      // Okta compiles the filter with Java's java.util.regex.Pattern.
      const check = checkJavaRegex(pattern);
      if (!check.valid) {
        throw invalid("GroupsClaim.matchingRegex", "pattern", `a regular expression in Java's java.util.regex syntax, which Okta uses (Java: ${check.error})`, pattern);
      }
    }
    return new GroupsClaim("FILTER", "REGEX", pattern, claimName, "GroupsClaim.matchingRegex");
  }

  /**
   * Groups whose names start with a literal prefix (Okta's "Starts with").
   * The prefix is not a pattern: `.*` matches only names that begin with ".*".
   * @param prefix the literal prefix, such as `eng-`.
   * @param claimName the claim's name in the token. @default "groups"
   */
  public static startingWith(prefix: string, claimName?: string): GroupsClaim {
    checkValue("GroupsClaim.startingWith", "prefix", prefix);
    return new GroupsClaim("FILTER", "STARTS_WITH", prefix, claimName, "GroupsClaim.startingWith");
  }

  /**
   * Only the group with exactly this name (Okta's "Equals").
   * @param groupName the group's name.
   * @param claimName the claim's name in the token. @default "groups"
   */
  public static equalTo(groupName: string, claimName?: string): GroupsClaim {
    checkValue("GroupsClaim.equalTo", "groupName", groupName);
    return new GroupsClaim("FILTER", "EQUALS", groupName, claimName, "GroupsClaim.equalTo");
  }

  /**
   * Groups whose names contain a literal text (Okta's "Contains").
   * @param text the text to look for.
   * @param claimName the claim's name in the token. @default "groups"
   */
  public static containing(text: string, claimName?: string): GroupsClaim {
    checkValue("GroupsClaim.containing", "text", text);
    return new GroupsClaim("FILTER", "CONTAINS", text, claimName, "GroupsClaim.containing");
  }

  /**
   * An Okta Expression Language expression that yields the groups, for groups
   * mastered outside Okta, e.g. `Groups.startsWith("active_directory", "", 100)`.
   * @param oktaExpression the expression.
   * @param claimName the claim's name in the token. @default "groups"
   */
  public static expression(oktaExpression: string, claimName?: string): GroupsClaim {
    checkValue("GroupsClaim.expression", "oktaExpression", oktaExpression);
    return new GroupsClaim("EXPRESSION", undefined, oktaExpression, claimName, "GroupsClaim.expression");
  }

  /** Okta's claim kind: `FILTER` or `EXPRESSION`. */
  public readonly type: string;
  /** Okta's filter type (`REGEX`, `STARTS_WITH`, `EQUALS`, `CONTAINS`); undefined for an expression. */
  public readonly filterType?: string;
  /** The filter value or the expression. */
  public readonly value: string;
  /** The claim's name in the ID token. */
  public readonly claimName: string;

  private constructor(type: string, filterType: string | undefined, value: string, claimName: string | undefined, where: string) {
    const name = claimName === undefined ? "groups" : claimName;
    if (!Token.isUnresolved(name) && (typeof name !== "string" || name.trim() === "" || /\s/.test(name))) {
      throw invalid(where, "claimName", "a non-empty claim name without spaces, such as \"groups\"", claimName);
    }
    this.type = type;
    this.filterType = filterType;
    this.value = value;
    this.claimName = name;
  }

  /** The filter in words, e.g. `all groups (regex .*)`, for reviews and logs. */
  public describe(): string {
    return describeGroupsFilter(this.type, this.filterType, this.value);
  }
}

function checkValue(where: string, property: string, value: string): void {
  if (Token.isUnresolved(value)) return;
  if (typeof value !== "string" || value.trim() === "") {
    throw invalid(where, property, "a non-empty string", value);
  }
}
