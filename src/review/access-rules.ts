/**
 * The Access-rule describer: include, exclude and require rules of Access
 * groups, policies and inline policies, in words, with who they admit
 * (Okta groups directly or through Access groups, everyone).
 */
import { familyOf } from "./resource-types";
import { RuleReview, RulesReview } from "./review-model";
import { maskSecrets } from "./secrets";
import { StackIndex } from "./stack-index";
import { block, canonical, isObject, Json, JsonObject, list, referenceTo } from "./terraform-json";
import { display } from "./values";

/** Okta groups named in the description of an Access group rule; the rest are counted (a long chain of groups must not make the review quadratic). */
const MAX_NAMED_GROUPS = 20;

/** What an Access group admits: Okta groups (first reached first) and whether everyone. */
interface Admitted {
  readonly oktaGroups: readonly string[];
  readonly everyone: boolean;
}

/** An include rule of an Access group as its expansion reads it. */
type IncludeItem = { readonly okta: string } | { readonly group: string } | { readonly everyone: true };

/** A rule's first present field, its values joined (`name` of an okta rule may be a list). */
function fieldOf(value: JsonObject, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const v = value[key];
    if (v !== undefined && v !== null) return list(v).map((x) => display(x) ?? "").join(", ");
  }
  return undefined;
}

/** Describes the rules of one stack. */
export class AccessRuleDescriber {
  private readonly idpCount: number;
  /** What each Access group admits, through the groups it includes too (computed once per group). */
  private readonly expanded = new Map<string, Admitted>();
  /** Each Access group's own include rules, read once. */
  private readonly items = new Map<string, readonly IncludeItem[]>();

  constructor(private readonly index: StackIndex) {
    this.idpCount = index.resources.filter((r) => r.mode === "managed" && familyOf(r.type) === "cloudflareIdp").length;
  }

  public identityProviderName(value: Json | undefined): string | undefined {
    const address = referenceTo(value);
    const target = address !== undefined ? this.index.byAddress.get(address) : undefined;
    if (target && familyOf(target.type) === "cloudflareIdp") return display(target.body.name) ?? target.name;
    return undefined;
  }

  private multipleIdps(): boolean {
    return this.idpCount > 1;
  }

  /** Include, exclude and require rules of an Access group, policy or inline policy. */
  public rules(body: JsonObject): RulesReview {
    const include = list(body.include).flatMap((r) => this.rule(r));
    const exclude = list(body.exclude).flatMap((r) => this.rule(r));
    const require = list(body.require).flatMap((r) => this.rule(r));
    const oktaGroups = new Set<string>();
    let everyone = false;
    for (const rule of include) {
      if (rule.oktaGroup !== undefined) oktaGroups.add(rule.oktaGroup);
      if (rule.kind === "everyone") everyone = true;
      if (rule.kind === "group" && rule.accessGroup !== undefined) {
        const nested = this.expand(rule.accessGroup);
        if (nested !== undefined) {
          for (const g of nested.oktaGroups) oktaGroups.add(g);
          everyone = everyone || nested.everyone;
        }
      }
    }
    let admits = include.length === 0 ? "nobody (no include rule)" : include.map((r) => r.text).join(" or ");
    if (require.length > 0) admits += `; and must also match ${require.map((r) => r.text).join(" and ")}`;
    if (exclude.length > 0) admits += `; except ${exclude.map((r) => r.text).join(" or ")}`;
    return { include, exclude, require, oktaGroups: [...oktaGroups], everyone, admits };
  }

  /**
   * The Okta groups (and "everyone") an Access group of this stack admits
   * through its include rules, the groups it includes too, in the order a
   * reader meets them; undefined when it is not in the stack. A walk with a
   * visited set: each group at most once (a group included twice, a diamond,
   * a long chain or a cycle cost no more than the groups themselves).
   */
  private expand(address: string): Admitted | undefined {
    const done = this.expanded.get(address);
    if (done !== undefined) return done;
    if (!this.index.byAddress.has(address)) return undefined;
    const names = new Set<string>();
    let everyone = false;
    const visited = new Set([address]);
    const stack: { items: readonly IncludeItem[]; next: number }[] = [{ items: this.includeItems(address), next: 0 }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (top.next >= top.items.length) {
        stack.pop();
        continue;
      }
      const item = top.items[top.next++];
      if ("okta" in item) names.add(item.okta);
      else if ("everyone" in item) everyone = true;
      else if (!visited.has(item.group)) {
        visited.add(item.group);
        stack.push({ items: this.includeItems(item.group), next: 0 });
      }
    }
    const result = { oktaGroups: [...names], everyone };
    this.expanded.set(address, result);
    return result;
  }

