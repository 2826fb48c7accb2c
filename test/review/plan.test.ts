import * as fs from "node:fs";
import { ReviewInputError } from "../../src/review/errors";
import { loadPlan, summarizePlan } from "../../src/review/plan";
import { PLAN_FIXTURE } from "./golden-cases";
import { writeStackFile } from "./helpers";

describe("plan summary", () => {
  const plan = loadPlan(PLAN_FIXTURE);

  test("counts create, update, delete, replace and read; no-ops are counted, not listed", () => {
    expect(plan.counts).toEqual({ create: 1, update: 2, replace: 1, delete: 1, read: 1, forget: 0, "no-op": 1 });
    expect(plan.changes.map((c) => [c.action, c.address])).toEqual([
      ["replace", "cloudflare_zero_trust_access_identity_provider.Okta_IdentityProvider_DA21B028"],
      ["delete", "cloudflare_zero_trust_access_group.Legacy"],
      ["create", "cloudflare_zero_trust_access_policy.ContractorsPolicy"],
      ["update", "cloudflare_zero_trust_access_application.Grafana"],
      ["update", "okta_auth_server_claim.GroupsClaim"],
      ["read", "data.okta_everyone_group.Okta_EveryoneGroup_782EAC99"],
    ]);
    expect(plan).toMatchObject({ file: "plan.json", terraformVersion: "1.9.8", drift: 1, errored: false });
    expect(plan.outputs).toEqual([{ name: "scim_secret", action: "update", sensitive: true }]);
  });

  test("a replacement names the attributes that force it", () => {
    const idp = plan.changes[0];
    expect(idp.replacePaths).toEqual(["account_id"]);
    expect(idp.actionReason).toBe("replace_because_cannot_update");
    expect(idp.attributes.find((a) => a.attribute === "account_id")).toEqual({
      attribute: "account_id",
      before: "0123456789abcdef0123456789abcdef",
      after: "fedcba9876543210fedcba9876543210",
      forcesReplacement: true,
    });
    expect(idp.attributes.find((a) => a.attribute === "id")?.after).toBe("(known after apply)");
  });

  test("sensitive values never appear, even though the plan file holds them in clear", () => {
    expect(fs.readFileSync(PLAN_FIXTURE, "utf8")).toContain("PLAN-SECRET");
    expect(JSON.stringify(plan)).not.toContain("PLAN-SECRET");
  });

  test("unknown values inside lists show as known after apply", () => {
    const grafana = plan.changes.find((c) => c.address.endsWith("Grafana"))!;
    expect(grafana.attributes).toEqual([{ attribute: "policies[1]", before: undefined, after: '{"id":"(known after apply)","precedence":2}', forcesReplacement: false }]);
  });

  test("a value marked sensitive is masked even under a harmless name", () => {
    const summary = summarizePlan(
      {
        format_version: "1.2",
        resource_changes: [
          { address: "x.y", type: "x", change: { actions: ["update"], before: { note: "old-private" }, after: { note: "new-private" }, before_sensitive: { note: true }, after_sensitive: { note: true } } },
        ],
      },
      "p.json",
    );
    expect(JSON.stringify(summary)).not.toMatch(/private/);
  });

  test.each([
    ["not JSON", "{", /--plan: .* is not valid JSON/],
    ["a binary plan file", "PK\u0003\u0004binary", /binary plan file; convert it with `terraform show -json/],
    ["JSON that is not a plan", '{"resource": {}}', /is not a Terraform plan in JSON/],
  ])("refuses %s", (_what, content, message) => {
    expect(() => loadPlan(writeStackFile(content, "plan.json"))).toThrow(ReviewInputError);
    expect(() => loadPlan(writeStackFile(content, "plan.json"))).toThrow(message);
  });

  test("refuses a missing file", () => {
    expect(() => loadPlan("/nonexistent/plan.json")).toThrow(/--plan: \/nonexistent\/plan.json does not exist/);
  });
});
