/**
 * Terraform expressions in Terraform JSON: a parser for the template syntax
 * every JSON string is written in, and an evaluator over a stack's `locals`
 * and `variable` blocks.
 *
 * API (used by the secret rules and by the review's completeness checks):
 *
 * - `stackScope(stackJson)` builds the scope of one stack: its `locals`
 *   (evaluated on demand, once, cycles detected) and its variables (default,
 *   `sensitive`); `withArguments(scope, stackJson)` also follows a reference
 *   to an argument written in the configuration (the secret rules use it:
 *   `terraform_data.x.output` is its `input`).
 * - `evaluate(value, scope)` evaluates any JSON value (strings are templates,
 *   objects and arrays are evaluated member by member) and returns an
 *   {@link Evaluated}:
 *     - `{ known: true, value }`: a constant Terraform will compute from what is
 *       written in the configuration (literals, `local.*`, variable defaults,
 *       pure functions such as `lower`, `join`, `format`).
 *     - `{ known: false, refs, literal }`: a value only known at plan or apply
 *       time. `refs` lists what it depends on: resource and data-source
 *       attributes, variables without a default (with their `sensitive` flag),
 *       and other named values (`each.value`, `count.index`, `module.x`...).
 *       `literal` is true when constant text or values written in the
 *       configuration may be part of the result (`"S3CRET${var.x}"`,
 *       `coalesce(var.x, "fallback")`), or when the evaluator could not tell.
 *   Both forms carry `via`: the `local.*` and `var.*` names the value went
 *   through (and the `type.name.attribute` arguments, in a scope that follows
 *   them), so a change in one of them can be reported; and `error` when a
 *   part could not be parsed or evaluated (then the result is unknown with
 *   `literal: true`: conservative). Error texts give positions, never input.
 *   An unknown result with `cut: true` is one the evaluator stopped computing
 *   because it ran into a bound (see "Bounds" below): it is not known here,
 *   whatever Terraform would compute, and the run's budget records it.
 * - `parseTemplate(text)` gives the syntax tree of a JSON string (throws
 *   `ExpressionSyntaxError` with a position only).
 *
 * Terraform's rules followed here: a JSON string is a template; `$${` and
 * `%%{` are escapes for a literal `${` and `%{`; `${ ... }` interpolates an
 * expression, and a template made of one interpolation alone yields the
 * expression's value unchanged (not a string); `%{if}`/`%{for}` directives;
 * `~` strip markers; quoted strings inside expressions are templates again,
 * with backslash escapes; heredocs `<<EOT` / `<<-EOT`. Variable defaults are
 * literal values (Terraform never interprets templates in them).
 *
 * Bounds: the input is untrusted, and a few kilobytes of nested locals can
 * describe values of gigabytes. Evaluation spends from the scope's work
 * budget (`../private/budget.ts`; the review run's budget inside a review):
 * every expression evaluated and every item built is a step
 * (`evaluationSteps`), every value computed counts its characters
 * (`computedCharacters`), and one value may hold at most `valueCharacters`
 * characters (strings, and lists and maps as their JSON) and `valueDepth`
 * levels of nesting. Functions whose result can outgrow their arguments
 * (`replace`, `join`, `split`) check the size before they build it. A value
 * over a limit, or any value once the budget is spent, is unknown with
 * `cut: true`: never a shorter string a rule could mistake for the real one.
 */
import { activeBudget, Budget, BudgetLimits } from "../private/budget";
import { isObject, Json, JsonObject, own } from "./terraform-json";
import { tfBool, tfNumber } from "./values";

// ---------------------------------------------------------------------------
// Syntax tree

/** A part of a template. */
export type TemplatePart =
  | { readonly t: "text"; readonly s: string }
  | { readonly t: "interp"; readonly e: Expr }
  | { readonly t: "if"; readonly cond: Expr; readonly then: TemplatePart[]; readonly else: TemplatePart[] }
  | { readonly t: "for"; readonly key?: string; readonly value: string; readonly coll: Expr; readonly body: TemplatePart[] };

/** One step of a traversal: `.name`, `[expr]`, or a splat (`[*]`, `.*`). */
export type Step = { readonly k: "attr"; readonly name: string } | { readonly k: "index"; readonly e: Expr } | { readonly k: "splat" };

/** An expression. */
export type Expr =
  | { readonly t: "lit"; readonly v: Json }
  | { readonly t: "template"; readonly parts: TemplatePart[] }
  | { readonly t: "name"; readonly name: string }
  | { readonly t: "trav"; readonly base: Expr; readonly steps: Step[] }
  | { readonly t: "call"; readonly name: string; readonly args: Expr[]; readonly expand: boolean }
  | { readonly t: "unary"; readonly op: string; readonly e: Expr }
  | { readonly t: "binary"; readonly op: string; readonly l: Expr; readonly r: Expr }
  | { readonly t: "cond"; readonly c: Expr; readonly a: Expr; readonly b: Expr }
  | { readonly t: "tuple"; readonly items: Expr[] }
  | { readonly t: "object"; readonly items: { readonly k: Expr; readonly v: Expr }[] }
  | {
      readonly t: "for";
      readonly object: boolean;
      readonly key?: string;
      readonly value: string;
      readonly coll: Expr;
      readonly keyExpr?: Expr;
      readonly valueExpr: Expr;
      readonly cond?: Expr;
      readonly group: boolean;
    };

/** A syntax error: names the position, never the text. */
export class ExpressionSyntaxError extends Error {
  constructor(
    message: string,
    public readonly position: number,
  ) {
    super(`${message} at character ${position + 1}`);
    this.name = "ExpressionSyntaxError";
  }
}

/** Deeper nesting than this is refused (a hostile input must not exhaust the stack). */
const MAX_DEPTH = 200;

const IDENT_START = /[A-Za-z_]/;
const IDENT = /[A-Za-z0-9_-]/;

/** Parses a JSON string as a Terraform template. */
export function parseTemplate(text: string): TemplatePart[] {
  const parser = new Parser(text);
  const parts = parser.template("eof", false);
  return parts;
}

/** Template tokens before directives are nested. */
type Flat =
  | { t: "text"; s: string; stripBefore?: boolean }
  | { t: "interp"; e: Expr; stripL: boolean; stripR: boolean }
  | { t: "dir"; kind: "if" | "else" | "endif" | "for" | "endfor"; e?: Expr; key?: string; value?: string; stripL: boolean; stripR: boolean; at: number };

class Parser {
  private pos = 0;
  private depth = 0;

  constructor(private readonly src: string) {}

