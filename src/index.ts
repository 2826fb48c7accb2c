export * from "./access-group";
export * from "./adoption";
export * from "./groups-claim";
export * from "./okta-access-identity-provider";
export * from "./okta-access-identity-provider-interface";
export * from "./protected-application";
export * from "./scim";
export * from "./okta-org";
