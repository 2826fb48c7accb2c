export * from "./groups-claim";
export * from "./okta-access-identity-provider";