  private fail(message: string, at = this.pos): never {
    throw new ExpressionSyntaxError(message, at);
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) this.fail("expression nested too deeply");
  }

  private leave(): void {
    this.depth--;
  }

  /**
   * A template up to `end`: "eof" (a whole JSON string or heredoc body) or
   * `"` (a quoted string inside an expression, which has backslash escapes).
   */
  template(end: "eof" | '"', escapes: boolean): TemplatePart[] {
    this.enter();
    const flat: Flat[] = [];
    let text = "";
    const flush = () => {
      if (text !== "") flat.push({ t: "text", s: text });
      text = "";
    };
    const src = this.src;
    for (;;) {
      if (this.pos >= src.length) {
        if (end === '"') this.fail("unterminated string");
        break;
      }
      const c = src[this.pos];
      if (end === '"' && c === '"') {
        this.pos++;
        break;
      }
      if (escapes && c === "\\") {
        text += this.escape();
        continue;
      }
      if ((c === "$" || c === "%") && src[this.pos + 1] === c && src[this.pos + 2] === "{") {
        text += `${c}{`;
        this.pos += 3;
        continue;
      }
      if ((c === "$" || c === "%") && src[this.pos + 1] === "{") {
        flush();
        const at = this.pos;
        this.pos += 2;
        let stripL = false;
        if (src[this.pos] === "~") {
          stripL = true;
          this.pos++;
        }
        if (c === "$") {
          const e = this.expr();
          this.ws();
          const stripR = this.stripEnd();
          flat.push({ t: "interp", e, stripL, stripR });
        } else {
          flat.push(this.directive(stripL, at));
        }
        continue;
      }
      if (end === '"' && (c === "\n" || c === "\r")) this.fail("newline in a quoted string");
      text += c;
      this.pos++;
    }
    flush();
    const parts = nest(flat);
    this.leave();
    return parts;
  }

  /** Reads `~}` or `}` after an interpolation or directive. */
  private stripEnd(): boolean {
    let strip = false;
    if (this.src[this.pos] === "~") {
      strip = true;
      this.pos++;
    }
    if (this.src[this.pos] !== "}") this.fail("expected } to close the template sequence");
    this.pos++;
    return strip;
  }

  private directive(stripL: boolean, at: number): Flat {
    this.ws();
    const word = this.ident();
    if (word === "if") {
      const e = this.expr();
      this.ws();
      return { t: "dir", kind: "if", e, stripL, stripR: this.stripEnd(), at };
    }
    if (word === "for") {
      this.ws();
      let value = this.ident();
      let key: string | undefined;
      this.ws();
      if (this.src[this.pos] === ",") {
        this.pos++;
        this.ws();
        key = value;
        value = this.ident();
        this.ws();
      }
      if (this.ident() !== "in") this.fail("expected in");
      const e = this.expr();
      this.ws();
      return { t: "dir", kind: "for", e, key, value, stripL, stripR: this.stripEnd(), at };
    }
    if (word === "else" || word === "endif" || word === "endfor") {
      this.ws();
      return { t: "dir", kind: word, stripL, stripR: this.stripEnd(), at };
    }
    return this.fail("unknown template directive", at);
  }

  private escape(): string {
    const src = this.src;
    const next = src[this.pos + 1];
    this.pos += 2;
    switch (next) {
      case "n":
        return "\n";
      case "r":
        return "\r";
      case "t":
        return "\t";
      case '"':
        return '"';
      case "\\":
        return "\\";
      case "u":
      case "U": {
        const length = next === "u" ? 4 : 8;
        const hex = src.slice(this.pos, this.pos + length);
        if (!/^[0-9A-Fa-f]+$/.test(hex) || hex.length !== length) this.fail("bad unicode escape", this.pos - 2);
        this.pos += length;
        const code = parseInt(hex, 16);
        if (code > 0x10ffff) this.fail("bad unicode escape", this.pos - length - 2);
        return String.fromCodePoint(code);
      }
      default:
        return this.fail("unknown escape sequence", this.pos - 2);
    }
  }

  /** Skips whitespace and comments. */
  ws(): void {
    const src = this.src;
    for (;;) {
      const c = src[this.pos];
      if (c === " " || c === "\t" || c === "\n" || c === "\r") this.pos++;
      else if (c === "#" || (c === "/" && src[this.pos + 1] === "/")) {
        while (this.pos < src.length && src[this.pos] !== "\n") this.pos++;
      } else if (c === "/" && src[this.pos + 1] === "*") {
        const close = src.indexOf("*/", this.pos + 2);
        if (close === -1) this.fail("unterminated comment");
        this.pos = close + 2;
      } else return;
    }
  }

  private ident(): string {
    const src = this.src;
    if (!IDENT_START.test(src[this.pos] ?? "")) this.fail("expected a name");
    const start = this.pos;
    while (this.pos < src.length && IDENT.test(src[this.pos])) this.pos++;
    return src.slice(start, this.pos);
  }

  private peek(s: string): boolean {
    return this.src.startsWith(s, this.pos);
  }

  private eat(s: string): boolean {
    this.ws();
    if (this.peek(s)) {
      this.pos += s.length;
      return true;
    }
    return false;
  }

  private expect(s: string): void {
    if (!this.eat(s)) this.fail(`expected ${s}`);
  }

  /** A whole expression (conditional). */
  expr(): Expr {
    this.enter();
    const c = this.binary(0);
    let result = c;
    this.ws();
    if (this.src[this.pos] === "?") {
      this.pos++;
      const a = this.expr();
      this.expect(":");
      const b = this.expr();
      result = { t: "cond", c, a, b };
    }
    this.leave();
    return result;
  }

  private static readonly LEVELS: string[][] = [["||"], ["&&"], ["==", "!="], ["<=", ">=", "<", ">"], ["+", "-"], ["*", "/", "%"]];

  private binary(level: number): Expr {
    if (level >= Parser.LEVELS.length) return this.unary();
    let left = this.binary(level + 1);
    for (;;) {
      this.ws();
      const op = Parser.LEVELS[level].find((o) => this.peek(o) && !(o === "<" && this.peek("<<")) && !(o === "/" && (this.peek("//") || this.peek("/*"))));
      // `=>` is not `>=`/`=`; `==` must not be confused with `=` (object items).
      if (op === undefined) return left;
      this.pos += op.length;
      const right = this.binary(level + 1);
      left = { t: "binary", op, l: left, r: right };
    }
  }

  private unary(): Expr {
    this.ws();
    const c = this.src[this.pos];
    if (c === "!" || c === "-") {
      this.pos++;
      this.enter();
      const e = this.unary();
      this.leave();
      return { t: "unary", op: c, e };
    }
    return this.postfix(this.primary());
  }

  private postfix(base: Expr): Expr {
    const steps: Step[] = [];
    for (;;) {
      // No whitespace skipping before `.`: `a .b` is rare, but `[` on a new line in a tuple is not a step.
      const save = this.pos;
      this.ws();
      if (this.peek(".*")) {
        this.pos += 2;
        steps.push({ k: "splat" });
      } else if (this.src[this.pos] === "." && !this.peek("...") && !/[0-9]/.test(this.src[this.pos + 1] ?? "")) {
        this.pos++;
        this.ws();
        steps.push({ k: "attr", name: this.ident() });
      } else if (this.src[this.pos] === "." && /[0-9]/.test(this.src[this.pos + 1] ?? "")) {
        // Legacy index syntax: a.0
        this.pos++;
        const start = this.pos;
        while (/[0-9]/.test(this.src[this.pos] ?? "")) this.pos++;
        steps.push({ k: "index", e: { t: "lit", v: Number(this.src.slice(start, this.pos)) } });
      } else if (this.src[this.pos] === "[") {
        this.pos++;
        this.ws();
        if (this.src[this.pos] === "*") {
          this.pos++;
          this.expect("]");
          steps.push({ k: "splat" });
        } else {
          const e = this.expr();
          this.expect("]");
          steps.push({ k: "index", e });
        }
      } else {
        this.pos = save;
        break;
      }
    }
    return steps.length === 0 ? base : { t: "trav", base, steps };
  }

  private primary(): Expr {
    this.ws();
    const src = this.src;
    const c = src[this.pos];
    if (c === undefined) this.fail("expected an expression");
    if (/[0-9]/.test(c)) {
      const m = /^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(src.slice(this.pos, this.pos + 400));
      if (!m) this.fail("bad number");
      this.pos += m[0].length;
      return { t: "lit", v: Number(m[0]) };
    }
    if (c === '"') {
      this.pos++;
      return templateExpr(this.template('"', true));
    }
    if (c === "<" && src[this.pos + 1] === "<") return this.heredoc();
    if (c === "(") {
      this.pos++;
      const e = this.expr();
      this.expect(")");
      return e;
    }
    if (c === "[") {
      this.pos++;
      this.ws();
      if (this.keyword("for")) return this.forExpr(false);
      const items: Expr[] = [];
      while (!this.eat("]")) {
        items.push(this.expr());
        if (!this.eat(",")) {
          this.expect("]");
          break;
        }
      }
      return { t: "tuple", items };
    }
    if (c === "{") {
      this.pos++;
      this.ws();
      if (this.keyword("for")) return this.forExpr(true);
      const items: { k: Expr; v: Expr }[] = [];
      while (!this.eat("}")) {
        const k = this.objectKey();
        this.ws();
        if (this.peek("=") && !this.peek("==")) this.pos++;
        else if (this.peek(":")) this.pos++;
        else this.fail("expected = or : after an object key");
        const v = this.expr();
        items.push({ k, v });
        this.ws();
        if (src[this.pos] === ",") this.pos++;
      }
      return { t: "object", items };
    }
    if (IDENT_START.test(c)) {
      let name = this.ident();
      // Provider-defined functions: provider::name::function(...)
      while (this.peek("::")) {
        this.pos += 2;
        name += `::${this.ident()}`;
      }
      this.ws();
      if (src[this.pos] === "(") {
        this.pos++;
        const args: Expr[] = [];
        let expand = false;
        while (!this.eat(")")) {
          args.push(this.expr());
          if (this.eat("...")) expand = true;
          if (!this.eat(",")) {
            this.expect(")");
            break;
          }
        }
        return { t: "call", name, args, expand };
      }
      if (name === "true") return { t: "lit", v: true };
      if (name === "false") return { t: "lit", v: false };
      if (name === "null") return { t: "lit", v: null };
      return { t: "name", name };
    }
    return this.fail("unexpected character");
  }

  private objectKey(): Expr {
    this.ws();
    const c = this.src[this.pos];
    if (IDENT_START.test(c ?? "")) {
      const save = this.pos;
      const name = this.ident();
      this.ws();
      if (this.peek("=") || this.peek(":")) {
        if (!this.peek("==")) return { t: "lit", v: name };
      }
      this.pos = save;
    }
    return this.expr();
  }

  private keyword(word: string): boolean {
    if (this.src.startsWith(word, this.pos) && !IDENT.test(this.src[this.pos + word.length] ?? "")) {
      this.pos += word.length;
      return true;
    }
    return false;
  }

  private forExpr(object: boolean): Expr {
    this.ws();
    let value = this.ident();
    let key: string | undefined;
    if (this.eat(",")) {
      this.ws();
      key = value;
      value = this.ident();
    }
    this.ws();
    if (!this.keyword("in")) this.fail("expected in");
    const coll = this.expr();
    this.expect(":");
    let keyExpr: Expr | undefined;
    let valueExpr = this.expr();
    if (object) {
      this.expect("=>");
      keyExpr = valueExpr;
      valueExpr = this.expr();
    }
    const group = object && this.eat("...");
    let cond: Expr | undefined;
    this.ws();
    if (this.keyword("if")) cond = this.expr();
    this.expect(object ? "}" : "]");
    return { t: "for", object, key, value, coll, keyExpr, valueExpr, cond, group };
  }

  private heredoc(): Expr {
    const src = this.src;
    const start = this.pos;
    this.pos += 2;
    const indent = src[this.pos] === "-";
    if (indent) this.pos++;
    const marker = this.ident();
    if (src[this.pos] === "\r") this.pos++;
    if (src[this.pos] !== "\n") this.fail("expected a newline after the heredoc marker", start);
    this.pos++;
    // The body ends at a line holding only the marker (and leading spaces).
    let lineStart = this.pos;
    let bodyEnd = -1;
    let after = -1;
    while (lineStart <= src.length) {
      let lineEnd = src.indexOf("\n", lineStart);
      if (lineEnd === -1) lineEnd = src.length;
      if (src.slice(lineStart, lineEnd).replace(/\r$/, "").trim() === marker) {
        bodyEnd = lineStart;
        after = lineStart + src.slice(lineStart, lineEnd).indexOf(marker) + marker.length;
        break;
      }
      lineStart = lineEnd + 1;
    }
    if (bodyEnd === -1) this.fail("unterminated heredoc", start);
    let body = src.slice(this.pos, bodyEnd);
    if (indent) {
      const lines = body.split("\n");
      const widths = lines.filter((l) => l.trim() !== "").map((l) => /^[ \t]*/.exec(l)![0].length);
      const cut = widths.length > 0 ? widths.reduce((least, w) => Math.min(least, w), Infinity) : 0;
      body = lines.map((l) => l.slice(Math.min(cut, /^[ \t]*/.exec(l)![0].length))).join("\n");
    }
    this.pos = after;
    const inner = new Parser(body);
    inner.depth = this.depth;
    try {
      return templateExpr(inner.template("eof", false));
    } catch (e) {
      if (e instanceof ExpressionSyntaxError) throw new ExpressionSyntaxError("error in a heredoc", start);
      throw e;
    }
  }
}

