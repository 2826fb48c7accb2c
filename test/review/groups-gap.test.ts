/**
 * The groups gap (docs/groups-claim-mechanisms.md, "Moving without a gap"):
 * one change that removes an Okta app's groups_claim while the identity
 * provider signing in with that app gains or changes authorization_server_id
 * is reported as "may lock people out", with the two-phase instruction. On
 * hand-written stacks (the review must not depend on our constructs) and on
 * stacks our construct synthesizes.
 */
import { App, TerraformStack } from "cdktf";
import { AppGroupsClaim, OktaAccessIdentityProvider, OktaAccessIdentityProviderProps } from "../../src";
import { CloudflareProvider } from "../../src/providers/cloudflare/provider";
import { OktaProvider } from "../../src/providers/okta/provider";
import { review } from "../../src/review/review";
import { synthApp } from "./fixtures";
import { handWrittenIdp, quoted, writeStackFile } from "./helpers";

const AUS = "aus1b2c3d4e5f6g7h8i9";
const HINT =
  "Move in two applies: first switch the identity provider with the app's groups claim kept (appGroupsClaim: AppGroupsClaim.KEEP), then remove it in a later change (AppGroupsClaim.REMOVE). See docs/groups-claim-mechanisms.md.";

const idp = (j: any) => j.resource.cloudflare_zero_trust_access_identity_provider.okta;
const oktaApp = (j: any) => j.resource.okta_app_oauth.cloudflare;

/** A server claim like the construct's, on `server`. */
function serverClaim(j: any, server = AUS): void {
  j.resource.okta_auth_server_claim = {
    groups: { auth_server_id: server, name: "groups", claim_type: "IDENTITY", value_type: "GROUPS", group_filter_type: "STARTS_WITH", value: "eng-", always_include_in_token: true },
  };
}

/** The custom server, its claim, and (unless `keep`) the app's claim gone. */
function moved(server: string, keep: boolean) {
  return (j: any) => {
    idp(j).config.authorization_server_id = server;
    serverClaim(j, server);
    if (!keep) delete oktaApp(j).groups_claim;
  };
}

function gaps(head: (j: any) => void, base: (j: any) => void = () => undefined) {
  const r = review(writeStackFile(handWrittenIdp(head)), { base: writeStackFile(handWrittenIdp(base)) });
  return r.warnings.filter((w) => w.message.includes("groups gap")).map((w) => ({ kind: w.kind, address: w.address, message: quoted(w.message), hint: w.hint }));
}

describe("hand-written stacks", () => {
  test("the app loses its claim while the identity provider moves to a custom server: a groups gap", () => {
    expect(gaps(moved(AUS, false))).toEqual([
      {
        kind: "narrow",
        address: "okta_app_oauth.cloudflare",
        message: `groups gap: Okta app "Access" loses its groups_claim in the same change in which identity provider "Acme Okta" moves to the custom authorization server (authorization_server_id "(none)" → "${AUS}"). Terraform updates the app first, so sign-ins carry no groups until Cloudflare's update lands, or at all if it fails: it may lock people out`,
        hint: HINT,
      },
    ]);
  });

  test("moving to another custom server in the same change that removes the claim: a gap too", () => {
    const found = gaps(moved("aus9z8y7x6w5v4u3t2s1", false), (j) => moved(AUS, true)(j));
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain(`moves to another authorization server (authorization_server_id "${AUS}" → "aus9z8y7x6w5v4u3t2s1")`);
  });

  test("phase 1 (the claim kept) and phase 2 (the claim removed, the server unchanged) are no gap", () => {
    expect(gaps(moved(AUS, true))).toEqual([]);
    expect(gaps(moved(AUS, false), moved(AUS, true))).toEqual([]);
  });

  test("removing the claim without a move, or moving an app that had none, is no gap", () => {
    expect(gaps((j) => delete oktaApp(j).groups_claim)).toEqual([]);
    expect(gaps(moved(AUS, false), (j) => delete oktaApp(j).groups_claim)).toEqual([]);
  });

  test("moving back to the org server while removing the claim is not this gap (the review reports what reaches Cloudflare)", () => {
    expect(gaps((j) => delete oktaApp(j).groups_claim, moved(AUS, true))).toEqual([]);
  });

  test("another app's claim removed while the identity provider moves is no gap of this one", () => {
    const base = (j: any) => {
      j.resource.okta_app_oauth.other = { ...oktaApp(j), label: "Other" };
    };
    const head = (j: any) => {
      base(j);
      idp(j).config.authorization_server_id = AUS;
      serverClaim(j);
      delete j.resource.okta_app_oauth.other.groups_claim;
    };
    expect(gaps(head, base)).toEqual([]);
  });

  test("the label is a literal of the message (each renderer escapes literals its own way)", () => {
    const hostile = (j: any) => (oktaApp(j).label = "<img src=x>`|");
    const found = gaps((j) => (hostile(j), moved(AUS, false)(j)), hostile);
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain('Okta app "<img src=x>`|"');
  });
});

describe("stacks our construct synthesizes", () => {
  function synth(props: Partial<OktaAccessIdentityProviderProps>, oktaConstraint = ">= 6.6.0, <= 6.12.0"): string {
    return synthApp((app: App) => {
      const stack = new TerraformStack(app, "okta-access");
      new OktaProvider(stack, "okta", { orgName: "acme", baseUrl: "okta.com" });
      new CloudflareProvider(stack, "cloudflare", {});
      stack.addOverride("terraform.required_providers.okta.version", oktaConstraint);
      new OktaAccessIdentityProvider(stack, "Okta", { accountId: "0123456789abcdef0123456789abcdef", teamDomain: "acme", oktaOrgUrl: "https://acme.okta.com", ...props });
    });
  }
  const gapsOf = (head: string, base: string) => review(head, { base }).warnings.filter((w) => w.message.includes("groups gap"));

  test("an org-server stack that gains authorizationServerId with AUTO on okta >= 6.6.0: reported, with the instruction", () => {
    const found = gapsOf(synth({ authorizationServerId: AUS }), synth({}));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: "narrow", address: expect.stringMatching(/^okta_app_oauth\.Okta_App_[0-9A-F]{8}$/), hint: HINT });
  });

  test("with KEEP for that apply, then REMOVE: neither change is reported", () => {
    const phase1 = synth({ authorizationServerId: AUS, appGroupsClaim: AppGroupsClaim.KEEP });
    expect(gapsOf(phase1, synth({}))).toEqual([]);
    expect(gapsOf(synth({ authorizationServerId: AUS, appGroupsClaim: AppGroupsClaim.REMOVE }), phase1)).toEqual([]);
  });

  test("with the default range AUTO keeps the claim: nothing to report", () => {
    const range = ">= 4.20.0, <= 6.12.0";
    expect(gapsOf(synth({ authorizationServerId: AUS }, range), synth({}, range))).toEqual([]);
  });
});
