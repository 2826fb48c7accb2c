// Part of npm run build (scripts/build.js), after jsii: makes the compiled
// index of each provider submodule (lib/providers/okta/index.js,
// lib/providers/cloudflare/index.js) load its resource modules on first use.
//
// The generated src/providers/<provider>/index.ts re-exports every module
// (`export * from "./app-oauth"`), which jsii needs to see each provider as
// one submodule (`okta.AppOauth`), and which TypeScript compiles to a require
// of every module when the package is loaded: Cloudflare's Access
// application alone is about 2 MB of JavaScript. This rewrites those indexes
// into getters, one per exported name, found by loading each module once
// here. The types (.d.ts) and the jsii assembly are unchanged.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const MARKER = "// Lazy: written by scripts/lazy-exports.js";

/**
 * Rewrites `<libDir>/providers/<name>/index.js` for every provider directory.
 * @param {string} libDir the compiled library (lib/)
 * @returns {string[]} the rewritten files
 */
function makeProviderIndexesLazy(libDir) {
  const providersDir = path.join(libDir, "providers");
  const written = [];
  for (const name of fs.readdirSync(providersDir).sort()) {
    const index = path.join(providersDir, name, "index.js");
    if (!fs.existsSync(index)) continue;
    const compiled = fs.readFileSync(index, "utf8");
    if (compiled.includes(MARKER)) continue;
    const modules = [...compiled.matchAll(/__exportStar\(require\("(\.\/[^"]+)"\), exports\)/g)].map((m) => m[1]);
    if (modules.length === 0) throw new Error(`${index}: no re-exported modules found; has the TypeScript output changed?`);
    const lines = [
      '"use strict";',
      `${MARKER} from what tsc compiled: each name loads its module on first use.`,
      'Object.defineProperty(exports, "__esModule", { value: true });',
      "function lazy(module, name) {",
      "  return { enumerable: true, configurable: true, get: () => require(module)[name] };",
      "}",
    ];
    const seen = new Map();
    for (const module of modules) {
      const exported = require(path.join(path.dirname(index), module));
      for (const key of Object.keys(exported).sort()) {
        if (key === "__esModule") continue;
        if (seen.has(key)) throw new Error(`${index}: ${key} is exported by both ${seen.get(key)} and ${module}`);
        seen.set(key, module);
        lines.push(`Object.defineProperty(exports, ${JSON.stringify(key)}, lazy(${JSON.stringify(module)}, ${JSON.stringify(key)}));`);
      }
    }
    fs.writeFileSync(index, `${lines.join("\n")}\n`);
    written.push(index);
  }
  return written;
}

module.exports = { makeProviderIndexesLazy };

if (require.main === module) {
  const files = makeProviderIndexesLazy(path.join(__dirname, "..", "lib"));
  console.log(`lazy-exports: ${files.map((f) => path.relative(process.cwd(), f)).join(", ") || "nothing to do"}`);
}
