/**
 * Issue 9.3: output integrity against hostile input. A corpus of hostile
 * strings (known attacks and generated ones) is placed in every field the
 * review prints: names, labels, URLs, claims, filters, raw fields such as
 * `decision` and the groups claim's `type`, addresses, stack names, diff
 * values, and the plan's `terraform_version` and addresses.
 *
 * Each review is rendered twice from the same model: once as is, once with
 * the hostile string replaced by a plain word. Parsed with a CommonMark/GFM
 * renderer (markdown-it, tables and strikethrough on, linkify on, HTML on),
 * both must have the same structure token by token: an input string that
 * produced an element, heading, link, image, line break or table cell of its
 * own would show up as a difference. Mentions and references are checked on
 * the text itself. Every Mermaid diagram must parse with mermaid's parser.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import MarkdownIt from "markdown-it";
import type Token from "markdown-it/lib/token.mjs";
import { renderJson } from "../../src/review/json";
import { renderMarkdown } from "../../src/review/markdown";
import { review, ReviewResult } from "../../src/review/review";
import { tempDir } from "./fixtures";

const IDP = "cloudflare_zero_trust_access_identity_provider";
const IDP_REF = `\${${IDP}.okta.id}`;

/** Known attacks, one or more per class of issue 9.3. */
const KNOWN: string[] = [
  "`<img src=x>``",
  "``@someone`",
  "`` `<img src=x onerror=alert(1)>` ``",
  "Wiki\r\r### ✅ Nothing to warn about",
  "Wiki\n\n# heading",
  "a\u2028## line separator",
  "a\u2029paragraph separator",
  "a\u0085next line",
  "<details><summary>open</summary>",
  "</summary></details><h1>x</h1>",
  "<img src=x onerror=alert(1)>",
  "<!-- comment -->",
  "<script>alert(1)</script>",
  "@acme/admins please approve",
  "cc @someone",
  "fixes #123 and GH-9 and acme/repo#1",
  "https://evil.example/login",
  "www.evil.example",
  "mail me: a@b.example",
  "[click](https://evil.example)",
  "![pic](https://evil.example/x.png)",
  "[ref]: https://evil.example",
  "| a | b |",
  "a|b\\|c",
  "*bold* _em_ ~~strike~~ **strong**",
  "&lt;img src=x&gt; &#64;team &amp;",
  "$\\sqrt{2}$ and $$x$$",
  "\\",
  "trailing backslash \\",
  "- list item",
  "1. numbered",
  "> quote",
  "```",
  "~~~",
  "---",
  "===",
  "    indented code",
  ":+1: :warning:",
  "#quot; #lt;b#gt; #35;",
  '"quoted" \'single\'',
  "end",
  "graph TD; A-->B",
  "]) --> n0[evil",
  "\"]] --> x((\"",
  "\u202egnp.exe",
  "\u0000\u0007\u001b[31mred",
  "",
  " ",
  "x".repeat(300),
];

/** Generated hostile strings: Markdown, HTML and Mermaid syntax in any order. */
const ATOMS = ["`", "``", "<", ">", "&", "#", "@", "|", "\\", "*", "_", "~", "[", "]", "(", ")", "!", "$", '"', "'", ":", "/", ";", "{", "}", "\r", "\n", "\u2028", " ", "-", "=", "+", ".", "www.", "http://", "<img src=x>", "<br>", "</details>", "a", "Z", "9", "é", "✅", "end"];
const generated = (): string[] =>
  fc.sample(
    fc.array(fc.constantFrom(...ATOMS), { minLength: 1, maxLength: 12 }).map((parts) => parts.join("")),
    { numRuns: 30, seed: 20261201 },
  );

