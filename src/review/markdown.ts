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
import { cell, code, escapeText, html, prose } from "./escape";
import { DiagramChange, DiagramChanges, stackDiagram } from "./mermaid";
import { familyOf, nounOf } from "./resource-types";
import { pathBelowStack } from "./stack-index";
import { EffectiveSession, IdentityProviderReview, OktaAppReview, ScopeReview, StackReview } from "./review-model";
import { PlanSummary } from "./plan";
import { FINDING_KIND_ORDER, FINDING_KINDS, ReviewWarning } from "./findings";
import { accessTable, replacementGroups, replacementsSection, verdictLine } from "./markdown-verdict";
import { appendAll } from "../private/arrays";
import { ReviewResult } from "./review";

/** Rows of a change table beyond which the rest is summarized (the JSON output has them all). */
export const MAX_ROWS = 200;
/** Warnings of one kind shown before the rest is folded away. */
export const MAX_WARNINGS = 30;
/** Longest value shown in a change; longer ones are cut. */
const MAX_VALUE = 40;
/** Longest Terraform address shown in one piece in a table; longer ones break after the type. */
const MAX_ADDRESS = 40;

/** Renders a review as GitHub-flavored Markdown: the verdict and the access table first, detail folded away. */
export function renderMarkdown(result: ReviewResult): string {
  const out: string[] = [];
  out.push("## Okta → Cloudflare Access review", "");
  // Computed once: the verdict counts them, the Replacements section shows them.
  const replacements = replacementGroups(result);
  out.push(verdictLine(result, replacements), "");
  appendAll(out, accessTable(result));
  out.push(summaryLine(result), "");

  for (const kind of FINDING_KIND_ORDER) {
    const title = FINDING_KINDS[kind].title;
    const warnings = result.warnings.filter((w) => w.kind === kind);
    if (kind === "replace") {
      // Replacements the diff explains are grouped by cause; the others (a plan's, a renamed stack) stay items.
      appendAll(out, replacementsSection(replacements, warnings.filter((w) => !replacements.explains(w.address)).map(warningItem)));
      continue;
    }
    if (warnings.length === 0) continue;
    out.push(`### ${title} (${warnings.length})`, "");
    for (const w of warnings.slice(0, MAX_WARNINGS)) appendAll(out, warningItem(w));
    if (warnings.length > MAX_WARNINGS) {
      out.push("", `<details><summary>${warnings.length - MAX_WARNINGS} more</summary>`, "");
      for (const w of warnings.slice(MAX_WARNINGS)) appendAll(out, warningItem(w));
      out.push("", "</details>");
    }
    out.push("");
  }

  appendAll(out, adoptionSection(result));

  if (result.diff !== undefined) {
    const changed = result.diff.stacks.filter((s) => s.status !== "unchanged");
    const n = changed.reduce((sum, s) => sum + s.changes.length + s.configChanges.length, 0);
    // With nothing changed, the summary line says so.
    if (changed.length > 0) {
      out.push(`<details><summary>Changes against the base: ${n} ${n === 1 ? "change" : "changes"}</summary>`, "");
      for (const stack of changed) appendAll(out, stackChanges(stack));
      out.push("</details>", "");
    }
  }
  if (result.plan !== undefined) appendAll(out, planSection(result.plan));

  const shown = new Map<string, string>();
  for (const stack of result.stacks) appendAll(out, stackSection(stack, shown, diagramChanges(result.diff?.stacks.find((d) => d.name === stack.name))));
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
    const providers = result.warnings.filter((w) => w.kind === "provider").length;
    if (providers > 0) changes.push(`${providers} required provider ${providers === 1 ? "change" : "changes"}`);
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
  // A construct path starts with its stack's name, which the access table already shows.
  const where = w.constructPath !== undefined ? code(relativePath(w.stack, w.constructPath)) : w.stack !== undefined ? code(w.stack) : "";
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
    c.constructPath !== undefined
      ? `${code(relativePath(stack.name, c.constructPath))}${c.previousConstructPath !== undefined && c.previousConstructPath !== c.constructPath ? `<br>was ${code(relativePath(stack.name, c.previousConstructPath))}` : ""}`
      : addressCell(c.address),
    [
      ...(c.likelyRename ? ["address changed: likely a renamed construct id"] : []),
      ...(c.action === "replace" && !c.likelyRename ? c.replaceReasons.map(prose) : []),
      ...c.attributes.map(attributeLine),
    ].join("<br>"),
  ]);
  if (rows.length > 0) {
    out.push(table(["action", "construct path", "what changes"], rows), "");
    out.push(
      "<details><summary>Terraform addresses</summary>",
      "",
      ...stack.changes.slice(0, MAX_ROWS).map((c) => `- ${c.action} ${code(c.address)}${c.previousAddress !== undefined ? ` was ${code(c.previousAddress)}` : ""}`),
      "",
      "</details>",
      "",
    );
  }
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

