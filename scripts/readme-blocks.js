#!/usr/bin/env node
// Extracts the README's marked code blocks, so a test runs exactly what the
// README shows. A block is marked by an HTML comment on the line before its
// opening fence: `<!-- newcomer:<kind> -->` or `<!-- newcomer:file <name> -->`.
// Usage: node scripts/readme-blocks.js README.md OUT_DIR
// writes OUT_DIR/<kind>.sh for each shell kind (blocks of one kind are
// concatenated in order) and OUT_DIR/files/<name> for each file block.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

/**
 * The marked blocks of a Markdown text, in order.
 * @param {string} markdown
 * @param {string} [prefix]
 * @returns {{ kind: string, name?: string, text: string }[]}
 */
function markedBlocks(markdown, prefix = "newcomer") {
  const lines = markdown.split("\n");
  const blocks = [];
  const marker = new RegExp(`^<!-- ${prefix}:(\\w+)(?: (\\S+))? -->$`);
  for (let i = 0; i < lines.length; i++) {
    const m = marker.exec(lines[i].trim());
    if (m === null) continue;
    const open = lines[i + 1] ?? "";
    if (!/^```\w*$/.test(open)) throw new Error(`README line ${i + 1}: the ${m[0]} marker must be followed by a code fence`);
    const start = i;
    const end = lines.findIndex((line, j) => j > start + 1 && line === "```");
    if (end === -1) throw new Error(`README line ${i + 2}: unclosed code fence`);
    blocks.push({ kind: m[1], name: m[2], text: lines.slice(i + 2, end).join("\n") + "\n" });
    i = end;
  }
  return blocks;
}

module.exports = { markedBlocks };

if (require.main === module) {
  const [readme, out] = process.argv.slice(2);
  if (readme === undefined || out === undefined) throw new Error("usage: node scripts/readme-blocks.js README.md OUT_DIR");
  const blocks = markedBlocks(fs.readFileSync(readme, "utf8"));
  fs.mkdirSync(path.join(out, "files"), { recursive: true });
  for (const block of blocks) {
    if (block.kind === "file") {
      if (!block.name || block.name.includes("/") || block.name.startsWith(".")) throw new Error(`bad file name ${block.name}`);
      fs.writeFileSync(path.join(out, "files", block.name), block.text);
    } else {
      fs.appendFileSync(path.join(out, `${block.kind}.sh`), block.text);
    }
  }
  console.error(`[readme-blocks] ${blocks.map((b) => (b.kind === "file" ? b.name : b.kind)).join(", ")}`);
}
