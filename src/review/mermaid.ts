/**
 * The wiring of a stack as a Mermaid flowchart, which GitHub renders in
 * Markdown: Okta app → identity provider → (Access groups →) policies →
 * applications, top to bottom so that it stays legible at a PR comment's
 * width. Against a base, added, replaced, updated and removed resources get
 * their own styles (`classDef`), and Access groups no application uses are
 * marked; labels that carry no information (a lone policy's precedence, the
 * usual `allow`) are left out.
 */
import { StackReview } from "./review-model";
import { oneLine } from "./escape";
import { plainText } from "./text";

/** Beyond this many nodes a diagram is unreadable (and GitHub refuses very large ones). */
export const MAX_DIAGRAM_NODES = 120;

/** The diagram's source, or a reason why there is none. */
export type Diagram = { readonly mermaid: string; readonly marks: readonly (DiagramChange | "unused")[] } | { readonly omitted: string };

/** What happened to a resource against the base, for its style in the diagram. */
export type DiagramChange = "added" | "replaced" | "updated" | "removed";

/** The change of a stack against its base, for {@link stackDiagram}. */
export interface DiagramChanges {
  /** By head address (base address for `removed`). */
  readonly byAddress: ReadonlyMap<string, DiagramChange>;
  /** Resources of the base that the head no longer has, to draw as removed. */
  readonly removed: readonly { readonly address: string; readonly label: string }[];
}

const STYLES: { readonly [c in DiagramChange | "unused"]: string } = {
  added: "fill:#dafbe1,stroke:#1a7f37,stroke-width:2px",
  replaced: "fill:#fff1e5,stroke:#bc4c00,stroke-width:3px,stroke-dasharray:6 3",
  updated: "fill:#ddf4ff,stroke:#0969da,stroke-width:2px",
  removed: "fill:#ffebe9,stroke:#cf222e,stroke-width:2px,stroke-dasharray:3 3",
  unused: "fill:#f6f8fa,stroke:#8c959f,stroke-dasharray:2 2",
};

