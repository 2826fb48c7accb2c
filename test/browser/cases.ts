/**
 * The reviews the browser suite renders: each example as it is today (no
 * base), every golden case with a base, and the change from issue 14 on
 * examples/protect-app (the wiki's construct renamed, Grafana's groups
 * SRE + Platform swapped for SRE + Contractors, its session 12h -> 24h).
 */
import { App, TerraformStack } from "cdktf";
import { OktaAccessIdentityProvider } from "../../src";
import { addBackend, addProviders } from "../../examples/shared/setup";
import { goldenCases } from "../review/golden-cases";
import { synthApp, synthExample } from "../review/fixtures";

export interface BrowserCase {
  readonly name: string;
  readonly head: () => string;
  readonly base?: () => string;
  readonly plan?: string;
}

/** What may change in examples/protect-app. */
export interface ProtectAppVariant {
  readonly wikiId?: string;
  readonly grafanaGroups?: string[];
  readonly grafanaSession?: string;
}

/** examples/protect-app's stack, rebuilt with the same construct calls, with changes. */
export function protectAppStack(app: App, variant: ProtectAppVariant = {}): TerraformStack {
  const id = "okta-access-protect-app";
  const stack = new TerraformStack(app, id);
  addProviders(stack, "https://dev-123456.okta.com");
  addBackend(stack, id, {});
  const okta = new OktaAccessIdentityProvider(stack, "Okta", {
    accountId: "0123456789abcdef0123456789abcdef",
    teamDomain: "example.cloudflareaccess.com",
    oktaOrgUrl: "https://dev-123456.okta.com",
  });
  okta.protectApplication(variant.wikiId ?? "Wiki", {
    domain: "wiki.example.com",
    allowedOktaGroups: ["Engineering"],
    name: "Team wiki",
    sessionDuration: "8h",
  });
  okta.protectApplication("Grafana", {
    domain: "grafana.example.com",
    allowedOktaGroups: variant.grafanaGroups ?? ["SRE", "Platform"],
    name: "Grafana",
    sessionDuration: variant.grafanaSession ?? "12h",
  });
  okta.accessGroup("Engineers", { oktaGroups: ["Engineering", "SRE", "Platform"] });
  return stack;
}

export function browserCases(): BrowserCase[] {
  const cases: BrowserCase[] = [
    {
      name: "protect-app-changed",
      base: () => synthApp((app) => protectAppStack(app)),
      head: () =>
        synthApp((app) => protectAppStack(app, { wikiId: "TeamWiki", grafanaGroups: ["SRE", "Contractors"], grafanaSession: "24h" })),
    },
    { name: "protect-app-today", head: () => synthExample("protect-app") },
  ];
  for (const c of goldenCases()) {
    if (cases.some((known) => known.name === c.name)) continue;
    cases.push({ name: c.name, head: c.head, base: c.base, plan: c.plan });
  }
  return cases;
}
