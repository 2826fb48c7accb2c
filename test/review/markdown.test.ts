import { code, prose } from "../../src/review/escape";
import { literal } from "../../src/review/text";
import { MAX_ROWS, renderMarkdown } from "../../src/review/markdown";
import { MAX_DIAGRAM_NODES, stackDiagram } from "../../src/review/mermaid";
import { review } from "../../src/review/review";
import { handWritten, handWrittenIdp, writeStackFile } from "./helpers";
import { APP, compare, wikiStack } from "./access-helpers";

const IDP = "cloudflare_zero_trust_access_identity_provider";

/** Cells of a GFM table row: split on pipes that are not escaped. */
function cells(row: string): string[] {
  return row.split(/(?<!\\)\|/).slice(1, -1);
}

describe("Markdown rendering", () => {
  test("values from the stack cannot break tables or inject HTML, Markdown or @mentions", () => {
    const evil = "Evil | label <img src=x onerror=alert(1)> @acme/admins *bold* `tick`";
    const file = writeStackFile(
      handWrittenIdp((j) => {
        j.resource.okta_app_oauth.cloudflare.label = evil;
        j.resource[IDP].okta.name = evil;
        j.resource.cloudflare_zero_trust_access_policy = {
          p: { name: evil, decision: "allow", include: [{ okta: { name: "eng-x <b>@team</b>", identity_provider_id: "${cloudflare_zero_trust_access_identity_provider.okta.id}" } }] },
        };
      }),
    );
    const md = renderMarkdown(review(file));
    // Every row of every table has as many cells as its header.
    let header: number | undefined;
    let rows = 0;
    for (const line of md.split("\n")) {
      if (!line.startsWith("| ")) {
        header = undefined;
        continue;
      }
      header ??= cells(line).length;
      expect(cells(line)).toHaveLength(header);
      rows++;
    }
    expect(rows).toBeGreaterThan(12); // the IdP table (the policy is used by no application: it is only in the diagram)
    // Outside code spans, no raw tag and no live mention survives.
    const outsideCode = md.replace(/```mermaid[\s\S]*?```/g, "").replace(/(`+)[\s\S]*?\1/g, "");
    expect(outsideCode).not.toMatch(/<img|<b>|(^|[^`\\])@acme|(^|[^;])@team/);
    expect(md).toContain("Okta group \"eng-x \\<b\\>@\u2060team\\</b\\>\"");
    // The mermaid labels escape quotes and angle brackets too.
    expect(md).toContain("#60;img src=x onerror=alert(1)#62;");
  });

  test("code spans hold backticks, prose escapes outside code spans only", () => {
    expect(code("a`b")).toBe("``a`b``");
    expect(code("`x")).toBe("`` `x ``");
    expect(prose(`keep ${literal("a_b*c")} but escape *this* and <that> and @him`)).toBe("keep `a_b*c` but escape \\*this\\* and \\<that\\> and @\u2060him");
    // Backticks of the input never open a code span in prose.
    expect(prose("a `<img src=x>` b")).toBe("a \\`\\<img src=x\\>\\` b");
  });

  test("a stack with many changes lists the first rows and says how many more", () => {
    const resources: any = { okta_group: {} };
    for (let i = 0; i < MAX_ROWS + 25; i++) resources.okta_group[`g${i}`] = { name: `Group ${i}` };
    const head = writeStackFile(handWritten(resources));
    const base = writeStackFile(handWritten({ okta_group: { unrelated: { name: "x", description: "y", skip_users: true } } }));
    const md = renderMarkdown(review(head, { base }));
    expect(md).toContain(`… and ${MAX_ROWS + 25 + 1 - MAX_ROWS} more (\`--format json\` lists them all).`);
  });

  test("the diagram wires Okta app → IdP → policies → applications, and is omitted when too large", () => {
    const stack = review(writeStackFile(handWrittenIdp((j) => {
      const ref = "${cloudflare_zero_trust_access_identity_provider.okta.id}";
      j.resource.cloudflare_zero_trust_access_policy = { p: { name: "P", decision: "allow", include: [{ okta: { name: "eng-a", identity_provider_id: ref } }] } };
      j.resource.cloudflare_zero_trust_access_application = { a: { name: "A", domain: "a.acme.com", allowed_idps: [ref], policies: [{ id: "${cloudflare_zero_trust_access_policy.p.id}", precedence: 1 }] } };
    }))).stacks[0];
    const diagram = stackDiagram(stack);
    expect("mermaid" in diagram && diagram.mermaid.split("\n")).toEqual([
      "flowchart TB",
      '  n0["Okta app: Access<br/>assigned: Everyone"]',
      '  n1(["Cloudflare IdP: Acme Okta<br/>claim groups: groups starting with #34;eng-#34;"])',
      '  n2[["Policy: P"]]',
      '  n3[("Access app: A<br/>a.acme.com")]',
      "  n0 --> n1",
      '  n1 -->|"eng-a"| n2',
      '  n2 --> n3',
    ]);
    const big = { ...stack, accessGroups: Array.from({ length: MAX_DIAGRAM_NODES }, (_, i) => ({ ...stack.accessPolicies[0], address: `g.${i}`, scope: { kind: "account" as const, id: "a" } })) };
    expect(stackDiagram(big)).toEqual({ omitted: `the diagram would have ${MAX_DIAGRAM_NODES + 4} nodes (more than ${MAX_DIAGRAM_NODES})` });
  });

  test("with --base, per-stack details collapse so the changes come first", () => {
    const file = writeStackFile(handWrittenIdp());
    const md = renderMarkdown(review(file, { base: file }));
    expect(md.indexOf("### Changes against the base")).toBeLessThan(md.indexOf("<details><summary>Stack <code>main</code>"));
    expect(md).toContain("Against the base: no resource changes.");
  });
});

describe("the verdict line counts applications that appear or go away", () => {
  // The wiki stack without its application, and with it.
  const withoutWiki = () => wikiStack((j) => delete j.resource[APP].wiki);
  const verdict = (base: unknown, head: unknown) => renderMarkdown(compare(base, head).result).split("\n").find((l) => l.startsWith("**"))!;

  test("a new application is named, not 'No access change'", () => {
    const line = verdict(withoutWiki(), wikiStack());
    expect(line).toContain("🆕 1 new application");
    expect(line).not.toContain("No access change");
  });

  test("a removed application is named, not 'No access change'", () => {
    const line = verdict(wikiStack(), withoutWiki());
    expect(line).toContain("1 application removed");
    expect(line).not.toContain("No access change");
  });

  test("the same applications, unchanged: 'No access change'", () => {
    expect(verdict(wikiStack(), wikiStack())).toContain("✅ No access change");
  });
});
