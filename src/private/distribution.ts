/**
 * Which of the two packages built from this source this is: the CDK for
 * Terraform package imports `cdktf`, the CDK Terrain package (built by
 * scripts/build-cdktn.js, which rewrites the core imports and this file)
 * imports `cdktn`. Used where the library writes code for users (the program
 * `discover` generates).
 */
export const DISTRIBUTION = {
  /** The npm package name. */
  packageName: "cdktf-okta-cloudflare-access",
  /** The core package the library and generated programs import. */
  core: "cdktf",
} as const;