/** What the head adopts: its import blocks, and the plan's imports. */
function adoptionSection(result: ReviewResult): string[] {
  const adopted = result.adopted;
  const planned = result.plan?.imports ?? [];
  if (adopted.length === 0 && planned.length === 0) return [];
  const out = [`### 📥 Adopts existing objects (${adopted.length + planned.length})`, ""];
  out.push("Terraform imports these instead of creating them: nothing is recreated, and ids and secrets stay as they are.", "");
  for (const a of adopted) out.push(`- ${code(a.address)}: adopts existing ${code(a.type)} ${code(a.importId)}`);
  for (const p of planned) out.push(`- ${code(p.address)}: the plan adopts ${code(p.importId)}`);
  out.push("");
  return out;
}

/** A construct path below its stack (the stack is named by the section it is in); the whole path when that leaves nothing. */
function relativePath(stack: string | undefined, path: string): string {
  const below = pathBelowStack(stack, path);
  return below.length > 0 ? below.join("/") : path;
}

function attributeLine(a: AttributeChange): string {
  const value = (v: string | undefined) => (v === undefined ? "(none)" : code(cut(v)));
  // Before and after on lines of their own: two ids side by side are wider than a table column.
  return `${code(a.attribute)}${a.forcesReplacement ? " **(forces replacement)**" : ""}: ${value(a.before)}<br>→ ${value(a.after)}`;
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
      planResourceCell(ch.address, ch.type),
      [
        ...(ch.replacePaths.length > 0 ? [`replaced because of ${ch.replacePaths.map(code).join(", ")}`] : []),
        ...ch.attributes.map(attributeLine),
      ].join("<br>"),
    ]);
    out.push(table(["action", "resource", "what changes"], rows), "");
    out.push(
      "<details><summary>Terraform addresses</summary>",
      "",
      ...plan.changes.slice(0, MAX_ROWS).map((ch) => `- ${code(ch.action)} ${code(ch.address)}`),
      "",
      "</details>",
      "",
    );
    if (plan.changes.length > MAX_ROWS) out.push(`… and ${plan.changes.length - MAX_ROWS} more.`, "");
  }
  if (plan.outputs.length > 0) {
    out.push(`Outputs: ${plan.outputs.map((o) => `${code(o.name)} (${code(o.action)}${o.sensitive ? ", sensitive" : ""})`).join(", ")}`, "");
  }
  return out;
}

/**
 * A stack's detail, folded away: identity-provider settings (printed once
 * when several stacks share them), Access groups with the applications that
 * use them, each application's policies, and the wiring diagram.
 */
function stackSection(stack: StackReview, shown: Map<string, string>, changes: DiagramChanges | undefined): string[] {
  const counts = `${stack.resourceCount} resources · ${stack.identityProviders.length} identity provider${stack.identityProviders.length === 1 ? "" : "s"} · ${stack.accessApplications.length} application${stack.accessApplications.length === 1 ? "" : "s"}`;
  const out: string[] = [`<details><summary>Stack <code>${html(stack.name)}</code>: ${counts}</summary>`, ""];

  for (const idp of stack.identityProviders) {
    const lines = identityProvider(idp);
    const key = lines.join("\n");
    const first = shown.get(key);
    if (first !== undefined) out.push(`Identity provider ${code(idp.name)}: the same settings as in stack ${code(first)}.`, "");
    else {
      shown.set(key, stack.name);
      appendAll(out, lines);
    }
  }
  for (const app of stack.unlinkedOktaApps) {
    out.push(`#### Okta app ${code(app.label ?? app.address)} (no Cloudflare identity provider in this stack)`, "");
    out.push(table(["setting", "value"], oktaAppRows(app)), "");
  }
  const usedBy = accessGroupUse(stack);
  if (stack.accessGroups.length > 0) {
    out.push("#### Access groups", "");
    out.push(
      table(
        ["Access group", "admits", "used by"],
        stack.accessGroups.map((g) => {
          const apps = usedBy.get(g.address) ?? [];
          return [
            `${code(g.name)}${g.constructPath !== undefined ? `<br>${code(relativePath(stack.name, g.constructPath))}` : ""}`,
            prose(g.admits),
            apps.length > 0 ? apps.map(code).join(", ") : "**no application**",
          ];
        }),
      ),
      "",
    );
  }
  const attached = new Set(stack.accessApplications.flatMap((a) => a.policies.map((p) => p.policy ?? "")));
  const unattached = stack.accessPolicies.filter((p) => !attached.has(p.address));
  if (unattached.length > 0) {
    out.push("#### Policies no application uses", "");
    for (const p of unattached) {
      out.push(`- ${code(p.name)}${p.constructPath !== undefined ? ` (${code(relativePath(stack.name, p.constructPath))})` : ""}: ${code(p.decision)}, ${prose(p.admits)}`);
    }
    out.push("");
  }
  if (stack.accessApplications.length > 0) {
    const idpNames = new Map(stack.identityProviders.map((i) => [i.address, i.name]));
    out.push("#### Applications in detail", "");
    for (const a of stack.accessApplications) {
      const policies =
        a.policies.length === 0
          ? "**no policy: everybody is denied**"
          : a.policies.map((p) => `${p.precedence ?? "?"}. ${code(p.decision)} ${code(p.name)}: ${prose(p.admits)}${p.decision === "deny" ? "" : `, session ${sessionWords(p.session)}`}`).join("; ");
      const idps = a.allowedIdps.length === 0 ? "all of the account's" : a.allowedIdps.map((i) => code(idpNames.get(i) ?? i)).join(", ");
      out.push(
        `- ${code(a.name)}${a.constructPath !== undefined ? ` (${code(relativePath(stack.name, a.constructPath))})` : ""}: ${policies}. Identity providers: ${idps}; auto-redirect ${a.autoRedirect === true ? "on" : "off"}; application session ${a.sessionDuration !== undefined ? code(a.sessionDuration) : "`24h` (default)"}, effective ${sessionWords(a.effectiveSession)}.`,
      );
    }
    out.push("");
  }
  const diagram = stackDiagram(stack, changes);
  if ("mermaid" in diagram) {
    out.push("#### Wiring", "", "```mermaid", diagram.mermaid, "```", "");
    if (diagram.marks.length > 0) out.push(`Marked: ${diagram.marks.map((m) => MARK_WORDS[m]).join(" · ")}.`, "");
  }
  else out.push(`_No diagram: ${prose(diagram.omitted)}._`, "");
  out.push("</details>", "");
  return out;
}

