/**
 * The Access-rule describer: include, exclude and require rules of Access
 * groups, policies and inline policies, in words, with who they admit (Okta
 * groups directly or through Access groups, everyone). The rules are read by
 * atoms.ts, the same reader the access model uses, so the words and the
 * evaluation never read a rule differently.
 */
import { Atom } from "./atoms";
import { atomsOf } from "./access-model";
import { familyOf } from "./resource-types";
import { RuleReview, RulesReview } from "./review-model";
import { StackIndex } from "./stack-index";
import { JsonObject } from "./terraform-json";
import { display } from "./values";

/** Okta groups named in the description of an Access group rule; the rest are counted (a long chain of groups must not make the review quadratic). */
const MAX_NAMED_GROUPS = 20;

/** Describes the rules of one stack. */
export class AccessRuleDescriber {
  constructor(private readonly index: StackIndex) {}

  private readonly admitted = new Map<string, { oktaGroups: string[]; everyone: boolean }>();

  /** Include, exclude and require rules of an Access group, policy or inline policy. */
  public rules(body: JsonObject): RulesReview {
    const includeAtoms = atomsOf(this.index, body.include);
    const include = includeAtoms.map((a) => this.rule(a));
    const exclude = atomsOf(this.index, body.exclude).map((a) => this.rule(a));
    const require = atomsOf(this.index, body.require).map((a) => this.rule(a));
    const { oktaGroups, everyone } = this.includes(includeAtoms, new Set());
    let admits = include.length === 0 ? "nobody (no include rule)" : include.map((r) => r.text).join(" or ");
    if (require.length > 0) admits += `; and must also match ${require.map((r) => r.text).join(" and ")}`;
    if (exclude.length > 0) admits += `; except ${exclude.map((r) => r.text).join(" or ")}`;
    return { include, exclude, require, oktaGroups, everyone, admits };
  }

  private accessGroup(address: string): JsonObject | undefined {
    const target = this.index.byAddress.get(address);
    return target !== undefined && target.mode === "managed" && familyOf(target.type) === "accessGroup" ? target.body : undefined;
  }

  /**
   * Okta groups an include list admits, directly or through Access groups,
   * and whether it admits everyone: each Access group visited once (a group
   * reached twice, or through a cycle, adds nothing new), so a stack of
   * groups that all include each other costs their number, not their paths.
   */
  private includes(include: readonly Atom[], seen: Set<string>): { oktaGroups: string[]; everyone: boolean } {
    const names = new Set<string>();
    let everyone = false;
    // Depth first in the order a reader meets them, each Access group once: a chain, a diamond or a cycle costs the groups, not their paths.
    const stack: { atoms: readonly Atom[]; next: number }[] = [{ atoms: include, next: 0 }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (top.next >= top.atoms.length) {
        stack.pop();
        continue;
      }
      const atom = top.atoms[top.next++];
      if (atom.selector === "okta") names.add(atom.value ?? "(unnamed)");
      if (atom.kind === "everyone") everyone = true;
      if (atom.address === undefined || seen.has(atom.address)) continue;
      seen.add(atom.address);
      stack.push({ atoms: this.includeAtoms(atom.address), next: 0 });
    }
    return { oktaGroups: [...names], everyone };
  }

  private readonly groupIncludes = new Map<string, readonly Atom[]>();

  /** An Access group's include rules, read once. */
  private includeAtoms(address: string): readonly Atom[] {
    let atoms = this.groupIncludes.get(address);
    if (atoms === undefined) this.groupIncludes.set(address, (atoms = atomsOf(this.index, this.accessGroup(address)?.include)));
    return atoms;
  }

  /** The Okta groups an Access group admits (once per group). */
  private admittedBy(address: string): { oktaGroups: string[]; everyone: boolean } {
    let known = this.admitted.get(address);
    if (known === undefined) {
      const body = this.accessGroup(address);
      known = body !== undefined ? this.includes(this.includeAtoms(address), new Set([address])) : { oktaGroups: [], everyone: false };
      this.admitted.set(address, known);
    }
    return known;
  }

  private rule(atom: Atom): RuleReview {
    const shown = (key: string | undefined) => (key?.startsWith("id:") ? key.slice(3) : key);
    if (atom.selector === "group") {
      const nested = atom.address !== undefined ? this.admittedBy(atom.address).oktaGroups : [];
      const more = nested.length > MAX_NAMED_GROUPS ? `, and ${nested.length - MAX_NAMED_GROUPS} more` : "";
      const groups = nested.length > 0 ? ` (${nested.slice(0, MAX_NAMED_GROUPS).map((g) => `"${g}"`).join(", ")}${more})` : "";
      return { kind: "group", text: `${atom.text}${groups}`, accessGroup: atom.address ?? shown(atom.value) ?? display(atom.text) };
    }
    return {
      kind: atom.selector,
      text: atom.text,
      oktaGroup: atom.selector === "okta" ? atom.value ?? "(unnamed)" : undefined,
      identityProvider: atom.selector === "okta" ? shown(atom.idp) : undefined,
    };
  }
}
