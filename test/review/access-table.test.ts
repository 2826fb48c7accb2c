/**
 * The access table (access-compare.ts): who gets into which application of
 * the protect-app example, before and after a change, with the verdict per
 * application and its counts.
 */
import { accessSummary } from "../../src/review/access-compare";
import { diffOutputs } from "../../src/review/diff";
import { loadSynthOutput } from "../../src/review/load";
import { indexStack, StackIndex } from "../../src/review/stack-index";
import { synthApp, synthExample } from "./fixtures";
import { ProtectAppVariant, protectAppStack } from "./protect-app-variant";

function indexes(dir: string): StackIndex[] {
  return loadSynthOutput(dir).stacks.map(indexStack);
}
const variant = (v: ProtectAppVariant = {}) => indexes(synthApp((app) => protectAppStack(app, v)));
const compared = (head: StackIndex[], base: StackIndex[]) => accessSummary(head, { stacks: base, pairs: diffOutputs(base, head).pairs });
const row = (rows: ReturnType<typeof accessSummary>["rows"], name: string) => rows.find((r) => r.application === name)!;

describe("accessSummary", () => {
  const base = variant();

  test("without a base: who gets in today, per application", () => {
    const s = accessSummary(indexes(synthExample("protect-app")));
    expect(s.compared).toBe(false);
    expect(s.rows.map((r) => [r.application, r.domains, r.after?.oktaGroups, r.after?.session, r.verdict])).toEqual([
      ["Grafana", ["grafana.example.com"], ["Platform", "SRE"], "12h", "unchanged"],
      ["Team wiki", ["wiki.example.com"], ["Engineering"], "8h", "unchanged"],
    ]);
    expect(row(s.rows, "Team wiki").constructPath).toBe("Okta/Applications/Wiki");
    expect(s.changes).toEqual([]);
  });

  test("issue 14's change: the renamed wiki keeps its access; Grafana widens (Contractors, 24h) and narrows (Platform)", () => {
    const s = compared(variant({ wikiId: "TeamWiki", grafanaGroups: ["SRE", "Contractors"], grafanaSession: "24h" }), base);
    const wiki = row(s.rows, "Team wiki");
    expect(wiki.verdict).toBe("unchanged");
    expect(wiki.constructPath).toBe("Okta/Applications/TeamWiki");
    const grafana = row(s.rows, "Grafana");
    expect(grafana.verdict).toBe("widens and narrows");
    expect(grafana.groupsAdded).toEqual(["Contractors"]);
    expect(grafana.groupsRemoved).toEqual(["Platform"]);
    expect([grafana.before?.session, grafana.after?.session]).toEqual(["12h", "24h"]);
    expect(grafana.changes.map((c) => [c.kind, c.aspect, c.who?.replace(/[\uE000\uE001]/g, '"')])).toEqual([
      ["widen", "admission", 'members of Okta group "Contractors"'],
      ["narrow", "admission", 'members of Okta group "Platform"'],
      ["widen", "session", 'members of Okta group "SRE"'],
    ]);
    expect(s.counts).toEqual({ widens: 1, narrows: 1, cannotTell: 0, unchanged: 1, new: 0, removed: 0 });
    // Every change of a row is also one of the summary's changes (the findings).
    for (const c of grafana.changes) expect(s.changes).toContainEqual(c);
  });

  test("a shorter session alone narrows; the same stack is unchanged", () => {
    const shorter = row(compared(variant({ grafanaSession: "1h" }), base).rows, "Grafana");
    expect(shorter.verdict).toBe("narrows");
    expect(shorter.changes.map((c) => [c.kind, c.aspect])).toEqual([["narrow", "session"]]);
    expect(compared(variant(), base).counts).toEqual({ widens: 0, narrows: 0, cannotTell: 0, unchanged: 2, new: 0, removed: 0 });
  });

  test("an application only in the base is removed and widens (its domain loses Access); one only in the head is new", () => {
    const withoutGrafana = (list: StackIndex[]) =>
      list.map((s): StackIndex => {
        const resources = s.resources.filter((r) => !r.address.includes("Grafana"));
        return { ...s, resources, byAddress: new Map(resources.map((r) => [r.address, r])) };
      });
    const removed = compared(withoutGrafana(base), base);
    expect(row(removed.rows, "Grafana")).toMatchObject({ verdict: "removed", groupsRemoved: ["Platform", "SRE"] });
    expect(row(removed.rows, "Grafana").after).toBeUndefined();
    expect(row(removed.rows, "Grafana").changes.map((c) => c.kind)).toEqual(["widen"]);
    expect(removed.counts.widens).toBe(1);
    const added = compared(base, withoutGrafana(base));
    expect(row(added.rows, "Grafana")).toMatchObject({ verdict: "new", groupsAdded: ["Platform", "SRE"] });
    expect(row(added.rows, "Grafana").before).toBeUndefined();
  });
});
