/**
 * A red-team pass on the access model: which Okta groups reach Cloudflare
 * (the groups claim as Okta puts it in the ID token, under a name Cloudflare
 * reads) and what an identity provider trusts when it reads a data source.
 * Hand-written stacks, each member of a class reaching the gate; close cases
 * that change nothing stay quiet.
 */
import { compare, IDP, wikiStack } from "./access-helpers";

const AUS = "aus1b2c3d4e5f6g7h8i9";
const config = (j: any) => j.resource[IDP].okta.config;
const appClaim = (j: any) => j.resource.okta_app_oauth.cloudflare.groups_claim[0];

/** The wiki stack signing in through a custom authorization server whose claim `groups` sends every group (as the construct writes it). */
function onServer(change: (j: any) => void = () => undefined): any {
  return wikiStack((j) => {
    config(j).authorization_server_id = AUS;
    delete j.resource.okta_app_oauth.cloudflare.groups_claim;
    j.resource.okta_auth_server_claim = {
      groups: { auth_server_id: AUS, name: "groups", claim_type: "IDENTITY", value_type: "GROUPS", group_filter_type: "REGEX", value: ".*", always_include_in_token: true },
    };
    change(j);
  });
}
const claim = (j: any) => j.resource.okta_auth_server_claim.groups;

const both: ["widen", "narrow"] = ["widen", "narrow"];