function templateExpr(parts: TemplatePart[]): Expr {
  return { t: "template", parts };
}

/** Nests `%{if}`/`%{for}` directives and applies strip markers. */
function nest(flat: Flat[]): TemplatePart[] {
  // Strip markers: `~` removes whitespace on that side of the neighbouring text.
  for (let i = 0; i < flat.length; i++) {
    const f = flat[i];
    if (f.t === "text") continue;
    // trimEnd/trimStart remove what \s matches, without a regex that backtracks on long runs of spaces.
    if (f.stripL && i > 0 && flat[i - 1].t === "text") (flat[i - 1] as { s: string }).s = (flat[i - 1] as { s: string }).s.trimEnd();
    if (f.stripR && i + 1 < flat.length && flat[i + 1].t === "text") (flat[i + 1] as { s: string }).s = (flat[i + 1] as { s: string }).s.trimStart();
  }
  let index = 0;
  const block = (until: ("else" | "endif" | "endfor")[]): { parts: TemplatePart[]; end?: string } => {
    const parts: TemplatePart[] = [];
    while (index < flat.length) {
      const f = flat[index++];
      if (f.t === "text") {
        if (f.s !== "") parts.push({ t: "text", s: f.s });
      } else if (f.t === "interp") parts.push({ t: "interp", e: f.e });
      else if (f.kind === "if") {
        const then = block(["else", "endif"]);
        let otherwise: TemplatePart[] = [];
        if (then.end === "else") {
          const rest = block(["endif"]);
          if (rest.end !== "endif") throw new ExpressionSyntaxError("%{if} without %{endif}", f.at);
          otherwise = rest.parts;
        } else if (then.end !== "endif") throw new ExpressionSyntaxError("%{if} without %{endif}", f.at);
        parts.push({ t: "if", cond: f.e!, then: then.parts, else: otherwise });
      } else if (f.kind === "for") {
        const body = block(["endfor"]);
        if (body.end !== "endfor") throw new ExpressionSyntaxError("%{for} without %{endfor}", f.at);
        parts.push({ t: "for", key: f.key, value: f.value!, coll: f.e!, body: body.parts });
      } else if ((until as string[]).includes(f.kind)) return { parts, end: f.kind };
      else throw new ExpressionSyntaxError(`unexpected %{${f.kind}}`, f.at);
    }
    return { parts };
  };
  const result = block([]);
  if (result.end !== undefined) throw new ExpressionSyntaxError(`unexpected %{${result.end}}`, 0);
  return result.parts;
}

/**
 * True when a JSON string is an expression made of references alone, with no
 * constant anywhere in its text (numeric indexes aside): the only strings in a
 * secret position a review may show. Unparsable text is not.
 */
export function isPureReference(text: string): boolean {
  let parts: TemplatePart[];
  try {
    parts = parseTemplate(text);
  } catch {
    return false;
  }
  let refs = 0;
  const pureParts = (ps: readonly TemplatePart[]): boolean =>
    ps.every((p) => {
      switch (p.t) {
        case "text":
          return false;
        case "interp":
          return pure(p.e);
        default:
          return false;
      }
    });
  const pure = (e: Expr): boolean => {
    switch (e.t) {
      case "lit":
        return false;
      case "template":
        return pureParts(e.parts);
      case "name":
        refs++;
        return true;
      case "trav":
        return pure(e.base) && e.steps.every((s) => s.k !== "index" || (s.e.t === "lit" && typeof s.e.v === "number") || pure(s.e));
      case "call":
        return e.args.every(pure);
      default:
        return false;
    }
  };
  return pureParts(parts) && refs > 0;
}

/**
 * True when a JSON string holds a constant in a position whose content can
 * reach the value: template text, literals as values, branches (taken or
 * not), loop bodies, object keys. Constants that only select or decide
 * (conditions, comparisons, indexes, `lookup`'s key) do not count. A secret
 * position holding such a string is a literal even when the constant is in a
 * branch Terraform never takes. Unparsable text counts.
 */
export function hasConstantContent(text: string): boolean {
  let parts: TemplatePart[];
  try {
    parts = parseTemplate(text);
  } catch {
    return true;
  }
  const inParts = (ps: readonly TemplatePart[]): boolean =>
    ps.some((p) => {
      switch (p.t) {
        case "text":
          return p.s !== "";
        case "interp":
          return content(p.e);
        case "if":
          return inParts(p.then) || inParts(p.else);
        case "for":
          return content(p.coll) || inParts(p.body);
      }
    });
  const content = (e: Expr): boolean => {
    switch (e.t) {
      case "lit":
        return e.v !== null && e.v !== "" && typeof e.v !== "boolean";
      case "template":
        return inParts(e.parts);
      case "name":
        return false;
      case "trav":
        return content(e.base);
      case "call": {
        const selectors = SELECTOR_ARGS.get(e.name) ?? [];
        return e.args.some((a, i) => !selectors.includes(i) && content(a));
      }
      case "unary":
        return content(e.e);
      case "binary":
        return ["+", "-", "*", "/", "%"].includes(e.op) && (content(e.l) || content(e.r));
      case "cond":
        return content(e.a) || content(e.b);
      case "tuple":
        return e.items.some(content);
      case "object":
        return e.items.some((i) => content(i.k) || content(i.v));
      case "for":
        return content(e.coll) || content(e.valueExpr) || (e.keyExpr !== undefined && content(e.keyExpr));
    }
  };
  return inParts(parts);
}

// ---------------------------------------------------------------------------
// Evaluation

/** Something a value depends on that is only known at plan or apply time. */
export interface Reference {
  /**
   * `resource` (`type.name.attr`), `data` (`data.type.name.attr`),
   * `ephemeral` (`ephemeral.type.name.attr`, Terraform 1.10+), `variable`
   * (a variable without a default, or an undeclared one), `module`
   * (`module.x.output`), or `other` (`each.*`, `count.index`, `path.*`,
   * `self.*`, `terraform.*`, unknown names).
   */
  readonly kind: "resource" | "data" | "ephemeral" | "variable" | "module" | "other";
  /** `okta_app_oauth.app`, `data.okta_group.eng`, `var.token`, `module.m`, `each.value`. */
  readonly address: string;
  /** The attribute read from a resource or data source, e.g. `client_secret`; absent when the whole object is used. */
  readonly attribute?: string;
  /** Variables: declared `sensitive = true`. */
  readonly sensitive?: boolean;
  /**
   * Used only to select (an index `[...]`, `lookup`'s key...): the value's
   * content does not come from it.
   */
  readonly selector?: boolean;
  /** Variables: declared `ephemeral = true` (Terraform 1.10+: never stored in plan or state). */
  readonly ephemeral?: boolean;
  /** Variables: declared in the stack. */
  readonly declared?: boolean;
}

/** A known constant. */
export interface Known {
  readonly known: true;
  readonly value: Json;
  /** `local.x` / `var.x` it went through. */
  readonly via: readonly string[];
}

