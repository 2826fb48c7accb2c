/**
 * Issue 17.2 and 17.3: regression tests from real synths of the scenarios,
 * and every fix the review suggests, applied: the warning goes away and no
 * new one appears.
 */
import { GroupsClaim, OktaAccessIdentityProvider } from "../../src";
import { ReviewWarning } from "../../src/review/findings";
import { review } from "../../src/review/review";
import { basicStack, synthApp, synthExample } from "./fixtures";
import { quoted } from "./helpers";

const summary = (w: ReviewWarning) => `${w.kind} ${w.constructPath ?? w.address ?? w.stack ?? ""}: ${quoted(w.message)}`;

describe("issue 17.3: after a rename, the suggested moves fix every warning", () => {
  const base = synthExample("basic");
  const renamed = review(synthApp((app) => basicStack(app, { constructId: "Sso" })), { base });

  test("GIVEN the construct renamed Okta → Sso THEN every affected resource gets a move suggestion", () => {
    const suggested = renamed.warnings.filter((w) => /moveFromId\("/.test(w.hint ?? ""));
    expect(suggested.map((w) => w.constructPath).sort()).toEqual([
      "okta-access-basic/Sso/App",
      "okta-access-basic/Sso/GroupAssignments",
      "okta-access-basic/Sso/IdentityProvider",
    ]);
  });

  test("WHEN only the app's move is applied THEN the resources that refer to it are still suggested, none is a removal", () => {
    const app = renamed.warnings.find((w) => w.constructPath === "okta-access-basic/Sso/App")!;
    const from = /moveFromId\("([^"]+)"\)/.exec(app.hint!)![1];
    const after = review(synthApp((a) => basicStack(a, { constructId: "Sso", moveFrom: new Map([[app.constructPath!, from]]) })), { base });
    expect(after.warnings.filter((w) => w.kind === "remove" || w.kind === "widen").map(summary)).toEqual([]);
    expect(after.warnings.filter((w) => /moveFromId/.test(w.hint ?? "")).map((w) => w.constructPath).sort()).toEqual([
      "okta-access-basic/Sso/GroupAssignments",
      "okta-access-basic/Sso/IdentityProvider",
    ]);
  });

  test("WHEN every suggested move is applied THEN those warnings go away and no new one appears", () => {
    const moves = new Map<string, string>();
    for (const w of renamed.warnings) {
      const m = /moveFromId\("([^"]+)"\)/.exec(w.hint ?? "");
      if (m && w.constructPath) moves.set(w.constructPath, m[1]);
    }
    const after = review(synthApp((app) => basicStack(app, { constructId: "Sso", moveFrom: moves })), { base });
    const fixed = new Set(renamed.warnings.filter((w) => /moveFromId/.test(w.hint ?? "")).map((w) => w.id));
    const before = renamed.warnings.filter((w) => !fixed.has(w.id)).map(summary);
    expect(after.warnings.map(summary)).toEqual(before);
    expect(after.diff?.counts).toMatchObject({ replace: 0, delete: 0, create: 0, move: 3 });
  });
});

describe("issue 17.2: a custom authorization server with an expression claim", () => {
  test("GIVEN authorizationServerId and GroupsClaim.expression THEN no false 'does not reach that server's tokens'", () => {
    const result = review(
      synthApp((app) => basicStack(app, { authorizationServerId: "aus1a2b3c4d5e6f7g8h9", groupsClaim: GroupsClaim.expression('Groups.startsWith("OKTA", "eng-", 100)') })),
    );
    expect(result.warnings.map(summary).filter((s) => /authorization server/.test(s))).toEqual([]);
    const idp = result.stacks[0].identityProviders[0];
    expect(idp.authServerClaims).toEqual([expect.objectContaining({ valueType: "EXPRESSION", name: "groups" })]);
  });

  test("GIVEN a custom server and no claim of that name THEN the check still fires", () => {
    const result = review(
      synthApp((app) => {
        const stack = basicStack(app, { authorizationServerId: "aus1a2b3c4d5e6f7g8h9", groupsClaim: GroupsClaim.expression("Groups.startsWith(\"OKTA\", \"\", 100)") });
        for (const c of stack.node.findAll()) if (c.node.id === "AuthorizationServerGroupsClaim") (c as any).addOverride("name", "roles");
      }),
    );
    expect(result.warnings.map(summary)).toContainEqual(expect.stringMatching(/no okta_auth_server_claim named "groups".*does not reach that server's tokens/));
  });
});

describe("issue 9.6: the construct's synth-time warnings are shown", () => {
  test("GIVEN a construct warning in the cdktf manifest THEN the review shows it as a warning finding", () => {
    const result = review(synthApp((app) => basicStack(app, { groupsClaim: GroupsClaim.startingWith(".*") })));
    const warnings = result.warnings.filter((w) => w.kind === "warning");
    expect(warnings).toEqual([
      expect.objectContaining({
        constructPath: "okta-access-basic/Okta",
        message: expect.stringMatching(/^recorded at synth: OktaAccessIdentityProvider "okta-access-basic\/Okta": groupsClaim is "Starts with" "\.\*", a literal prefix/),
      }),
    ]);
    expect(review(synthExample("basic")).warnings.filter((w) => w.kind === "warning" || w.kind === "error")).toEqual([]);
  });

  test("issue 9: the construct and the review agree on a regex claim that never sends a group", () => {
    const result = review(
      synthApp((app) => {
        const stack = basicStack(app, { groupsClaim: GroupsClaim.matchingRegex("^eng-.*") });
        const okta = stack.node.findChild("Okta") as OktaAccessIdentityProvider;
        okta.protectApplication("Wiki", { name: "Wiki", domain: "wiki.example.com", allowedOktaGroups: ["Marketing"] });
      }),
    );
    const synth = result.warnings.filter((w) => w.kind === "warning").map((w) => w.message);
    const review_ = result.warnings.filter((w) => w.kind === "check").map((w) => quoted(w.message));
    expect(synth).toContainEqual(expect.stringContaining('allowedOktaGroups ["Marketing"] is not sent'));
    expect(review_).toContainEqual(expect.stringMatching(/names Okta group "Marketing", which the groups claim \(groups matching regex \^eng-\.\*\) never sends/));
  });
});

describe("adoption checks are shown in the review", () => {
  test("GIVEN a naive importFrom of the app and the IdP THEN the review warns that the secret may be blanked", () => {
    const result = review(
      synthApp((app) => {
        const stack = basicStack(app);
        const okta = stack.node.findChild("Okta") as OktaAccessIdentityProvider;
        okta.oktaApp.importFrom("0oa1b2c3d4e5f6g7h8i9");
      }),
    );
    expect(result.warnings.filter((w) => /blank-secret-after-import/.test(w.message)).map((w) => [w.kind, w.constructPath])).toEqual([["check", "okta-access-basic/Okta/IdentityProvider"]]);
    expect(review(synthExample("basic")).warnings.some((w) => /blank-secret-after-import/.test(w.message))).toBe(false);
  });
});
