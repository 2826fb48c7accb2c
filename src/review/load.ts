/**
 * Loading synthesized Terraform JSON: a `cdktf.out` directory (its
 * `manifest.json` lists the stacks), one stack directory holding
 * `cdk.tf.json`, or a single `*.tf.json` file written by hand.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { ReviewInputError } from "./errors";
import { isObject, JsonObject, oneLine } from "./terraform-json";

/** One synthesized stack. */
export interface LoadedStack {
  /** The stack's name (cdktf's stack id, or the file's name for a lone file). */
  readonly name: string;
  /** The Terraform JSON file it was read from. */
  readonly file: string;
  /** The parsed Terraform JSON. */
  readonly json: JsonObject;
}

/** What a review reads: every stack of one synth output, sorted by name. */
export interface LoadedOutput {
  /** The directory or file given. */
  readonly source: string;
  readonly stacks: LoadedStack[];
}

/**
 * Reads a synth output. `what` names the input in error messages, e.g.
 * `"--base"`.
 */
export function loadSynthOutput(target: string, what = "cdktf output"): LoadedOutput {
  if (typeof target !== "string" || target.trim() === "") {
    throw new ReviewInputError(`${what}: no directory given`);
  }
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target);
  } catch {
    throw new ReviewInputError(`${what}: ${target} does not exist (run "cdktf synth" first)`);
  }
  if (stat.isFile()) {
    return { source: target, stacks: [readStack(target, stackNameOfFile(target), what)] };
  }
  if (!stat.isDirectory()) throw new ReviewInputError(`${what}: ${target} is neither a directory nor a file`);

  const manifestFile = path.join(target, "manifest.json");
  if (!fs.existsSync(manifestFile)) {
    const single = path.join(target, "cdk.tf.json");
    if (fs.existsSync(single)) {
      return { source: target, stacks: [readStack(single, path.basename(path.resolve(target)), what)] };
    }
    throw new ReviewInputError(
      `${what}: ${target} is not cdktf output: it has no manifest.json (run "cdktf synth" and pass the cdktf.out directory)`,
    );
  }
  const manifest = readJson(manifestFile, what);
  const entries = isObject(manifest.stacks) ? Object.entries(manifest.stacks) : undefined;
  if (entries === undefined) {
    throw new ReviewInputError(`${what}: ${manifestFile} is not a cdktf manifest: it has no "stacks" object`);
  }
  const stacks = entries.map(([key, entry]) => {
    const stackPath = isObject(entry) && typeof entry.synthesizedStackPath === "string" ? entry.synthesizedStackPath : undefined;
    if (stackPath === undefined) {
      throw new ReviewInputError(`${what}: ${manifestFile}: stack "${key}" has no synthesizedStackPath`);
    }
    const name = isObject(entry) && typeof entry.name === "string" ? entry.name : key;
    return readStack(path.join(target, stackPath), name, what);
  });
  stacks.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { source: target, stacks };
}

function stackNameOfFile(file: string): string {
  const base = path.basename(file).replace(/\.tf\.json$|\.json$/, "");
  return base === "cdk" ? path.basename(path.dirname(path.resolve(file))) : base;
}

function readStack(file: string, name: string, what: string): LoadedStack {
  const json = readJson(file, what);
  const hasTerraformBlocks = ["resource", "data", "terraform", "provider", "output", "module"].some((key) => key in json);
  if (!hasTerraformBlocks) {
    throw new ReviewInputError(`${what}: ${file} is not Terraform JSON: it has no resource, data, provider or terraform block`);
  }
  for (const block of ["resource", "data"]) {
    if (block in json && !isObject(json[block])) {
      throw new ReviewInputError(`${what}: ${file} is not Terraform JSON: "${block}" must be an object of resource types`);
    }
  }
  return { name, file, json };
}

function readJson(file: string, what: string): JsonObject {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new ReviewInputError(`${what}: cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? oneLine(String(e))})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new ReviewInputError(`${what}: ${file} is not valid JSON (${oneLine((e as Error).message)})`);
  }
  if (!isObject(parsed)) throw new ReviewInputError(`${what}: ${file} does not hold a JSON object`);
  return parsed;
}
