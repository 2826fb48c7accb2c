/**
 * examples/basic through Terraform against the emulators: the
 * OktaAccessIdentityProvider with its defaults (Everyone assigned, groups
 * claim "Matches regex .*", PKCE on). The spec: e2e/lib/example-specs.ts.
 */
import { basicSpec } from "../lib/example-specs";
import { describeLifecycle } from "../lib/lifecycle";

describeLifecycle(basicSpec);