describe("A custom authorization server's claim reaches Cloudflare only in the ID token", () => {
  test.each([
    ["always_include_in_token false → true", (j: any) => (claim(j).always_include_in_token = false)],
    ['always_include_in_token "false" → "true" (as Terraform reads strings)', (j: any) => (claim(j).always_include_in_token = "false"), (j: any) => (claim(j).always_include_in_token = "true")],
    ["status INACTIVE → ACTIVE", (j: any) => (claim(j).status = "INACTIVE"), (j: any) => (claim(j).status = "ACTIVE")],
    ["claim_type RESOURCE → IDENTITY", (j: any) => (claim(j).claim_type = "RESOURCE")],
  ])("%s: groups reach Cloudflare again, a widening", (_, base, head: (j: any) => void = () => undefined) => {
    const c = compare(onServer(base), onServer(head));
    expect(c.exitCode).toBe(3);
    expect(c.findings).toContainEqual('widen: authorization server claim "groups": Okta groups reach Cloudflare again (none → all groups (regex .*)): every Access rule that names them may match');
    expect(c.row("Wiki").verdict).toBe("widens");
  });

  test.each([
    ["claim_type → RESOURCE (an access-token claim)", (j: any) => (claim(j).claim_type = "RESOURCE"), '"groups" is an access-token claim (claim_type RESOURCE)'],
    ["always_include_in_token → false", (j: any) => (claim(j).always_include_in_token = false), '"groups" has always_include_in_token false'],
    ['always_include_in_token → "0"', (j: any) => (claim(j).always_include_in_token = "0"), '"groups" has always_include_in_token false'],
    ["status → INACTIVE", (j: any) => (claim(j).status = "INACTIVE"), '"groups" is INACTIVE'],
  ])("%s: no groups reach Cloudflare, a lockout", (_, head, why) => {
    const c = compare(onServer(), onServer(head), both);
    expect(c.exitCode).toBe(3);
    expect(c.kinds).not.toContain("widen");
    expect(c.findings).toContainEqual(
      `narrow: authorization server claim "groups": no Okta groups reach Cloudflare any more (all groups (regex .*) → none): no claim "groups" of the custom authorization server is in the ID token Cloudflare reads (${why}); every Access rule on Okta groups of identity provider "Acme Okta" stops matching: it may lock people out`,
    );
    expect(c.row("Wiki").verdict).toBe("narrows");
  });

  test("the issue's example: claim a becomes an access-token claim and a new claim b sends every group, in either JSON order: a widening", () => {
    const base = onServer((j) => Object.assign(claim(j), { group_filter_type: "EQUALS", value: "Eng" }));
    const b = { auth_server_id: AUS, name: "groups", claim_type: "IDENTITY", value_type: "GROUPS", group_filter_type: "REGEX", value: ".*", always_include_in_token: true };
    const a = (j: any) => ({ ...claim(j), group_filter_type: "EQUALS", value: "Eng", claim_type: "RESOURCE" });
    const heads = [onServer((j) => (j.resource.okta_auth_server_claim = { groups: a(j), other: b })), onServer((j) => (j.resource.okta_auth_server_claim = { other: b, groups: a(j) }))];
    const results = heads.map((head) => compare(base, head));
    for (const c of results) {
      expect(c.exitCode).toBe(3);
      expect(c.findings).toContainEqual('widen: authorization server claim "groups": groups claim broadened, the group named "Eng" → all groups (regex .*): more Okta groups reach Cloudflare, for every Access rule that names them');
      expect(c.row("Wiki").verdict).toMatch(/^widens/);
    }
    expect(results[0].findings).toEqual(results[1].findings);
  });

  test("two claims named groups that may both be in the ID token: cannot tell which one Okta sends", () => {
    const c = compare(onServer(), onServer((j) => (j.resource.okta_auth_server_claim.eng = { ...claim(j), group_filter_type: "EQUALS", value: "Eng" })));
    expect(c.exitCode).toBe(3);
    expect(c.kinds).toContain("undecided");
    expect(c.findings.find((f) => f.startsWith("undecided: authorization server claim"))).toContain('2 claims named "groups" of the custom authorization server may be in the ID token');
    expect(c.row("Wiki").verdict).toBe("cannot tell");
  });

  test("a scopes condition on scopes Cloudflare may not request, or a claim_type known at plan time: cannot tell", () => {
    for (const head of [(j: any) => (claim(j).scopes = ["nope"]), (j: any) => (claim(j).claim_type = "${var.claim_type}")]) {
      const c = compare(onServer(), onServer(head));
      expect(c.exitCode).toBe(3);
      expect(c.kinds).toContain("undecided");
      expect(c.findings.find((f) => f.startsWith("undecided: authorization server claim"))).toMatch(/is in the ID token Cloudflare reads cannot be told/);
    }
  });

  test("close cases that change nothing: the defaults written out, scopes Cloudflare requests, an access-token claim beside it", () => {
    for (const head of [
      (j: any) => Object.assign(claim(j), { status: "ACTIVE", always_include_in_token: "true" }),
      (j: any) => delete claim(j).always_include_in_token,
      (j: any) => (claim(j).scopes = ["openid", "groups"]),
      (j: any) => (j.resource.okta_auth_server_claim.api = { ...claim(j), claim_type: "RESOURCE", group_filter_type: "EQUALS", value: "Eng" }),
    ]) {
      const c = compare(onServer(), onServer(head), both);
      expect(c.findings).toEqual([]);
      expect(c.exitCode).toBe(0);
      expect(c.row("Wiki").verdict).toBe("unchanged");
    }
  });
});

