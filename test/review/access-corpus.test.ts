/**
 * Issue 24: a corpus per defect class, on hand-written stacks. Each class
 * has the example and more members: every one must reach the gate
 * (`--fail-on widen` exits 3), the access table must say so, and the finding
 * must name who now gets in. Close cases that are no widening must stay
 * quiet.
 */
import { APP, compare, email, group, GROUP, groups, IDP, IDP_REF, okta, policies, POLICY, ref, wiki, wikiChange, wikiStack } from "./access-helpers";

const widens = (c: ReturnType<typeof wikiChange>) => {
  expect(c.exitCode).toBe(3);
  expect(c.kinds).toContain("widen");
};

test("the same stack: nothing to report, exit 0", () => {
  const c = wikiChange(() => undefined);
  expect(c.findings).toEqual([]);
  expect(c.exitCode).toBe(0);
  expect(c.row("Wiki").verdict).toBe("unchanged");
});

describe("Indirection: Access groups wherever they are used", () => {
  test("the issue's example: Vendors leaves Contractors, which the allow policy excludes", () => {
    const c = wikiChange((j) => (groups(j).contractors.include = [okta("Temps")]));
    widens(c);
    expect(c.row("Wiki").verdict).toBe("widens");
    // Staff is Eng or SRE: the members of Vendors in either now get in.
    expect(c.findings).toEqual([
      'widen: members of Okta group "SRE" who are also members of Okta group "Vendors" now get in to "Wiki": before, policy "Allow staff" excluded them (Access group "Contractors", through Okta group "Vendors"); now policy "Allow staff" lets them in (Access group "Staff", through Okta group "SRE")',
      'widen: members of Okta group "Eng" who are also members of Okta group "Vendors" now get in to "Wiki": before, policy "Allow staff" excluded them (Access group "Contractors", through Okta group "Vendors"); now policy "Allow staff" lets them in (Access group "Staff", through Okta group "Eng")',
    ]);
  });

  test("an Access group in a deny policy's include loses a member", () => {
    const c = wikiChange(
      (j) => (policies(j).deny.include = [group(`${GROUP}.contractors`)]),
      (j) => {
        policies(j).deny.include = [group(`${GROUP}.contractors`)];
        groups(j).contractors.include.push(okta("Eng"));
      },
    );
    widens(c);
    expect(c.findings[0]).toMatch(/^widen: members of Okta group "Eng" now get in to "Wiki": before, Block policy "Deny interns" denied them \(Access group "Contractors", through Okta group "Eng"\); now policy "Allow staff" lets them in/);
  });

  test("a group inside a group: the inner group loses a member, the outer one is excluded", () => {
    const c = wikiChange(
      (j) => {
        groups(j).outsiders = { account_id: "a", name: "Outsiders", include: [group(`${GROUP}.contractors`)] };
        groups(j).contractors.include = [okta("Temps")];
        policies(j).allow.exclude = [group(`${GROUP}.outsiders`)];
      },
      (j) => {
        groups(j).outsiders = { account_id: "a", name: "Outsiders", include: [group(`${GROUP}.contractors`)] };
        policies(j).allow.exclude = [group(`${GROUP}.outsiders`)];
      },
    );
    widens(c);
    expect(c.findings[0]).toContain('before, policy "Allow staff" excluded them (Access group "Outsiders", through Access group "Contractors", through Okta group "Vendors")');
  });

  test("an Access group in require gains a member", () => {
    const c = wikiChange(
      (j) => {
        groups(j).fulltime = { account_id: "a", name: "Full-time", include: [okta("Employees"), okta("Partners")] };
        policies(j).allow.require = [group(`${GROUP}.fulltime`)];
      },
      (j) => {
        groups(j).fulltime = { account_id: "a", name: "Full-time", include: [okta("Employees")] };
        policies(j).allow.require = [group(`${GROUP}.fulltime`)];
      },
    );
    widens(c);
    expect(c.findings[0]).toMatch(/who are also members of Okta group "Partners" now get in to "Wiki": before, policy "Allow staff" required Access group "Full-time", which they did not match/);
  });

  test("the included group gains a member through its own nested group", () => {
    const c = wikiChange((j) => {
      groups(j).oncall = { account_id: "a", name: "On-call", include: [okta("Pager")] };
      groups(j).staff.include.push(group(`${GROUP}.oncall`));
    });
    widens(c);
    expect(c.findings).toEqual([expect.stringMatching(/^widen: members of Okta group "Pager" now get in to "Wiki": before, no policy let them in; now policy "Allow staff" lets them in \(Access group "Staff", through Access group "On-call", through Okta group "Pager"\)$/)]);
  });

  test("an excluded group's own exclude grows: fewer are excluded", () => {
    const c = wikiChange((j) => (groups(j).contractors.exclude = [okta("Eng")]));
    widens(c);
    expect(c.findings[0]).toMatch(/^widen: members of Okta group "Eng" who are also members of Okta group "(Vendors|Temps)" now get in/);
  });

  test("a member added to an excluded group, or to a denied one, narrows: no widening", () => {
    const c = wikiChange((j) => groups(j).contractors.include.push(okta("SRE")));
    expect(c.exitCode).toBe(0);
    expect(c.kinds).toEqual(["narrow"]);
    expect(c.row("Wiki").verdict).toBe("narrows");
  });

  test("email and email domain: an exclude on an email inside an admitted domain removed", () => {
    const c = wikiChange(
      (j) => (policies(j).allow.include = [{ email_domain: { domain: "acme.com" } }]),
      (j) => {
        policies(j).allow.include = [{ email_domain: { domain: "acme.com" } }];
        policies(j).allow.exclude.push(email("ceo@acme.com"));
      },
    );
    widens(c);
    expect(c.findings).toEqual(['widen: the user "ceo@acme.com" now gets in to "Wiki": before, policy "Allow staff" excluded them (email ceo@acme.com); now policy "Allow staff" lets them in (email domain acme.com)']);
  });

  test("Access groups that include each other: a cycle is noted, and a change through it cannot be told", () => {
    const cyclic = (j: any) => {
      groups(j).a = { account_id: "a", name: "A", include: [group(`${GROUP}.b`), okta("Ops")] };
      groups(j).b = { account_id: "a", name: "B", include: [group(`${GROUP}.a`)] };
      policies(j).allow.include.push(group(`${GROUP}.b`));
    };
    const c = wikiChange(
      (j) => {
        cyclic(j);
        groups(j).a.include.push(okta("Interns2"));
      },
      cyclic,
    );
    expect(c.findings).toContainEqual('check: Access group "A" includes itself: "A" → "B" → "A"; the review cannot tell whom the cycle admits');
    expect(c.exitCode).toBe(3);
    expect(c.findings).toContainEqual(expect.stringMatching(/^undecided: cannot tell whether members of Okta group "Interns2" now get in to "Wiki": Access group "(A|B)" includes itself/));
  });

  test("an Access group outside the stack, by literal id, swapped for another: cannot tell", () => {
    const c = wikiChange(
      (j) => (policies(j).allow.exclude = [{ group: { id: "22222222-2222-2222-2222-222222222222" } }]),
      (j) => (policies(j).allow.exclude = [{ group: { id: "11111111-1111-1111-1111-111111111111" } }]),
    );
    expect(c.exitCode).toBe(3);
    expect(c.kinds).toContain("undecided");
    expect(c.row("Wiki").verdict).toBe("cannot tell");
    expect(c.findings.find((f) => f.startsWith("undecided"))).toMatch(/the Access group 11111111-1111-1111-1111-111111111111 is not in this stack/);
  });
});

