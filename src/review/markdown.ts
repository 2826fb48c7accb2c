/**
 * The Markdown renderer: a review for a pull request comment or a terminal.
 * Every value that comes from the stacks is put in a code span or escaped, so
 * a crafted name cannot inject Markdown, HTML or @mentions into the comment.
 */
// markdown-table v2 is CommonJS with `export =` (v3 is ESM-only): this import
// form compiles the same with and without esModuleInterop (jsii has none).
// eslint-disable-next-line @typescript-eslint/no-require-imports
import markdownTable = require("markdown-table");
import { AttributeChange, ChangeAction, StackDiff } from "./diff";
import { cell, code, html, prose } from "./escape";
import { stackDiagram } from "./mermaid";
import { EffectiveSession, IdentityProviderReview, OktaAppReview, ScopeReview, StackReview } from "./review-model";
import { PlanSummary } from "./plan";
import { FINDING_KIND_ORDER, FINDING_KINDS, ReviewWarning } from "./findings";
import { ReviewResult } from "./review";

/** Rows of a change table beyond which the rest is summarized (the JSON output has them all). */
export const MAX_ROWS = 200;
/** Warnings of one kind shown before the rest is folded away. */
export const MAX_WARNINGS = 30;
/** Longest value shown in a change; longer ones are cut. */
const MAX_VALUE = 160;

/** Renders a review as GitHub-flavored Markdown. */
export function renderMarkdown(result: ReviewResult): string {
  const out: string[] = [];
  out.push("## Okta → Cloudflare Access review", "");
  out.push(summaryLine(result), "");

  for (const kind of FINDING_KIND_ORDER) {
    const title = FINDING_KINDS[kind].title;
    const warnings = result.warnings.filter((w) => w.kind === kind);
    if (warnings.length === 0) continue;
    out.push(`### ${title} (${warnings.length})`, "");
    for (const w of warnings.slice(0, MAX_WARNINGS)) out.push(...warningItem(w));
    if (warnings.length > MAX_WARNINGS) {
      out.push("", `<details><summary>${warnings.length - MAX_WARNINGS} more</summary>`, "");
      for (const w of warnings.slice(MAX_WARNINGS)) out.push(...warningItem(w));
      out.push("", "</details>");
    }
    out.push("");
  }

  if (result.diff !== undefined) {
    out.push("### Changes against the base", "");
    const changed = result.diff.stacks.filter((s) => s.status !== "unchanged");
    if (changed.length === 0) out.push("No resource changes.", "");
    for (const stack of changed) out.push(...stackChanges(stack));
  }
  if (result.plan !== undefined) out.push(...planSection(result.plan));

  const collapse = result.diff !== undefined || result.plan !== undefined;
  for (const stack of result.stacks) out.push(...stackSection(stack, collapse));
  out.push("<sub>cdktf-okta-access review: secret values are never shown.</sub>", "");
  return out.join("\n");
}

function summaryLine(result: ReviewResult): string {
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const all = <T>(pick: (s: StackReview) => T[]) => result.stacks.reduce((n, s) => n + pick(s).length, 0);
  const parts = [
    count(result.stacks.length, "stack", "stacks"),
    count(all((s) => s.identityProviders), "identity provider", "identity providers"),
    count(all((s) => s.accessApplications), "Access application", "Access applications"),
    count(all((s) => s.accessPolicies), "policy", "policies"),
    count(all((s) => s.accessGroups), "Access group", "Access groups"),
  ];
  let line = parts.join(" · ");
  if (result.diff !== undefined) {
    const c = result.diff.counts;
    const changes = (["replace", "delete", "create", "import", "update", "move"] as ChangeAction[])
      .filter((a) => c[a] > 0)
      .map((a) => `${c[a]} ${ACTION_WORDS[a]}`);
    const config = result.diff.stacks.reduce((n, st) => n + st.configChanges.length, 0);
    if (config > 0) changes.push(`${config} configuration ${config === 1 ? "change" : "changes"} (locals, variables, providers)`);
    line += `\n\nAgainst the base: ${changes.length > 0 ? changes.join(" · ") : "no resource changes"}.`;
  }
  const urgent = result.warnings.filter((w) => w.kind !== "check").length;
  if (urgent === 0 && result.warnings.length === 0) line += "\n\nNothing to warn about.";
  return line;
}

const ACTION_WORDS: { [a in ChangeAction]: string } = {
  replace: "to replace",
  delete: "to delete",
  create: "to create",
  import: "to import",
  update: "to update",
  move: "to move",
};