/** A value only known at plan or apply time. */
export interface Unknown {
  readonly known: false;
  readonly refs: readonly Reference[];
  /** Constant content written in the configuration may be part of the value (or the evaluator could not tell). */
  readonly literal: boolean;
  readonly via: readonly string[];
  /** Why the evaluator gave up on a part, with positions only. */
  readonly error?: string;
  /**
   * The evaluator stopped: a value over a size limit, or the run's budget
   * spent (see "Bounds" above). The value is not known here; a rule must
   * treat it as "cannot tell", never as a value it has seen.
   */
  readonly cut?: boolean;
}

export type Evaluated = Known | Unknown;

/** A declared variable. */
export interface VariableDecl {
  readonly hasDefault: boolean;
  readonly default?: Json;
  readonly sensitive: boolean;
  readonly ephemeral: boolean;
}

/** The names a stack's expressions can use. */
export interface Scope {
  readonly locals: ReadonlyMap<string, Json>;
  readonly variables: ReadonlyMap<string, VariableDecl>;
  /** Evaluated locals (filled on demand). */
  readonly cache: Map<string, Evaluated>;
  /** Locals being evaluated (cycle detection). */
  readonly pending: Set<string>;
  /** Parsed templates (a stack repeats the same strings a lot). */
  readonly parsed: Map<string, TemplatePart[] | ExpressionSyntaxError>;
  /** The work evaluation may do: the review run's budget, or a fresh one outside a run. */
  readonly budget: Budget;
  /** Sizes of lists and maps already measured (values are immutable once built). */
  readonly sizes: WeakMap<object, ValueSize>;
  /**
   * Bodies of the stack's resources, data sources and ephemeral resources by
   * address (`terraform_data.x`, `data.t.n`, `ephemeral.t.n`), in a scope that
   * follows arguments ({@link withArguments}): a reference to an attribute
   * written in the configuration (`null_resource.x.triggers.k`,
   * `terraform_data.x.output`, which is its `input`) is that attribute's value.
   */
  readonly arguments?: ReadonlyMap<string, JsonObject>;
  /** Followed arguments, evaluated (filled on demand; keyed by the path followed). */
  readonly followed?: Map<string, Evaluated>;
}

/** An empty scope: every `local.*` and `var.*` is unknown. */
export function emptyScope(budget: Budget = activeBudget()): Scope {
  return { locals: new Map(), variables: new Map(), cache: new Map(), pending: new Set(), parsed: new Map(), budget, sizes: new WeakMap() };
}

/**
 * The scope of one stack's Terraform JSON: its `locals` and `variable`
 * blocks. Evaluation spends from `budget` (by default the review run's, see
 * `../private/budget.ts`).
 */
export function stackScope(stackJson: JsonObject, budget: Budget = activeBudget()): Scope {
  const locals = new Map<string, Json>();
  for (const block of listOfObjects(own(stackJson, "locals"))) {
    for (const name of Object.keys(block)) locals.set(name, block[name]);
  }
  const variables = new Map<string, VariableDecl>();
  const section = own(stackJson, "variable");
  for (const group of listOfObjects(section)) {
    for (const name of Object.keys(group)) {
      const body = firstObject(group[name]);
      const hasDefault = body !== undefined && Object.prototype.hasOwnProperty.call(body, "default") && body.default !== null;
      const sensitive = body !== undefined && tfBool(body.sensitive) === true;
      const ephemeral = body !== undefined && tfBool(body.ephemeral) === true;
      variables.set(name, { hasDefault, default: hasDefault ? body.default : undefined, sensitive, ephemeral });
    }
  }
  return { locals, variables, cache: new Map(), pending: new Set(), parsed: new Map(), budget, sizes: new WeakMap() };
}

/**
 * A scope that also follows arguments written in the configuration (see
 * {@link Scope.arguments}): what the secret rules evaluate in, so that a
 * literal laundered through `terraform_data` or `null_resource` is a
 * constant. The review's own resolution (constants.ts) does not follow them.
 */
export function withArguments(scope: Scope, stackJson: JsonObject): Scope {
  // Its own locals cache: a local may read differently when arguments are followed.
  return { ...scope, cache: new Map(), pending: new Set(), arguments: argumentsOf(stackJson), followed: new Map() };
}

/** Resource, data source and ephemeral resource bodies by address; the first of a repeated address stands for it, as in Terraform's error. */
function argumentsOf(stackJson: JsonObject): Map<string, JsonObject> {
  const bodies = new Map<string, JsonObject>();
  for (const [section, prefix] of [["resource", ""], ["data", "data."], ["ephemeral", "ephemeral."]]) {
    for (const types of listOfObjects(own(stackJson, section))) {
      for (const type of Object.keys(types)) {
        for (const names of listOfObjects(types[type])) {
          for (const name of Object.keys(names)) {
            const body = firstObject(names[name]);
            const address = `${prefix}${type}.${name}`;
            if (body !== undefined && !bodies.has(address)) bodies.set(address, body);
          }
        }
      }
    }
  }
  return bodies;
}

function listOfObjects(value: Json | undefined): JsonObject[] {
  if (isObject(value)) return [value];
  if (Array.isArray(value)) return value.filter(isObject);
  return [];
}

function firstObject(value: Json | undefined): JsonObject | undefined {
  return listOfObjects(value)[0];
}

/** Evaluates a JSON value as Terraform would: strings are templates, containers member by member. */
export function evaluate(value: Json | undefined, scope: Scope): Evaluated {
  return evaluateIn(value, scope, undefined);
}

/** {@link evaluate}, naming the local being evaluated (where a bound is reached). */
function evaluateIn(value: Json | undefined, scope: Scope, where: string | undefined): Evaluated {
  const ctx: Ctx = { scope, vars: undefined, via: new Set(), depth: 0, where, steps: { free: FREE_STEPS, borrowed: 0 } };
  let result: Evaluated;
  try {
    result = evalJson(value === undefined ? null : value, ctx);
    // Merging the names a value went through is work too (a chain of locals repeats them). Without
    // them a value could not say it came through a sensitive variable: no value then.
    if (result.via.length > 0 || ctx.via.size > 0) {
      result = step(ctx, result.via.length + ctx.via.size) ? { ...result, via: [...new Set([...result.via, ...ctx.via])].sort() } : spent();
    }
  } catch (e) {
    // A stack overflow or a string over V8's limit on a hostile input: conservative, never a crash.
    if (!(e instanceof RangeError)) throw e;
    result = cut(ctx, "valueCharacters", "an expression too complex to evaluate");
  } finally {
    // Steps taken from the budget in advance and not used go back.
    scope.budget.refund("evaluationSteps", ctx.steps.borrowed);
  }
  return result;
}

/**
 * Steps every evaluation may take without the run's budget: a plain
 * reference or a short template always evaluates, even once a hostile part
 * of the input spent the budget (the work stays linear: so many steps per
 * string of the input).
 */
const FREE_STEPS = 64;
/** Steps are taken from the run's budget this many at a time (one call per step would cost more than the step). */
const STEP_CHUNK = 1024;

/** Takes `n` evaluation steps; false when the budget is spent (the caller answers {@link spent}). */
function step(ctx: Ctx, n: number): boolean {
  const meter = ctx.steps;
  if (meter.free >= n) {
    meter.free -= n;
    return true;
  }
  let need = n - meter.free;
  meter.free = 0;
  if (meter.borrowed >= need) {
    meter.borrowed -= need;
    return true;
  }
  need -= meter.borrowed;
  meter.borrowed = 0;
  const chunk = Math.max(need, STEP_CHUNK);
  if (!ctx.scope.budget.spend("evaluationSteps", chunk, ctx.where)) return false;
  meter.borrowed = chunk - need;
  return true;
}

/** Parses a string with the scope's cache. */
export function parseCached(text: string, scope: Scope): TemplatePart[] | ExpressionSyntaxError {
  let parsed = scope.parsed.get(text);
  if (parsed === undefined) {
    try {
      parsed = parseTemplate(text);
    } catch (e) {
      if (!(e instanceof ExpressionSyntaxError)) throw e;
      parsed = e;
    }
    if (scope.parsed.size < 100_000) scope.parsed.set(text, parsed);
  }
  return parsed;
}

/** A for-expression's iterator variable, and the ones of the loops around it. */
interface Binding {
  readonly name: string;
  readonly value: Evaluated;
  readonly outer: Binding | undefined;
}

function lookup(vars: Binding | undefined, name: string): Evaluated | undefined {
  for (let b = vars; b !== undefined; b = b.outer) if (b.name === name) return b.value;
  return undefined;
}

interface Ctx {
  readonly scope: Scope;
  /** for-expression iterator variables. */
  readonly vars: Binding | undefined;
  readonly via: Set<string>;
  depth: number;
  /** The local being evaluated, to say where a bound was reached. */
  readonly where: string | undefined;
  /** Steps of this evaluation: its free allowance, and steps taken from the budget not yet used (shared by the loops' contexts). */
  readonly steps: { free: number; borrowed: number };
}

const NONE: readonly string[] = [];
const SKIP = Symbol("skip");

function known(value: Json): Known {
  return { known: true, value, via: NONE };
}

