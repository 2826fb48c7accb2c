/**
 * Known mistakes and risks of a hand-made setup, each with what to do.
 * Pure: from what was read to findings; program.ts applies the same rules
 * (`suggestedFixes`) when it writes the suggested values.
 */
import { plainLine } from "../private/controls";
import { describeGroupsFilter } from "../private/groups-filter";
import { Discovery, Finding, IdentityProviderInfo, OktaAppInfo, Pairing } from "./model";

/** Cloudflare's callback for a team domain. */
export function callbackUrl(teamDomain: string): string {
  return `https://${teamDomain}/cdn-cgi/access/callback`;
}

/** `https://<org>-admin.okta.com` → `https://<org>.okta.com`; undefined when not an admin-console URL. */
export function orgUrlWithoutAdmin(url: string): string | undefined {
  try {
    const u = new URL(url);
    const m = /^([^.]+)-admin(\..+)$/i.exec(u.hostname);
    return m ? `${u.protocol}//${m[1]}${m[2]}` : undefined;
  } catch {
    return undefined;
  }
}

/** True for a "Starts with" filter whose value reads like a pattern (`.*`, `^eng`). */
export function startsWithLooksLikePattern(claim: { groupFilterType?: string; value: string } | undefined): boolean {
  return claim?.groupFilterType === "STARTS_WITH" && /[.*+?^$()[\]{}|\\]/.test(claim.value);
}

function idpSubject(idp: IdentityProviderInfo): string {
  return `identity provider ${JSON.stringify(idp.name)} (${idp.id}, ${idp.scope.kind} ${idp.scope.id})`;
}

function appSubject(app: OktaAppInfo): string {
  return `Okta app ${JSON.stringify(app.label)} (${app.id})`;
}

/**
 * The findings of a discovery. Their texts quote what the APIs returned
 * (ids, URLs, names, statuses): each is one plain line ({@link plainLine}),
 * so no control character or bidi control reaches a terminal, the JSON or
 * the generated program's comments.
 */
export function diagnose(d: Omit<Discovery, "findings">): Finding[] {
  return findingsOf(d).map((f) => ({ ...f, subject: plainLine(f.subject), message: plainLine(f.message), fix: plainLine(f.fix) }));
}

function findingsOf(d: Omit<Discovery, "findings">): Finding[] {
  const findings: Finding[] = [];
  for (const p of d.pairings) findings.push(...diagnosePairing(d, p));
  for (const app of d.unpairedOktaApps) {
    findings.push({
      code: "okta-app-without-identity-provider",
      severity: "warning",
      subject: appSubject(app),
      message: `its client id ${app.clientId} is used by no okta identity provider of account ${d.accountId}${d.zoneIds.length ? ` or zones ${d.zoneIds.join(", ")}` : ""}, though its redirect URIs point at Cloudflare Access`,
      fix: "if it belongs to another account or zone, run discover with that --account-id / --zone-id; if it is left over, deactivate it in Okta after checking nobody signs in with it",
    });
  }
  return findings;
}

