/**
 * Writes the TypeScript cdktf program that reproduces a discovered setup with
 * our constructs and the ids to adopt. By default it reproduces the live
 * settings (with each suggested fix as a comment); `fix` writes the fixes in.
 *
 * Every string here came from an API: string literals go through `lit`
 * (JSON.stringify, plus what it leaves raw escaped: DEL, C1 and bidi
 * controls, U+2028/U+2029; `../private/controls.ts`), text in comments
 * through `note` (quoted the same way, so it cannot end the comment or the
 * line) or, for a finding's text, `line` (one plain line); identifiers are
 * generated, never copied.
 */
import { callbackUrl, orgUrlWithoutAdmin, startsWithLooksLikePattern } from "./findings";
import { Discovery, Finding, OktaGroupsClaimInfo, Pairing } from "./model";
import { escapeControls, plainLine } from "../private/controls";
import { DISTRIBUTION } from "../private/distribution";
import { adoptionCanRemoveAppClaim, GROUPS_CLAIM_CLEARED_FROM, removalConstraint } from "../private/groups-claim-mechanism";
import { SUPPORTED } from "../private/provider-versions";

export interface ProgramOptions {
  /** Write the suggested fixes in instead of as comments. @default false */
  readonly fix?: boolean;
  /** Where the constructs are imported from. @default - this package (`cdktf-okta-cloudflare-access` or `cdktn-okta-cloudflare-access`) */
  readonly moduleName?: string;
  /** The stack's name. @default "okta-access-adopted" */
  readonly stackName?: string;
}

/** A TypeScript string literal for any string, safe on one line: no raw control, bidi control or line separator (the same value). */
export function lit(value: string): string {
  return escapeControls(JSON.stringify(value));
}

