/**
 * Checks on one stack's review model: legal Terraform that will not do what
 * its author expects (groups that never reach Cloudflare, PKCE set on one side
 * only, secrets in plain outputs...). They are notes for the reviewer, not errors.
 */
import { GroupsFilterReview, IdentityProviderReview, StackReview } from "./review-model";
import { StackIndex } from "./stack-index";
import { filterSends, looksLikePattern, orgHostOfAdminConsole } from "../private/groups-filter";
import { AccessModel, accessModel, cloudflareReadsClaim } from "./access-model";
import { DEFAULT_SESSION, durationSeconds } from "./extract";
import { isSecretKey } from "./secrets";
import { literal } from "./text";
import { isObject, referencedAddresses, str } from "./terraform-json";
import { tfBool } from "./values";

/** One finding of a check. */
export interface CheckFinding {
  /** `session` for session findings; plain checks otherwise. */
  readonly kind?: "session";
  readonly stack: string;
  /** The resource concerned, when there is one. */
  readonly address?: string;
  readonly constructPath?: string;
  readonly message: string;
}

/** Runs every check on a stack. */
export function checkStack(stack: StackReview, index: StackIndex): CheckFinding[] {
  const findings: CheckFinding[] = [];
  const note = (address: string | undefined, constructPath: string | undefined, message: string) =>
    findings.push({ stack: stack.name, address, constructPath, message });

  const model = accessModel(index);
  for (const idp of stack.identityProviders) {
    if (idp.idpType !== "okta") continue;
    const at = idp.address;
    const app = idp.oktaApp;
    const filter = groupsFilterOf(idp, model);

    if (idp.oktaOrgUrl !== undefined && !idp.oktaOrgUrl.startsWith("${")) {
      if (orgHostOfAdminConsole(hostOf(idp.oktaOrgUrl)) !== undefined) {
        note(at, idp.constructPath, `okta_account ${literal(idp.oktaOrgUrl)} is the admin-console URL; Cloudflare needs the org URL (without "-admin")`);
      } else if (!idp.oktaOrgUrl.startsWith("https://")) {
        note(at, idp.constructPath, `okta_account ${literal(idp.oktaOrgUrl)} is not an https:// URL`);
      }
    }
    if (app === undefined) continue;
    if (filter === undefined) {
      note(app.address, app.constructPath, "the Okta app sends no groups claim: Access rules on Okta groups never match");
    } else if (cloudflareReadsClaim(idp.claims, filter.claimName) === false || idp.claims.length === 0) {
      note(at, idp.constructPath, `Cloudflare's claims (${idp.claims.map(literal).join(", ") || "none"}) do not include the groups claim ${literal(filter.claimName)}: Access never sees the groups`);
    }
    if (filter !== undefined && !isReference(filter.value) && looksLikePattern(filter)) {
      note(app.address, app.constructPath, `the groups claim uses "Starts with" ${literal(filter.value)}, a literal prefix that looks like a pattern; use "Matches regex" to match a pattern`);
    }
    if (app.pkceRequired !== undefined && idp.pkceEnabled !== undefined && app.pkceRequired !== idp.pkceEnabled) {
      note(at, idp.constructPath, `PKCE is ${app.pkceRequired ? "required by Okta" : "off in Okta"} but ${idp.pkceEnabled ? "enabled" : "disabled"} in Cloudflare: sign-in fails`);
    }
    // A groups claim on a custom server is an okta_auth_server_claim: value type GROUPS for a filter, EXPRESSION for an Okta expression.
    if (idp.authorizationServerId !== undefined && !idp.authServerClaims.some((c) => (c.valueType === "GROUPS" || c.valueType === "EXPRESSION") && c.name === (app.groupsClaim?.claimName ?? "groups"))) {
      note(at, idp.constructPath, `custom authorization server ${literal(idp.authorizationServerId)}: no okta_auth_server_claim named ${literal(app.groupsClaim?.claimName ?? "groups")} (value type GROUPS or EXPRESSION) in this stack; the app-level groups claim does not reach that server's tokens`);
    }
    if (app.assignmentMode === "mixed") {
      note(app.address, app.constructPath, "the Okta app has both okta_app_group_assignments (exclusive) and okta_app_group_assignment (additive): they undo each other on every apply");
    }
    if (app.assignmentMode === "none") {
      note(app.address, app.constructPath, "the Okta app is assigned to no group in this stack: nobody can sign in unless it is assigned elsewhere");
    }
    if (app.implicitAssignment === true && app.assignments.length > 0) {
      note(app.address, app.constructPath, "implicit_assignment (Federation Broker Mode) makes group assignments fail");
    }
    const callbacks = app.redirectUris.filter((u) => u.startsWith("${") || /\/cdn-cgi\/access\/callback$/.test(u));
    if (callbacks.length === 0) {
      note(app.address, app.constructPath, "no redirect URI ends in /cdn-cgi/access/callback: Okta refuses Cloudflare's sign-in");
    }
  }

  // Rules on Okta groups that the groups claim never sends.
  const idps = new Map(stack.identityProviders.map((i) => [i.address, i]));
  const rulesOf = [
    ...stack.accessGroups.map((g) => ({ what: `Access group ${literal(g.name)}`, address: g.address, constructPath: g.constructPath, rules: [...g.include, ...g.require] })),
    ...stack.accessPolicies.map((p) => ({ what: `policy ${literal(p.name)}`, address: p.address, constructPath: p.constructPath, rules: [...p.include, ...p.require] })),
  ];
  for (const owner of rulesOf) {
    for (const rule of owner.rules) {
      if (rule.oktaGroup === undefined || rule.identityProvider === undefined) continue;
      const idp = idps.get(rule.identityProvider);
      const filter = idp ? groupsFilterOf(idp, model) : undefined;
      if (filter !== undefined && filterExcludes(filter, rule.oktaGroup)) {
        note(owner.address, owner.constructPath, `${owner.what} names Okta group ${literal(rule.oktaGroup)}, which the groups claim (${filter.description}) never sends: the rule never matches`);
      }
    }
  }

  for (const app of stack.accessApplications) {
    const appSession = app.sessionDuration ?? DEFAULT_SESSION;
    for (const p of app.policies) {
      if (p.decision === "deny") continue;
      const session = (message: string) => findings.push({ kind: "session", stack: stack.name, address: app.address, constructPath: app.constructPath, message });
      if (p.session.source === "provider default") {
        session(`application ${literal(app.name)}: policy ${literal(p.name)} sets no session_duration, so the cloudflare provider gives it 24h, which wins over the application's ${literal(appSession)}: set the policy's session_duration`);
      } else if (p.session.source === "policy" && (durationSeconds(p.session.duration) ?? 0) > (durationSeconds(appSession) ?? Infinity)) {
        session(`application ${literal(app.name)}: policy ${literal(p.name)} gives ${literal(p.session.duration)} sessions, longer than the application's ${literal(appSession)}; the policy's wins`);
      }
    }
    if (app.autoRedirect === true && app.allowedIdps.length !== 1) {
      note(app.address, app.constructPath, `auto_redirect_to_identity needs exactly one allowed identity provider, found ${app.allowedIdps.length}`);
    }
    if (app.policies.length === 0) {
      note(app.address, app.constructPath, "the application has no policy: Access denies everybody");
    }
  }

  // Outputs of secrets must be sensitive, or `terraform output` prints them.
  for (const [name, output] of Object.entries(index.outputs)) {
    if (!isObject(output) || tfBool(output.sensitive) === true) continue;
    const value = str(output.value);
    if (value === undefined) continue;
    const secretAttribute = /\.(\w+)(?=\s*\}|\s*\)|\[)/g;
    const leaks = [...value.matchAll(secretAttribute)].some((m) => isSecretKey(m[1])) || /scim_config\.secret/.test(value);
    if (leaks && referencedAddresses(value).length > 0) {
      note(undefined, undefined, `output ${literal(name)} exposes a secret without sensitive = true`);
    }
  }
  return findings;
}

