/**
 * Loading synthesized Terraform JSON: a `cdktf.out` directory (its
 * `manifest.json` lists the stacks), one stack directory holding
 * `cdk.tf.json`, or a single `*.tf.json` file written by hand.
 *
 * Input safety: the manifest is untrusted. Every file it names must stay
 * inside the given directory (no `..`, no absolute path, no symlink leading
 * out: checked on the real path); only regular files are read (a FIFO or a
 * device is refused before anything blocks), up to a size limit
 * (`maxFileSize`, `--max-file-size`); error messages name files and
 * positions, never their content.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { ReviewInputError } from "./errors";
import { isObject, JsonObject, own } from "./terraform-json";

/** One synthesized stack. */
export interface LoadedStack {
  /** The stack's name (cdktf's stack id, or the file's name for a lone file). */
  readonly name: string;
  /** The Terraform JSON file it was read from. */
  readonly file: string;
  /** The parsed Terraform JSON. */
  readonly json: JsonObject;
  /** Warnings and errors recorded at synth (cdktf manifest `annotations`); empty without a manifest. */
  readonly annotations?: readonly SynthAnnotation[];
  /** The size of the file read, in characters (the review's work budget grows with it). */
  readonly size?: number;
}

/** A warning or error a construct recorded at synth (`Annotations.of(...)`), from the cdktf manifest. */
export interface SynthAnnotation {
  readonly level: "warning" | "error";
  readonly constructPath?: string;
  readonly message: string;
}

/** The warnings and errors of a manifest's stack entry (info annotations are left out). */
function annotationsOf(entry: unknown): SynthAnnotation[] {
  if (!isObject(entry) || !Array.isArray(entry.annotations)) return [];
  const found: SynthAnnotation[] = [];
  for (const a of entry.annotations) {
    if (!isObject(a) || typeof a.message !== "string") continue;
    const level = a.level === "@cdktf/warn" ? "warning" : a.level === "@cdktf/error" ? "error" : undefined;
    if (level === undefined) continue;
    found.push({ level, constructPath: typeof a.constructPath === "string" ? a.constructPath : undefined, message: a.message });
  }
  return found;
}

/** What a review reads: every stack of one synth output, sorted by name. */
export interface LoadedOutput {
  /** The directory or file given. */
  readonly source: string;
  readonly stacks: LoadedStack[];
  /** cdktf's `manifest.json`, when the input is a `cdktf.out` directory (stack annotations live there). */
  readonly manifest?: JsonObject;
}

/** Options for reading the review's input files. */
export interface LoadOptions {
  /** The largest file read, in bytes (default {@link DEFAULT_MAX_FILE_SIZE}). */
  readonly maxFileSize?: number;
}

/** 64 MiB: ten times the synth output of 1,000 identity providers. */
export const DEFAULT_MAX_FILE_SIZE = 64 * 1024 * 1024;

/**
 * Reads a synth output. `what` names the input in error messages, e.g.
 * `"--base"`.
 */
export function loadSynthOutput(target: string, what = "cdktf output", options: LoadOptions = {}): LoadedOutput {
  const max = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
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
    return { source: target, stacks: [readStack(target, readInputFile(target, what, max), stackNameOfFile(target), what)] };
  }
  if (!stat.isDirectory()) throw new ReviewInputError(`${what}: ${target} is neither a directory nor a regular file`);

  const root = fs.realpathSync(target);
  const manifestFile = path.join(target, "manifest.json");
  if (!exists(manifestFile)) {
    const single = path.join(target, "cdk.tf.json");
    if (exists(single)) {
      return { source: target, stacks: [readStack(single, readContainedFile(root, "cdk.tf.json", target, what, max), path.basename(root), what)] };
    }
    throw new ReviewInputError(
      `${what}: ${target} is not cdktf output: it has no manifest.json (run "cdktf synth" and pass the cdktf.out directory)`,
    );
  }
  const manifest = parseJson(readContainedFile(root, "manifest.json", target, what, max), manifestFile, what);
  const stacksEntry = own(manifest, "stacks");
  if (!isObject(stacksEntry)) {
    throw new ReviewInputError(`${what}: ${manifestFile} is not a cdktf manifest: it has no "stacks" object`);
  }
  const stacks = Object.keys(stacksEntry).map((key) => {
    const entry = stacksEntry[key];
    const stackPath = own(entry, "synthesizedStackPath");
    if (typeof stackPath !== "string" || stackPath === "") {
      throw new ReviewInputError(`${what}: ${manifestFile}: stack ${JSON.stringify(key)} has no synthesizedStackPath`);
    }
    const name = own(entry, "name");
    const file = path.join(target, stackPath);
    const stack = readStack(file, readContainedFile(root, stackPath, target, what, max, `stack ${JSON.stringify(key)}`), typeof name === "string" ? name : key, what);
    return { ...stack, annotations: annotationsOf(entry) };
  });
  stacks.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { source: target, stacks, manifest };
}