function warningItem(w: ReviewWarning): string[] {
  // A construct path starts with its stack's name.
  const where = w.constructPath !== undefined ? code(w.constructPath) : w.stack !== undefined ? code(w.stack) : "";
  const lines = [`- ${where ? `${where}: ` : ""}${prose(w.message)}`];
  if (w.impact !== undefined) lines.push(`  **Impact:** ${prose(w.impact)}`);
  if (w.hint !== undefined) lines.push(`  **Fix:** ${prose(w.hint)}`);
  return [lines.join("<br>\n")];
}

function stackChanges(stack: StackDiff): string[] {
  const status = stack.status === "added" ? " (new stack)" : stack.status === "removed" ? " (stack removed)" : "";
  const config = stack.configChanges.length > 0 ? ` and ${stack.configChanges.length} configuration ${stack.configChanges.length === 1 ? "change" : "changes"}` : "";
  const out = [`#### ${code(stack.name)}${status}: ${stack.changes.length} ${stack.changes.length === 1 ? "change" : "changes"}${config}`, ""];
  const rows = stack.changes.slice(0, MAX_ROWS).map((c) => [
    c.action,
    c.previousAddress !== undefined ? `${code(c.address)}<br>was ${code(c.previousAddress)}` : code(c.address),
    c.constructPath !== undefined ? code(c.constructPath) : "",
    [
      ...(c.likelyRename ? ["address changed: likely a renamed construct id"] : []),
      ...(c.action === "replace" && !c.likelyRename ? c.replaceReasons.map(prose) : []),
      ...c.attributes.map(attributeLine),
    ].join("<br>"),
  ]);
  if (rows.length > 0) out.push(table(["action", "resource", "construct path", "what changes"], rows), "");
  if (stack.configChanges.length > 0) {
    out.push(
      "Configuration (locals, variable defaults, providers); their effect on resources is in the rows above:",
      "",
      table(
        ["kind", "name", "what changes"],
        stack.configChanges.map((c) => [c.kind, code(c.name), c.attributes.map(attributeLine).join("<br>")]),
      ),
      "",
    );
  }
  if (stack.changes.length > MAX_ROWS) out.push(`… and ${stack.changes.length - MAX_ROWS} more (\`--format json\` lists them all).`, "");
  return out;
}

function attributeLine(a: AttributeChange): string {
  const value = (v: string | undefined) => (v === undefined ? "(none)" : code(cut(v)));
  return `${code(a.attribute)}: ${value(a.before)} → ${value(a.after)}${a.forcesReplacement ? " **(forces replacement)**" : ""}`;
}

function planSection(plan: PlanSummary): string[] {
  const c = plan.counts;
  const out = [`### Plan ${code(plan.file)}${plan.terraformVersion !== undefined ? ` (Terraform ${code(plan.terraformVersion)})` : ""}`, ""];
  out.push(
    `${c.replace > 0 ? `**${c.replace} to replace**` : "0 to replace"} · ${c.delete > 0 ? `**${c.delete} to delete**` : "0 to delete"} · ${c.create} to create · ${c.update} to update${c.read > 0 ? ` · ${c.read} to read` : ""}${c.forget > 0 ? ` · ${c.forget} to forget` : ""} · ${c["no-op"]} unchanged`,
    "",
  );
  if (plan.errored) out.push("**The plan errored**: it is incomplete.", "");
  if (plan.drift > 0) out.push(`${plan.drift} resource(s) changed outside Terraform since the last apply (drift).`, "");
  if (plan.changes.length > 0) {
    const rows = plan.changes.slice(0, MAX_ROWS).map((ch) => [
      code(ch.action),
      code(ch.address),
      [
        ...(ch.replacePaths.length > 0 ? [`replaced because of ${ch.replacePaths.map(code).join(", ")}`] : []),
        ...ch.attributes.map(attributeLine),
      ].join("<br>"),
    ]);
    out.push(table(["action", "resource", "what changes"], rows), "");
    if (plan.changes.length > MAX_ROWS) out.push(`… and ${plan.changes.length - MAX_ROWS} more.`, "");
  }
  if (plan.outputs.length > 0) {
    out.push(`Outputs: ${plan.outputs.map((o) => `${code(o.name)} (${code(o.action)}${o.sensitive ? ", sensitive" : ""})`).join(", ")}`, "");
  }
  return out;
}