/** The head: every printed field holds `h`. */
function headStack(h: string): any {
  return {
    terraform: { required_providers: {} },
    resource: {
      okta_app_oauth: {
        app: {
          label: h,
          type: h,
          redirect_uris: [h, "https://acme.cloudflareaccess.com/cdn-cgi/access/callback"],
          pkce_required: true,
          implicit_assignment: true,
          groups_claim: [{ type: h, filter_type: h, name: h, value: h }],
        },
      },
      okta_app_group_assignments: { a: { app_id: "${okta_app_oauth.app.id}", group: [{ id: h }, { id: "${okta_group.g.id}" }] } },
      okta_group: { g: { name: h } },
      okta_auth_server_claim: { c: { auth_server_id: h, name: h, claim_type: h, value_type: "GROUPS", group_filter_type: h, value: h } },
      [IDP]: {
        okta: {
          name: h,
          type: "okta",
          account_id: h,
          config: {
            client_id: "${okta_app_oauth.app.client_id}",
            client_secret: "${okta_app_oauth.app.client_secret}",
            okta_account: h,
            claims: [h],
            email_claim_name: h,
            authorization_server_id: h,
            pkce_enabled: false,
          },
          scim_config: { enabled: true, identity_update_behavior: h },
        },
      },
      cloudflare_zero_trust_access_group: {
        g: { account_id: h, name: h, include: [{ okta: { name: h, identity_provider_id: IDP_REF } }, { email: { email: h } }, { [h]: { x: h } }] },
      },
      cloudflare_zero_trust_access_policy: {
        p: {
          account_id: h,
          name: h,
          decision: h,
          session_duration: h,
          include: [{ okta: { name: h, identity_provider_id: IDP_REF } }, { group: { id: "${cloudflare_zero_trust_access_group.g.id}" } }],
          exclude: [{ ip: { ip: h } }],
          require: [{ email_domain: { domain: h } }],
        },
      },
      cloudflare_zero_trust_access_application: {
        app: {
          account_id: h,
          name: h,
          type: h,
          domain: h,
          self_hosted_domains: [h],
          session_duration: h,
          allowed_idps: [IDP_REF, h],
          auto_redirect_to_identity: true,
          policies: [{ id: "${cloudflare_zero_trust_access_policy.p.id}", precedence: 1 }, { id: h, precedence: 2 }],
        },
      },
    },
  };
}

/** The base: the same stack with plain values, so that the diff shows every hostile value as a change. */
function baseStack(): any {
  const base = headStack("plain");
  base.resource.okta_app_oauth.app.implicit_assignment = false;
  delete base.resource[IDP].okta.scim_config;
  return base;
}

function cdktfOut(stackName: string, json: any): string {
  const dir = tempDir("hostile-");
  fs.mkdirSync(path.join(dir, "stacks", "s"), { recursive: true });
  fs.writeFileSync(path.join(dir, "stacks", "s", "cdk.tf.json"), JSON.stringify(json));
  fs.writeFileSync(path.join(dir, "manifest.json"), JSON.stringify({ version: "0.21.0", stacks: { s: { name: stackName, synthesizedStackPath: "stacks/s/cdk.tf.json" } } }));
  return dir;
}

function planFile(h: string): string {
  const file = path.join(tempDir("hostile-plan-"), "plan.json");
  const change = (action: string[], address: string) => ({
    address,
    type: "cloudflare_zero_trust_access_application",
    name: "x",
    mode: "managed",
    change: { actions: action, before: { name: "plain", domain: "plain" }, after: { name: h, domain: h }, after_unknown: {}, before_sensitive: {}, after_sensitive: {} },
    action_reason: "replace_because_cannot_update",
  });
  fs.writeFileSync(
    file,
    JSON.stringify({
      format_version: "1.2",
      terraform_version: h,
      resource_changes: [change(["delete", "create"], `cloudflare_zero_trust_access_application.${h}`), change(["update"], "cloudflare_zero_trust_access_application.y")],
      output_changes: { [h]: { actions: ["create"], after_sensitive: false } },
    }),
  );
  return file;
}

/** The same model with `h` (and its JSON-escaped form) replaced by a plain word. */
function defused(result: ReviewResult, h: string): ReviewResult {
  const forms = [...new Set([h, JSON.stringify(h).slice(1, -1)])].filter((f) => f.length > 0).sort((a, b) => b.length - a.length);
  // Enumerations (a row's verdict, a finding's kind) are the review's words, never the input's: kept as they are.
  const enumerations = new Set(["verdict", "kind", "aspect"]);
  return JSON.parse(JSON.stringify(result), (key, value: unknown) => (typeof value === "string" && !enumerations.has(key) ? forms.reduce((v, f) => v.split(f).join("plainword"), value) : value));
}

const markdown = new MarkdownIt({ html: true, linkify: true });

/** The structure of a rendering: token types and tags, without their text. */
function structure(text: string): string[] {
  const out: string[] = [];
  const walk = (tokens: Token[]) => {
    for (const t of tokens) {
      if (t.type === "inline" && t.children) walk(t.children);
      else if (t.type !== "text") out.push(`${t.type}:${t.tag}${t.type.startsWith("html") ? `:${htmlTags(t.content).join(",")}` : ""}`);
    }
  };
  walk(markdown.parse(text, {}));
  return out;
}