describe("The identity source: what the identity provider trusts", () => {
  const idp = (j: any) => j.resource[IDP].okta.config;

  test.each([
    ["okta_account", "https://evil.okta.com", "the Okta org", "whoever runs that Okta org now decides who signs in"],
    ["client_id", "0oa-someone-elses-app", "the Okta client", "the Okta app behind that client now decides"],
    ["email_claim_name", "preferred_username", "the claim it reads the email from", "rules on emails and email domains test that claim's value"],
    ["authorization_server_id", "aus-other", "the authorization server", "another authorization server"],
  ])("%s changed: a widening, even with --fail-on widen,replace,remove", (field, value, words, meaning) => {
    const base = wikiStack();
    const head = wikiStack((j) => (idp(j)[field] = value));
    const c = compare(base, head, ["widen", "replace", "remove"]);
    expect(c.exitCode).toBe(3);
    const finding = c.findings.find((f) => f.startsWith("widen: identity provider"));
    expect(finding).toContain(`identity provider "Acme Okta" now trusts another ${words.replace(/^the /, "")}: ${field}`);
    expect(finding).toContain(meaning);
    // The table and the gate agree: every application that accepts it widens (and may narrow: who is assigned to a client outside the stack is not known).
    expect(c.row("Wiki").verdict).toMatch(/^widens/);
    expect(c.row("Wiki").changes).toContainEqual(expect.objectContaining({ kind: "widen", aspect: "identity provider" }));
  });

  test("a claim added to config.claims is passed on to Access rules: a widening; one removed is not", () => {
    const c = wikiChange((j) => idp(j).claims.push("preferred_username"));
    expect(c.exitCode).toBe(3);
    expect(c.findings).toContainEqual('widen: identity provider "Acme Okta" now passes on the claims "preferred_username" (config.claims): Access rules that test them may now match');
    expect(wikiChange((j) => (idp(j).claims = [])).kinds.filter((k) => k === "widen")).toEqual([]);
  });

  test("every resource renamed (a construct id changed): the same identity provider, groups, policies and application, no access change", () => {
    const renamed = wikiStack((j) => {
      const text = JSON.stringify(j.resource).replace(/(_provider|_oauth|_group|_assignments|_policy|_application)\.(okta|cloudflare|contractors|staff|allow|deny|wiki)\b/g, "$1.sso_$2");
      const resource = JSON.parse(text);
      for (const type of Object.keys(resource)) resource[type] = Object.fromEntries(Object.entries(resource[type]).map(([name, body]) => [`sso_${name}`, body]));
      j.resource = resource;
    });
    const c = compare(wikiStack(), renamed);
    expect(c.result.diff?.counts.replace).toBeGreaterThan(5);
    expect(c.kinds.filter((k) => k !== "check")).toEqual([]);
    expect(c.row("Wiki").verdict).toBe("unchanged");
  });

  test("client_id pointed at another Okta app of the stack is a widening; the same app renamed is not", () => {
    const other = (j: any) => (j.resource.okta_app_oauth.other = { ...j.resource.okta_app_oauth.cloudflare, label: "Other" });
    const c = wikiChange(
      (j) => {
        other(j);
        idp(j).client_id = "${okta_app_oauth.other.client_id}";
      },
      other,
    );
    expect(c.exitCode).toBe(3);
    expect(c.findings).toContainEqual(expect.stringContaining('now trusts another Okta client: client_id "${okta_app_oauth.cloudflare.client_id}" → "${okta_app_oauth.other.client_id}"'));

    const renamed = compare(
      wikiStack(),
      wikiStack((j) => {
        j.resource.okta_app_oauth.sso = j.resource.okta_app_oauth.cloudflare;
        delete j.resource.okta_app_oauth.cloudflare;
        j.resource.okta_app_group_assignments.cloudflare.app_id = "${okta_app_oauth.sso.id}";
        idp(j).client_id = "${okta_app_oauth.sso.client_id}";
        idp(j).client_secret = "${okta_app_oauth.sso.client_secret}";
      }),
    );
    expect(renamed.kinds.filter((k) => k !== "check")).toEqual([]);
  });

  test("an application that does not accept the identity provider does not widen through it", () => {
    const c = wikiChange(
      (j) => {
        wiki(j).allowed_idps = ["00000000-other-idp"];
        idp(j).okta_account = "https://evil.okta.com";
      },
      (j) => (wiki(j).allowed_idps = ["00000000-other-idp"]),
    );
    expect(c.exitCode).toBe(3);
    expect(c.row("Wiki").verdict).toBe("unchanged");
  });

  test("a broadened groups claim reaches the rules that name the groups it now sends", () => {
    const c = compare(
      wikiStack((j) => (j.resource.okta_app_oauth.cloudflare.groups_claim = [{ type: "FILTER", filter_type: "STARTS_WITH", name: "groups", value: "e" }])),
      wikiStack((j) => (j.resource.okta_app_oauth.cloudflare.groups_claim = [{ type: "FILTER", filter_type: "REGEX", name: "groups", value: ".*" }])),
    );
    expect(c.exitCode).toBe(3);
    expect(c.findings).toContainEqual('widen: Okta app "Access": groups claim broadened, groups starting with "e" → all groups (regex .*): more Okta groups reach Cloudflare, for every Access rule that names them');
    expect(c.findings).toContainEqual(expect.stringMatching(/^widen: members of Okta group "SRE" now get in to "Wiki": before, the groups claim did not send "SRE" to Cloudflare, so policy "Allow staff" did not match/));
    // The claim now also sends Interns and the contractors' groups: the deny and the exclude now match them.
    expect(c.findings).toContainEqual(expect.stringMatching(/^narrow: members of Okta group "Interns" who are also members of Okta group "Eng" no longer get in to "Wiki": .* now Block policy "Deny interns" denies them/));
  });
});

