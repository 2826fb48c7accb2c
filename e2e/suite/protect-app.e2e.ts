/**
 * examples/protect-app through Terraform against the emulators: the identity
 * provider, a reusable Access group, and two self-hosted Access applications,
 * each with an allow policy for some Okta groups, and the effective session
 * of each (issue 16). The spec: e2e/lib/example-specs.ts.
 */
import { protectAppSpec } from "../lib/example-specs";
import { describeLifecycle } from "../lib/lifecycle";

describeLifecycle(protectAppSpec);
