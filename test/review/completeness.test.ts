/**
 * Issue 9.2 (every widening class) and 16.3 (the effective session), on
 * hand-written stacks (the review must not depend on our constructs), with
 * the kind of finding each one gets. Since issue 24 the widening is decided by
 * evaluating who gets in (access-compare.ts), so each case asserts the
 * identity the finding names.
 */
import { durationSeconds } from "../../src/review/extract";
import { review } from "../../src/review/review";
import { handWrittenIdp, quoted, writeStackFile } from "./helpers";

const IDP_REF = "${cloudflare_zero_trust_access_identity_provider.okta.id}";
const okta = (name: string) => ({ okta: { name, identity_provider_id: IDP_REF } });

/** An application with an allow policy (Eng) and a deny policy (Contractors); the Okta app assigned to Everyone, sending every group. */
function access(j: any, change: (j: any) => void = () => undefined) {
  j.resource.okta_app_oauth.cloudflare.groups_claim = [{ type: "FILTER", filter_type: "REGEX", name: "groups", value: ".*" }];
  j.resource.cloudflare_zero_trust_access_policy = {
    allow: { account_id: "a", name: "Allow", decision: "allow", include: [okta("Eng")], session_duration: "8h" },
    deny: { account_id: "a", name: "Deny", decision: "deny", include: [okta("Contractors")], session_duration: "8h" },
  };
  j.resource.cloudflare_zero_trust_access_application = {
    wiki: {
      account_id: "a",
      name: "Wiki",
      domain: "wiki.acme.com",
      session_duration: "8h",
      allowed_idps: [IDP_REF],
      policies: [
        { id: "${cloudflare_zero_trust_access_policy.deny.id}", precedence: 1 },
        { id: "${cloudflare_zero_trust_access_policy.allow.id}", precedence: 2 },
      ],
    },
  };
  change(j);
}

/** The access findings of `base` → `head`, `kind: message` with values in double quotes. */
function findings(head: (j: any) => void, base: (j: any) => void = (j) => access(j)) {
  const r = review(writeStackFile(handWrittenIdp(head)), { base: writeStackFile(handWrittenIdp(base)) });
  return r.warnings.filter((w) => ["widen", "narrow", "undecided", "check"].includes(w.kind)).map((w) => `${w.kind}: ${quoted(w.message)}`);
}

const policies = (j: any) => j.resource.cloudflare_zero_trust_access_policy;
const app = (j: any) => j.resource.cloudflare_zero_trust_access_application.wiki;

