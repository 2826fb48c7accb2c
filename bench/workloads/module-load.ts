/**
 * Module load, measured in a fresh process: the time to require() the given
 * modules (an absolute path or a package specifier), excluding node's own
 * bootstrap, which both variants pay alike.
 *
 * Usage: node module-load.js <module>...        prints {"ms": ...}
 *        node module-load.js <a>... --then <b>...  loads the a's untimed, times the b's
 *        node module-load.js --discover <lib>   prints the packages <lib> requires
 */
import { builtinModules, createRequire, Module } from "node:module";
import { dirname, sep } from "node:path";
import { performance } from "node:perf_hooks";

const args = process.argv.slice(2);
const load = createRequire(__filename);

if (args[0] === "--discover") {
  // Every non-relative, non-builtin specifier that a file of the package
  // requires, in first-use order: the package's external dependencies.
  const libDir = dirname(args[1]) + sep;
  const found: string[] = [];
  const proto = Module.prototype as unknown as { require: (this: { filename: string }, id: string) => unknown };
  const original = proto.require;
  proto.require = function (this: { filename: string }, id: string) {
    const external = !id.startsWith(".") && !id.startsWith("/") && !id.startsWith("node:") && !builtinModules.includes(id);
    if (this.filename.startsWith(libDir) && external && !found.includes(id)) found.push(id);
    return original.call(this, id);
  };
  load(args[1]);
  process.stdout.write(`${JSON.stringify({ modules: found })}\n`);
} else {
  const then = args.indexOf("--then");
  for (const id of then < 0 ? [] : args.slice(0, then)) load(id);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (const id of args.slice(then + 1)) load(id);
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  process.stdout.write(`${JSON.stringify({ ms, cpuMs, maxRssKb: process.resourceUsage().maxRSS })}\n`);
}