function exists(file: string): boolean {
  try {
    fs.lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

function stackNameOfFile(file: string): string {
  const base = path.basename(file).replace(/\.tf\.json$|\.json$/, "");
  return base === "cdk" ? path.basename(path.dirname(path.resolve(file))) : base;
}

function readStack(file: string, text: string, name: string, what: string): LoadedStack {
  const json = parseJson(text, file, what);
  const has = (key: string) => Object.prototype.hasOwnProperty.call(json, key);
  const hasTerraformBlocks = ["resource", "data", "terraform", "provider", "output", "module"].some(has);
  if (!hasTerraformBlocks) {
    throw new ReviewInputError(`${what}: ${file} is not Terraform JSON: it has no resource, data, provider or terraform block`);
  }
  for (const block of ["resource", "data"]) {
    if (has(block) && !isObject(json[block])) {
      throw new ReviewInputError(`${what}: ${file} is not Terraform JSON: "${block}" must be an object of resource types`);
    }
  }
  return { name, file, json, size: text.length };
}

/**
 * Reads `relative` inside `root` (a real path): refuses an absolute path, a
 * `..` segment, and a path whose real location (symlinks followed) is outside.
 */
export function readContainedFile(root: string, relative: string, shownRoot: string, what: string, maxFileSize: number, label?: string): string {
  const shown = path.join(shownRoot, relative);
  const quoted = JSON.stringify(relative.length > 100 ? `${relative.slice(0, 100)}...` : relative);
  const prefix = `${what}: ${label !== undefined ? `${label}: ` : ""}`;
  if (relative.includes("\0") || path.isAbsolute(relative) || /^[A-Za-z]:[\\/]/.test(relative) || relative.startsWith("\\")) {
    throw new ReviewInputError(`${prefix}refused path ${quoted}: an absolute path leads outside ${shownRoot}`);
  }
  if (relative.split(/[\\/]+/).includes("..")) {
    throw new ReviewInputError(`${prefix}refused path ${quoted}: ".." leads outside ${shownRoot}`);
  }
  let real: string;
  try {
    real = fs.realpathSync(path.join(root, relative));
  } catch (e) {
    throw new ReviewInputError(`${prefix}cannot read ${shown} (${(e as NodeJS.ErrnoException).code ?? "error"})`);
  }
  if (real !== root && !real.startsWith(root.endsWith(path.sep) ? root : root + path.sep)) {
    throw new ReviewInputError(`${prefix}refused ${shown}: it is a symbolic link that leads outside ${shownRoot}`);
  }
  return readInputFile(real, what, maxFileSize, shown);
}

/**
 * Reads one regular file, at most `maxFileSize` bytes, as UTF-8. A FIFO, a
 * socket or a device is refused without blocking (checked before and after
 * opening, which is non-blocking).
 */
export function readInputFile(file: string, what: string, maxFileSize: number = DEFAULT_MAX_FILE_SIZE, shown: string = file): string {
  let before: fs.Stats;
  try {
    before = fs.statSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ReviewInputError(`${what}: ${code === "ENOENT" ? `${shown} does not exist` : `cannot read ${shown} (${code ?? "error"})`}`);
  }
  if (!before.isFile()) throw new ReviewInputError(`${what}: refused ${shown}: it is not a regular file`);
  tooLarge(before.size, maxFileSize, what, shown);
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | (fs.constants.O_NOCTTY ?? 0));
  } catch (e) {
    throw new ReviewInputError(`${what}: cannot read ${shown} (${(e as NodeJS.ErrnoException).code ?? "error"})`);
  }
  try {
    const after = fs.fstatSync(fd);
    if (!after.isFile() || after.ino !== before.ino || after.dev !== before.dev) throw new ReviewInputError(`${what}: refused ${shown}: it is not a regular file`);
    tooLarge(after.size, maxFileSize, what, shown);
    const chunks: Buffer[] = [];
    let total = 0;
    const chunk = Buffer.alloc(Math.min(1 << 20, maxFileSize + 1));
    for (;;) {
      let n: number;
      try {
        n = fs.readSync(fd, chunk, 0, chunk.length, null);
      } catch (e) {
        throw new ReviewInputError(`${what}: cannot read ${shown} (${(e as NodeJS.ErrnoException).code ?? "error"})`);
      }
      if (n === 0) break;
      total += n;
      tooLarge(total, maxFileSize, what, shown);
      chunks.push(Buffer.from(chunk.subarray(0, n)));
    }
    const text = Buffer.concat(chunks).toString("utf8");
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } finally {
    fs.closeSync(fd);
  }
}