function unknown(refs: readonly Reference[], literal: boolean, error?: string): Unknown {
  return error === undefined ? { known: false, refs, literal, via: NONE } : { known: false, refs, literal, via: NONE, error };
}

function failed(error: string): Unknown {
  return unknown([], true, error);
}

/**
 * A value the evaluator stopped computing at a bound: unknown, marked
 * `cut`, and recorded in the budget (so the review says it cannot tell).
 */
function cut(ctx: Ctx, limit: keyof BudgetLimits, why: string): Unknown {
  ctx.scope.budget.reach(limit, ctx.where);
  return { known: false, refs: [], literal: true, via: NONE, error: `${why} (a bound of the review: the value is not evaluated)`, cut: true };
}

/** What a budget that ran out gives: no further value is computed in this run. */
function spent(): Unknown {
  return { known: false, refs: [], literal: true, via: NONE, error: "the review's evaluation budget is spent (a bound of the review: the value is not evaluated)", cut: true };
}

/** The size of a value as its JSON: characters, and nesting. */
export interface ValueSize {
  readonly chars: number;
  readonly depth: number;
}

/**
 * Measures a value, counting a list or map shared in several places once per
 * place (as its JSON would): stops early once over `limits`, so measuring
 * costs at most the limit.
 */
function measure(value: Json, scope: Scope): ValueSize {
  const { valueCharacters, valueDepth } = scope.budget.limits;
  const walk = (v: Json, depth: number): ValueSize => {
    if (typeof v === "string") return { chars: v.length + 2, depth: 0 };
    if (v === null || typeof v !== "object") return { chars: typeof v === "number" ? String(v).length : 5, depth: 0 };
    const known = scope.sizes.get(v);
    if (known !== undefined) return known;
    if (depth > valueDepth) return { chars: 0, depth: valueDepth + 1 };
    let chars = 2;
    let deepest = 0;
    const add = (item: Json, extra: number): boolean => {
      const m = walk(item, depth + 1);
      chars += m.chars + extra;
      deepest = Math.max(deepest, m.depth + 1);
      return chars <= valueCharacters && deepest <= valueDepth;
    };
    if (Array.isArray(v)) {
      for (const item of v) if ((item as unknown) !== SKIP && !add(item, 1)) break;
    } else {
      for (const key of Object.keys(v)) if (!add(v[key], key.length + 3)) break;
    }
    const size = { chars, depth: deepest };
    scope.sizes.set(v, size);
    return size;
  };
  return walk(value, 0);
}

/** True when a value is within the limits on one value; records the bound reached otherwise. */
function withinLimits(value: Json, ctx: Ctx): { ok: true; size: ValueSize } | { ok: false; result: Unknown } {
  const size = measure(value, ctx.scope);
  const limits = ctx.scope.budget.limits;
  if (size.depth > limits.valueDepth) return { ok: false, result: cut(ctx, "valueDepth", `a value nested deeper than ${limits.valueDepth} levels`) };
  if (size.chars > limits.valueCharacters) return { ok: false, result: cut(ctx, "valueCharacters", `a value of more than ${limits.valueCharacters} characters`) };
  return { ok: true, size };
}

/**
 * A value the evaluator computed (a function's result, a template, a list or
 * map built): known when within the limits on one value and the run's budget
 * of computed characters; cut otherwise.
 */
function computed(value: Json, ctx: Ctx): Evaluated {
  const checked = withinLimits(value, ctx);
  if (!checked.ok) return checked.result;
  if (!ctx.scope.budget.spend("computedCharacters", checked.size.chars, ctx.where)) return spent();
  return known(value);
}

/** The size of a value as its JSON, for callers that substitute values (they count them against the run's budget too). */
export function valueSize(value: Json, scope: Scope): ValueSize {
  return measure(value, scope);
}

/** What an index or a selector argument depends on: it selects, it adds no content. */
function asSelector(value: Unknown): Unknown {
  return { ...value, literal: false, refs: value.refs.map((r) => ({ ...r, selector: true })) };
}

/** Combines unknown parts: refs joined, literal if any part holds a literal. */
function combine(parts: readonly Evaluated[], literal: boolean): Unknown {
  const refs: Reference[] = [];
  const seen = new Set<string>();
  let lit = literal;
  let error: string | undefined;
  let wasCut = false;
  for (const p of parts) {
    if (p.known) {
      if ((p.value as unknown) !== SKIP && !isEmpty(p.value)) lit = true;
      continue;
    }
    lit = lit || p.literal;
    error = error ?? p.error;
    wasCut = wasCut || p.cut === true;
    for (const r of p.refs) {
      const key = `${r.kind}|${r.address}|${r.attribute ?? ""}|${r.selector === true}`;
      if (!seen.has(key)) {
        seen.add(key);
        refs.push(r);
      }
    }
  }
  const result = unknown(refs, lit, error);
  return wasCut ? { ...result, cut: true } : result;
}

/** Nothing written: null, "", [] and {} carry no constant content. */
function isEmpty(value: Json): boolean {
  if (value === null || value === "") return true;
  if (Array.isArray(value)) return value.every(isEmpty);
  return false;
}

function evalJson(value: Json, ctx: Ctx): Evaluated {
  if (typeof value === "string") return evalString(value, ctx);
  if (Array.isArray(value)) return collect(value.map((v) => evalJson(v, ctx)), (items) => items, ctx);
  if (isObject(value)) {
    const keys = Object.keys(value);
    if (!step(ctx, keys.length)) return spent();
    const values = keys.map((k) => evalJson(value[k], ctx));
    if (values.every((v) => v.known)) {
      const out: JsonObject = {};
      keys.forEach((k, i) => defineOwn(out, k, (values[i]).value));
      return computed(out, ctx);
    }
    // Keys of a JSON object are literal text too, but JSON keys of a nested block are attribute names, not values.
    return combine(values, false);
  }
  return known(value);
}

/** A list (or what `build` makes of the items) when every item is known; items are steps, the result a computed value. */
function collect(items: Evaluated[], build: (items: Json[]) => Json, ctx: Ctx): Evaluated {
  if (!step(ctx, items.length)) return spent();
  if (items.every((i) => i.known)) return computed(build(items.map((i) => (i).value)), ctx);
  return combine(items, false);
}

function evalString(text: string, ctx: Ctx): Evaluated {
  if (!text.includes("{")) return known(text);
  const parsed = parseCached(text, ctx.scope);
  if (parsed instanceof ExpressionSyntaxError) return failed(`syntax error: ${parsed.message}`);
  return evalTemplate(parsed, ctx);
}

function evalTemplate(parts: readonly TemplatePart[], ctx: Ctx): Evaluated {
  if (parts.length === 1 && parts[0].t === "interp") return evalExpr(parts[0].e, ctx);
  if (parts.length === 0) return known("");
  const pieces: Evaluated[] = [];
  for (const part of parts) pieces.push(evalPart(part, ctx));
  if (pieces.every((p) => p.known)) {
    const texts: string[] = [];
    for (const p of pieces) {
      const text = toTemplateString((p).value);
      if (text === undefined) return failed("a value that is not a string in a template");
      texts.push(text);
    }
    return joined(texts, "", ctx);
  }
  return combine(pieces, false);
}

/** Strings joined, their length checked before the result is built. */
function joined(texts: readonly string[], separator: string, ctx: Ctx): Evaluated {
  const limit = ctx.scope.budget.limits.valueCharacters;
  let length = Math.max(0, texts.length - 1) * separator.length;
  for (const t of texts) {
    length += t.length;
    if (length > limit) return cut(ctx, "valueCharacters", `a value of more than ${limit} characters`);
  }
  return computed(texts.join(separator), ctx);
}

function evalPart(part: TemplatePart, ctx: Ctx): Evaluated {
  switch (part.t) {
    case "text":
      return known(part.s);
    case "interp":
      return evalExpr(part.e, ctx);
    case "if": {
      const c = evalExpr(part.cond, ctx);
      if (c.known) return deadBranch(evalTemplate(truthy(c.value) ? part.then : part.else, ctx), () => evalTemplate(truthy(c.value) ? part.else : part.then, ctx));
      return combine([evalTemplate(part.then, ctx), evalTemplate(part.else, ctx), unknown(c.refs, false, c.error)], false);
    }
    case "for": {
      const coll = evalExpr(part.coll, ctx);
      return iterate(coll, part.key, part.value, ctx, (inner) => evalTemplate(part.body, inner), (results) => {
        const texts: string[] = [];
        for (const r of results) {
          const text = toTemplateString(r);
          if (text === undefined) return failed("a value that is not a string in a template");
          texts.push(text);
        }
        return joined(texts, "", ctx);
      });
    }
  }
}

/**
 * A branch not taken: a known result stays known; an unknown one is marked
 * literal when the branch not taken holds constants (`true ? ref : "S3CRET"`
 * still has a constant written in the configuration).
 */
function deadBranch(taken: Evaluated, other: () => Evaluated): Evaluated {
  if (taken.known) return taken;
  const dead = other();
  if (taken.literal || !(dead.known ? !isEmpty(dead.value) : dead.literal)) return taken;
  return { ...taken, literal: true };
}

function toTemplateString(value: Json): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}

