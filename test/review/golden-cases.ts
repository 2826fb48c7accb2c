/**
 * The golden review cases: real synth outputs of our examples, and modified
 * versions of them for --base and --plan. `npm run golden:update` writes
 * their output to __golden__/; the tests compare against those files.
 */
import * as path from "node:path";
import { GroupsClaim } from "../../src";
import { renderJson } from "../../src/review/json";
import { renderMarkdown } from "../../src/review/markdown";
import { review } from "../../src/review/review";
import { accessStack, basicStack, OTHER_ACCOUNT_ID, synthApp, synthExample } from "./fixtures";
import { protectAppStack } from "./protect-app-variant";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { EXAMPLES } = require("../../scripts/examples") as { EXAMPLES: string[] };

export const GOLDEN_DIR = path.join(__dirname, "__golden__");
export const PLAN_FIXTURE = path.join(__dirname, "fixtures", "plan.json");

/** One golden case. */
export interface GoldenCase {
  readonly name: string;
  /** Synthesizes the head; returns its cdktf.out directory. */
  readonly head: () => string;
  /** Synthesizes the base, for --base. */
  readonly base?: () => string;
  readonly plan?: string;
  readonly formats: readonly ("md" | "json")[];
}

export function goldenCases(): GoldenCase[] {
  return [
    ...EXAMPLES.map((example): GoldenCase => ({ name: `example-${example}`, head: () => synthExample(example), formats: ["md", "json"] })),
    {
      // Issue 14's change on examples/protect-app: the wiki's construct renamed,
      // Grafana's groups SRE + Platform -> SRE + Contractors, its session 12h -> 24h.
      name: "protect-app-changed",
      base: () => synthApp((app) => protectAppStack(app)),
      head: () => synthApp((app) => protectAppStack(app, { wikiId: "TeamWiki", grafanaGroups: ["SRE", "Contractors"], grafanaSession: "24h" })),
      formats: ["md", "json"],
    },
    {
      // The basic example with its construct renamed: every resource gets a new address.
      name: "basic-renamed-construct",
      base: () => synthExample("basic"),
      head: () => synthApp((app) => basicStack(app, { constructId: "Sso" })),
      formats: ["md"],
    },
    {
      // A narrow "starts with" claim broadened to the example's "all groups".
      name: "basic-claim-broadened",
      base: () => synthApp((app) => basicStack(app, { groupsClaim: GroupsClaim.startingWith("eng-") })),
      head: () => synthExample("basic"),
      formats: ["md"],
    },
    {
      // The IdP moves to another Cloudflare account: account_id forces a new IdP.
      name: "basic-account-changed",
      base: () => synthExample("basic"),
      head: () => synthApp((app) => basicStack(app, { accountId: OTHER_ACCOUNT_ID })),
      formats: ["md"],
    },
    {
      // Groups added to a policy and an app, Everyone assigned, a claim broadened.
      name: "access-widened",
      base: () => synthApp((app) => accessStack(app)),
      head: () =>
        synthApp((app) =>
          accessStack(app, { wikiGroups: ["eng-all", "contractors"], contractorsPolicy: true, everyone: true, additiveSupport: true, authServerRegex: ".*" }),
        ),
      formats: ["md", "json"],
    },
    {
      name: "access-plan",
      head: () => synthApp((app) => accessStack(app, { contractorsPolicy: true })),
      plan: PLAN_FIXTURE,
      formats: ["md", "json"],
    },
    {
      name: "literal-secret",
      head: () => synthApp((app) => basicStack(app, { literalClientSecret: "LITERAL-SECRET-do-not-print" })),
      formats: ["md"],
    },
  ];
}

/** Runs a case and renders it in its formats. */
export function renderCase(c: GoldenCase): { exitCode: number; outputs: { file: string; text: string }[] } {
  const result = review(c.head(), { base: c.base?.(), plan: c.plan });
  return {
    exitCode: result.exitCode,
    outputs: c.formats.map((format) => ({
      file: path.join(GOLDEN_DIR, `${c.name}.${format}`),
      text: format === "md" ? renderMarkdown(result) : renderJson(result),
    })),
  };
}

/** docs/review.md shows this case's Markdown as its sample review (and docs/review-comment.png its first screen). */
export const SAMPLE_CASE = "protect-app-changed";
export const SAMPLE_PAGE = path.join(__dirname, "..", "..", "docs", "review.md");
const SAMPLE = /(## A sample review\n[\s\S]*?````markdown\n)([\s\S]*?)(\n````\n)/;

/** The sample review pasted in the page, or undefined when the page has none. */
export function pageSample(page: string): string | undefined {
  return SAMPLE.exec(page)?.[2];
}

/** The page with its sample review replaced. */
export function withPageSample(page: string, sample: string): string {
  return page.replace(SAMPLE, (_all, start: string, _old: string, end: string) => `${start}${sample.replace(/\n+$/, "")}${end}`);
}
