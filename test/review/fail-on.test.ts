import { main } from "../../src/review/cli";
import { FINDING_KIND_ORDER, FINDING_KINDS, withId } from "../../src/review/findings";
import { renderMarkdown } from "../../src/review/markdown";
import { review } from "../../src/review/review";
import { handWrittenIdp, writeStackFile } from "./helpers";

function run(...args: string[]) {
  let stdout = "";
  let stderr = "";
  const code = main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

/** A base and a head where the Okta app, assigned to one group, gets assigned to one more (a widening: its members can now sign in). */
function widened() {
  const assigned = (...ids: string[]) => (j: any) => (j.resource.okta_app_group_assignments.cloudflare.group = ids.map((id) => ({ id })));
  const base = writeStackFile(handWrittenIdp(assigned("00g-eng")));
  const head = writeStackFile(handWrittenIdp(assigned("00g-eng", "00g-contractors")));
  return { base, head };
}

describe("--fail-on", () => {
  test("GIVEN a widening WHEN --fail-on widen THEN exit 3 and a line on stderr", () => {
    const { base, head } = widened();
    const r = run("review", head, "--base", base, "--fail-on", "replace,widen,remove,secret,warning");
    expect(r.code).toBe(3);
    expect(r.stderr).toBe("cdktf-okta-access: --fail-on: 1 widen finding(s)\n");
    expect(r.stdout).toContain("⚠️ Access widens (1)");
  });

  test("GIVEN a widening WHEN --fail-on names other kinds THEN exit 0", () => {
    const { base, head } = widened();
    expect(run("review", head, "--base", base, "--fail-on", "replace,remove").code).toBe(0);
    expect(run("review", head, "--base", base).code).toBe(0);
  });

  test("any matches every kind; a literal secret still exits 2", () => {
    const { base, head } = widened();
    expect(run("review", head, "--base", base, "--fail-on", "any").code).toBe(3);
    const secret = writeStackFile(handWrittenIdp((j) => (j.resource.cloudflare_zero_trust_access_identity_provider.okta.config.client_secret = "lit-secret-123")));
    expect(run("review", secret, "--fail-on", "any").code).toBe(2);
  });

  test("--fail-on widen fails on what the review cannot tell, too; --fail-on undecided alone as well", () => {
    const opaque = (groups: string[]) =>
      writeStackFile(
        handWrittenIdp((j) => {
          j.variable = { team: {} };
          j.resource.cloudflare_zero_trust_access_policy = { p: { account_id: "a", name: "P", decision: "allow", include: [{ okta: { name: "${var.team}", identity_provider_id: "${cloudflare_zero_trust_access_identity_provider.okta.id}" } }, ...groups.map((name) => ({ okta: { name, identity_provider_id: "${cloudflare_zero_trust_access_identity_provider.okta.id}" } }))] } };
          j.resource.cloudflare_zero_trust_access_application = { app: { account_id: "a", name: "App", domain: "app.acme.com", policies: [{ id: "${cloudflare_zero_trust_access_policy.p.id}" }] } };
        }),
      );
    const base = opaque([]);
    const head = opaque(["eng-oncall"]);
    const r = run("review", head, "--base", base, "--fail-on", "widen");
    expect(r.code).toBe(3);
    expect(r.stderr).toBe("cdktf-okta-access: --fail-on: 1 undecided finding(s)\n");
    expect(r.stdout).toContain("### ❓ Cannot tell (1)");
    expect(run("review", head, "--base", base, "--fail-on", "undecided").code).toBe(3);
    expect(run("review", head, "--base", base, "--fail-on", "narrow,replace").code).toBe(0);
  });

  test("--fail-on provider: a changed version constraint", () => {
    const pinned = (version: string) => writeStackFile({ ...handWrittenIdp(), terraform: { required_providers: { cloudflare: { source: "cloudflare/cloudflare", version } } } });
    const r = run("review", pinned("5.22.0"), "--base", pinned("5.14.0"), "--fail-on", "provider");
    expect(r.code).toBe(3);
    expect(r.stdout).toContain("📦 Provider versions (1)");
    expect(r.stdout).toContain("1 required provider change");
  });

  test("an unknown kind is a usage error (exit 1, one line)", () => {
    const r = run("review", writeStackFile(handWrittenIdp()), "--fail-on", "widening");
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain('unknown kind "widening"');
  });

  test("--help lists the kinds and the exit codes 0, 1, 2, 3", () => {
    const r = run("review", "--help");
    for (const kind of FINDING_KIND_ORDER) expect(r.stdout).toMatch(new RegExp(`^  ${kind} +\\S`, "m"));
    for (const code of ["0", "1", "2", "3"]) expect(r.stdout).toMatch(new RegExp(`^  ${code}  \\S`, "m"));
  });
});

describe("finding kinds and ids", () => {
  test("every kind has a section in the Markdown (none can drop out)", () => {
    const result = review(writeStackFile(handWrittenIdp()));
    const warnings = FINDING_KIND_ORDER.map((kind) => withId({ kind, message: `a ${kind} finding` }));
    const text = renderMarkdown({ ...result, warnings });
    for (const kind of FINDING_KIND_ORDER) expect(text).toContain(`### ${FINDING_KINDS[kind].title} (1)`);
  });

  test("ids are stable for the same input and differ between findings", () => {
    const { base, head } = widened();
    const a = review(head, { base });
    const b = review(head, { base });
    expect(a.warnings.map((w) => w.id)).toEqual(b.warnings.map((w) => w.id));
    expect(new Set(a.warnings.map((w) => w.id)).size).toBe(a.warnings.length);
    for (const w of a.warnings) expect(w.id).toMatch(new RegExp(`^${w.kind}-[0-9a-f]{12}(-\\d+)?$`));
  });
});

describe("prototype-named keys are data (issue 9, my modules)", () => {
  test("resource types, names and locals like constructor, __proto__, toString review and diff without an internal error", () => {
    // JSON text, so that "__proto__" is an own key as JSON.parse makes it.
    const extra = (label: string) =>
      `"constructor":{"__proto__":{"label":"${label}"},"toString":{"y":2}},"toString":{"valueOf":{"name":"${label}"}},"hasOwnProperty":{"constructor":{}}`;
    const stack = (label: string) => {
      const text = JSON.stringify(handWrittenIdp());
      return `${text.replace('"resource":{', `"resource":{${extra(label)},`).slice(0, -1)},"locals":{"constructor":"${label}","__proto__":"x"}}`;
    };
    const base = writeStackFile(stack("a"));
    const head = writeStackFile(stack("b"));
    const r = run("review", head, "--base", base, "--format", "json");
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.diff.stacks[0].changes.map((c: any) => c.address)).toEqual(expect.arrayContaining(["constructor.__proto__", "toString.valueOf"]));
    expect(json.diff.stacks[0].configChanges.map((c: any) => `${c.kind} ${c.name}`)).toEqual(["local constructor"]);
  });
});
