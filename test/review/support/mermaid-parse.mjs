// Parses Mermaid diagrams with mermaid's own parser, as GitHub would render
// them. Reads a JSON array of diagram sources on stdin and writes a JSON array
// of results (null, or the parse error's first line). Mermaid needs a DOM
// (DOMPurify): jsdom provides one. Run by test/review/hostile-output.test.ts.
/* global process */
import { JSDOM } from "jsdom";

const dom = new JSDOM("<!doctype html><html><body></body></html>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });

let input = "";
for await (const chunk of process.stdin) input += chunk;
const results = [];
for (const source of JSON.parse(input)) {
  try {
    await mermaid.parse(source);
    results.push(null);
  } catch (e) {
    results.push(String(e?.message ?? e).split("\n").slice(0, 4).join(" | "));
  }
}
process.stdout.write(JSON.stringify(results));
