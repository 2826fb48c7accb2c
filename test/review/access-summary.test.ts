import { accessSummary } from "../../src/review/access-summary";
import { extractStack } from "../../src/review/extract";
import { loadSynthOutput } from "../../src/review/load";
import { indexStack } from "../../src/review/stack-index";
import { StackReview } from "../../src/review/review-model";
import { synthApp, synthExample } from "./fixtures";
import { ProtectAppVariant, protectAppStack } from "./protect-app-variant";

function models(dir: string): StackReview[] {
  return loadSynthOutput(dir).stacks.map(indexStack).map(extractStack);
}
const variant = (v: ProtectAppVariant = {}) => models(synthApp((app) => protectAppStack(app, v)));
const row = (rows: ReturnType<typeof accessSummary>["rows"], name: string) => rows.find((r) => r.application === name)!;

describe("accessSummary", () => {
  const base = variant();

  test("without a base: who gets in today, per application", () => {
    const s = accessSummary(models(synthExample("protect-app")));
    expect(s.compared).toBe(false);
    expect(s.rows.map((r) => [r.application, r.domains, r.after?.oktaGroups, r.after?.session, r.verdict])).toEqual([
      ["Grafana", ["grafana.example.com"], ["Platform", "SRE"], "12h", "unchanged"],
      ["Team wiki", ["wiki.example.com"], ["Engineering"], "8h", "unchanged"],
    ]);
    expect(row(s.rows, "Team wiki").constructPath).toBe("Okta/Applications/Wiki");
  });

  test("issue 14's change: the renamed wiki keeps its access; Grafana widens (Contractors, 24h) and narrows (Platform)", () => {
    const s = accessSummary(variant({ wikiId: "TeamWiki", grafanaGroups: ["SRE", "Contractors"], grafanaSession: "24h" }), base);
    const wiki = row(s.rows, "Team wiki");
    expect(wiki.verdict).toBe("unchanged");
    expect(wiki.constructPath).toBe("Okta/Applications/TeamWiki");
    const grafana = row(s.rows, "Grafana");
    expect(grafana.verdict).toBe("widens and narrows");
    expect(grafana.groupsAdded).toEqual(["Contractors"]);
    expect(grafana.groupsRemoved).toEqual(["Platform"]);
    expect([grafana.before?.session, grafana.after?.session]).toEqual(["12h", "24h"]);
    expect(grafana.reasons).toEqual(["group Contractors now admitted", "group Platform no longer admitted", "session 12h → 24h"]);
    expect(s.counts).toEqual({ widens: 1, narrows: 1, unchanged: 1, new: 0, removed: 0 });
  });

  test("a shorter session alone narrows; the same stack is unchanged", () => {
    expect(row(accessSummary(variant({ grafanaSession: "1h" }), base).rows, "Grafana")).toMatchObject({ verdict: "narrows", reasons: ["session 12h → 1h"] });
    expect(accessSummary(variant(), base).counts).toEqual({ widens: 0, narrows: 0, unchanged: 2, new: 0, removed: 0 });
  });

  test("an application only in the base is removed and counts as widening (its domain loses Access); one only in the head is new", () => {
    const withoutGrafana = base.map((s) => ({ ...s, accessApplications: s.accessApplications.filter((a) => a.name !== "Grafana") }));
    const removed = accessSummary(withoutGrafana, base);
    expect(row(removed.rows, "Grafana")).toMatchObject({ verdict: "removed", groupsRemoved: ["Platform", "SRE"] });
    expect(row(removed.rows, "Grafana").after).toBeUndefined();
    expect(removed.counts.widens).toBe(1);
    const added = accessSummary(base, withoutGrafana);
    expect(row(added.rows, "Grafana")).toMatchObject({ verdict: "new", groupsAdded: ["Platform", "SRE"] });
    expect(row(added.rows, "Grafana").before).toBeUndefined();
  });
});