function tooLarge(size: number, max: number, what: string, shown: string): void {
  if (size > max) {
    throw new ReviewInputError(`${what}: refused ${shown}: it is larger than ${max} bytes (raise the limit with --max-file-size)`);
  }
}

/**
 * Parses JSON text; a syntax error names the file, line and column, never the
 * text around it (it may be a secret).
 */
export function parseJson(text: string, file: string, what: string): JsonObject {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    if (e instanceof RangeError) throw new ReviewInputError(`${what}: ${file} is nested too deeply to be read`);
    throw new ReviewInputError(`${what}: ${file} is not valid JSON (${jsonErrorPlace(text)})`);
  }
  if (!isObject(parsed)) throw new ReviewInputError(`${what}: ${file} does not hold a JSON object`);
  if (nestingDepth(text) > MAX_NESTING) throw new ReviewInputError(`${what}: refused ${file}: it is nested deeper than ${MAX_NESTING} levels`);
  return parsed;
}

/** Deeper JSON than this is refused: no Terraform JSON comes close, and every later step may recurse. */
export const MAX_NESTING = 256;

/** The deepest nesting of objects and arrays in valid JSON text (strings skipped). */
function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      // Skip a string, with its escapes.
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 92) i++;
        else if (d === 34) break;
      }
    } else if (c === 123 || c === 91) {
      if (++depth > max) max = depth;
    } else if (c === 125 || c === 93) depth--;
  }
  return max;
}

/** Where JSON text stops being valid, as "syntax error at line L, column C". */
export function jsonErrorPlace(text: string): string {
  const at = jsonErrorOffset(text);
  if (at >= text.length) return "unexpected end of the file";
  let line = 1;
  let column = 1;
  for (let i = 0; i < at; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      column = 1;
    } else column++;
  }
  return `syntax error at line ${line}, column ${column}`;
}

/** The offset of the first JSON syntax error (iterative: any nesting depth). */
function jsonErrorOffset(text: string): number {
  let i = 0;
  const n = text.length;
  const ws = () => {
    while (i < n && (text[i] === " " || text[i] === "\t" || text[i] === "\n" || text[i] === "\r")) i++;
  };
  const string = (): boolean => {
    if (text[i] !== '"') return false;
    i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return true;
      }
      if (c < 32) return false;
      if (c === 92) {
        const e = text[i + 1];
        if (e === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return false;
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else {
          i++;
          return false;
        }
      } else i++;
    }
    return false;
  };
  const scalar = (): boolean => {
    if (text[i] === '"') return string();
    const m = /^(?:-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|true|false|null)/.exec(text.slice(i, i + 512));
    if (!m) return false;
    i += m[0].length;
    return true;
  };
  // Stack of containers: "{" or "[".
  const stack: string[] = [];
  ws();
  for (;;) {
    // Expect a value.
    ws();
    if (text[i] === "{") {
      i++;
      ws();
      if (text[i] === "}") i++;
      else {
        stack.push("{");
        if (!string()) return i;
        ws();
        if (text[i] !== ":") return i;
        i++;
        continue;
      }
    } else if (text[i] === "[") {
      i++;
      ws();
      if (text[i] === "]") i++;
      else {
        stack.push("[");
        continue;
      }
    } else if (!scalar()) return i;
    // After a value: close containers or move on.
    for (;;) {
      ws();
      const top = stack[stack.length - 1];
      if (top === undefined) return i < n ? i : n + 1;
      if (text[i] === ",") {
        i++;
        ws();
        if (top === "{") {
          if (!string()) return i;
          ws();
          if (text[i] !== ":") return i;
          i++;
        }
        break;
      }
      if ((top === "{" && text[i] === "}") || (top === "[" && text[i] === "]")) {
        i++;
        stack.pop();
        continue;
      }
      return i;
    }
  }
}

/**
 * Parses a `--max-file-size` value: bytes, or with a K, M or G suffix (KiB,
 * MiB, GiB), e.g. `128M`. Undefined when it is not such a size.
 */
export function parseSize(text: string): number | undefined {
  const m = /^\s*([0-9]+)\s*([KMG]i?B?|B)?\s*$/i.exec(text);
  if (!m) return undefined;
  const unit = (m[2] ?? "").toUpperCase()[0];
  const factor = unit === "K" ? 1024 : unit === "M" ? 1024 ** 2 : unit === "G" ? 1024 ** 3 : 1;
  const size = Number(m[1]) * factor;
  return Number.isSafeInteger(size) && size > 0 ? size : undefined;
}