/** Draws a stack's wiring; with `changes`, marks what the change adds, replaces, updates and removes. */
export function stackDiagram(stack: StackReview, changes?: DiagramChanges): Diagram {
  const nodes: string[] = [];
  const edges: string[] = [];
  const seen = new Set<string>();
  const ids = new Map<string, string>();
  const node = (address: string, shape: [string, string], lines: string[]) => {
    const id = `n${ids.size}`;
    ids.set(address, id);
    nodes.push(`  ${id}${shape[0]}"${lines.map(label).join("<br/>")}"${shape[1]}`);
    return id;
  };
  const edge = (from: string | undefined, to: string | undefined, text?: string) => {
    if (from === undefined || to === undefined) return;
    const line = text ? `  ${from} -->|"${label(text)}"| ${to}` : `  ${from} --> ${to}`;
    if (!seen.has(line)) {
      seen.add(line);
      edges.push(line);
    }
  };

  for (const idp of stack.identityProviders) {
    const app = idp.oktaApp;
    if (app) {
      const assigned = app.assignments.length === 0 ? "no group" : app.assignments.map((a) => a.group).join(", ");
      node(app.address, ["[", "]"], [`Okta app: ${app.label ?? app.address}`, `assigned: ${shorten(assigned)}`]);
    }
    node(idp.address, ["([", "])"], [`Cloudflare IdP: ${idp.name}`, app?.groupsClaim ? `claim ${app.groupsClaim.claimName}: ${shorten(app.groupsClaim.description)}` : idp.idpType]);
    if (app) edge(ids.get(app.address), ids.get(idp.address));
  }
  for (const app of stack.unlinkedOktaApps) node(app.address, ["[", "]"], [`Okta app: ${app.label ?? app.address}`, "no Cloudflare IdP in this stack"]);
  const usedGroups = new Set<string>();
  const policiesInUse = new Set(stack.accessApplications.flatMap((a) => a.policies.map((p) => p.policy ?? "")));
  for (const p of stack.accessPolicies) {
    if (!policiesInUse.has(p.address)) continue;
    for (const r of [...p.include, ...p.exclude, ...p.require]) if (r.accessGroup !== undefined) usedGroups.add(r.accessGroup);
  }
  for (const group of stack.accessGroups) {
    node(group.address, ["{{", "}}"], usedGroups.has(group.address) ? [`Access group: ${group.name}`] : [`Access group: ${group.name}`, "used by no application"]);
  }
  for (const policy of stack.accessPolicies) {
    node(policy.address, ["[[", "]]"], policy.decision === "allow" ? [`Policy: ${policy.name}`] : [`Policy: ${policy.name}`, policy.decision]);
  }
  for (const app of stack.accessApplications) node(app.address, ["[(", ")]"], [`Access app: ${app.name}`, shorten(app.domains.join(", "))]);
  for (const gone of changes?.removed ?? []) node(gone.address, ["[", "]"], [`removed: ${gone.label}`]);
  if (ids.size === 0) return { omitted: "nothing to draw: no identity provider, Okta app or Access resource" };
  if (ids.size > MAX_DIAGRAM_NODES) return { omitted: `the diagram would have ${ids.size} nodes (more than ${MAX_DIAGRAM_NODES})` };

  const wireRules = (target: string, rules: { oktaGroup?: string; identityProvider?: string; accessGroup?: string; kind: string }[]) => {
    const byIdp = new Map<string, string[]>();
    for (const rule of rules) {
      if (rule.kind === "okta" && rule.identityProvider !== undefined) {
        const groups = byIdp.get(rule.identityProvider) ?? [];
        groups.push(rule.oktaGroup ?? "?");
        byIdp.set(rule.identityProvider, groups);
      }
      if (rule.kind === "group" && rule.accessGroup !== undefined) edge(ids.get(rule.accessGroup), ids.get(target));
    }
    for (const [idp, groups] of byIdp) edge(ids.get(idp), ids.get(target), shorten(groups.join(", ")));
  };
  for (const group of stack.accessGroups) wireRules(group.address, group.include);
  for (const policy of stack.accessPolicies) wireRules(policy.address, policy.include);
  for (const app of stack.accessApplications) {
    for (const policy of app.policies) {
      // Precedence matters only between several policies of one application.
      const order = app.policies.length > 1 && policy.precedence !== undefined ? `precedence ${policy.precedence}` : undefined;
      if (policy.policy !== undefined) edge(ids.get(policy.policy), ids.get(app.address), order);
    }
    // Without a policy in the diagram, show at least which IdP signs users in.
    if (app.policies.some((p) => p.policy !== undefined && ids.has(p.policy))) continue;
    for (const idp of app.allowedIdps) {
      const from = ids.get(idp);
      const to = ids.get(app.address);
      if (from !== undefined && to !== undefined) edges.push(`  ${from} -.->|"sign-in, no policy"| ${to}`);
    }
  }

  // Styles: what the change does to each node, and Access groups that no application's policy uses.
  const classes = new Map<string, string[]>();
  const mark = (address: string, cls: string) => {
    const id = ids.get(address);
    if (id === undefined) return;
    classes.set(cls, [...(classes.get(cls) ?? []), id]);
  };
  for (const [address, change] of changes?.byAddress ?? []) mark(address, change);
  for (const gone of changes?.removed ?? []) mark(gone.address, "removed");
  for (const g of stack.accessGroups) if (!usedGroups.has(g.address)) mark(g.address, "unused");
  const styles: string[] = [];
  for (const [cls, members] of classes) {
    styles.push(`  classDef ${cls} ${STYLES[cls as keyof typeof STYLES]}`, `  class ${[...new Set(members)].join(",")} ${cls}`);
  }
  return { mermaid: ["flowchart TB", ...nodes, ...edges, ...styles].join("\n"), marks: [...classes.keys()] as (DiagramChange | "unused")[] };
}

/**
 * Mermaid label text, safe inside a quoted label: letters, digits and a few
 * plain punctuation marks are kept; every other character becomes Mermaid's
 * numeric entity code (`#35;`), so no quote, bracket, backtick (a Markdown
 * label), entity or HTML of the input is ever seen by Mermaid's parser.
 */
export function label(text: string): string {
  return oneLine(plainText(text)).replace(/[^\p{L}\p{N} .,:/_()+=-]/gu, (c) => `#${c.codePointAt(0) ?? 63};`);
}

function shorten(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
