/**
 * Helpers for the access comparison's tests: a hand-written stack with an
 * Access application (the review must not depend on our constructs), a review
 * of a base and a head with `--fail-on widen`, and the findings and the
 * access table in the form the tests assert.
 */
import { AccessRow } from "../../src/review/access-compare";
import { FindingKind } from "../../src/review/findings";
import { review, ReviewResult } from "../../src/review/review";
import { handWrittenIdp, quoted, writeStackFile } from "./helpers";

export const IDP = "cloudflare_zero_trust_access_identity_provider";
export const POLICY = "cloudflare_zero_trust_access_policy";
export const APP = "cloudflare_zero_trust_access_application";
export const GROUP = "cloudflare_zero_trust_access_group";
export const IDP_REF = `\${${IDP}.okta.id}`;
export const ref = (address: string) => `\${${address}.id}`;
export const okta = (name: string, idp = IDP_REF) => ({ okta: { name, identity_provider_id: idp } });
export const group = (address: string) => ({ group: { id: ref(address) } });
export const email = (address: string) => ({ email: { email: address } });

/**
 * The stack both sides start from: the hand-written IdP (Okta app assigned to
 * Everyone, groups claim "all groups"), Access groups Contractors (Vendors,
 * Temps) and Staff (Eng, SRE), an allow policy (Staff except Contractors) and
 * a deny policy (Interns) on the Wiki application (wiki.acme.com and
 * docs.acme.com).
 */
export function wikiStack(change: (j: any) => void = () => undefined): any {
  return handWrittenIdp((j) => {
    j.resource.okta_app_oauth.cloudflare.groups_claim = [{ type: "FILTER", filter_type: "REGEX", name: "groups", value: ".*" }];
    j.resource[GROUP] = {
      contractors: { account_id: "a", name: "Contractors", include: [okta("Vendors"), okta("Temps")] },
      staff: { account_id: "a", name: "Staff", include: [okta("Eng"), okta("SRE")] },
    };
    j.resource[POLICY] = {
      allow: { account_id: "a", name: "Allow staff", decision: "allow", include: [group(`${GROUP}.staff`)], exclude: [group(`${GROUP}.contractors`)], session_duration: "8h" },
      deny: { account_id: "a", name: "Deny interns", decision: "deny", include: [okta("Interns")], session_duration: "8h" },
    };
    j.resource[APP] = {
      wiki: {
        account_id: "a",
        name: "Wiki",
        domain: "wiki.acme.com",
        self_hosted_domains: ["wiki.acme.com", "docs.acme.com"],
        session_duration: "8h",
        allowed_idps: [IDP_REF],
        policies: [
          { id: ref(`${POLICY}.deny`), precedence: 1 },
          { id: ref(`${POLICY}.allow`), precedence: 2 },
        ],
      },
    };
    change(j);
  });
}

export const groups = (j: any) => j.resource[GROUP];
export const policies = (j: any) => j.resource[POLICY];
export const wiki = (j: any) => j.resource[APP].wiki;

/** What the tests read of a review of `base` → `head`. */
export interface Compared {
  readonly result: ReviewResult;
  /** Findings of the access kinds, `kind: message` with values in double quotes. */
  readonly findings: string[];
  readonly kinds: FindingKind[];
  readonly rows: AccessRow[];
  readonly row: (application: string) => AccessRow;
  /** The exit code with `--fail-on widen`. */
  readonly exitCode: number;
}

const ACCESS_KINDS: readonly FindingKind[] = ["widen", "narrow", "undecided", "provider", "check"];

/** Reviews `head` against `base` (Terraform JSON written to files) with `--fail-on widen`. */
export function compare(base: unknown, head: unknown, failOn: FindingKind[] = ["widen"]): Compared {
  const result = review(writeStackFile(head), { base: writeStackFile(base), failOn });
  const access = result.warnings.filter((w) => ACCESS_KINDS.includes(w.kind));
  return {
    result,
    findings: access.map((w) => `${w.kind}: ${quoted(w.message)}`),
    kinds: access.map((w) => w.kind),
    rows: result.access.rows,
    row: (application) => {
      const found = result.access.rows.find((r) => r.application === application);
      if (found === undefined) throw new Error(`no row for ${application}: ${result.access.rows.map((r) => r.application).join(", ")}`);
      return found;
    },
    exitCode: result.exitCode,
  };
}

/** Compares the wiki stack with an edit of it. */
export function wikiChange(head: (j: any) => void, base: (j: any) => void = () => undefined): Compared {
  return compare(wikiStack(base), wikiStack(head));
}
