import { CloudflareProvider } from "../src/providers/cloudflare/provider";
import { OktaProvider } from "../src/providers/okta/provider";
import { Testing, TerraformStack } from "cdktf";
import { OktaAccessIdentityProvider, OktaAccessIdentityProviderProps, ProtectApplicationOptions } from "../src";

/** A stack with default Okta and Cloudflare providers, as users write it. */
export function newStack(): TerraformStack {
  const stack = new TerraformStack(Testing.app(), "test");
  new OktaProvider(stack, "okta", { orgName: "dev-123456", baseUrl: "okta.com" });
  new CloudflareProvider(stack, "cloudflare", {});
  return stack;
}

export const ACCOUNT_ID = "0123456789abcdef0123456789abcdef";

export const BASE_PROPS: OktaAccessIdentityProviderProps = {
  accountId: ACCOUNT_ID,
  teamDomain: "example.cloudflareaccess.com",
  oktaOrgUrl: "https://dev-123456.okta.com",
};

/** An OktaAccessIdentityProvider "Okta" with BASE_PROPS (and `props` over them), in `stack` or a new stack. */
export function newIdentityProvider(props: Partial<OktaAccessIdentityProviderProps> = {}, stack: TerraformStack = newStack()): { stack: TerraformStack; okta: OktaAccessIdentityProvider } {
  const okta = new OktaAccessIdentityProvider(stack, "Okta", { ...BASE_PROPS, ...props });
  return { stack, okta };
}

/** The options of the application "Wiki" that the protectApplication tests start from. */
export const WIKI: ProtectApplicationOptions = { domain: "wiki.example.com", allowedOktaGroups: ["Engineering"] };

/** protectApplication("Wiki", WIKI with `options` over it) on a new identity provider, synthesized. */
export function protectWiki(options: Partial<ProtectApplicationOptions> = {}, props: Partial<OktaAccessIdentityProviderProps> = {}) {
  const { stack, okta } = newIdentityProvider(props);
  const wiki = okta.protectApplication("Wiki", { ...WIKI, ...options });
  return { stack, okta, wiki, json: synth(stack) };
}

/** Synthesizes with validations and parses the Terraform JSON. */
export function synth(stack: TerraformStack): any {
  return JSON.parse(Testing.synth(stack, true));
}

/** The only resource of a type, failing loudly when there are zero or several. */
export function only(json: any, type: string, block: "resource" | "data" = "resource"): any {
  const all = Object.values(json[block]?.[type] ?? {});
  if (all.length !== 1) throw new Error(`expected exactly one ${type}, found ${all.length}`);
  return all[0];
}

/** Warning messages the construct tree carries. */
export function warnings(stack: TerraformStack): string[] {
  Testing.synth(stack);
  return stack.node
    .findAll()
    .flatMap((c) => c.node.metadata)
    .filter((m) => m.type === "@cdktf/warn" || m.type === "aws:cdk:warning")
    .map((m) => String(m.data));
}