/** The tags (and comments, declarations) in raw HTML, without attributes or text. */
function htmlTags(html: string): string[] {
  return (html.match(/<\/?[A-Za-z][A-Za-z0-9-]*|<!--|<!|<\?/g) ?? []).map((t) => t.toLowerCase());
}

/** Text nodes outside code: where GitHub would look for @mentions, #references and links. */
function textNodes(text: string): string[] {
  const out: string[] = [];
  const walk = (tokens: Token[]) => {
    for (const t of tokens) {
      if (t.type === "inline" && t.children) walk(t.children);
      else if (t.type === "text") out.push(t.content);
    }
  };
  walk(markdown.parse(text, {}));
  return out;
}

const OUR_HTML = new Set(["<br", "<details", "</details", "<summary", "</summary", "<code", "</code", "<sub", "</sub"]);

const corpus = [...KNOWN, ...generated()];
const diagrams: { h: string; source: string }[] = [];

describe("issue 9.3: hostile strings in every printed field", () => {
  test.each(corpus.map((h, i) => [i, JSON.stringify(h).slice(0, 60), h]))("#%i %s", (_i, _label, h) => {
    const head = cdktfOut(h, headStack(h));
    const base = cdktfOut(h, baseStack());
    const result = review(head, { base, plan: planFile(h) });
    const hostile = renderMarkdown(result);
    const plain = renderMarkdown(defused(result, h));

    // The same structure, token by token, as the same review with a plain word.
    expect(structure(hostile)).toEqual(structure(plain));
    const tokens = structure(hostile);
    // No link, image or HTML of the input's, whatever the replacement missed.
    expect(tokens.filter((t) => /^(link_open|image)/.test(t))).toEqual([]);
    expect(tokens.filter((t) => t.startsWith("html")).flatMap((t) => t.split(":").slice(2).join(":").split(",")).filter((tag) => !OUR_HTML.has(tag))).toEqual([]);
    // No mention or issue reference in text nodes.
    expect(textNodes(hostile).filter((text) => /(^|[^\w`])@[A-Za-z0-9]|(^|[^\w&])#\d/.test(text))).toEqual([]);
    // JSON stays parseable and holds the value verbatim.
    expect(JSON.parse(renderJson(result)).format).toMatch(/review@3$/);
    for (const m of hostile.matchAll(/```mermaid\n([\s\S]*?)\n```/g)) diagrams.push({ h, source: m[1] });
  });

  test("control characters (C0, DEL, C1) and bidi controls in every printed field never reach the Markdown or the JSON raw", () => {
    const h = "a\x1b]0;PWNED\x07\x1b[2J\u009b31m\u007f\u202e\u2066\u200f\u061cz";
    // eslint-disable-next-line no-control-regex -- the control characters are what this finds
    const raw = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;
    const result = review(cdktfOut(h, headStack(h)), { base: cdktfOut(h, baseStack()), plan: planFile(h) });
    expect(renderMarkdown(result)).not.toMatch(raw);
    const json = renderJson(result);
    expect(json).not.toMatch(raw);
    // The JSON escapes them with the same value.
    expect(JSON.stringify(JSON.parse(json))).toContain(JSON.stringify(h).slice(1, -1));
  });

  test("every diagram parses with mermaid's own parser (and the check is real: a broken label fails)", () => {
    expect(diagrams.length).toBeGreaterThanOrEqual(corpus.length);
    const controls = ['flowchart LR\n  n0["fine"] --> n1["also fine"]', 'flowchart LR\n  n0["a " b"] --> n1'];
    const run = spawnSync(process.execPath, [path.join(__dirname, "support", "mermaid-parse.mjs")], {
      input: JSON.stringify([...controls, ...diagrams.map((d) => d.source)]),
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(run.stderr).toBe("");
    const [fine, broken, ...results] = JSON.parse(run.stdout) as (string | null)[];
    expect(fine).toBeNull();
    expect(broken).toMatch(/Parse error/);
    const failures = results.map((error, i) => (error === null ? undefined : { h: diagrams[i].h, error })).filter((f) => f !== undefined);
    expect(failures).toEqual([]);
  });
});