function truthy(value: Json): boolean {
  return tfBool(value) === true;
}

/** Runs a for-loop over a known or unknown collection; `finish` makes the result of the bodies' values. */
function iterate(
  coll: Evaluated,
  keyVar: string | undefined,
  valueVar: string,
  ctx: Ctx,
  body: (ctx: Ctx) => Evaluated,
  finish: (results: Json[]) => Evaluated,
): Evaluated {
  if (!coll.known || (!Array.isArray(coll.value) && !isObject(coll.value))) {
    if (coll.known) return failed("for over a value that is not a collection");
    const element: Unknown = unknown(coll.refs, coll.literal, coll.error);
    const inner = withVars(ctx, keyVar, element, valueVar, element);
    return combine([body(inner), element], false);
  }
  const entries: [Json, Json][] = Array.isArray(coll.value) ? coll.value.map((v, i) => [i, v]) : Object.keys(coll.value).map((k) => [k, (coll.value as JsonObject)[k]]);
  const results: Evaluated[] = [];
  for (const [k, v] of entries) {
    // Once the budget is spent, the remaining iterations are not run.
    if (!step(ctx, 1)) return spent();
    results.push(body(withVars(ctx, keyVar, known(k), valueVar, known(v))));
  }
  if (results.every((r) => r.known)) return finish(results.map((r) => (r).value));
  return combine(results, false);
}

function withVars(ctx: Ctx, keyVar: string | undefined, key: Evaluated, valueVar: string, value: Evaluated): Ctx {
  let vars: Binding | undefined = ctx.vars;
  if (keyVar !== undefined) vars = { name: keyVar, value: key, outer: vars };
  vars = { name: valueVar, value, outer: vars };
  return { scope: ctx.scope, vars, via: ctx.via, depth: ctx.depth, where: ctx.where, steps: ctx.steps };
}

function evalExpr(e: Expr, ctx: Ctx): Evaluated {
  if (!step(ctx, 1)) return spent();
  if (++ctx.depth > MAX_DEPTH * 4) {
    ctx.depth--;
    return failed("expression nested too deeply");
  }
  try {
    return evalInner(e, ctx);
  } finally {
    ctx.depth--;
  }
}

function evalInner(e: Expr, ctx: Ctx): Evaluated {
  switch (e.t) {
    case "lit":
      return known(e.v);
    case "template":
      return evalTemplate(e.parts, ctx);
    case "name": {
      const bound = lookup(ctx.vars, e.name);
      if (bound !== undefined) return bound;
      return unknown([{ kind: "other", address: e.name }], true);
    }
    case "trav":
      return evalTraversal(e.base, e.steps, ctx);
    case "call":
      return evalCall(e, ctx);
    case "unary": {
      const v = evalExpr(e.e, ctx);
      if (!v.known) return v;
      if (e.op === "!" && typeof v.value === "boolean") return known(!v.value);
      if (e.op === "-" && typeof v.value === "number") return known(-v.value);
      return unknown([], true, `operator ${e.op} on a value of the wrong type`);
    }
    case "binary":
      return evalBinary(e.op, evalExpr(e.l, ctx), evalExpr(e.r, ctx));
    case "cond": {
      const c = evalExpr(e.c, ctx);
      if (c.known) {
        if (tfBool(c.value) === undefined) return failed("a condition that is not a boolean");
        return deadBranch(evalExpr(truthy(c.value) ? e.a : e.b, ctx), () => evalExpr(truthy(c.value) ? e.b : e.a, ctx));
      }
      return combine([evalExpr(e.a, ctx), evalExpr(e.b, ctx), unknown(c.refs, false, c.error)], false);
    }
    case "tuple":
      return collect(
        e.items.map((i) => evalExpr(i, ctx)),
        (items) => items,
        ctx,
      );
    case "object": {
      const keys = e.items.map((i) => evalExpr(i.k, ctx));
      const values = e.items.map((i) => evalExpr(i.v, ctx));
      if ([...keys, ...values].every((v) => v.known)) {
        const out: JsonObject = {};
        for (let i = 0; i < keys.length; i++) {
          const k = toTemplateString((keys[i] as Known).value);
          if (k === undefined) return failed("an object key that is not a string");
          defineOwn(out, k, (values[i] as Known).value);
        }
        return computed(out, ctx);
      }
      // Keys are constants written here: they count as literal content.
      return combine([...keys, ...values], false);
    }
    case "for": {
      const coll = evalExpr(e.coll, ctx);
      const body = (inner: Ctx): Evaluated => {
        if (e.cond !== undefined) {
          const c = evalExpr(e.cond, inner);
          if (c.known && !truthy(c.value)) return known(SKIP as unknown as Json);
          if (!c.known) {
            const parts = [evalExpr(e.valueExpr, inner), ...(e.keyExpr ? [evalExpr(e.keyExpr, inner)] : [])];
            return combine([...parts, unknown(c.refs, false, c.error)], false);
          }
        }
        const v = evalExpr(e.valueExpr, inner);
        if (e.keyExpr === undefined) return v;
        const k = evalExpr(e.keyExpr, inner);
        if (k.known && v.known) return known([k.value, v.value]);
        return combine([k, v], false);
      };
      return iterate(coll, e.key, e.value, ctx, body, (results) => {
        const kept = results.filter((r) => (r as unknown) !== SKIP);
        if (!e.object) return computed(kept, ctx);
        const out: JsonObject = {};
        const groups = new Map<string, Json[]>();
        for (const pair of kept as [Json, Json][]) {
          const k = toTemplateString(pair[0]);
          if (k === undefined) return failed("an object key that is not a string");
          if (e.group) {
            // Grouping mode (`...`): one list per key, appended to (not copied at every item).
            let members = groups.get(k);
            if (members === undefined) {
              groups.set(k, (members = []));
              defineOwn(out, k, members);
            }
            members.push(pair[1]);
          } else defineOwn(out, k, pair[1]);
        }
        return computed(out, ctx);
      });
    }
  }
}


/** Reserved roots that are never resource types. */
const OTHER_ROOTS = new Set(["each", "count", "path", "terraform", "self"]);

function evalTraversal(base: Expr, steps: readonly Step[], ctx: Ctx): Evaluated {
  if (base.t === "name" && lookup(ctx.vars, base.name) === undefined) {
    const root = base.name;
    const first = steps[0];
    if (root === "local" && first?.k === "attr") return applySteps(evalLocal(first.name, ctx), steps.slice(1), ctx);
    if (root === "var" && first?.k === "attr") return applySteps(evalVariable(first.name, ctx), steps.slice(1), ctx);
    if (root === "module" && first?.k === "attr") {
      // The output: the first attribute after the module's name and its instance keys (`module.m[0].client_secret`).
      const output = firstAttr(steps.slice(1));
      return withIndexRefs(unknown([{ kind: "module", address: `module.${first.name}`, attribute: output }], true), steps, ctx);
    }
    if (OTHER_ROOTS.has(root) || root === "local" || root === "var" || root === "module") {
      const attr = first?.k === "attr" ? `.${first.name}` : "";
      return withIndexRefs(unknown([{ kind: "other", address: `${root}${attr}` }], true), steps, ctx);
    }
    if (root === "data" || root === "ephemeral") {
      if (steps[0]?.k !== "attr" || steps[1]?.k !== "attr") return failed(`a ${root} reference without type and name`);
      const address = `${root}.${steps[0].name}.${steps[1].name}`;
      return (
        followArgument(address, steps.slice(2), ctx) ??
        withIndexRefs(unknown([{ kind: root === "data" ? "data" : "ephemeral", address, attribute: firstAttr(steps.slice(2)) }], false), steps.slice(2), ctx)
      );
    }
    if (first?.k !== "attr") return unknown([{ kind: "other", address: root }], true);
    // A resource: type.name[...].attribute
    const address = `${root}.${first.name}`;
    return followArgument(address, steps.slice(1), ctx) ?? withIndexRefs(unknown([{ kind: "resource", address, attribute: firstAttr(steps.slice(1)) }], false), steps.slice(1), ctx);
  }
  return applySteps(evalExpr(base, ctx), steps, ctx);
}

/** Meta-arguments: never attributes of the resource. */
const META_ARGUMENTS = new Set(["count", "for_each", "depends_on", "provider", "lifecycle", "provisioner", "connection", "//"]);

/**
 * A reference to an argument written in the resource's own configuration,
 * when the scope follows arguments: the value written there, then the rest
 * of the traversal. `steps` follow the address: an instance key (`[0]`,
 * `["a"]`, `[*]`) first selects one of the instances, which share the body.
 * The path is followed through the JSON as written, where a nested block may
 * be an object or a list of objects whichever way the reference reads it.
 * Undefined when the path is not written there (an attribute the provider
 * computes, such as `scim_config.secret` of a block that sets only
 * `enabled`): the caller keeps the reference.
 */