function stackSection(stack: StackReview, collapse: boolean): string[] {
  const out: string[] = [];
  const counts = `${stack.resourceCount} resources · ${stack.identityProviders.length} identity provider${stack.identityProviders.length === 1 ? "" : "s"} · ${stack.accessApplications.length} application${stack.accessApplications.length === 1 ? "" : "s"}`;
  if (collapse) out.push(`<details><summary>Stack <code>${html(stack.name)}</code>: ${counts}</summary>`, "");
  else out.push(`### Stack ${code(stack.name)}`, "", counts, "");

  for (const idp of stack.identityProviders) out.push(...identityProvider(idp));
  for (const app of stack.unlinkedOktaApps) {
    out.push(`#### Okta app ${code(app.label ?? app.address)} (no Cloudflare identity provider in this stack)`, "");
    out.push(table(["setting", "value"], oktaAppRows(app)), "");
  }
  if (stack.accessGroups.length > 0) {
    out.push("#### Access groups", "");
    out.push(
      table(
        ["Access group", "construct path", "admits"],
        stack.accessGroups.map((g) => [code(g.name), g.constructPath !== undefined ? code(g.constructPath) : code(g.address), prose(g.admits)]),
      ),
      "",
    );
  }
  if (stack.accessPolicies.length > 0) {
    out.push("#### Access policies", "");
    out.push(
      table(
        ["policy", "decision", "admits", "Okta groups", "session"],
        stack.accessPolicies.map((p) => [
          `${code(p.name)}${p.constructPath !== undefined ? `<br>${code(p.constructPath)}` : ""}`,
          code(p.decision),
          prose(p.admits),
          p.everyone ? "**everyone**" : p.oktaGroups.map(code).join(", "),
          p.sessionDuration !== undefined ? code(p.sessionDuration) : p.address.startsWith("cloudflare_zero_trust_access_policy.") ? "none: the provider's `24h`" : "application's",
        ]),
      ),
      "",
    );
  }
  if (stack.accessApplications.length > 0) {
    const idpNames = new Map(stack.identityProviders.map((i) => [i.address, i.name]));
    out.push("#### Access applications", "");
    out.push(
      table(
        ["application", "domains", "policies (precedence: decision, who, session)", "identity providers", "auto-redirect", "session"],
        stack.accessApplications.map((a) => [
          `${code(a.name)}${a.appType !== undefined ? ` (${code(a.appType)})` : ""}${a.constructPath !== undefined ? `<br>${code(a.constructPath)}` : ""}`,
          a.domains.map(code).join("<br>"),
          a.policies.length === 0
            ? "**none: everybody is denied**"
            : a.policies.map((p) => `${p.precedence ?? "?"}. ${code(p.name)}: ${code(p.decision)}, ${prose(p.admits)}${p.decision === "deny" ? "" : `, session ${sessionWords(p.session)}`}`).join("<br>"),
          a.allowedIdps.length === 0 ? "all of the account's" : a.allowedIdps.map((i) => code(idpNames.get(i) ?? i)).join(", "),
          a.autoRedirect === undefined ? "no" : a.autoRedirect ? "yes" : "no",
          `**${code(a.effectiveSession.duration)}** effective (${SOURCE_WORDS[a.effectiveSession.source]}); application's ${a.sessionDuration !== undefined ? code(a.sessionDuration) : "`24h` (default)"}`,
        ]),
      ),
      "",
    );
  }
  const diagram = stackDiagram(stack);
  if ("mermaid" in diagram) out.push("#### Wiring", "", "```mermaid", diagram.mermaid, "```", "");
  else out.push(`_No diagram: ${prose(diagram.omitted)}._`, "");
  if (collapse) out.push("</details>", "");
  return out;
}

