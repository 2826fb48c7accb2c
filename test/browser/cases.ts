/**
 * The reviews the browser suite renders: each example as it is today (no
 * base), every golden case with a base, and the change from issue 14 on
 * examples/protect-app (the wiki's construct renamed, Grafana's groups
 * SRE + Platform swapped for SRE + Contractors, its session 12h -> 24h).
 */
import { goldenCases } from "../review/golden-cases";
import { synthApp, synthExample } from "../review/fixtures";
import { protectAppStack } from "../review/protect-app-variant";

export interface BrowserCase {
  readonly name: string;
  readonly head: () => string;
  readonly base?: () => string;
  readonly plan?: string;
}

export function browserCases(): BrowserCase[] {
  const cases: BrowserCase[] = [
    {
      name: "protect-app-changed",
      base: () => synthApp((app) => protectAppStack(app)),
      head: () =>
        synthApp((app) => protectAppStack(app, { wikiId: "TeamWiki", grafanaGroups: ["SRE", "Contractors"], grafanaSession: "24h" })),
    },
    { name: "protect-app-today", head: () => synthExample("protect-app") },
  ];
  for (const c of goldenCases()) {
    if (cases.some((known) => known.name === c.name)) continue;
    cases.push({ name: c.name, head: c.head, base: c.base, plan: c.plan });
  }
  return cases;
}