describe("Other ways to attach a policy", () => {
  const v4 = (j: any, policy: any) => (j.resource.cloudflare_access_policy = { open: { account_id: "a", name: "Open", decision: "allow", precedence: 3, application_id: ref(`${APP}.wiki`), ...policy } });

  test("the issue's example: a v4 policy tied by application_id admits everyone: table and gate both say widens", () => {
    const c = wikiChange((j) => v4(j, { include: { everyone: true } }));
    expect(c.row("Wiki").verdict).toBe("widens");
    widens(c);
    expect(c.findings).toEqual(['widen: anyone who signs in through "Acme Okta" now gets in to "Wiki": before, no policy let them in; now policy "Open" lets them in (everyone)']);
  });

  test("a v4 policy's include list (email = [...]) gains a value", () => {
    const c = wikiChange(
      (j) => v4(j, { include: { email: ["a@acme.com", "b@acme.com"] } }),
      (j) => v4(j, { include: { email: ["a@acme.com"] } }),
    );
    widens(c);
    expect(c.findings).toEqual([expect.stringMatching(/^widen: the user "b@acme.com" now gets in to "Wiki": before, no policy let them in; now policy "Open" lets them in \(email b@acme.com\)/)]);
  });

  test("a v4 application's policies list of ids gains a policy", () => {
    const v4app = (extra: string[]) => (j: any) => {
      j.resource.cloudflare_access_policy = { open: { account_id: "a", name: "Open", decision: "allow", include: { email_domain: ["acme.com"] } } };
      wiki(j).policies = [ref(`${POLICY}.deny`), ref(`${POLICY}.allow`), ...extra];
    };
    const c = wikiChange(v4app([ref("cloudflare_access_policy.open")]), v4app([]));
    widens(c);
    expect(c.findings[0]).toMatch(/^widen: people with an email address at "acme.com" now get in to "Wiki"/);
  });

  test("an inline policy in the policies list admits everyone", () => {
    const c = wikiChange((j) => wiki(j).policies.push({ decision: "allow", name: "Everyone inline", include: [{ everyone: {} }] }));
    widens(c);
    expect(c.findings).toEqual([expect.stringContaining('now policy "Everyone inline" lets them in (everyone)')]);
  });

  test("a Bypass policy lets anyone in without signing in; a Service Auth one any request with its token", () => {
    const bypass = wikiChange((j) => wiki(j).policies.push({ decision: "bypass", name: "Public", include: [{ everyone: {} }] }));
    widens(bypass);
    expect(bypass.findings).toEqual(['widen: anyone, without signing in now gets in to "Wiki": before, nothing let them in without signing in; now Bypass policy "Public" lets them in without signing in (everyone)']);
    const token = wikiChange((j) => wiki(j).policies.push({ decision: "non_identity", name: "CI", include: [{ service_token: { token_id: "tok-1" } }] }));
    widens(token);
    expect(token.findings[0]).toMatch(/^widen: requests with service token "tok-1" \(without signing in\) now get in to "Wiki": before, nothing let them in without signing in; now Service Auth policy "CI" lets them in without signing in/);
  });

  test("a reusable policy changed in place widens every application that uses it", () => {
    const c = wikiChange((j) => {
      policies(j).allow.include.push(okta("Support"));
      j.resource[APP].grafana = { account_id: "a", name: "Grafana", domain: "grafana.acme.com", policies: [{ id: ref(`${POLICY}.allow`) }] };
    }, (j) => (j.resource[APP].grafana = { account_id: "a", name: "Grafana", domain: "grafana.acme.com", policies: [{ id: ref(`${POLICY}.allow`) }] }));
    expect(c.row("Wiki").verdict).toBe("widens");
    expect(c.row("Grafana").verdict).toBe("widens");
    widens(c);
  });

  test("a policy outside the stack added: cannot tell, which fails --fail-on widen", () => {
    const c = wikiChange((j) => wiki(j).policies.push({ id: "33333333-3333-3333-3333-333333333333", precedence: 3 }));
    expect(c.kinds).toEqual(["undecided"]);
    expect(c.exitCode).toBe(3);
    expect(c.row("Wiki").verdict).toBe("cannot tell");
    expect(c.findings[0]).toContain("the policy 33333333-3333-3333-3333-333333333333 is not in this stack");
  });

  test("a deny policy taken off the application, or deleted", () => {
    const off = wikiChange((j) => wiki(j).policies.shift());
    widens(off);
    expect(off.findings[0]).toMatch(/^widen: members of Okta group "Interns" who are also members of Okta group "(Eng|SRE)" now get in to "Wiki": before, Block policy "Deny interns" denied them/);
    const deleted = wikiChange((j) => {
      wiki(j).policies.shift();
      delete policies(j).deny;
    });
    widens(deleted);
  });

  test("precedences swapped so that the allow comes before the deny", () => {
    const c = wikiChange((j) => {
      wiki(j).policies[0].precedence = 2;
      wiki(j).policies[1].precedence = 1;
    });
    widens(c);
    expect(c.findings[0]).toMatch(/now get in to "Wiki": before, Block policy "Deny interns" denied them \(Okta group "Interns"\); now policy "Allow staff" lets them in/);
  });

  test("an allow policy for everyone turned into a Bypass: anyone, without signing in", () => {
    const everyone = (decision: string) => (j: any) => wiki(j).policies.push({ decision, name: "All", include: [{ everyone: {} }] });
    const c = wikiChange(everyone("bypass"), everyone("allow"));
    widens(c);
    expect(c.findings[0]).toMatch(/^widen: anyone, without signing in now gets in to "Wiki"/);
  });

  test("an identity-based rule in a Bypass policy: Cloudflare does not evaluate it, so what it admits cannot be told", () => {
    const c = wikiChange(
      (j) => (policies(j).deny.decision = "bypass"),
      (j) => (policies(j).deny.decision = "allow"),
    );
    expect(c.kinds).toContain("undecided");
    expect(c.exitCode).toBe(3);
    expect(c.findings.find((f) => f.startsWith("undecided"))).toContain("Cloudflare does not evaluate identity-based rules (Okta group \"Interns\") in a Bypass or Service Auth policy");
  });

  test.each([
    ["deny", "allow"],
    ["deny", "bypass"],
    ["deny", "non_identity"],
  ])("decision %s → %s widens or cannot be told", (before, after) => {
    const c = wikiChange(
      (j) => (policies(j).deny.decision = after),
      (j) => (policies(j).deny.decision = before),
    );
    expect(c.exitCode).toBe(3);
    expect(c.kinds.some((k) => k === "widen" || k === "undecided")).toBe(true);
  });

  test("a Bypass for everyone turned into an allow for everyone narrows: people must sign in", () => {
    const everyone = (decision: string) => (j: any) => wiki(j).policies.push({ decision, name: "All", include: [{ everyone: {} }] });
    const c = wikiChange(everyone("allow"), everyone("bypass"));
    expect(c.kinds).toEqual(["narrow"]);
    expect(c.exitCode).toBe(0);
  });

  test.each([["allow", "deny"]])("decision %s → %s does not widen", (before, after) => {
    const c = wikiChange(
      (j) => (policies(j).allow.decision = after),
      (j) => (policies(j).allow.decision = before),
    );
    expect(c.kinds).not.toContain("widen");
    expect(c.exitCode).toBe(0);
  });
});