const MARK_WORDS: { readonly [m in DiagramChange | "unused"]: string } = {
  added: "green: added",
  replaced: "orange, dashed: replaced",
  updated: "blue: updated",
  removed: "red, dotted: removed",
  unused: "grey: an Access group no application uses",
};

/** What the diff does to each resource of a stack, for the diagram's styles. */
function diagramChanges(diff: StackDiff | undefined): DiagramChanges | undefined {
  if (diff === undefined) return undefined;
  const byAddress = new Map<string, DiagramChange>();
  const removed: { address: string; label: string }[] = [];
  for (const c of diff.changes) {
    if (c.mode !== "managed") continue;
    if (c.action === "create") byAddress.set(c.address, "added");
    else if (c.action === "replace") byAddress.set(c.address, "replaced");
    else if (c.action === "update") byAddress.set(c.address, "updated");
    else if (c.action === "delete" && familyOf(c.type) !== undefined) removed.push({ address: c.address, label: `${nounOf(c.type).replace(/^the /, "")} ${c.constructPath !== undefined ? relativePath(diff.name, c.constructPath) : c.address}` });
  }
  return { byAddress, removed };
}

/** For each Access group, the applications whose policies use it. */
export function accessGroupUse(stack: StackReview): Map<string, string[]> {
  const groupsOfPolicy = new Map<string, string[]>();
  for (const p of stack.accessPolicies) {
    const groups = [...p.include, ...p.exclude, ...p.require].map((r) => r.accessGroup).filter((g): g is string => g !== undefined);
    groupsOfPolicy.set(p.address, groups);
  }
  const used = new Map<string, string[]>();
  for (const app of stack.accessApplications) {
    for (const p of app.policies) {
      for (const g of groupsOfPolicy.get(p.policy ?? "") ?? []) {
        const apps = used.get(g) ?? [];
        if (!apps.includes(app.name)) apps.push(app.name);
        used.set(g, apps);
      }
    }
  }
  return used;
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
      `${code(claim.name)} (${code(claim.claimType ?? "?")}, ${code(claim.valueType ?? "?")}): ${prose(claim.description)}${claim.alwaysIncluded ? ", always in the token" : ", only when requested"}<br>${addressCell(claim.address)}`,
    ]);
  }
  rows.push(["Cloudflare IdP", `${code(idp.name)}, type ${code(idp.idpType)}<br>${addressCell(idp.address)}`]);
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
    ["Okta app", `${app.label !== undefined ? code(app.label) : "(no label)"}${app.appType !== undefined ? `, type ${code(app.appType)}` : ""}<br>${addressCell(app.address)}`],
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

/**
 * A Terraform address in a table cell. Code spans never wrap, so a long
 * address (60 characters and more, from cdktf's generated names) would make
 * the table wider than the comment: it breaks after the type.
 */
function addressCell(address: string): string {
  if (address.length <= MAX_ADDRESS) return code(address);
  const dot = address.startsWith("data.") ? address.indexOf(".", 5) : address.indexOf(".");
  return dot > 0 ? `${code(address.slice(0, dot))}<br>${code(address.slice(dot))}` : code(address);
}

/** A plan's resource in a table: its name, and what it is in words (the full address is listed below the table). */
function planResourceCell(address: string, type: string): string {
  const parts = address.split(".");
  const name = parts[parts.length - 1] ?? address;
  const what = familyOf(type) !== undefined ? nounOf(type).replace(/^the /, "") : type;
  return `${code(cut(name))}<br>${escapeText(address.startsWith("data.") ? `${what} (data source)` : what)}`;
}

function cut(text: string): string {
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}
