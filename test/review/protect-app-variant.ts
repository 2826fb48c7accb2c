/**
 * examples/protect-app's stack rebuilt with the same construct calls, with
 * the changes a test asks for (issue 14's scenario: the wiki's construct
 * renamed, Grafana's groups and session changed).
 */
import { App, TerraformStack } from "cdktf";
import { OktaAccessIdentityProvider } from "../../src";
import { addBackend, addProviders } from "../../examples/shared/setup";

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