describe("Coverage: hostnames behind Access", () => {
  test("the issue's example: a hostname removed from self_hosted_domains", () => {
    const c = wikiChange((j) => (wiki(j).self_hosted_domains = ["wiki.acme.com"]));
    widens(c);
    expect(c.row("Wiki").verdict).toBe("widens");
    expect(c.findings).toEqual(['widen: "docs.acme.com" is no longer behind Access: application "Wiki" no longer covers it, so anyone who can reach the origin gets in']);
  });

  test("a removed application leaves each of its hostnames unprotected", () => {
    const c = wikiChange((j) => delete j.resource[APP].wiki);
    expect(c.row("Wiki").verdict).toBe("removed");
    widens(c);
    expect(c.findings.filter((f) => f.includes("no longer behind Access"))).toHaveLength(2);
  });

  test("a hostname added to an application is newly covered: a widening", () => {
    const c = wikiChange((j) => wiki(j).self_hosted_domains.push("admin.acme.com"));
    widens(c);
    expect(c.findings).toEqual(['widen: application "Wiki" now also covers "admin.acme.com": everyone it admits reaches "admin.acme.com"']);
  });

  test("a destination uri removed", () => {
    const c = wikiChange(
      (j) => (wiki(j).destinations = [{ type: "public", uri: "wiki.acme.com" }]),
      (j) => (wiki(j).destinations = [{ type: "public", uri: "wiki.acme.com" }, { type: "public", uri: "wiki.acme.com/admin" }]),
    );
    widens(c);
    expect(c.findings).toContainEqual(expect.stringContaining('"wiki.acme.com/admin" is no longer behind Access'));
  });

  test("a hostname that moves to an application with wider access: its people now get in", () => {
    const open = { account_id: "a", name: "Open", domain: "open.acme.com", policies: [{ decision: "allow", name: "All", include: [{ everyone: {} }] }] };
    const c = wikiChange(
      (j) => {
        wiki(j).self_hosted_domains = ["wiki.acme.com"];
        j.resource[APP].open = { ...open, self_hosted_domains: ["open.acme.com", "docs.acme.com"] };
      },
      (j) => (j.resource[APP].open = open),
    );
    widens(c);
    expect(c.findings).toContainEqual(expect.stringMatching(/^widen: anyone who signs in through "Acme Okta" now gets in to "docs.acme.com" \(now behind "Open", before behind "Wiki"\)/));
    expect(c.findings.some((f) => f.includes("no longer behind Access"))).toBe(false);
  });

  test("a hostname that moves to an application with the same access, and a renamed application: no widening", () => {
    const same = wikiChange((j) => {
      wiki(j).self_hosted_domains = ["wiki.acme.com"];
      j.resource[APP].docs = { ...wiki(j), name: "Docs", domain: "docs.acme.com", self_hosted_domains: ["docs.acme.com"] };
    });
    expect(same.kinds).not.toContain("widen");
    const renamed = wikiChange((j) => {
      j.resource[APP].team_wiki = j.resource[APP].wiki;
      delete j.resource[APP].wiki;
    });
    expect(renamed.kinds).toEqual([]);
    expect(renamed.row("Wiki").verdict).toBe("unchanged");
  });

  test("hostnames compare without case", () => {
    expect(wikiChange((j) => (wiki(j).self_hosted_domains = ["WIKI.acme.com", "Docs.Acme.com"])).kinds).toEqual([]);
  });
});

