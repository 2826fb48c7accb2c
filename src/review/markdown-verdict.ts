/**
 * The first screen of the review comment: one bold verdict line that counts
 * what a reviewer must judge, the access table (who gets into which
 * application, before → after), and replacements grouped by their cause.
 * Formatting only: the decisions come from access-compare.ts, findings.ts and
 * the diff. Every value from the input goes through escape.ts.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
import markdownTable = require("markdown-table");
import { AccessRow, AccessState, AccessVerdict } from "./access-compare";
import { ResourceChange } from "./diff";
import { cell, code, escapeText, oneLine, prose } from "./escape";
import { nounOf, replacedInShort, replacementImpact, severity } from "./resource-types";
import { ReviewResult } from "./review";
import { pathBelowStack } from "./stack-index";
import { appendAll } from "../private/arrays";

/** Kinds of findings the verdict line names on their own; the rest count as warnings. */
const OWN_COUNT = new Set(["secret", "replace", "undecided", "widen", "narrow"]);

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The verdict: one bold line. */
export function verdictLine(result: ReviewResult, replacementsOfDiff: ReplacementGroups): string {
  const count = (kind: string) => result.warnings.filter((w) => w.kind === kind).length;
  const secrets = result.literalSecrets.length;
  const widenings = count("widen");
  const narrowings = count("narrow");
  const undecided = count("undecided");
  const replacements = replacementsOfDiff.groups.length + result.warnings.filter((w) => w.kind === "replace" && !replacementsOfDiff.explains(w.address)).length;
  const warnings = result.warnings.filter((w) => !OWN_COUNT.has(w.kind)).length;
  const { counts, compared } = result.access;
  const parts: string[] = [];
  if (secrets > 0) parts.push(`⛔ ${plural(secrets, "literal secret", "literal secrets")}`);
  // What the review cannot decide comes first: it fails --fail-on widen like a widening. Per application when the table shows it.
  if (result.access.counts.cannotTell > 0) parts.push(`❓ Cannot tell for ${plural(result.access.counts.cannotTell, "application", "applications")}`);
  else if (undecided > 0) parts.push(`❓ Cannot tell (${plural(undecided, "finding", "findings")})`);
  if (compared || result.plan !== undefined) {
    // Per application when the access table shows it; else the findings (a claim, an assignment to Everyone…).
    const widens = counts.widens > 0 ? `for ${plural(counts.widens, "application", "applications")}` : widenings > 0 ? `(${plural(widenings, "finding", "findings")})` : "";
    const narrows = counts.narrows > 0 ? `for ${plural(counts.narrows, "application", "applications")}` : narrowings > 0 ? `(${plural(narrowings, "finding", "findings")}: may lock people out)` : "";
    if (widens !== "") parts.push(`⚠️ Access widens ${widens}`);
    if (narrows !== "") parts.push(`${widens !== "" ? "narrows" : "Access narrows"} ${narrows}`);
    // Applications that appear or go away change who gets in where, even when no existing one widens or narrows.
    if (counts.new > 0) parts.push(`🆕 ${plural(counts.new, "new application", "new applications")}`);
    if (counts.removed > 0) parts.push(`${plural(counts.removed, "application", "applications")} removed`);
    // "No access change" only when the review decided everything and the applications are the same.
    if (widens === "" && narrows === "" && undecided === 0 && counts.new === 0 && counts.removed === 0) parts.push("✅ No access change");
    parts.push(replacements > 0 ? `⚠️ ${plural(replacements, "replacement", "replacements")}` : "no replacement");
  } else {
    parts.push(`Who gets in today: ${plural(result.access.rows.length, "application", "applications")}`);
  }
  if (secrets === 0) parts.push("no literal secret");
  parts.push(warnings > 0 ? plural(warnings, "warning", "warnings") : "no warning");
  return `**${parts.join(" · ")}**`;
}

const VERDICT_WORDS: { readonly [v in AccessVerdict]: string } = {
  widens: "⚠️ **widens**",
  narrows: "narrows",
  "widens and narrows": "⚠️ **widens** and narrows",
  "cannot tell": "❓ **cannot tell** (counts as widening)",
  unchanged: "unchanged",
  new: "new application",
  removed: "⚠️ **removed**: no longer protected",
  "no longer managed": "no longer managed (stack removed)",
};