describe("issue 9.2: widening completeness", () => {
  test("GIVEN the same stack THEN nothing is found", () => {
    expect(findings((j) => access(j))).toEqual([]);
  });

  test("a deny policy removed from an application", () => {
    expect(findings((j) => access(j, (x) => app(x).policies.shift()))).toEqual([
      'widen: members of Okta group "Contractors" who are also members of Okta group "Eng" now get in to "Wiki": before, Block policy "Deny" denied them (Okta group "Contractors"); now policy "Allow" lets them in (Okta group "Eng")',
    ]);
  });

  test("a deny policy deleted altogether", () => {
    const found = findings((j) =>
      access(j, (x) => {
        app(x).policies.shift();
        delete policies(x).deny;
      }),
    );
    expect(found).toEqual([expect.stringMatching(/^widen: members of Okta group "Contractors" who are also members of Okta group "Eng" now get in to "Wiki": before, Block policy "Deny" denied them/)]);
  });

  test("precedences swapped so that the allow comes before the deny", () => {
    const found = findings((j) =>
      access(j, (x) => {
        app(x).policies[0].precedence = 2;
        app(x).policies[1].precedence = 1;
      }),
    );
    expect(found).toEqual([expect.stringMatching(/^widen: .* now get in to "Wiki": before, Block policy "Deny" denied them \(Okta group "Contractors"\); now policy "Allow" lets them in/)]);
  });

  test.each([
    ["deny", "allow"],
    ["allow", "deny"],
  ])("decision %s → %s of the deny policy", (before, after) => {
    const found = findings(
      (j) => access(j, (x) => (policies(x).deny.decision = after)),
      (j) => access(j, (x) => (policies(x).deny.decision = before)),
    );
    expect(found.map((f) => f.split(":")[0])).toEqual([before === "deny" ? "widen" : "narrow"]);
  });

  test("implicit_assignment turned on, where the app was assigned to one group", () => {
    const one = (j: any) => (j.resource.okta_app_group_assignments.cloudflare.group = [{ id: "00g-eng" }]);
    const found = findings(
      (j) => access(j, (x) => {
        one(x);
        x.resource.okta_app_oauth.cloudflare.implicit_assignment = true;
      }),
      (j) => access(j, one),
    );
    expect(found).toContainEqual(expect.stringMatching(/^widen: the Okta app "Access" of identity provider "Acme Okta" is now open to every user of the Okta org \(implicit_assignment, Federation Broker Mode\)/));
  });

  test("a domain added to an application", () => {
    const found = findings((j) => access(j, (x) => (app(x).self_hosted_domains = ["wiki.acme.com", "admin.acme.com"])));
    expect(found).toEqual(['widen: application "Wiki" now also covers "admin.acme.com": everyone it admits reaches "admin.acme.com"']);
  });

  test("a deny policy that denies fewer: an include removed, an exclude added", () => {
    const found = findings((j) =>
      access(j, (x) => {
        policies(x).deny.include = [okta("Temps")];
        policies(x).deny.exclude = [{ email: { email: "boss@acme.com" } }];
      }),
    );
    expect(found).toEqual([
      'widen: members of Okta group "Contractors" who are also members of Okta group "Eng" now get in to "Wiki": before, Block policy "Deny" denied them (Okta group "Contractors"); now policy "Allow" lets them in (Okta group "Eng")',
      'narrow: members of Okta group "Eng" who are also members of Okta group "Temps" no longer get in to "Wiki": before, policy "Allow" let them in (Okta group "Eng"); now Block policy "Deny" denies them (Okta group "Temps")',
    ]);
  });

  test("a group added to a deny policy narrows: not a widening", () => {
    expect(findings((j) => access(j, (x) => policies(x).deny.include.push(okta("Interns"))))).toEqual([expect.stringMatching(/^narrow: members of Okta group "Eng" who are also members of Okta group "Interns" no longer get in to "Wiki"/)]);
  });

  test("a narrowed groups claim may lock people out", () => {
    const found = findings(
      (j) => access(j, (x) => (x.resource.okta_app_oauth.cloudflare.groups_claim[0] = { type: "FILTER", filter_type: "STARTS_WITH", name: "groups", value: "eng-" })),
    );
    expect(found).toContainEqual('narrow: Okta app "Access": groups claim narrowed, all groups (regex .*) → groups starting with "eng-": it may lock people out');
    // Eng is no longer sent, so the allow policy no longer lets its members in; Contractors is not sent either, so the deny no longer stops them.
    expect(found).toContainEqual(expect.stringMatching(/^narrow: members of Okta group "Eng" no longer get in to "Wiki": before, policy "Allow" let them in \(Okta group "Eng"\); now the groups claim does not send "Eng" to Cloudflare/));
  });

  test("scim_config added to an existing identity provider warns about cloudflare releases before 5.20.0", () => {
    const found = findings((j) => access(j, (x) => (x.resource.cloudflare_zero_trust_access_identity_provider.okta.scim_config = { enabled: true, user_deprovision: true })));
    expect(found).toEqual([expect.stringMatching(/^check: SCIM is added to the existing identity provider "Acme Okta": cloudflare provider releases before 5.20.0, which this stack's version constraint admits, fail this apply/)]);
  });

  test("a lengthened policy session is a widening (the effective session of the application)", () => {
    expect(findings((j) => access(j, (x) => (policies(x).allow.session_duration = "24h")))).toEqual([
      'widen: members of Okta group "Eng" now keep access to "Wiki" for "24h" instead of "8h" (the session of policy "Allow"): people keep access longer after they lose it in Okta',
    ]);
    expect(findings((j) => access(j, (x) => delete policies(x).allow.session_duration))).toEqual([
      'widen: members of Okta group "Eng" now keep access to "Wiki" for "24h" instead of "8h" (now the provider\'s default: policy "Allow" sets no session_duration; before, the session of policy "Allow"): people keep access longer after they lose it in Okta',
    ]);
    // The application's own session does not matter while its policy sets one.
    expect(findings((j) => access(j, (x) => (app(x).session_duration = "48h")))).toEqual([]);
  });

  test("durations", () => {
    expect(durationSeconds("1h30m")).toBe(5400);
    expect(durationSeconds("90s")).toBe(90);
    expect(durationSeconds("8 hours")).toBeUndefined();
  });
});

describe("issue 16.3: the effective session per application", () => {
  const reviewOf = (change: (j: any) => void) => {
    return review(writeStackFile(handWrittenIdp((j) => access(j, change))));
  };

  test("the policy's session wins when set", () => {
    const r = reviewOf(() => undefined);
    expect(r.stacks[0].accessApplications[0].effectiveSession).toEqual({ duration: "8h", source: "policy" });
    expect(r.warnings.filter((w) => w.kind === "session")).toEqual([]);
  });

  test("a policy without session_duration gets the provider's 24h, and a session warning", () => {
    const r = reviewOf((x) => delete policies(x).allow.session_duration);
    expect(r.stacks[0].accessApplications[0].effectiveSession).toEqual({ duration: "24h", source: "provider default" });
    expect(r.warnings.filter((w) => w.kind === "session").map((w) => quoted(w.message))).toEqual([
      'application "Wiki": policy "Allow" sets no session_duration, so the cloudflare provider gives it 24h, which wins over the application\'s "8h": set the policy\'s session_duration',
    ]);
  });

  test("a policy session longer than the application's warns", () => {
    const r = reviewOf((x) => (policies(x).allow.session_duration = "12h"));
    expect(r.stacks[0].accessApplications[0].effectiveSession).toEqual({ duration: "12h", source: "policy" });
    expect(r.warnings.filter((w) => w.kind === "session").map((w) => quoted(w.message))).toEqual([
      'application "Wiki": policy "Allow" gives "12h" sessions, longer than the application\'s "8h"; the policy\'s wins',
    ]);
  });

  test("an inline or v4 policy without a session falls back to the application's", () => {
    const r = reviewOf((x) => {
      x.resource.cloudflare_access_policy = { v4: { account_id: "a", name: "V4", decision: "allow", include: [okta("Eng")] } };
      app(x).policies = [{ id: "${cloudflare_access_policy.v4.id}", precedence: 1 }];
    });
    expect(r.stacks[0].accessApplications[0].effectiveSession).toEqual({ duration: "8h", source: "application" });
  });
});

describe("issue 9.2: locals, variable defaults and provider configuration", () => {
  const withLocal = (group: string, how: "local" | "var" | "template") => (j: any) =>
    access(j, (x) => {
      x.locals = { team: group };
      x.variable = { team: { type: "string", default: group }, token: { type: "string", sensitive: true, default: "S3CRET-default" } };
      policies(x).allow.include = [okta(how === "local" ? "${local.team}" : how === "var" ? "${var.team}" : "${local.team}-${var.team}")];
    });

  test.each(["local", "var", "template"] as const)("a %s that a policy's okta.name uses, changed from eng to Everyone, is a widening", (how) => {
    const found = findings(withLocal("Everyone", how), withLocal("eng", how));
    const group = how === "template" ? "Everyone-Everyone" : "Everyone";
    expect(found).toContainEqual(expect.stringMatching(new RegExp(`^widen: members of Okta group "${group}" now get in to "Wiki"`)));
  });

  test("the review shows the change of the local and the policy, never a sensitive default", () => {
    const base = writeStackFile(handWrittenIdp(withLocal("eng", "local")));
    const head = writeStackFile(handWrittenIdp((j) => {
      withLocal("Everyone", "local")(j);
      j.variable.token.default = "S3CRET-changed";
    }));
    const r = review(head, { base });
    const stack = r.diff!.stacks[0];
    expect(stack.changes.map((c) => c.address)).toContain("cloudflare_zero_trust_access_policy.allow");
    expect(stack.configChanges.map((c) => `${c.kind} ${c.name}`)).toEqual(["local team", "variable team", "variable token"]);
    expect(JSON.stringify(r)).not.toContain("S3CRET");
    expect(r.stacks[0].accessPolicies.find((p) => p.name === "Allow")?.oktaGroups).toEqual(["Everyone"]);
  });

  test("functions of locals are evaluated as Terraform would; a sensitive variable never is", () => {
    const stack = (team: string) => (j: any) =>
      access(j, (x) => {
        x.locals = { team };
        x.variable = { hidden: { type: "string", sensitive: true, default: "S3CRET-group" } };
        policies(x).allow.include = [okta("${upper(local.team)}"), okta("${var.hidden}")];
      });
    // The sensitive variable's group is not known: it may be EVERYONE already, so the review cannot tell.
    expect(findings(stack("everyone"), stack("eng"))).toContainEqual('undecided: cannot tell whether members of Okta group "EVERYONE" now get in to "Wiki": a value of it is known only at plan time');
    const r = review(writeStackFile(handWrittenIdp(stack("eng"))));
    expect(r.stacks[0].accessPolicies.find((p) => p.name === "Allow")?.oktaGroups).toEqual(["ENG", "${var.hidden}"]);
    expect(JSON.stringify(r)).not.toContain("S3CRET");
  });

  test("the Okta provider's org_name changed is a replacement of every Okta resource", () => {
    const provider = (org: string) => (j: any) => access(j, (x) => (x.provider = { okta: [{ org_name: org, base_url: "okta.com", api_token: "${var.okta_token}" }] }));
    const r = review(writeStackFile(handWrittenIdp(provider("acme-new"))), { base: writeStackFile(handWrittenIdp(provider("acme"))) });
    expect(r.warnings.map((w) => `${w.kind}: ${quoted(w.message)}`)).toContainEqual('replace: the Okta provider "okta" points at another Okta org: "org_name" "acme" → "acme-new"');
    expect(r.diff!.stacks[0].configChanges).toEqual([{ kind: "provider", name: "okta", attributes: [expect.objectContaining({ attribute: "okta.org_name", before: "acme", after: "acme-new" })] }]);
  });
});