describe("Values as Terraform reads them", () => {
  test('implicit_assignment "true" (a string) opens the Okta app to every user', () => {
    const c = compare(
      wikiStack((j) => (j.resource.okta_app_group_assignments.cloudflare.group = [{ id: "00g-eng" }])),
      wikiStack((j) => {
        j.resource.okta_app_group_assignments.cloudflare.group = [{ id: "00g-eng" }];
        j.resource.okta_app_oauth.cloudflare.implicit_assignment = "true";
      }),
    );
    expect(c.exitCode).toBe(3);
    expect(c.findings).toContainEqual(expect.stringContaining("is now open to every user of the Okta org (implicit_assignment, Federation Broker Mode)"));
  });

  test('precedence "2" and "1" (strings) order the policies: swapping them lets the allow decide first', () => {
    const c = wikiChange(
      (j) => {
        wiki(j).policies[0].precedence = "2";
        wiki(j).policies[1].precedence = "1";
      },
      (j) => {
        wiki(j).policies[0].precedence = "1";
        wiki(j).policies[1].precedence = "2";
      },
    );
    widens(c);
  });

  test('v4 booleans as strings: everyone = "true" is a rule, "false" none; any_valid_service_token = "1"', () => {
    const v4 = (include: any) => (j: any) => (j.resource.cloudflare_access_policy = { p: { account_id: "a", name: "P", decision: "non_identity", precedence: 3, application_id: ref(`${APP}.wiki`), include } });
    expect(wikiChange(v4({ everyone: "true" }), v4({ everyone: "false" })).exitCode).toBe(3);
    expect(wikiChange(v4({ everyone: "false" }), v4({ everyone: false })).kinds).toEqual([]);
    const token = wikiChange(v4({ any_valid_service_token: "1" }), v4({ any_valid_service_token: "0" }));
    expect(token.findings[0]).toMatch(/^widen: requests with any valid service token of the account \(without signing in\) now get in/);
  });

  test("a decision written in another case is that decision (the provider compares without case)", () => {
    expect(wikiChange((j) => (policies(j).deny.decision = "DENY")).kinds).toEqual([]);
  });

  test("a variable default a rule reads changes the rule; a template of locals too", () => {
    const withVar = (team: string) => (j: any) => {
      j.variable = { team: { default: team } };
      policies(j).allow.include = [okta("${var.team}")];
    };
    const c = wikiChange(withVar("Everyone-Else"), withVar("Eng"));
    widens(c);
    expect(c.findings[0]).toMatch(/^widen: members of Okta group "Everyone-Else"/);
  });

  test("a value known only at plan time (a variable without default) in a rule: a change through it cannot be told", () => {
    const c = wikiChange(
      (j) => {
        j.variable = { team: {} };
        policies(j).allow.include = [okta("${var.team}"), okta("Support")];
      },
      (j) => {
        j.variable = { team: {} };
        policies(j).allow.include = [okta("${var.team}")];
      },
    );
    expect(c.kinds).toEqual(["undecided"]);
    expect(c.exitCode).toBe(3);
    expect(c.findings[0]).toMatch(/^undecided: cannot tell whether members of Okta group "Support" now get in to "Wiki": a value of it is known only at plan time/);
  });
});