function followArgument(address: string, steps: readonly Step[], ctx: Ctx): Evaluated | undefined {
  const { arguments: bodies, followed } = ctx.scope;
  const body = bodies?.get(address);
  if (body === undefined || followed === undefined) return undefined;
  const skip = steps[0]?.k === "index" || steps[0]?.k === "splat" ? 1 : 0;
  const first = steps[skip];
  if (first?.k !== "attr") return undefined;
  // terraform_data's output is its input.
  const name = address.startsWith("terraform_data.") && first.name === "output" ? "input" : first.name;
  if (META_ARGUMENTS.has(name) || !Object.prototype.hasOwnProperty.call(body, name)) return undefined;
  let node: Json = body[name];
  let key = `${address}.${name}`;
  let i = skip + 1;
  for (; i < steps.length && (isObject(node) || Array.isArray(node)); i++) {
    const step = steps[i];
    const index = step.k === "index" && step.e.t === "lit" ? step.e.v : undefined;
    if (step.k === "attr") {
      const holder: Json | undefined = isObject(node) ? node : node.length === 1 && isObject(node[0]) ? node[0] : undefined;
      if (!isObject(holder) || !Object.prototype.hasOwnProperty.call(holder, step.name)) return undefined;
      node = holder[step.name];
      key += `.${step.name}`;
    } else if (step.k === "index" && (typeof index === "number" || typeof index === "string")) {
      if (isObject(node)) {
        // [0] of a block written as an object is the block.
        if (Object.prototype.hasOwnProperty.call(node, String(index))) node = node[String(index)];
        else if (index !== 0) return undefined;
      } else {
        const n = Number(index);
        if (!Number.isInteger(n) || n < 0 || n >= node.length) return undefined;
        node = node[n];
      }
      key += `[${JSON.stringify(index)}]`;
    } else break;
  }
  let result = followed.get(key);
  if (result === undefined) {
    if (ctx.scope.pending.has(key)) return failed("a cycle between resource arguments");
    if (ctx.scope.pending.size >= 64) return failed("resource arguments nested too deeply");
    ctx.scope.pending.add(key);
    try {
      result = evaluate(node, ctx.scope);
    } finally {
      ctx.scope.pending.delete(key);
    }
    followed.set(key, result);
  }
  ctx.via.add(`${address}.${name}`);
  for (const v of result.via) ctx.via.add(v);
  const value = applySteps(result, steps.slice(i), ctx);
  // `[*]` over the instances: a list of each one's value, all of them this one.
  return steps[0]?.k === "splat" && value.known ? known([value.value]) : value;
}

function firstAttr(steps: readonly Step[]): string | undefined {
  for (const s of steps) {
    if (s.k === "attr") return s.name;
    if (s.k === "splat") continue;
  }
  return undefined;
}

/** A reference's index expressions select, they add no content; their own references still count. */
function withIndexRefs(ref: Unknown, steps: readonly Step[], ctx: Ctx): Unknown {
  const indexes = steps.filter((s): s is { k: "index"; e: Expr } => s.k === "index").map((s) => evalExpr(s.e, ctx));
  if (indexes.length === 0) return ref;
  const refs = combine(indexes.filter((i): i is Unknown => !i.known).map(asSelector), false);
  return unknown([...ref.refs, ...refs.refs], ref.literal, ref.error ?? refs.error);
}

function applySteps(value: Evaluated, steps: readonly Step[], ctx: Ctx): Evaluated {
  let current = value;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i];
    if (!current.known) return withIndexRefs(current, steps.slice(i), ctx);
    if (step.k === "splat") {
      const rest = steps.slice(i + 1);
      const items = current.value === null ? [] : Array.isArray(current.value) ? current.value : [current.value];
      return collect(
        items.map((item) => applySteps(known(item), rest, ctx)),
        (xs) => xs,
        ctx,
      );
    }
    let key: Json;
    if (step.k === "attr") key = step.name;
    else {
      const k = evalExpr(step.e, ctx);
      if (!k.known) return combine([{ ...k, literal: true }], true);
      key = k.value;
    }
    const node: Json = current.value;
    if (Array.isArray(node) && typeof key === "number" && Number.isInteger(key) && key >= 0 && key < node.length) current = known(node[key]);
    else if (Array.isArray(node) && typeof key === "string" && /^[0-9]+$/.test(key) && Number(key) < node.length) current = known(node[Number(key)]);
    else if (isObject(node) && (typeof key === "string" || typeof key === "number") && Object.prototype.hasOwnProperty.call(node, String(key))) current = known(node[String(key)]);
    else return failed("an index or attribute that does not exist");
  }
  return current;
}

function evalLocal(name: string, ctx: Ctx): Evaluated {
  const scope = ctx.scope;
  ctx.via.add(`local.${name}`);
  const cached = scope.cache.get(name);
  if (cached !== undefined) {
    if (cached.via.length > 0 && !step(ctx, cached.via.length)) return spent();
    for (const v of cached.via) ctx.via.add(v);
    return cached;
  }
  if (!scope.locals.has(name)) return failed("a local value that is not declared");
  if (scope.pending.has(name)) return failed("a cycle between local values");
  const deepest = scope.budget.limits.localsDepth;
  if (scope.pending.size >= deepest) return cut(ctx, "localsDepth", `local values that need each other more than ${deepest} deep`);
  scope.pending.add(name);
  let result: Evaluated;
  try {
    result = evaluateIn(scope.locals.get(name), scope, `local.${name}`);
  } finally {
    scope.pending.delete(name);
  }
  scope.cache.set(name, result);
  for (const v of result.via) ctx.via.add(v);
  return result;
}

function evalVariable(name: string, ctx: Ctx): Evaluated {
  ctx.via.add(`var.${name}`);
  const decl = ctx.scope.variables.get(name);
  if (decl === undefined) return unknown([{ kind: "variable", address: `var.${name}`, sensitive: false, declared: false }], false);
  if (decl.hasDefault) return known(decl.default as Json);
  return unknown([{ kind: "variable", address: `var.${name}`, sensitive: decl.sensitive, declared: true, ...(decl.ephemeral ? { ephemeral: true } : {}) }], false);
}

function evalBinary(op: string, l: Evaluated, r: Evaluated): Evaluated {
  if (!l.known || !r.known) {
    // `a && b`, `a == b`...: the result is computed from both; constants written here may decide it.
    return combine([l, r], false);
  }
  const a = l.value;
  const b = r.value;
  const num = tfNumber;
  switch (op) {
    case "==":
      return known(canonicalEqual(a, b));
    case "!=":
      return known(!canonicalEqual(a, b));
    case "&&":
    case "||": {
      if (typeof a !== "boolean" || typeof b !== "boolean") return failed(`operator ${op} on values that are not booleans`);
      return known(op === "&&" ? a && b : a || b);
    }
  }
  const x = num(a);
  const y = num(b);
  if (x === undefined || y === undefined) return failed(`operator ${op} on values that are not numbers`);
  switch (op) {
    case "+":
      return known(x + y);
    case "-":
      return known(x - y);
    case "*":
      return known(x * y);
    case "/":
      return y === 0 ? failed("division by zero") : known(x / y);
    case "%":
      return y === 0 ? failed("division by zero") : known(x % y);
    case "<":
      return known(x < y);
    case ">":
      return known(x > y);
    case "<=":
      return known(x <= y);
    case ">=":
      return known(x >= y);
  }
  return failed("unknown operator");
}

function canonicalEqual(a: Json, b: Json): boolean {
  return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}

function sortKeys(v: Json): Json {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (isObject(v)) {
    const out: JsonObject = {};
    for (const k of Object.keys(v).sort()) defineOwn(out, k, sortKeys(v[k]));
    return out;
  }
  return v;
}

/** Sets an own property, even for `__proto__`: input keys are data. */
export function defineOwn(target: JsonObject, key: string, value: Json): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * Arguments of functions that select rather than contribute content: a
 * literal there does not end up in the result (`lookup(map, "key")`).
 */
const SELECTOR_ARGS: ReadonlyMap<string, readonly number[]> = new Map([
  ["lookup", [1]],
  ["element", [1]],
  ["index", [1]],
  ["substr", [1, 2]],
  ["slice", [1, 2]],
  ["try", []],
]);

