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

/** Describes the rules of one stack. */
export class AccessRuleDescriber {
  constructor(private readonly index: StackIndex) {}

  /** Include, exclude and require rules of an Access group, policy or inline policy. */
  public rules(body: JsonObject, seen: ReadonlySet<string> = new Set()): RulesReview {
    const include = atomsOf(this.index, body.include).map((a) => this.rule(a, seen));
    const exclude = atomsOf(this.index, body.exclude).map((a) => this.rule(a, seen));
    const require = atomsOf(this.index, body.require).map((a) => this.rule(a, seen));
    const oktaGroups: string[] = [];
    let everyone = false;
    for (const rule of include) {
      if (rule.oktaGroup !== undefined && !oktaGroups.includes(rule.oktaGroup)) oktaGroups.push(rule.oktaGroup);
      if (rule.kind === "everyone") everyone = true;
      const target = rule.kind === "group" && rule.accessGroup !== undefined && !seen.has(rule.accessGroup) ? this.accessGroup(rule.accessGroup) : undefined;
      if (target !== undefined) {
        const nested = this.rules(target, new Set([...seen, rule.accessGroup as string]));
        for (const g of nested.oktaGroups) if (!oktaGroups.includes(g)) oktaGroups.push(g);
        everyone = everyone || nested.everyone;
      }
    }
    let admits = include.length === 0 ? "nobody (no include rule)" : include.map((r) => r.text).join(" or ");
    if (require.length > 0) admits += `; and must also match ${require.map((r) => r.text).join(" and ")}`;
    if (exclude.length > 0) admits += `; except ${exclude.map((r) => r.text).join(" or ")}`;
    return { include, exclude, require, oktaGroups, everyone, admits };
  }

  private accessGroup(address: string): JsonObject | undefined {
    const target = this.index.byAddress.get(address);
    return target !== undefined && target.mode === "managed" && familyOf(target.type) === "accessGroup" ? target.body : undefined;
  }

  private rule(atom: Atom, seen: ReadonlySet<string>): RuleReview {
    const shown = (key: string | undefined) => (key?.startsWith("id:") ? key.slice(3) : key);
    if (atom.selector === "group") {
      const body = atom.address !== undefined && !seen.has(atom.address) ? this.accessGroup(atom.address) : undefined;
      const nested = body !== undefined ? this.rules(body, new Set([...seen, atom.address as string])).oktaGroups : [];
      const groups = nested.length > 0 ? ` (${nested.map((g) => `"${g}"`).join(", ")})` : "";
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