/** Untrusted text for a `//` comment: quoted like a literal, so no line break or comment end survives. */
export function note(value: string): string {
  return lit(value).replace(/\*\//g, "*\\/");
}

/** Trusted prose with untrusted parts (quoted by `note`, or a finding's text); kept to one line, without raw controls or a comment end. */
function line(text: string): string {
  return plainLine(text).replace(/\*\//g, "*\\/");
}

/** A construct id from a name: letters and digits only, unique. */
function constructId(name: string, fallback: string, used: Set<string>): string {
  const words = name.normalize("NFKD").replace(/[^A-Za-z0-9]+/g, " ").trim().split(" ").filter(Boolean);
  let base = words.map((w) => w[0].toUpperCase() + w.slice(1)).join("").slice(0, 40);
  if (!/^[A-Za-z]/.test(base)) base = fallback + base;
  let id = base;
  for (let i = 2; used.has(id.toLowerCase()); i++) id = `${base}${i}`;
  used.add(id.toLowerCase());
  return id;
}

function snake(id: string): string {
  return id.replace(/([a-z0-9])([A-Z])/g, "$1_$2").replace(/[^A-Za-z0-9]+/g, "_").toLowerCase();
}

/** The secret variables the program asks for, one per adopted identity provider, in order. */
export function secretVariables(d: Discovery): { identityProviderId: string; variable: string; oktaAppId: string }[] {
  return plan(d).map((p) => ({ identityProviderId: p.pairing.identityProvider.id, variable: p.variable, oktaAppId: p.pairing.oktaApp!.id }));
}

interface PlannedPairing {
  readonly pairing: Pairing;
  readonly id: string;
  readonly variable: string;
  readonly code: string;
}

/** Which pairings the program reproduces, with their construct ids and variable names. */
function plan(d: Discovery): PlannedPairing[] {
  const used = new Set<string>();
  const out: PlannedPairing[] = [];
  d.pairings.forEach((p, i) => {
    if (!reproducible(p)) return;
    const id = constructId(p.identityProvider.name, "Okta", used);
    out.push({ pairing: p, id, variable: `${snake(id)}_client_secret`, code: `idp${i + 1}` });
  });
  return out;
}

/**
 * Whether the program removes the app-level groups claim in the first apply
 * (`appGroupsClaim: AppGroupsClaim.REMOVE`): the identity provider uses a
 * custom authorization server, so no sign-in reads the app's claim
 * (docs/groups-claim-mechanisms.md, "Moving without a gap").
 */
function removesAppClaim(p: Pairing): boolean {
  return p.identityProvider.authorizationServerId !== undefined && adoptionCanRemoveAppClaim({ identityProviderUsesServer: true, appHasClaim: p.oktaApp?.groupsClaim !== undefined });
}

function reproducible(p: Pairing): boolean {
  return p.oktaApp !== undefined && p.oktaApp.applicationType === "web" && p.identityProvider.teamDomain !== undefined;
}

function groupsClaimCode(claim: OktaGroupsClaimInfo | undefined): string {
  if (claim === undefined) return "GroupsClaim.ALL";
  const name = claim.name === "groups" ? "" : `, ${lit(claim.name)}`;
  if (claim.valueType === "EXPRESSION") return `GroupsClaim.expression(${lit(claim.value)}${name})`;
  switch (claim.groupFilterType) {
    case "REGEX":
      return claim.value === ".*" && name === "" ? "GroupsClaim.ALL" : `GroupsClaim.matchingRegex(${lit(claim.value)}${name})`;
    case "STARTS_WITH":
      return `GroupsClaim.startingWith(${lit(claim.value)}${name})`;
    case "EQUALS":
      return `GroupsClaim.equalTo(${lit(claim.value)}${name})`;
    case "CONTAINS":
      return `GroupsClaim.containing(${lit(claim.value)}${name})`;
    default:
      return "GroupsClaim.ALL";
  }
}

function fixedGroupsClaimCode(claim: OktaGroupsClaimInfo): string {
  const name = claim.name === "groups" ? "" : `, ${lit(claim.name)}`;
  return claim.value === ".*" && name === "" ? "GroupsClaim.ALL" : `GroupsClaim.matchingRegex(${lit(claim.value)}${name})`;
}

/** The whole program. */
export function generateProgram(d: Discovery, options: ProgramOptions = {}): string {
  const fix = options.fix ?? false;
  const moduleName = options.moduleName ?? DISTRIBUTION.packageName;
  const stackName = options.stackName ?? "okta-access-adopted";
  const planned = plan(d);
  const out: string[] = [];
  const w = (s = "") => out.push(s);

  const org = new URL(d.oktaOrgUrl);
  const host = org.hostname;
  const usesGroupsClaim = planned.length > 0;
  const removing = planned.some((p) => removesAppClaim(p.pairing));

  w("// Generated by `npx cdktf-okta-access discover`" + (fix ? " --fix" : "") + ": the live Okta + Cloudflare Access setup");
  w(`// of ${note(d.oktaOrgUrl)} and Cloudflare account ${note(d.accountId)}${d.zoneIds.length ? ` (zones ${d.zoneIds.map(note).join(", ")})` : ""},`);
  w(`// written with ${DISTRIBUTION.packageName} constructs and the ids to adopt (import blocks).`);
  w("//");
  w("// Before `cdktf plan`: set each client secret variable below from the Okta admin console");
  w("// (Applications > the app > General > Client secrets), e.g. `read -rs TF_VAR_okta_client_secret; export TF_VAR_okta_client_secret`.");
  w("// Never commit it. Read the plan: it must show only imports and in-place updates (docs/adoption.md of cdktf-okta-cloudflare-access).");
  for (const p of planned) {
    w(`//   TF_VAR_${p.variable}: the client secret of Okta app ${note(p.pairing.oktaApp!.label)} (${note(p.pairing.oktaApp!.id)})`);
  }
  const left = d.pairings.filter((p) => !reproducible(p));
  for (const p of left) {
    w(`// Left out: identity provider ${note(p.identityProvider.name)} (${note(p.identityProvider.id)}): ${p.oktaApp === undefined ? "its Okta app was not found" : p.identityProvider.teamDomain === undefined ? "Cloudflare returned no redirect_url to read the team domain from" : "its Okta app is not a web app"}.`);
  }
  for (const f of d.findings.filter((f) => f.identityProviderId === undefined)) w(line(`// Finding [${f.code}] ${f.subject}: ${f.message}. To do: ${f.fix}.`));
  w(`import { App, TerraformStack } from ${lit(DISTRIBUTION.core)};`);
  w(`import { Construct } from "constructs";`);
  w(`import { ${removing ? "AppGroupsClaim, " : ""}cloudflare, ${usesGroupsClaim ? "GroupsClaim, " : ""}okta, OktaAccessIdentityProvider } from ${lit(moduleName)};`);
  w();
  w("export class AdoptedAccessStack extends TerraformStack {");
  w("  constructor(scope: Construct, id: string) {");
  w("    super(scope, id);");
  w("    // Credentials come from OKTA_API_TOKEN (an SSWS API token) and CLOUDFLARE_API_TOKEN at plan time.");
  w(`    new okta.OktaProvider(this, "okta", { orgName: ${lit(host.split(".")[0])}, baseUrl: ${lit(host.split(".").slice(1).join("."))} });`);
  w(`    new cloudflare.CloudflareProvider(this, "cloudflare", {});`);
  if (removing) {
    w(`    // appGroupsClaim REMOVE below needs okta >= ${GROUPS_CLAIM_CLEARED_FROM}, the first release that removes an app's groups claim.`);
    w("    // To stay on an older okta, delete this line and the appGroupsClaim lines: the unused app-level claim then stays.");
    w(`    this.addOverride("terraform.required_providers.okta.version", ${lit(removalConstraint(SUPPORTED.okta.newest))});`);
  }
  for (const p of planned) writePairing(w, d, p, fix);
  w("  }");
  w("}");
  w();
  w("/** Adds the adopted stack to an app. */");
  w("export function build(app: App): TerraformStack {");
  w(`  return new AdoptedAccessStack(app, ${lit(stackName)});`);
  w("}");
  w();
  w("if (require.main === module) {");
  w("  const app = new App();");
  w("  build(app);");
  w("  app.synth();");
  w("}");
  return out.join("\n") + "\n";
}

type Writer = (s?: string) => void;

function writePairing(w: Writer, d: Discovery, planned: PlannedPairing, fix: boolean): void {
  const { pairing, id, variable, code } = planned;
  const idp = pairing.identityProvider;
  const app = pairing.oktaApp!;
  const findings = d.findings.filter((f) => f.identityProviderId === idp.id);
  const has = (c: string) => findings.some((f) => f.code === c);
  w();
  w(`    // Identity provider ${note(idp.name)} (${note(idp.id)}, ${idp.scope.kind} ${note(idp.scope.id)}) with Okta app ${note(app.label)} (${note(app.id)}).`);
  for (const f of findings) w(line(`    // Finding [${f.code}] (${f.severity}) ${f.subject}: ${f.message}. To do: ${f.fix}.`));
  const changes = firstApplyChanges(d, pairing, findings);
  for (const c of changes) w(line(`    // The first apply changes in place: ${c}.`));

  w(`    const ${code} = new OktaAccessIdentityProvider(this, ${lit(id)}, {`);
  w(idp.scope.kind === "account" ? `      accountId: ${lit(idp.scope.id)},` : `      zoneId: ${lit(idp.scope.id)},`);
  w(`      teamDomain: ${lit(idp.teamDomain!)},`);
  w(`      oktaOrgUrl: ${lit(d.oktaOrgUrl)},`);
  w(`      name: ${lit(idp.name)},`);
  w(`      appLabel: ${lit(app.label)},`);

  // On a custom authorization server, its claim is what Cloudflare reads: the program keeps that filter.
  const serverClaim = pairing.authorizationServerClaim;
  const claim = serverClaim ?? app.groupsClaim;
  if (serverClaim !== undefined) w(`      // The groups claim of authorization server ${note(idp.authorizationServerId!)}, adopted (${note(serverClaim.id)}).`);
  if (claim !== undefined && startsWithLooksLikePattern(claim)) {
    if (fix) w(`      groupsClaim: ${fixedGroupsClaimCode(claim)}, // fixed: was ${note(`Starts with ${claim.value}`)}`);
    else {
      w(`      // Suggested fix (groups-filter-starts-with-pattern): groupsClaim: ${fixedGroupsClaimCode(claim)},`);
      w(`      groupsClaim: ${groupsClaimCode(claim)},`);
    }
  } else {
    const none = removesAppClaim(pairing) ? " // the authorization server's claim (the app has none)" : " // the app has none today: the construct adds it";
    w(`      groupsClaim: ${groupsClaimCode(claim)},${claim === undefined ? none : ""}`);
  }

  // One side only: on on both is the fix, and the value that keeps sign-in working.
  const pkce = app.pkceRequired === idp.pkceEnabled ? app.pkceRequired : true;
  if (has("pkce-one-side")) w(`      // PKCE is on at ${app.pkceRequired ? "Okta" : "Cloudflare"} only; one value sets both sides, so it is on for both.`);
  w(`      pkce: ${pkce},`);

  const assigned = app.assignments;
  if (assigned.length === 1 && assigned[0].everyone) {
    w("      // Assigned to Everyone (the construct's default when assignedGroupIds is left out).");
  } else if (assigned.length === 0) {
    w("      // No group is assigned today; left out, the construct assigns Everyone. Set assignedGroupIds to choose.");
  } else {
    w("      assignedGroupIds: [");
    for (const g of assigned) w(`        ${lit(g.id)},${g.name !== undefined ? ` // ${note(g.name)}` : ""}`);
    w("      ],");
  }
  const extra = idp.claims.filter((c) => c !== (claim?.name ?? "groups"));
  if (extra.length > 0) w(`      claims: [${extra.map(lit).join(", ")}],`);
  if (idp.authorizationServerId !== undefined) w(`      authorizationServerId: ${lit(idp.authorizationServerId)},`);
  if (removesAppClaim(pairing)) {
    w("      // Cloudflare already signs in through this authorization server: the app's own groups claim serves no sign-in.");
    w("      appGroupsClaim: AppGroupsClaim.REMOVE,");
  }
  if (idp.emailClaimName !== undefined) w(`      emailClaimName: ${lit(idp.emailClaimName)},`);
  if (idp.scimEnabled) w("      // SCIM is on at Cloudflare; add scim: {...} to keep managing it (the program leaves it as it is).");
  const claimId = serverClaim !== undefined ? `, authorizationServerClaimId: ${lit(serverClaim.id)}` : "";
  w(`      adopt: { oktaAppId: ${lit(app.id)}, identityProviderId: ${lit(idp.id)}, clientSecretVariable: ${lit(variable)}${claimId} },`);
  w("    });");

  const used = new Set<string>();
  for (const a of pairing.applications) {
    const appId = constructId(a.application.name || a.application.domain, "App", used);
    const expectedPolicyName = `${a.application.name || appId}: allow Okta groups`;
    if (a.policy.name !== expectedPolicyName) w(`    // The first apply renames the policy ${note(a.policy.name)} to ${note(expectedPolicyName)} (in place).`);
    w(`    ${code}.protectApplication(${lit(appId)}, {`);
    w(`      domain: ${lit(a.application.domain)},`);
    w(`      allowedOktaGroups: [${a.allowedOktaGroups.map(lit).join(", ")}],`);
    w(`      name: ${lit(a.application.name || appId)},`);
    if (a.application.sessionDuration !== undefined) w(`      sessionDuration: ${lit(a.application.sessionDuration)},`);
    if (a.policy.sessionDuration !== undefined && a.policy.sessionDuration !== (a.application.sessionDuration ?? "24h")) w(`      policySessionDuration: ${lit(a.policy.sessionDuration)},`);
    w(`      autoRedirect: ${a.application.autoRedirectToIdentity},`);
    if (idp.scope.kind === "zone") w(`      accountId: ${lit(d.accountId)},`);
    w(`      adopt: { applicationId: ${lit(a.application.id)}, policyId: ${lit(a.policy.id)} },`);
    w("    });");
  }
  for (const g of pairing.groups) {
    const groupId = constructId(g.group.name, "Group", used);
    w(`    ${code}.accessGroup(${lit(groupId)}, { oktaGroups: [${g.oktaGroups.map(lit).join(", ")}], name: ${lit(g.group.name)}, adopt: { accessGroupId: ${lit(g.group.id)} } });`);
  }
}

/** What the constructs always set differently from the live values, so the first apply changes it. */
function firstApplyChanges(d: Discovery, p: Pairing, findings: Finding[]): string[] {
  const idp = p.identityProvider;
  const app = p.oktaApp!;
  const out: string[] = ["both sides get the client secret from its variable (the same value Okta has: nothing rotates)"];
  const fixedAccount = orgUrlWithoutAdmin(idp.oktaAccount);
  if (fixedAccount !== undefined || idp.oktaAccount.replace(/\/+$/, "").toLowerCase() !== d.oktaOrgUrl.toLowerCase()) out.push(`the identity provider's Okta account URL ${note(idp.oktaAccount)} becomes ${note(d.oktaOrgUrl)}`);
  const expected = callbackUrl(idp.teamDomain!);
  if (app.redirectUris.length !== 1 || app.redirectUris[0] !== expected) out.push(`the app's redirect URIs become exactly ${note(expected)}`);
  if (findings.some((f) => f.code === "groups-claim-not-in-claims")) out.push(`the identity provider's claims gain ${note(app.groupsClaim!.name)}`);
  if (app.pkceRequired !== idp.pkceEnabled) out.push("PKCE is turned on on the side where it is off");
  if (app.assignments.length === 0) out.push("the app is assigned to Everyone");
  if (removesAppClaim(p)) {
    if (app.groupsClaim !== undefined) out.push("the app's own groups claim is removed (Cloudflare reads the authorization server's claim)");
  } else if (app.groupsClaim === undefined) out.push("the app gets a groups claim (all groups)");
  return out;
}