describe("A groups claim under a name Cloudflare does not read (config.claims)", () => {
  test("the Okta app's groups claim renamed: no groups reach Cloudflare, a lockout", () => {
    const c = compare(wikiStack(), wikiStack((j) => (appClaim(j).name = "roles")), both);
    expect(c.exitCode).toBe(3);
    expect(c.kinds).not.toContain("widen");
    expect(c.findings).toContainEqual(
      'narrow: Okta app "Access": no Okta groups reach Cloudflare any more (all groups (regex .*) → none): Cloudflare\'s claims ("groups") do not include the groups claim "roles": Access never sees the groups; every Access rule on Okta groups of identity provider "Acme Okta" stops matching: it may lock people out',
    );
    // The check that tells the author reads the same rule.
    expect(c.findings).toContainEqual('check: Cloudflare\'s claims ("groups") do not include the groups claim "roles": Access never sees the groups');
    expect(c.row("Wiki").verdict).toBe("narrows");
  });

  test("the server's groups claim renamed: a lockout", () => {
    const c = compare(onServer(), onServer((j) => (claim(j).name = "roles")), both);
    expect(c.exitCode).toBe(3);
    expect(c.findings.find((f) => f.startsWith("narrow: authorization server claim"))).toContain('the custom authorization server\'s groups claim is named "roles", not "groups"');
    expect(c.row("Wiki").verdict).toBe("narrows");
  });

  test("the claim renamed to another name Cloudflare also reads, with the same filter: cannot tell, never silent", () => {
    const base = wikiStack((j) => (config(j).claims = ["groups", "roles"]));
    const c = compare(base, wikiStack((j) => {
      config(j).claims = ["groups", "roles"];
      appClaim(j).name = "roles";
    }));
    expect(c.exitCode).toBe(3);
    expect(c.findings).toContainEqual('undecided: Okta app "Access": the groups claim is now named "roles" (was "groups"), with the same filter; the review cannot tell whether Access reads groups from it as before');
  });

  test("config.claims lists no claims, or a list known at plan time: cannot tell, never silent", () => {
    for (const claims of [[], "${var.claims}"]) {
      const c = compare(wikiStack(), wikiStack((j) => (config(j).claims = claims)));
      expect(c.exitCode).toBe(3);
      expect(c.findings).toContainEqual(expect.stringMatching(/^undecided: Okta app "Access": which Okta groups reach Cloudflare changes \(all groups \(regex \.\*\) → whether Cloudflare reads the groups claim "groups" cannot be told: config.claims (lists no claims|is known only at plan time)\)/));
    }
  });

  test("the groups claim added to config.claims: groups reach Cloudflare again, a widening", () => {
    const c = compare(wikiStack((j) => (config(j).claims = ["email"])), wikiStack((j) => (config(j).claims = ["email", "groups"])));
    expect(c.exitCode).toBe(3);
    expect(c.findings).toContainEqual('widen: Okta app "Access": Okta groups reach Cloudflare again (none → all groups (regex .*)): every Access rule that names them may match');
  });
});

describe("Trust through a data source: the same reference with other arguments", () => {
  const viaServer = (name: string) =>
    wikiStack((j) => {
      j.data.okta_auth_server = { srv: { name } };
      config(j).authorization_server_id = "${data.okta_auth_server.srv.id}";
      j.resource.okta_auth_server_claim = { groups: { auth_server_id: "${data.okta_auth_server.srv.id}", name: "groups", claim_type: "IDENTITY", value_type: "GROUPS", group_filter_type: "REGEX", value: ".*" } };
    });
  const viaClient = (label: string) =>
    wikiStack((j) => {
      j.data.okta_app_oauth = { app: { label } };
      config(j).client_id = "${data.okta_app_oauth.app.client_id}";
      config(j).client_secret = "${var.secret}";
      j.variable = { secret: { type: "string", sensitive: true } };
    });

  test.each([
    ["the authorization server", () => viaServer("Cloudflare"), () => viaServer("Everything"), 'may now trust another authorization server: authorization_server_id "${data.okta_auth_server.srv.id}" reads a data source whose arguments changed'],
    ["the Okta client", () => viaClient("Cloudflare Access"), () => viaClient("Some Other App"), 'may now trust another Okta client: client_id "${data.okta_app_oauth.app.client_id}" reads a data source whose arguments changed'],
  ])("%s read from a data source with other arguments: a widening", (_, base, head, message) => {
    const c = compare(base(), head());
    expect(c.exitCode).toBe(3);
    expect(c.findings.find((f) => f.startsWith('widen: identity provider "Acme Okta" may now trust'))).toContain(message);
    expect(c.row("Wiki").verdict).toMatch(/^widens/);
    expect(compare(base(), base()).exitCode).toBe(0);
  });

  test("the server's groups claim outside the stack, its server read from a data source with other arguments: never silent", () => {
    const stack = (name: string) =>
      wikiStack((j) => {
        j.data.okta_auth_server = { srv: { name } };
        config(j).authorization_server_id = "${data.okta_auth_server.srv.id}";
      });
    const c = compare(stack("Cloudflare"), stack("Everything"));
    expect(c.exitCode).toBe(3);
    expect(c.findings).toContainEqual(expect.stringMatching(/^undecided: Okta app "Access": which Okta groups reach Cloudflare changes/));
  });
});
