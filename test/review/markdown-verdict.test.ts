import { renderJson } from "../../src/review/json";
import { renderMarkdown } from "../../src/review/markdown";
import { review } from "../../src/review/review";
import { ResourceChange } from "../../src/review/diff";
import { synthApp, synthExample } from "./fixtures";
import { handWrittenIdp, writeStackFile } from "./helpers";
import { protectAppStack } from "./protect-app-variant";

// Issue 14's change: the wiki's construct renamed, Grafana's groups SRE + Platform -> SRE + Contractors, 12h -> 24h.
const base = () => synthApp((app) => protectAppStack(app));
const changed = () => synthApp((app) => protectAppStack(app, { wikiId: "TeamWiki", grafanaGroups: ["SRE", "Contractors"], grafanaSession: "24h" }));

describe("the review leads with its verdict", () => {
  const result = review(changed(), { base: base() });
  const md = renderMarkdown(result);
  const lines = md.split("\n");

  test("the first line after the title is the bold verdict, counting widened, narrowed, replacements, secrets and warnings", () => {
    expect(lines[2]).toBe("**⚠️ Access widens for 1 application · narrows for 1 application · ⚠️ 1 replacement · no literal secret · no warning**");
  });

  test("right after it, the access table: groups added and removed marked, the session change, the verdict", () => {
    const table = lines.slice(4, 8);
    expect(table[0]).toBe("| application | who gets in (before → after) | session | verdict |");
    expect(table[2]).toBe("| `Grafana`<br>`grafana.example.com` | ➕ **`Contractors`**, `SRE`, ➖ ~~`Platform`~~ | `12h` → **`24h`** | ⚠️ **widens** and narrows |");
    expect(table[3]).toBe("| `Team wiki`<br>`wiki.example.com` | `Engineering` | `8h` | unchanged |");
  });

  test("the rename is one replacement, by cause, with the moves in a code block inside <details>", () => {
    expect(md).toContain("### ⚠️ Replacements (1)\n\n`Okta/Applications/Wiki` → `Okta/Applications/TeamWiki` replaces the Access application and the Access policy (new AUD tag; users sign in again)\n\n<details><summary>Impact and fix</summary>");
    expect(md).toContain('// Okta/Applications/TeamWiki/Application\nresource.moveFromId(\n  "cloudflare_zero_trust_access_application.Okta_Applications_Wiki_Application_4790A806",\n);');
    // Full Terraform addresses only inside <details>.
    const visible = md.replace(/<details>[\s\S]*?<\/details>/g, "");
    expect(visible).not.toMatch(/cloudflare_zero_trust_access_application\.Okta_/);
  });

  test("the diagram marks what the change replaces and updates, and the Access group no application uses", () => {
    const diagram = /```mermaid\n([\s\S]*?)```/.exec(md)![1];
    expect(diagram.split("\n")[0]).toBe("flowchart TB");
    expect(diagram).toMatch(/classDef replaced /);
    expect(diagram).toMatch(/classDef updated /);
    expect(diagram).toMatch(/Access group: Engineers<br\/>used by no application/);
    expect(diagram).not.toMatch(/precedence 1/);
    expect(md).toContain("Marked: orange, dashed: replaced · blue: updated · grey: an Access group no application uses.");
  });

  test("the JSON carries the same access summary for bots", () => {
    const json = JSON.parse(renderJson(result)) as { access: { compared: boolean; counts: object; rows: { application: string; verdict: string; groupsAdded: string[] }[] } };
    expect(json.access.compared).toBe(true);
    expect(json.access.counts).toEqual({ widens: 1, narrows: 1, cannotTell: 0, unchanged: 1, new: 0, removed: 0 });
    expect(json.access.rows.map((r) => [r.application, r.verdict, r.groupsAdded])).toEqual([
      ["Grafana", "widens and narrows", ["Contractors"]],
      ["Team wiki", "unchanged", []],
    ]);
  });
});

test("without --base, the verdict says who gets in today and the table lists it", () => {
  const md = renderMarkdown(review(synthExample("protect-app")));
  const lines = md.split("\n");
  expect(lines[2]).toMatch(/^\*\*Who gets in today: 2 applications · no literal secret · /);
  expect(lines[4]).toBe("| application | who gets in | session |");
  expect(md).toContain("| `Grafana`<br>`grafana.example.com` | `Platform`, `SRE` | `12h` |");
});

test("GIVEN 10,000 renamed resources THEN every replacement renders (no argument list overflows the call stack)", () => {
  // About 15 lines per replacement: 150,000 lines, past what one push(...lines) call can take.
  const n = 10_000;
  const changes = Array.from({ length: n }, (_, i): ResourceChange => ({
    action: "replace",
    address: `okta_app_oauth.Sso${i}_App`,
    previousAddress: `okta_app_oauth.Okta${i}_App`,
    type: "okta_app_oauth",
    mode: "managed",
    attributes: [],
    replaceReasons: [`the address changes from okta_app_oauth.Okta${i}_App to okta_app_oauth.Sso${i}_App`],
    likelyRename: true,
  }));
  const result = review(writeStackFile(handWrittenIdp()));
  const md = renderMarkdown({ ...result, diff: { stacks: [{ name: "hand", status: "changed", changes, configChanges: [] }], counts: { create: 0, import: 0, update: 0, replace: n, move: 0, delete: 0 } } });
  expect(md).toContain(`### ⚠️ Replacements (${n})`);
  expect(md.match(/^- `okta_app_oauth\.Sso\d+_App` was `okta_app_oauth\.Okta\d+_App`$/gm)).toHaveLength(n);
});
