/**
 * Synthesizes one example into an output directory, the way `npm run synth`
 * does for all of them (scripts/synth.js), with this process's environment.
 *
 *   node -r esbuild-register e2e/lib/synth-example.ts <example> <outdir>
 */
import { join } from "node:path";
import { App, TerraformStack } from "cdktf";

process.env.CHECKPOINT_DISABLE = "1";
const [name, outdir] = process.argv.slice(2);
if (!name || !outdir) throw new Error("usage: synth-example.ts <example> <outdir>");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const example = require(join(__dirname, "..", "..", "examples", name, "main.ts")) as { build(app: App, env?: NodeJS.ProcessEnv): TerraformStack };
const app = new App({ outdir });
example.build(app, process.env);
app.synth();
process.stdout.write(JSON.stringify(app.node.children.filter((c) => c instanceof TerraformStack).map((s) => s.node.id)) + "\n");