/** The verdict cell: a removed application whose hostnames all moved elsewhere leaves nothing unprotected. */
function verdictWords(row: AccessRow): string {
  if (row.verdict === "removed" && !row.changes.some((c) => c.kind === "widen")) return "removed: its hostnames are behind other applications";
  return VERDICT_WORDS[row.verdict];
}

function who(state: AccessState | undefined, added: readonly string[], removed: readonly string[]): string {
  if (state === undefined) return removed.map((g) => `➖ ~~${code(g)}~~`).join(", ") || "nobody";
  const parts: string[] = [];
  if (state.everyone) parts.push("**everyone**");
  for (const g of state.oktaGroups) parts.push(added.includes(g) ? `➕ **${code(g)}**` : code(g));
  for (const g of removed) parts.push(`➖ ~~${code(g)}~~`);
  for (const rule of state.otherRules) parts.push(escapeText(rule));
  return parts.length > 0 ? parts.join(", ") : "nobody (no allow rule)";
}

function session(row: AccessRow): string {
  const before = row.before?.session;
  const after = row.after?.session;
  if (before !== undefined && after !== undefined && before !== after) return `${code(before)} → **${code(after)}**`;
  return code(after ?? before ?? "?");
}

/** The access table: one row per application. */
export function accessTable(result: ReviewResult): string[] {
  const rows = result.access.rows;
  if (rows.length === 0) return ["No Access application in these stacks: nobody gets in through Access.", ""];
  const stacks = new Set(rows.map((r) => r.stack));
  const header = result.access.compared ? ["application", "who gets in (before → after)", "session", "verdict"] : ["application", "who gets in", "session"];
  const body = rows.map((r) => {
    const where = `${stacks.size > 1 ? `${code(r.stack)}: ` : ""}${code(r.application)}${r.domains.length > 0 ? `<br>${r.domains.map(code).join(", ")}` : ""}`;
    const line = [where, who(r.after, r.groupsAdded, r.groupsRemoved), session(r)];
    if (result.access.compared) line.push(verdictWords(r));
    return line;
  });
  return [markdownTable([header, ...body.map((row) => row.map(cell))], { alignDelimiters: false }), ""];
}

/** One replacement cause: a renamed construct, or a force-new change of one construct. */
export interface ReplacementGroup {
  readonly stack: string;
  /** For a rename: the old and new construct paths below the stack. */
  readonly from?: string;
  readonly to?: string;
  /** For a force-new change: the construct and why. */
  readonly construct?: string;
  readonly reasons: string[];
  readonly changes: ResourceChange[];
}

/** The renamed part of two construct paths: the common tail removed. */
function renamedPart(stack: string, before: string | undefined, after: string | undefined): { from: string; to: string } | undefined {
  const b = pathBelowStack(stack, before);
  const a = pathBelowStack(stack, after);
  if (b.length === 0 || a.length === 0) return undefined;
  while (b.length > 1 && a.length > 1 && b[b.length - 1] === a[a.length - 1]) {
    b.pop();
    a.pop();
  }
  return { from: b.join("/"), to: a.join("/") };
}

/** The diff's replacements by cause, and whether a finding's address is one of them. */
export interface ReplacementGroups {
  /** One group per cause, most harmful first. */
  readonly groups: readonly ReplacementGroup[];
  /** True when the diff's groups cover the resource at this address. */
  explains(address: string | undefined): boolean;
}