  /** An Access group's include rules that admit: Okta groups, groups of this stack, everyone. */
  private includeItems(address: string): readonly IncludeItem[] {
    let items = this.items.get(address);
    if (items !== undefined) return items;
    const found: IncludeItem[] = [];
    for (const rule of list(this.index.byAddress.get(address)?.body.include)) {
      if (!isObject(rule)) continue;
      for (const [kind, raw] of Object.entries(rule)) {
        if (raw === null || raw === undefined) continue;
        const value = block(raw) ?? {};
        if (kind === "okta") found.push({ okta: fieldOf(value, "name", "email") ?? "(unnamed)" });
        else if (kind === "everyone") found.push({ everyone: true });
        else if (kind === "group") {
          const target = referenceTo(value.id);
          if (target !== undefined && this.index.byAddress.has(target)) found.push({ group: target });
        }
      }
    }
    this.items.set(address, (items = found));
    return items;
  }

  private rule(rule: Json): RuleReview[] {
    if (!isObject(rule)) return [{ kind: "expression", text: display(rule) ?? "(unknown rule)" }];
    const found: RuleReview[] = [];
    for (const [kind, raw] of Object.entries(rule)) {
      if (raw === null || raw === undefined) continue;
      const value = block(raw) ?? {};
      found.push(this.describeRule(kind, value, raw));
    }
    return found;
  }

  private describeRule(kind: string, value: JsonObject, raw: Json): RuleReview {
    const field = (...keys: string[]) => fieldOf(value, ...keys);
    switch (kind) {
      case "okta": {
        const group = field("name", "email") ?? "(unnamed)";
        const idpValue = value.identity_provider_id ?? value.connection_id;
        const idpName = this.identityProviderName(idpValue);
        const via = this.multipleIdps() ? ` (IdP "${idpName ?? display(idpValue) ?? "?"}")` : "";
        return { kind, text: `Okta group "${group}"${via}`, oktaGroup: group, identityProvider: referenceTo(idpValue) ?? display(idpValue) };
      }
      case "group": {
        const id = value.id;
        const address = referenceTo(id);
        const target = address !== undefined ? this.index.byAddress.get(address) : undefined;
        const nested = target !== undefined ? this.expand(target.address) : undefined;
        if (target) {
          const names = nested?.oktaGroups ?? [];
          const more = names.length > MAX_NAMED_GROUPS ? `, and ${names.length - MAX_NAMED_GROUPS} more` : "";
          const groups = names.length > 0 ? ` (${names.slice(0, MAX_NAMED_GROUPS).map((g) => `"${g}"`).join(", ")}${more})` : "";
          return { kind, text: `Access group "${display(target.body.name) ?? target.name}"${groups}`, accessGroup: target.address };
        }
        return { kind, text: `Access group ${display(id) ?? "?"}`, accessGroup: address ?? display(id) };
      }
      case "everyone":
        return { kind, text: "everyone" };
      case "email":
        return { kind, text: `email ${field("email") ?? "?"}` };
      case "email_domain":
        return { kind, text: `email domain ${field("domain") ?? "?"}` };
      case "email_list":
        return { kind, text: `email list ${field("id") ?? "?"}` };
      case "ip":
        return { kind, text: `IP ${field("ip") ?? "?"}` };
      case "ip_list":
        return { kind, text: `IP list ${field("id") ?? "?"}` };
      case "geo":
        return { kind, text: `country ${field("country_code") ?? "?"}` };
      case "service_token":
        return { kind, text: `service token ${field("token_id") ?? "?"}` };
      case "any_valid_service_token":
        return { kind, text: "any valid service token" };
      case "certificate":
        return { kind, text: "any valid client certificate" };
      case "common_name":
        return { kind, text: `certificate common name ${field("common_name") ?? "?"}` };
      case "login_method":
        return { kind, text: `login method ${field("id") ?? "?"}` };
      case "auth_method":
        return { kind, text: `authentication method ${field("auth_method") ?? "?"}` };
      case "device_posture":
        return { kind, text: `device posture ${field("integration_uid") ?? "?"}` };
      case "github_organization":
        return { kind, text: `GitHub organization ${field("name") ?? "?"}${value.team !== undefined ? ` team ${field("team") ?? ""}` : ""}` };
      case "gsuite":
        return { kind, text: `Google group ${field("email") ?? "?"}` };
      case "azure_ad":
        return { kind, text: `Azure AD group ${field("id") ?? "?"}` };
      case "saml":
        return { kind, text: `SAML ${field("attribute_name") ?? "?"} = ${field("attribute_value") ?? "?"}` };
      case "oidc":
        return { kind, text: `OIDC claim ${field("claim_name") ?? "?"} = ${field("claim_value") ?? "?"}` };
      case "external_evaluation":
        return { kind, text: `external evaluation ${field("evaluate_url") ?? "?"}` };
      default:
        return { kind, text: `${kind} ${canonical(maskSecrets(raw) ?? null)}` };
    }
  }
}
