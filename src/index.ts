export * from "./access-group";
export * from "./adoption";
export * from "./app-groups-claim";
export * from "./groups-claim";
export * from "./okta-access-identity-provider";
export * from "./okta-access-identity-provider-interface";
export * from "./protected-application";
export * from "./scim";
export * from "./okta-org";
// The generated provider bindings (src/providers/, npm run generate:providers),
// one jsii submodule per provider: `okta.OktaProvider`, `cloudflare.CloudflareProvider`.
export * as okta from "./providers/okta";
export * as cloudflare from "./providers/cloudflare";