/** Replacements of the diff, one group per cause, most harmful first. */
export function replacementGroups(result: ReviewResult): ReplacementGroups {
  const groups = new Map<string, ReplacementGroup & { changes: ResourceChange[] }>();
  for (const stack of result.diff?.stacks ?? []) {
    for (const change of stack.changes) {
      if (change.action !== "replace" || change.mode !== "managed") continue;
      const renamed = change.likelyRename ? renamedPart(stack.name, change.previousConstructPath, change.constructPath) : undefined;
      const construct = pathBelowStack(stack.name, change.constructPath).slice(0, -1).join("/");
      const key = JSON.stringify(renamed !== undefined ? [stack.name, "rename", renamed.from, renamed.to] : [stack.name, "force-new", construct, change.replaceReasons]);
      let group = groups.get(key);
      if (group === undefined) {
        group =
          renamed !== undefined
            ? { stack: stack.name, from: renamed.from, to: renamed.to, reasons: [], changes: [] }
            : { stack: stack.name, construct: construct || change.address, reasons: change.replaceReasons, changes: [] };
        groups.set(key, group);
      }
      group.changes.push(change);
    }
  }
  const worst = (g: ReplacementGroup) => g.changes.reduce((least, c) => Math.min(least, severity(c.type)), Infinity);
  const addresses = new Set([...groups.values()].flatMap((g) => g.changes.map((c) => c.address)));
  return { groups: [...groups.values()].sort((a, b) => worst(a) - worst(b)), explains: (address) => address !== undefined && addresses.has(address) };
}

/** A fenced code block that no input can close: a fence longer than any backtick run, one line per entry. */
function codeBlock(language: string, lines: readonly string[]): string[] {
  const flat = lines.map(oneLine);
  let longest = 0;
  for (const line of flat) for (const run of line.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = "`".repeat(Math.max(3, longest + 1));
  return [`${fence}${language}`, ...flat, fence];
}

function nouns(changes: readonly ResourceChange[]): string {
  const seen: string[] = [];
  for (const c of [...changes].sort((a, b) => severity(a.type) - severity(b.type))) {
    const noun = nounOf(c.type);
    if (!seen.includes(noun)) seen.push(noun);
  }
  return seen.length <= 1 ? (seen[0] ?? "resources") : `${seen.slice(0, -1).join(", ")} and ${seen[seen.length - 1]}`;
}

/** The replacements section, grouped by cause, impact and fix folded away. */
export function replacementsSection(replacements: ReplacementGroups, others: readonly string[][]): string[] {
  const groups = replacements.groups;
  const total = groups.length + others.length;
  if (total === 0) return [];
  const out = [`### ⚠️ Replacements (${total})`, ""];
  for (const g of groups) {
    const short = replacedInShort([...g.changes].sort((a, b) => severity(a.type) - severity(b.type))[0].type);
    const what = `replaces ${nouns(g.changes)}${short !== undefined ? ` (${escapeText(short)})` : ""}`;
    const head = g.from !== undefined ? `${code(g.from)} → ${code(g.to ?? "")} ${what}` : `${code(g.construct ?? "")}: ${g.reasons.map(prose).join("; ")} ${what}`;
    // A paragraph, not a list item: the fix's code block keeps the comment's full width.
    out.push(head, "", "<details><summary>Impact and fix</summary>", "");
    const impacts = [...new Set([...g.changes].sort((a, b) => severity(a.type) - severity(b.type)).map((c) => replacementImpact(c.type)))];
    for (const impact of impacts) out.push(`**Impact:** ${escapeText(impact)}`, "");
    if (g.from !== undefined) {
      out.push(`**Fix:** keep the construct id ${code(g.from.split("/").pop() ?? g.from)}, or declare the moves in the new code (each writes a Terraform \`moved\` block):`, "");
      const lines: string[] = [];
      for (const c of g.changes) {
        lines.push(`// ${pathBelowStack(g.stack, c.constructPath).join("/")}`, "resource.moveFromId(", `  ${JSON.stringify(c.previousAddress ?? "")},`, ");");
      }
      appendAll(out, codeBlock("ts", lines));
      out.push("");
    } else {
      out.push("**Fix:** keep the attribute, or accept the replacement on purpose (announce it: users sign in again).", "");
    }
    out.push("Terraform addresses:", "");
    for (const c of g.changes) out.push(`- ${code(c.address)}${c.previousAddress !== undefined ? ` was ${code(c.previousAddress)}` : ""}`);
    out.push("", "</details>", "");
  }
  for (const item of others) appendAll(out, item);
  out.push("");
  return out;
}