function identityProvider(idp: IdentityProviderReview): string[] {
  const construct = idp.constructPath !== undefined ? idp.constructPath.split("/").slice(0, -1).join("/") : undefined;
  const out = [`#### Identity provider ${code(idp.name)}${construct ? ` (${code(construct)})` : ""}`, ""];
  const rows: string[][] = [];
  if (idp.oktaApp !== undefined) rows.push(...oktaAppRows(idp.oktaApp));
  else rows.push(["Okta app", idp.clientId !== undefined ? `not in this stack (client id ${code(idp.clientId)})` : "not in this stack"]);
  if (idp.oktaApp !== undefined) {
    const app = idp.oktaApp;
    const pkce =
      app.pkceRequired === idp.pkceEnabled
        ? app.pkceRequired === true
          ? "on (required by Okta, enabled in Cloudflare)"
          : app.pkceRequired === false
            ? "off"
            : "provider defaults"
        : `Okta ${flag(app.pkceRequired)}, Cloudflare ${flag(idp.pkceEnabled)} (**mismatch**)`;
    rows.push(["PKCE", pkce]);
  } else {
    rows.push(["PKCE", `Cloudflare ${flag(idp.pkceEnabled)}`]);
  }
  rows.push(["Authorization server", idp.authorizationServerId !== undefined ? `custom: ${code(idp.authorizationServerId)}` : "Okta org authorization server"]);
  for (const claim of idp.authServerClaims) {
    rows.push([
      "Authorization server claim",
      `${code(claim.name)} (${code(claim.claimType ?? "?")}, ${code(claim.valueType ?? "?")}): ${prose(claim.description)}${claim.alwaysIncluded ? ", always in the token" : ", only when requested"} (${code(claim.address)})`,
    ]);
  }
  rows.push(["Cloudflare IdP", `${code(idp.name)} (${code(idp.address)}, type ${code(idp.idpType)})`]);
  rows.push([scopeLabel(idp.scope), idp.scope.id !== "" ? code(idp.scope.id) : "**not set**"]);
  rows.push(["Okta org URL", idp.oktaOrgUrl !== undefined ? code(idp.oktaOrgUrl) : "not set"]);
  rows.push(["Claims", idp.claims.length > 0 ? idp.claims.map(code).join(", ") : "none"]);
  rows.push(["Email claim", idp.emailClaimName !== undefined ? code(idp.emailClaimName) : "`email` (Cloudflare's default)"]);
  rows.push(["SCIM", scimText(idp)]);
  out.push(table(["setting", "value"], rows), "");
  return out;
}

function oktaAppRows(app: OktaAppReview): string[][] {
  const claim = app.groupsClaim;
  const assignments =
    app.assignments.length === 0
      ? "**none**"
      : app.assignments.map((a) => (a.everyone ? "**Everyone**" : code(a.group)) + (a.additive && a.retained ? " (retained on destroy)" : "")).join(", ");
  const mode = {
    exclusive: "exclusive: `okta_app_group_assignments` removes assignments made elsewhere",
    additive: "additive: `okta_app_group_assignment` leaves other assignments alone",
    mixed: "**both exclusive and additive** (they conflict)",
    none: "no assignment resource",
  }[app.assignmentMode];
  return [
    ["Okta app", `${app.label !== undefined ? code(app.label) : "(no label)"} (${code(app.address)}${app.appType !== undefined ? `, type ${code(app.appType)}` : ""})`],
    ["Redirect URIs", app.redirectUris.length > 0 ? app.redirectUris.map(code).join("<br>") : "**none**"],
    [
      "Groups claim",
      claim === undefined
        ? "**none**: Okta sends no groups"
        : `${code(claim.claimName)}: ${prose(claim.description)} (${code(claim.type)}${claim.filterType !== undefined ? `, ${code(claim.filterType)}` : ""} ${code(claim.value)})`,
    ],
    ["Assignments", `${assignments}; ${mode}`],
  ];
}

const SOURCE_WORDS: { readonly [source in EffectiveSession["source"]]: string } = {
  policy: "a policy's",
  "provider default": "the provider's default: a policy sets none",
  application: "the application's",
};

function sessionWords(session: EffectiveSession): string {
  return `${code(session.duration)} (${SOURCE_WORDS[session.source]})`;
}

function scimText(idp: IdentityProviderReview): string {
  const scim = idp.scim;
  if (scim === undefined || !scim.enabled) return "off";
  const parts = [
    `user deprovisioning ${flag(scim.userDeprovision)}`,
    `seat deprovisioning ${flag(scim.seatDeprovision)}`,
    `identity update: ${scim.identityUpdateBehavior !== undefined ? code(scim.identityUpdateBehavior) : "provider default"}`,
  ];
  return `on (${parts.join(", ")})`;
}

function scopeLabel(scope: ScopeReview): string {
  return scope.kind === "zone" ? "Zone" : scope.kind === "account" ? "Account" : "Account or zone";
}

function flag(value: boolean | undefined): string {
  return value === undefined ? "default" : value ? "on" : "off";
}

function table(header: string[], rows: string[][]): string {
  return markdownTable([header, ...rows.map((row) => row.map(cell))], { alignDelimiters: false });
}

function cut(text: string): string {
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}