describe("Provider versions", () => {
  const pinned = (okta: string, cloudflare: string) => (j: any) =>
    (j.terraform = { required_providers: { okta: { source: "okta/okta", version: okta }, cloudflare: { source: "cloudflare/cloudflare", version: cloudflare } } });

  test("the issue's example: okta 4.20 → 6.12 and cloudflare 5.14 → 5.22 are findings of their own kind, before and after", () => {
    const c = wikiChange(pinned("6.12.0", "5.22.0"), pinned("4.20.0", "5.14.0"));
    expect(c.findings.filter((f) => f.startsWith("provider"))).toEqual(['provider: required provider "cloudflare": version "5.14.0" → "5.22.0"', 'provider: required provider "okta": version "4.20.0" → "6.12.0"']);
    const hints = c.result.warnings.filter((w) => w.kind === "provider").map((w) => w.hint ?? "");
    expect(hints[0]).toContain("5.17 to 5.19 upgrade the Access resources' state schema, one way");
    expect(hints[1]).toContain("okta 6.x deprecates okta_app_oauth.groups_claim");
    expect(c.result.exitCode).toBe(0);
    expect(compare(wikiStack(pinned("4.20.0", "5.14.0")), wikiStack(pinned("6.12.0", "5.22.0")), ["provider"]).exitCode).toBe(3);
  });

  test("a source change, a provider newly required, one no longer required", () => {
    const c = wikiChange(
      (j) => (j.terraform = { required_providers: { okta: { source: "registry.terraform.io/acme/okta", version: "4.20.0" }, random: { source: "hashicorp/random" } } }),
      (j) => (j.terraform = { required_providers: { okta: { source: "okta/okta", version: "4.20.0" }, cloudflare: { source: "cloudflare/cloudflare", version: "5.14.0" } } }),
    );
    expect(c.findings.filter((f) => f.startsWith("provider"))).toEqual([
      'provider: required provider "cloudflare": no longer required, version "5.14.0" → "(any)"',
      'provider: required provider "okta": source "okta/okta" → "registry.terraform.io/acme/okta"',
      'provider: required provider "random": newly required',
    ]);
  });

  test.each([
    ["5.14.0", true],
    ["~> 5.14", true],
    [">= 5.14.0, < 5.20.0", true],
    [undefined, true],
    ["5.22.0", false],
    ["~> 5.20", false],
    [">= 5.20.0", false],
    ["~> 5.19.0", true],
  ])("SCIM turned on for an existing identity provider with cloudflare %s: advice %s", (version, advice) => {
    const head = wikiStack((j) => {
      j.resource[IDP].okta.scim_config = { enabled: true };
      if (version !== undefined) j.terraform = { required_providers: { cloudflare: { source: "cloudflare/cloudflare", version } } };
    });
    const base = wikiStack((j) => {
      if (version !== undefined) j.terraform = { required_providers: { cloudflare: { source: "cloudflare/cloudflare", version } } };
    });
    const c = compare(base, head);
    expect(c.findings.some((f) => f.startsWith("check: SCIM is added to the existing identity provider"))).toBe(advice);
  });
});

test("an IdP new in the head that an application accepting every IdP now lets in", () => {
  const c = wikiChange((j) => {
    delete wiki(j).allowed_idps;
    j.resource[IDP].github = { account_id: "a", name: "GitHub", type: "github", config: { client_id: "x" } };
    policies(j).allow.include.push({ everyone: {} });
  }, (j) => {
    delete wiki(j).allowed_idps;
    policies(j).allow.include.push({ everyone: {} });
  });
  widens(c);
  expect(c.findings[0]).toMatch(/^widen: anyone who signs in through "GitHub" now gets in to "Wiki": before, identity provider "GitHub" did not exist/);
  void IDP_REF;
});
