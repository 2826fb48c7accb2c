/**
 * Synthesizes one program, the way `npm run synth` does for the examples
 * (scripts/synth.js), with this process's environment, each stack's
 * providers pinned to the given versions or range (see pinProviderVersions).
 *
 *   node -r esbuild-register e2e/lib/synth-example.ts <example | path/to/program.ts> --okta <constraint> --cloudflare <constraint> [<outdir>]
 *
 * A program is an example's name (examples/<name>/main.ts) or a file that
 * exports `build(app, env?)`, as examples and `discover`'s programs do.
 * Without <outdir>, the App's own default applies (CDKTF_OUTDIR, which the
 * cdktf CLI sets when this is its `--app`). Prints the stack ids as JSON.
 */
import { isAbsolute, join } from "node:path";
import { App, TerraformStack } from "cdktf";
import { parseVersionArguments, pinProviderVersions } from "./pairs";

process.env.CHECKPOINT_DISABLE = "1";
const { versions, rest } = parseVersionArguments(process.argv.slice(2));
const [program, outdir] = rest;
if (!program) throw new Error("synth-example.ts: name an example or a program");
const file = program.endsWith(".ts") ? (isAbsolute(program) ? program : join(process.cwd(), program)) : join(__dirname, "..", "..", "examples", program, "main.ts");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const loaded = require(file) as { build(app: App, env?: NodeJS.ProcessEnv): TerraformStack };
const app = new App(outdir ? { outdir } : {});
loaded.build(app, process.env);
const stacks = app.node.children.filter((c): c is TerraformStack => c instanceof TerraformStack);
for (const stack of stacks) pinProviderVersions(stack, versions);
app.synth();
process.stdout.write(JSON.stringify(stacks.map((s) => s.node.id)) + "\n");