function evalCall(e: { name: string; args: Expr[]; expand: boolean }, ctx: Ctx): Evaluated {
  const name = e.name;
  if (name === "try" || name === "can") {
    for (const arg of e.args) {
      const v = evalExpr(arg, ctx);
      // A value cut at a bound is not an error Terraform would see: no fallback may stand in for it.
      if (!v.known && v.cut === true) return v;
      if (v.known) return name === "can" ? known(true) : v;
      if (v.error === undefined) return name === "can" ? unknown(v.refs, false) : combine(e.args.map((a) => evalExpr(a, ctx)), false);
    }
    return name === "can" ? known(false) : failed("no argument of try could be evaluated");
  }
  let args = e.args.map((a) => evalExpr(a, ctx));
  if (e.expand && args.length > 0) {
    const last = args[args.length - 1];
    if (last.known && Array.isArray(last.value)) args = [...args.slice(0, -1), ...last.value.map(known)];
    else if (!last.known) return combine(args, false);
  }
  if (args.every((a) => a.known)) {
    const fn = FUNCTIONS.get(name);
    if (fn !== undefined) {
      const values = args.map((a) => (a).value);
      // A function's work grows with its arguments: a step per 32 characters of them.
      const work = values.reduce<number>((sum, v) => sum + Math.ceil(measure(v, ctx.scope).chars / 32), 1);
      if (!step(ctx, work)) return spent();
      const limit = ctx.scope.budget.limits.valueCharacters;
      if ((RESULT_SIZE.get(name)?.(values) ?? 0) > limit) return cut(ctx, "valueCharacters", `${name}() of a value of more than ${limit} characters`);
      try {
        const result = fn(values);
        if (result !== undefined) return computed(result, ctx);
      } catch (e) {
        // Over V8's own limits (string length, call stack): cut, not "could not compute".
        if (e instanceof RangeError) return cut(ctx, "valueCharacters", `${name}() of a value too large to compute`);
        // Otherwise fall through: the result is a constant we could not compute.
      }
    }
    // A function of constants only (file(), templatefile(), uuid()...): unknown here, but nothing in it is a reference.
    return unknown([], true);
  }
  const selectors = SELECTOR_ARGS.get(name) ?? [];
  return combine(
    args.map((a, i) => (selectors.includes(i) ? (a.known ? known(null) : asSelector(a)) : a)),
    false,
  );
}

type Fn = (args: Json[]) => Json | undefined;

/** How many times `part` occurs in `text` (not overlapping), in one pass. */
function occurrences(text: string, part: string): number {
  if (part === "") return text.length + 1;
  let n = 0;
  for (let at = text.indexOf(part); at !== -1; at = text.indexOf(part, at + part.length)) n++;
  return n;
}

/**
 * The size of the result of functions whose result can be much larger than
 * their arguments, computed before the result is built (in characters; lists
 * count 3 per item). Arguments that are not strings give 0: the function
 * itself refuses them.
 */
const RESULT_SIZE: ReadonlyMap<string, (args: Json[]) => number> = new Map<string, (args: Json[]) => number>([
  ["replace", ([a, f, t]) => (typeof a === "string" && typeof f === "string" && typeof t === "string" ? a.length + occurrences(a, f) * Math.max(0, t.length - f.length) : 0)],
  ["join", ([sep, ...lists]) => {
    const items = lists.reduce<number>((n, l) => n + (Array.isArray(l) ? l.length : 0), 0);
    const texts = lists.reduce<number>((n, l) => n + (Array.isArray(l) ? l.reduce<number>((m, x) => m + (toTemplateString(x)?.length ?? 0), 0) : 0), 0);
    return typeof sep === "string" ? texts + Math.max(0, items - 1) * sep.length : 0;
  }],
  ["split", ([sep, a]) => (typeof sep === "string" && typeof a === "string" ? a.length + 3 * (occurrences(a, sep) + 1) : 0)],
]);

/** The canonical text of a value: equal values, equal texts (map keys sorted). */
function canonicalText(v: Json): string {
  return JSON.stringify(sortKeys(v));
}

/** The items of a list without repeats, first occurrence kept (linear, not pairwise). */
function distinctItems(items: readonly Json[]): Json[] {
  const seen = new Set<string>();
  return items.filter((x) => {
    const key = canonicalText(x);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const s = (v: Json): string => {
  const t = toTemplateString(v);
  if (t === undefined) throw new Error("not a string");
  return t;
};
const arr = (v: Json): Json[] => {
  if (!Array.isArray(v)) throw new Error("not a list");
  return v;
};
const obj = (v: Json): JsonObject => {
  if (!isObject(v)) throw new Error("not an object");
  return v;
};

/** Pure functions Terraform evaluates at plan time, for constant arguments. */
const FUNCTIONS: ReadonlyMap<string, Fn> = new Map<string, Fn>([
  ["lower", ([a]) => s(a).toLowerCase()],
  ["upper", ([a]) => s(a).toUpperCase()],
  ["title", ([a]) => s(a).replace(/\b\w/g, (c) => c.toUpperCase())],
  ["trimspace", ([a]) => s(a).trim()],
  ["chomp", ([a]) => chomp(s(a))],
  ["trimprefix", ([a, p]) => (s(a).startsWith(s(p)) ? s(a).slice(s(p).length) : s(a))],
  ["trimsuffix", ([a, p]) => (s(p) !== "" && s(a).endsWith(s(p)) ? s(a).slice(0, -s(p).length) : s(a))],
  ["startswith", ([a, p]) => s(a).startsWith(s(p))],
  ["endswith", ([a, p]) => s(a).endsWith(s(p))],
  ["strrev", ([a]) => [...s(a)].reverse().join("")],
  ["replace", ([a, f, t]) => (s(f).startsWith("/") && s(f).endsWith("/") && s(f).length > 1 ? undefined : s(a).split(s(f)).join(s(t)))],
  ["join", ([sep, ...lists]) => lists.flatMap(arr).map(s).join(s(sep))],
  ["split", ([sep, a]) => s(a).split(s(sep))],
  ["concat", (lists) => lists.flatMap(arr)],
  ["length", ([a]) => (typeof a === "string" ? [...a].length : Array.isArray(a) ? a.length : Object.keys(obj(a)).length)],
  ["lookup", ([m, k, d]) => (Object.prototype.hasOwnProperty.call(obj(m), s(k)) ? obj(m)[s(k)] : d === undefined ? undefined : d)],
  ["element", ([l, i]) => (arr(l).length === 0 ? undefined : arr(l)[((Number(i) % arr(l).length) + arr(l).length) % arr(l).length])],
  ["coalesce", (xs) => xs.find((x) => x !== null && x !== "") ?? undefined],
  ["compact", ([l]) => arr(l).filter((x) => x !== null && x !== "")],
  ["distinct", ([l]) => distinctItems(arr(l))],
  ["flatten", ([l]) => flattenDeep(arr(l))],
  ["contains", ([l, v]) => {
    const wanted = canonicalText(v);
    return arr(l).some((x) => canonicalText(x) === wanted);
  }],
  ["keys", ([m]) => Object.keys(obj(m)).sort()],
  ["values", ([m]) => Object.keys(obj(m)).sort().map((k) => obj(m)[k])],
  ["merge", (ms) => {
    const out: JsonObject = {};
    for (const m of ms) if (m !== null) for (const k of Object.keys(obj(m))) defineOwn(out, k, obj(m)[k]);
    return out;
  }],
  ["reverse", ([l]) => [...arr(l)].reverse()],
  ["sort", ([l]) => arr(l).map(s).sort()],
  ["tostring", ([a]) => (a === null ? null : s(a))],
  ["tonumber", ([a]) => (a === null ? null : tfNumber(a))],
  ["tobool", ([a]) => (a === null ? null : tfBool(a))],
  ["tolist", ([a]) => arr(a)],
  ["toset", ([a]) => distinctItems(arr(a))],
  ["tomap", ([a]) => obj(a)],
  ["jsonencode", ([a]) => JSON.stringify(sortKeys(a))],
  ["jsondecode", ([a]) => JSON.parse(s(a)) as Json],
  ["base64encode", ([a]) => Buffer.from(s(a), "utf8").toString("base64")],
  ["base64decode", ([a]) => Buffer.from(s(a), "base64").toString("utf8")],
  ["sensitive", ([a]) => a],
  ["nonsensitive", ([a]) => a],
  ["substr", ([a, o, l]) => {
    const chars = [...s(a)];
    const off = Number(o) < 0 ? chars.length + Number(o) : Number(o);
    return chars.slice(off, Number(l) < 0 ? undefined : off + Number(l)).join("");
  }],
  ["format", ([f, ...xs]) => {
    let i = 0;
    return s(f).replace(/%%|%[-+# 0]*\d*(?:\.\d+)?([sdvqft])/g, (m, verb: string | undefined) => {
      if (m === "%%") return "%";
      const x = xs[i++];
      if (x === undefined) throw new Error("too few arguments");
      if (verb === "q") return JSON.stringify(s(x));
      if (verb === "d") return String(Math.trunc(Number(x)));
      if (verb === "v" && (typeof x === "object")) return JSON.stringify(x);
      return s(x);
    });
  }],
  ["formatlist", () => undefined],
  ["min", (xs) => xs.reduce<number>((least, x) => Math.min(least, Number(x)), Infinity)],
  ["max", (xs) => xs.reduce<number>((most, x) => Math.max(most, Number(x)), -Infinity)],
  ["abs", ([a]) => Math.abs(Number(a))],
  ["one", ([l]) => (arr(l).length === 0 ? null : arr(l).length === 1 ? arr(l)[0] : undefined)],
  ["zipmap", ([k, v]) => {
    const out: JsonObject = {};
    arr(k).forEach((key, i) => defineOwn(out, s(key), arr(v)[i]));
    return out;
  }],
]);

/** Trailing newlines removed (`chomp`), in one pass from the end (a regex would backtrack on long runs). */
function chomp(text: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === "\n") end -= end > 1 && text[end - 2] === "\r" ? 2 : 1;
  return text.slice(0, end);
}

function flattenDeep(items: Json[]): Json[] {
  return items.flatMap((i) => (Array.isArray(i) ? flattenDeep(i) : [i]));
}