function diagnosePairing(d: Omit<Discovery, "findings">, p: Pairing): Finding[] {
  const idp = p.identityProvider;
  const out: Finding[] = [];
  const add = (f: Omit<Finding, "identityProviderId">) => out.push({ ...f, identityProviderId: idp.id });

  const fixedAccount = orgUrlWithoutAdmin(idp.oktaAccount);
  if (fixedAccount !== undefined) {
    add({
      code: "admin-console-org-url",
      severity: "error",
      subject: idpSubject(idp),
      message: `its Okta account URL is the admin console ${idp.oktaAccount}, not the org URL`,
      fix: `use ${fixedAccount} (the construct always sets oktaOrgUrl, so the first apply corrects it in place)`,
    });
  } else if (idp.oktaAccount.replace(/\/+$/, "").toLowerCase() !== d.oktaOrgUrl.toLowerCase()) {
    add({
      code: "okta-account-other-org",
      severity: "warning",
      subject: idpSubject(idp),
      message: `its Okta account URL ${idp.oktaAccount} is not the org discover read (${d.oktaOrgUrl})`,
      fix: "run discover against that org; the generated program sets oktaOrgUrl to the org discover read, which changes the identity provider in place",
    });
  }

  const app = p.oktaApp;
  if (app === undefined) {
    add({
      code: "identity-provider-without-okta-app",
      severity: "error",
      subject: idpSubject(idp),
      message: `its client id ${JSON.stringify(idp.clientId)} matches no OIDC app of ${d.oktaOrgUrl}`,
      fix: "sign-in through it cannot work with this org: point it at the right org, or delete it once no application or policy names it; it is left out of the program",
    });
    return out;
  }

  if (app.status !== "ACTIVE") {
    add({ code: "okta-app-inactive", severity: "error", subject: appSubject(app), message: `the app is ${app.status || "not active"}, so nobody can sign in`, fix: "activate it in Okta (Applications > the app > Activate)" });
  }
  if (app.applicationType !== "web") {
    add({
      code: "okta-app-not-web",
      severity: "error",
      subject: appSubject(app),
      message: `the app's type is ${JSON.stringify(app.applicationType)}, not web; the construct only manages web apps and the type forces replacement`,
      fix: "create a web app (the construct without adopt does), move the identity provider to it, then delete this one; it is left out of the program",
    });
  }

  if (idp.teamDomain !== undefined) {
    const expected = callbackUrl(idp.teamDomain);
    if (!app.redirectUris.includes(expected) || app.redirectUris.length !== 1) {
      add({
        code: "redirect-uri",
        severity: app.redirectUris.includes(expected) ? "warning" : "error",
        subject: appSubject(app),
        message: app.redirectUris.includes(expected)
          ? `its sign-in redirect URIs include others besides ${expected}: ${app.redirectUris.join(", ")}`
          : `its sign-in redirect URIs (${app.redirectUris.join(", ") || "none"}) do not include Cloudflare's callback ${expected}, so Okta refuses the redirect`,
        fix: `the redirect URI must be exactly ${expected}; the construct sets exactly that, so the first apply changes it in place`,
      });
    }
  }

  if (app.pkceRequired !== idp.pkceEnabled) {
    add({
      code: "pkce-one-side",
      severity: app.pkceRequired ? "error" : "warning",
      subject: idpSubject(idp),
      message: app.pkceRequired
        ? "Okta requires PKCE but the identity provider does not send it: sign-in fails"
        : "the identity provider sends PKCE but Okta does not require it: the code exchange is not bound to the browser that started it",
      fix: "turn PKCE on on both sides (pkce: true, the construct's default, sets Okta's pkce_required and Cloudflare's pkce_enabled together)",
    });
  }

  if (app.assignments.length === 0) {
    add({
      code: "no-assignments",
      severity: "error",
      subject: appSubject(app),
      message: "the app is assigned to no group, so Okta refuses every sign-in",
      fix: "assign the groups who may sign in (assignedGroupIds), or omit assignedGroupIds to assign Everyone and restrict access with Access policies",
    });
  }

  const claim = app.groupsClaim;
  // With a custom authorization server, the app's claim is not what Cloudflare reads.
  if (claim === undefined && idp.authorizationServerId === undefined) {
    add({
      code: "no-groups-claim",
      severity: "warning",
      subject: appSubject(app),
      message: "the app issues no groups claim, so Access rules on Okta groups never match",
      fix: "add a groups claim (GroupsClaim.ALL sends every group: Matches regex .*)",
    });
  } else if (claim !== undefined) {
    if (startsWithLooksLikePattern(claim)) {
      add({
        code: "groups-filter-starts-with-pattern",
        severity: "error",
        subject: appSubject(app),
        message: `the groups claim filter is "Starts with" ${JSON.stringify(claim.value)}, a literal prefix, so it only sends groups whose names begin with those characters (usually none)`,
        fix: `use "Matches regex" .* (GroupsClaim.ALL) to send all groups${claim.value === ".*" ? "" : `, or GroupsClaim.matchingRegex(${JSON.stringify(claim.value)})`}`,
      });
    }
    if (!idp.claims.includes(claim.name)) {
      add({
        code: "groups-claim-not-in-claims",
        severity: "error",
        subject: idpSubject(idp),
        message: `the app's groups claim ${JSON.stringify(claim.name)} (${describeGroupsFilter(claim.valueType === "EXPRESSION" ? "EXPRESSION" : "FILTER", claim.groupFilterType, claim.value)}) is missing from the identity provider's claims (${idp.claims.join(", ") || "none"}), so Cloudflare drops the groups`,
        fix: "add it to the identity provider's claims; the construct always includes the groups claim's name, so the first apply adds it in place",
      });
    }
  }
  if (idp.authorizationServerId !== undefined) {
    add({
      code: "custom-authorization-server",
      severity: "info",
      subject: idpSubject(idp),
      message: `the identity provider uses the custom authorization server ${idp.authorizationServerId}; the app's groups claim does not reach its tokens`,
      fix: `the construct manages the groups claim on that server (okta_auth_server_claim: ${p.authorizationServerClaim !== undefined ? `the program adopts the server's claim ${p.authorizationServerClaim.id}, with its filter` : p.authorizationServerClaimsUnread !== undefined ? `its claims could not be read (${p.authorizationServerClaimsUnread}): if the server has a groups claim already, pass its id as adopt.authorizationServerClaimId, or the first apply fails on the duplicate name` : "the server has none yet, so the first apply creates it"}) and the program removes the app's unused claim (appGroupsClaim: AppGroupsClaim.REMOVE, okta >= 6.6.0)`,
    });
  }
  for (const ref of p.otherReferences) {
    add({
      code: `unadopted-${ref.kind}`,
      severity: "info",
      subject: `Access ${ref.kind} ${JSON.stringify(ref.name)} (${ref.id})`,
      message: `it refers to the identity provider but is left out of the program: ${ref.reason}`,
      fix: "leave it as it is (adoption keeps the identity provider's id, so it keeps working) or manage it with the provider's resources directly",
    });
  }
  return out;
}
