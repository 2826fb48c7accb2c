import { plainText } from "../../src/review/text";
import { attributeChanges, diffOutputs } from "../../src/review/diff";
import { MASK } from "../../src/review/secrets";
import { findRenames, forceNewChanges } from "../../src/review/replacement";
import { forceNewAttributes, replacementImpact } from "../../src/review/resource-types";
import { handWrittenIdp, index } from "./helpers";

const IDP = "cloudflare_zero_trust_access_identity_provider";

function diff(change: (json: any) => void, base = handWrittenIdp()) {
  return diffOutputs([index(base, "s")], [index(handWrittenIdp(change), "s")]);
}

describe("diff between base and head", () => {
  test("identical outputs have no change", () => {
    const { diff: d } = diff(() => undefined);
    expect(d.stacks).toEqual([{ name: "s", status: "unchanged", changes: [], configChanges: [] }]);
    expect(d.counts.update).toBe(0);
  });

  test("attribute-level changes: plain lists whole, objects attribute by attribute", () => {
    const { diff: d } = diff((j) => {
      j.resource.okta_app_oauth.cloudflare.redirect_uris.push("https://other.cloudflareaccess.com/cdn-cgi/access/callback");
      j.resource.okta_app_oauth.cloudflare.groups_claim[0].value = "ops-";
      j.resource.okta_app_oauth.cloudflare.label = undefined;
    });
    const change = d.stacks[0].changes[0];
    expect(change).toMatchObject({ action: "update", address: "okta_app_oauth.cloudflare" });
    expect(change.attributes).toEqual([
      { attribute: "label", before: "Access", after: undefined, forcesReplacement: false },
      {
        attribute: "redirect_uris",
        before: "[https://acme.cloudflareaccess.com/cdn-cgi/access/callback]",
        after: "[https://acme.cloudflareaccess.com/cdn-cgi/access/callback, https://other.cloudflareaccess.com/cdn-cgi/access/callback]",
        forcesReplacement: false,
      },
      { attribute: "groups_claim[0].value", before: "eng-", after: "ops-", forcesReplacement: false },
    ]);
  });

  test("secret values are masked in changes; references are shown", () => {
    const changes = attributeChanges(
      { config: { client_secret: "old-literal" }, token: "${var.t}" },
      { config: { client_secret: "new-literal" }, token: "${var.u}" },
      IDP,
    );
    expect(changes).toEqual([
      { attribute: "config.client_secret", before: MASK, after: MASK, forcesReplacement: false },
      { attribute: "token", before: "${var.t}", after: "${var.u}", forcesReplacement: false },
    ]);
    const created = attributeChanges({}, { scim_config: { secret: "x", enabled: true } }, IDP);
    expect(JSON.stringify(created)).not.toContain('"x"');
  });

  test.each([
    [IDP, "account_id", "b".repeat(32)],
    [IDP, "zone_id", "c".repeat(32)],
    [IDP, "type", "azureAD"],
    ["okta_app_oauth", "type", "browser"],
  ])("%s: a new %s forces replacement", (type, attribute, value) => {
    const { diff: d } = diff((j) => {
      const body = type === IDP ? j.resource[IDP].okta : j.resource.okta_app_oauth.cloudflare;
      body[attribute] = value;
    });
    const change = d.stacks[0].changes.find((c) => c.type === type)!;
    expect(change.action).toBe("replace");
    expect(change.replaceReasons.map(plainText)).toEqual([`\`${attribute}\` changes, and the provider cannot change it in place`]);
    expect(change.attributes.find((a) => a.attribute === attribute)?.forcesReplacement).toBe(true);
    expect(forceNewAttributes(type)).toContain(attribute);
  });

  test("okta_app_oauth: omit_secret from true to false forces a new app", () => {
    expect(forceNewChanges("okta_app_oauth", { omit_secret: true }, { omit_secret: false })).toEqual(["omit_secret"]);
    expect(forceNewChanges("okta_app_oauth", { omit_secret: false }, { omit_secret: true })).toEqual([]);
  });

  test("a replaced Okta app replaces additive assignments whose force-new app_id refers to it", () => {
    const add = (j: any) => (j.resource.okta_app_group_assignment = { eng: { app_id: "${okta_app_oauth.cloudflare.id}", group_id: "00g1" } });
    const { diff: d } = diff(
      (j) => {
        add(j);
        j.resource.okta_app_oauth.cloudflare.type = "browser";
      },
      handWrittenIdp(add),
    );
    const assignment = d.stacks[0].changes.find((c) => c.address === "okta_app_group_assignment.eng")!;
    expect(assignment.action).toBe("replace");
    expect(assignment.replaceReasons.map(plainText)).toEqual(["`app_id (refers to okta_app_oauth.cloudflare, which is re-created)`"]);
    expect(d.counts.replace).toBe(2);
  });

  test("a renamed resource (same content, new address) is a likely rename and a replacement", () => {
    const rename = (j: any) => {
      j.resource.okta_app_oauth = { renamed: j.resource.okta_app_oauth.cloudflare };
      j.resource.okta_app_group_assignments.cloudflare.app_id = "${okta_app_oauth.renamed.id}";
      j.resource[IDP].okta.config.client_id = "${okta_app_oauth.renamed.client_id}";
      j.resource[IDP].okta.config.client_secret = "${okta_app_oauth.renamed.client_secret}";
    };
    const { diff: d, pairs } = diff(rename);
    const app = d.stacks[0].changes.find((c) => c.type === "okta_app_oauth")!;
    expect(app).toMatchObject({ action: "replace", address: "okta_app_oauth.renamed", previousAddress: "okta_app_oauth.cloudflare", likelyRename: true, attributes: [] });
    expect(pairs[0].headToBase.get("okta_app_oauth.renamed")).toBe("okta_app_oauth.cloudflare");
    // The IdP is updated in place: client_id and client_secret are not force-new.
    const idp = d.stacks[0].changes.find((c) => c.type === IDP)!;
    expect(idp.action).toBe("update");
    expect(idp.attributes.map((a) => a.attribute)).toEqual(["config.client_id", "config.client_secret"]);
  });

  test("a key named __proto__ is data: a rename that changes the value under it shows the change", () => {
    const profile = (team: string) => JSON.parse(`{"__proto__": {"team": "${team}"}}`) as unknown;
    const { diff: d } = diff(
      (j) => {
        j.resource.okta_app_oauth = { renamed: { ...j.resource.okta_app_oauth.cloudflare, profile: profile("sre") } };
        j.resource.okta_app_group_assignments.cloudflare.app_id = "${okta_app_oauth.renamed.id}";
        j.resource[IDP].okta.config.client_id = "${okta_app_oauth.renamed.client_id}";
        j.resource[IDP].okta.config.client_secret = "${okta_app_oauth.renamed.client_secret}";
      },
      handWrittenIdp((j) => {
        j.resource.okta_app_oauth.cloudflare.profile = profile("eng");
      }),
    );
    const app = d.stacks[0].changes.find((c) => c.type === "okta_app_oauth")!;
    expect(app).toMatchObject({ action: "replace", previousAddress: "okta_app_oauth.cloudflare", likelyRename: true });
    expect(app.attributes).toEqual([{ attribute: "profile.__proto__.team", before: "eng", after: "sre", forcesReplacement: false }]);
  });

  test("a moved block turns a rename into a move, without replacement", () => {
    const { diff: d } = diff((j) => {
      j.resource.okta_app_oauth = { renamed: j.resource.okta_app_oauth.cloudflare };
      j.moved = [{ from: "okta_app_oauth.cloudflare", to: "okta_app_oauth.renamed" }];
    });
    expect(d.stacks[0].changes.find((c) => c.type === "okta_app_oauth")).toMatchObject({ action: "move", previousAddress: "okta_app_oauth.cloudflare" });
    expect(d.counts.replace).toBe(0);
  });

  test("different content under a new address is a deletion and a creation; import blocks are imports", () => {
    const { diff: d } = diff((j) => {
      j.resource.okta_app_oauth = { other: { label: "Something else", type: "service", grant_types: ["client_credentials"] } };
      j.import = [{ to: "okta_app_oauth.other", id: "0oa123" }];
    });
    const actions = d.stacks[0].changes.filter((c) => c.type === "okta_app_oauth").map((c) => [c.action, c.address]);
    expect(actions).toEqual([
      ["delete", "okta_app_oauth.cloudflare"],
      ["import", "okta_app_oauth.other"],
    ]);
  });

  test("a near match (renamed and slightly changed) still pairs; unrelated resources do not", () => {
    const from = { address: "okta_group.a", type: "okta_group", name: "a", mode: "managed" as const, body: { name: "Engineering", description: "eng", skip_users: false, custom: "1" } };
    const near = { ...from, address: "okta_group.b", name: "b", body: { name: "Engineering", description: "eng", skip_users: false, custom: "2" } };
    const far = { ...from, address: "okta_group.c", name: "c", body: { name: "Sales" } };
    expect(findRenames([from], [far, near]).map((p) => [p.from.address, p.to.address])).toEqual([["okta_group.a", "okta_group.b"]]);
    expect(findRenames([from], [far])).toEqual([]);
  });

  test("stacks added, removed, and a renamed stack", () => {
    const { diff: d } = diffOutputs([index(handWrittenIdp(), "old")], [index(handWrittenIdp(), "new")]);
    expect(d.stacks.map((s) => [s.name, s.status, s.renamedFrom])).toEqual([
      ["new", "added", "old"],
      ["old", "removed", undefined],
    ]);
    expect(d.counts).toMatchObject({ create: 3, delete: 3 });
  });

  test("every resource type has a user-facing replacement impact", () => {
    expect(replacementImpact("okta_app_oauth")).toMatch(/new client secret.*signed out/);
    expect(replacementImpact("cloudflare_zero_trust_access_application")).toMatch(/new AUD tag/);
    expect(replacementImpact("random_thing")).toMatch(/deletes the resource and creates a new one/);
  });
});