/** The filter that decides which groups reach Cloudflare for an IdP. */
function groupsFilterOf(idp: IdentityProviderReview, model: AccessModel): GroupsFilterReview | undefined {
  if (idp.authorizationServerId !== undefined) {
    // The claim the access model reads (the one Okta puts in the ID token), else the first groups claim.
    const reached = model.idps.get(idp.address)?.groups;
    const at = reached !== undefined && reached.kind !== "all" ? reached.address : undefined;
    const claim = idp.authServerClaims.find((c) => c.address === at) ?? idp.authServerClaims.find((c) => c.valueType === "GROUPS" || c.valueType === "EXPRESSION");
    if (claim !== undefined) {
      const type = claim.valueType === "GROUPS" ? "FILTER" : "EXPRESSION";
      return { claimName: claim.name, type, filterType: type === "FILTER" ? claim.groupFilterType : undefined, value: claim.value ?? "", description: claim.description };
    }
  }
  return idp.oktaApp?.groupsClaim;
}

/** True when a literal filter certainly does not send a group (the groups-filter module's rule, as in the construct). */
function filterExcludes(filter: GroupsFilterReview, group: string): boolean {
  if (isReference(filter.value) || isReference(group)) return false;
  return filterSends(filter, group) === false;
}

function isReference(value: string): boolean {
  return value.includes("${");
}

function hostOf(url: string): string {
  return url.replace(/^[a-z]+:\/\//i, "").split(/[/?#:]/)[0];
}
