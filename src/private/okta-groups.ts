import { Annotations, IResolvable, TerraformIterator, Token } from "cdktf";
import { IConstruct } from "constructs";
import { GroupsClaim } from "../groups-claim";
import { filterSends } from "./groups-filter";
import { invalid, isLiteral, requireNonEmptyList, truncated } from "./validation";

/** Cloudflare's Okta rule, the same shape in Access groups and policies. */
export interface OktaRule {
  readonly okta: { readonly name: string; readonly identityProviderId: string };
}

/**
 * The longest Okta group name, in characters: Okta documents a group's name
 * as "minimum length of one character and maximum length of 255 characters"
 * (https://help.okta.com/wf/en-us/content/topics/workflows/connector-reference/okta/actions/creategroup.htm).
 * Counted in code points, so that no name Okta accepts is refused.
 */
export const MAX_OKTA_GROUP_NAME = 255;

/** Refuses an empty list, empty names, names longer than Okta allows and duplicates of Okta group names. */
export function requireOktaGroups(where: string, property: string, groups: string[]): void {
  // requireNonEmptyList lets undefined through (an optional list); here the list is required. It refuses null itself.
  if (groups === undefined) throw invalid(where, property, "a non-empty list of Okta group names", groups);
  requireNonEmptyList(where, property, groups, "Okta group names");
  if (Token.isUnresolved(groups)) return;
  groups.forEach((name, index) => {
    if (Token.isUnresolved(name)) return;
    if (Array.from(name).length > MAX_OKTA_GROUP_NAME) {
      throw invalid(where, `${property}[${index}]`, `an Okta group name of at most ${MAX_OKTA_GROUP_NAME} characters (Okta's limit)`, truncated(name));
    }
  });
}

/**
 * One `okta` include rule per group, all naming the identity provider. A list
 * token becomes a Terraform `for` expression over the list.
 */
export function oktaIncludeRules(groups: string[], identityProviderId: string): OktaRule[] | IResolvable {
  if (Token.isUnresolved(groups)) {
    const iterator = TerraformIterator.fromList(groups);
    return iterator.forExpressionForList(`{ okta = { name = val, identity_provider_id = ${identityProviderId} } }`);
  }
  return groups.map((name) => ({ okta: { name, identityProviderId } }));
}

/**
 * Whether Okta's groups claim filter sends a group of this name: true, false,
 * or undefined when we cannot tell (an expression, or a token). The rule is
 * the groups-filter module's, shared with the review CLI.
 */
export function groupsClaimSends(claim: GroupsClaim, groupName: string): boolean | undefined {
  if (!isLiteral(claim.value) || !isLiteral(groupName)) return undefined;
  return filterSends(claim, groupName);
}

/**
 * Warns about Okta rules that can never match: groups the identity provider's
 * groups claim does not send (Cloudflare then denies everybody), and the
 * Everyone group (everybody who can sign in to the Okta app gets in).
 */
export function warnAboutOktaGroups(scope: IConstruct, where: string, property: string, claim: GroupsClaim, groups: string[]): void {
  for (const warning of oktaGroupsWarnings(where, property, claim, groups)) Annotations.of(scope).addWarning(warning);
}

/** The warnings of {@link warnAboutOktaGroups}, returned instead of emitted. */
export function oktaGroupsWarnings(where: string, property: string, claim: GroupsClaim, groups: string[]): string[] {
  const warnings: string[] = [];
  if (Token.isUnresolved(groups)) return warnings;
  const unsent = groups.filter((group) => groupsClaimSends(claim, group) === false);
  if (unsent.length > 0) {
    warnings.push(
      `${where}: ${property} ${JSON.stringify(unsent)} ${unsent.length === 1 ? "is" : "are"} not sent by the identity provider's groups claim (${claim.describe()}), so ${unsent.length === 1 ? "this rule never matches" : "these rules never match"}. Widen groupsClaim (e.g. GroupsClaim.ALL) or fix the group names.`,
    );
  }
  if (groups.some((group) => isLiteral(group) && group.toLowerCase() === "everyone")) {
    warnings.push(
      `${where}: ${property} includes Okta's "Everyone" group: every user who can sign in to the Okta app (by default the whole Okta org) matches. Name the groups that need access instead.`,
    );
  }
  return warnings;
}
