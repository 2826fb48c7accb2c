/**
 * Okta's regex dialect: Java's `java.util.regex.Pattern` (Okta evaluates a
 * groups claim's "Matches regex" filter in Java, against the whole group name,
 * like `String.matches`). This module decides, without Java, whether
 * `Pattern.compile` accepts a pattern, and evaluates `matches()` for the
 * "never matches" warning.
 *
 * Written from the documented syntax of `java.util.regex.Pattern` (Java 17)
 * and checked against Java itself: `npm run test:regex` runs a differential
 * test against `Pattern` over a corpus of hand-picked and generated patterns.
 *
 * Where this module cannot decide (Unicode script and block names, `\N{name}`,
 * comments mode `(?x)`, canonical equivalence `(?c)`), `checkJavaRegex`
 * accepts the pattern and says why in `undecided`; where it cannot evaluate a
 * match with Java's semantics (`\X`, Unicode case folding, some properties,
 * a pathological backtracking), `javaRegexMatches` returns "unknown".
 *
 * Matching spends from a work budget (`budget.ts`): the run's, when called
 * inside a review, so that all the matching of one review shares one limit;
 * a match that runs out of it is "unknown", and the budget records why.
 *
 * Imports only the budget, which imports nothing, so the review CLI may use it too.
 */
import { activeBudget, Budget } from "./budget";

/** Whether `java.util.regex.Pattern.compile(pattern)` accepts the pattern. */
export interface JavaRegexCheck {
  /** false: Java refuses the pattern (`PatternSyntaxException`). */
  readonly valid: boolean;
  /** Java's description of the error (`PatternSyntaxException.getDescription()`), e.g. `Illegal repetition`. */
  readonly error?: string;
  /** Set when the pattern is accepted without certainty: what could not be checked. */
  readonly undecided?: string;
}

/** The outcome of `Pattern.matches`, or "unknown" when it cannot be evaluated here. */
export type JavaMatch = boolean | "unknown";

export function checkJavaRegex(pattern: string): JavaRegexCheck {
  const parsed = parse(pattern);
  if (parsed.error !== undefined) return { valid: false, error: parsed.error };
  return parsed.undecided.length > 0 ? { valid: true, undecided: unique(parsed.undecided).join("; ") } : { valid: true };
}

/**
 * `Pattern.matches(pattern, input)` with Java's semantics (the whole input
 * must match), or "unknown" when the pattern is refused, undecided, uses
 * something this module cannot evaluate exactly, or costs more than the
 * budget allows (the run's budget by default: see `budget.ts`).
 */
export function javaRegexMatches(pattern: string, input: string, budget: Budget = activeBudget()): JavaMatch {
  // Parsing and reading the input are linear: their characters are steps too.
  let parsed = PARSED.get(pattern);
  if (!budget.spend("regexSteps", (parsed === undefined ? pattern.length : 0) + input.length)) return "unknown";
  if (parsed === undefined) {
    parsed = parse(pattern);
    // A few patterns recur (one groups filter, many group names): parsed once.
    if (pattern.length <= MAX_PARSED_LENGTH) {
      if (PARSED.size >= MAX_PARSED) PARSED.delete(PARSED.keys().next().value!);
      PARSED.set(pattern, parsed);
    }
  }
  if (parsed.error !== undefined || parsed.undecided.length > 0 || parsed.node === undefined) return "unknown";
  const matcher = new Matcher(Array.from(input, (c) => c.codePointAt(0)!), parsed.groups, budget);
  try {
    return matcher.matchAll(parsed.node);
  } catch (e) {
    if (e instanceof Unknown) return "unknown";
    // The backstop of the nesting bound: a call stack that runs out anyway
    // (the caller's was already deep, a class of thousands of items) is
    // "cannot tell", never a crash of the review or of synth.
    if (e instanceof RangeError) {
      budget.reach("regexDepth");
      return "unknown";
    }
    throw e;
  } finally {
    matcher.settle();
  }
}

/** Patterns parsed recently (a parse is pure: the same pattern, the same tree). */
const PARSED = new Map<string, Parsed>();
const MAX_PARSED = 64;
const MAX_PARSED_LENGTH = 100_000;

// ---------------------------------------------------------------------------
// Syntax tree

/** Flags of `Pattern` that change matching. */
interface Flags {
  readonly i: boolean; // CASE_INSENSITIVE
  readonly m: boolean; // MULTILINE
  readonly s: boolean; // DOTALL
  readonly d: boolean; // UNIX_LINES
  readonly u: boolean; // UNICODE_CASE
  readonly U: boolean; // UNICODE_CHARACTER_CLASS
}

/** A character class: true/false, or undefined when it cannot be evaluated here. */
type CharTest = (cp: number) => boolean | undefined;

type Node =
  | { readonly t: "empty" }
  | { readonly t: "char"; readonly cp: number; readonly f: Flags }
  | { readonly t: "class"; readonly test: CharTest }
  | { readonly t: "dot"; readonly f: Flags }
  | { readonly t: "seq"; readonly items: Node[] }
  | { readonly t: "alt"; readonly alts: Node[] }
  | { readonly t: "group"; readonly index: number; readonly body: Node }
  | { readonly t: "atomic"; readonly body: Node }
  | { readonly t: "look"; readonly behind: boolean; readonly negative: boolean; readonly body: Node }
  | { readonly t: "repeat"; readonly body: Node; readonly min: number; readonly max: number; readonly mode: "greedy" | "lazy" | "possessive" }
  | { readonly t: "backref"; readonly index: number; readonly f: Flags }
  | { readonly t: "anchor"; readonly kind: "^" | "$" | "A" | "z" | "Z" | "b" | "B" | "G"; readonly f: Flags }
  | { readonly t: "linebreak" }
  | { readonly t: "unknown" };

interface Parsed {
  readonly node?: Node;
  readonly error?: string;
  readonly undecided: string[];
  readonly groups: number;
}

/** Java's PatternSyntaxException: its description and index. */
class PatternSyntaxError extends Error {
  constructor(readonly description: string, readonly index: number) {
    super(`${description} near index ${index}`);
  }
}

/** Thrown when groups and classes nest deeper than {@link MAX_NESTING}: the pattern is not checked here. */
class TooDeep extends Error {}

/**
 * Groups and classes nested deeper than this are not parsed here (the parser
 * descends once per level; so does Java's, which fails with a
 * StackOverflowError somewhere past a few thousand levels): such a pattern is
 * accepted as undecided, and matching it is "unknown".
 */
const MAX_NESTING = 500;

function parse(pattern: string): Parsed {
  const parser = new Parser(pattern);
  try {
    const node = parser.parse();
    return { node, undecided: parser.undecided, groups: parser.groupCount };
  } catch (e) {
    if (e instanceof PatternSyntaxError) {
      return { error: e.description, undecided: [], groups: 0 };
    }
    if (e instanceof TooDeep || e instanceof RangeError) {
      return { undecided: [`groups or classes nested more than ${MAX_NESTING} deep are not checked here`], groups: 0 };
    }
    throw e;
  }
}

const EOF = -1;
const MAX_REPETITION = 2147483647; // Java's int repetition counts

const cp = (s: string): number => s.codePointAt(0)!;
const isAsciiDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isAsciiLetter = (c: number): boolean => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const isHex = (c: number): boolean => isAsciiDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
const isOctal = (c: number): boolean => c >= 0x30 && c <= 0x37;

/**
 * Recursive descent over the pattern's code points, following the grammar
 * `Pattern` implements: alternation of sequences; each atom (a literal, an
 * escape, a class, a group, an anchor) optionally followed by one quantifier.
 */
class Parser {
  /** The pattern's code points after `\Q...\E` quoting is rewritten. */
  private readonly cps: number[];
  private pos = 0;
  private flags: Flags = { i: false, m: false, s: false, d: false, u: false, U: false };
  public groupCount = 0;
  private readonly names = new Map<string, number>();
  public readonly undecided: string[] = [];
  /** Groups and classes open around the current position. */
  private depth = 0;

  constructor(pattern: string) {
    // Java rewrites \Q...\E quoting before parsing: inside a quote, ASCII
    // characters other than letters and digits get a backslash, a digit right
    // after \Q becomes \x3<digit>, a backslash becomes \\; an unterminated
    // \Q quotes the rest. Escape pairs are skipped when looking for \Q, so
    // `\\Q` is a backslash and a Q. Done the same way here, quirks included:
    // `\c\Q{` is a control character of the inserted backslash, then `{`.
    const all = Array.from(pattern, (c) => c.codePointAt(0)!);
    const out: number[] = [];
    const BACKSLASH = 0x5c;
    let i = 0;
    let inQuote = false;
    let beginQuote = false;
    while (i < all.length) {
      const c = all[i++];
      if (!inQuote) {
        if (c === BACKSLASH && all[i] === cp("Q")) {
          i++;
          inQuote = true;
          beginQuote = true;
          continue;
        }
        out.push(c);
        if (c === BACKSLASH && i < all.length) out.push(all[i++]);
        continue;
      }
      if (c === BACKSLASH && all[i] === cp("E")) {
        i++;
        inQuote = false;
        continue;
      }
      if (!isAscii(c) || isAsciiLetter(c)) {
        out.push(c);
      } else if (isAsciiDigit(c)) {
        if (beginQuote) out.push(BACKSLASH, cp("x"), cp("3"));
        out.push(c);
      } else {
        out.push(BACKSLASH, c);
      }
      beginQuote = false;
    }
    this.cps = out;
  }

  public parse(): Node {
    const node = this.expr();
    if (this.pos < this.cps.length) {
      if (this.isMeta(")")) throw this.fail("Unmatched closing ')'");
      throw this.fail("Unexpected internal error");
    }
    return node;
  }

  // -- reading

  private peek(offset = 0): number {
    return this.pos + offset < this.cps.length ? this.cps[this.pos + offset] : EOF;
  }
  /** Whether the code point at `offset` is `c`. */
  private isMeta(c: string, offset = 0): boolean {
    return this.peek(offset) === cp(c);
  }
  private next(): number {
    const c = this.peek();
    if (c !== EOF) this.pos++;
    return c;
  }
  private fail(description: string, index = this.pos): PatternSyntaxError {
    return new PatternSyntaxError(description, index);
  }
  /** Runs `parse` one level of nesting deeper: a pattern nested past {@link MAX_NESTING} is not parsed here. */
  private nested<T>(parse: () => T): T {
    if (++this.depth > MAX_NESTING) throw new TooDeep();
    const result = parse();
    this.depth--;
    return result;
  }

  // -- grammar

  private expr(): Node {
    const alts = [this.sequence()];
    while (this.isMeta("|")) {
      this.next();
      alts.push(this.sequence());
    }
    return alts.length === 1 ? alts[0] : { t: "alt", alts };
  }

  private sequence(): Node {
    const items: Node[] = [];
    for (;;) {
      const c = this.peek();
      if (c === EOF || this.isMeta("|") || this.isMeta(")")) break;
      let node: Node;
      switch (String.fromCodePoint(c)) {
        case "(": {
          const group = this.nested(() => this.group());
          if (group !== undefined) items.push(group);
          continue;
        }
        case "[":
          this.next();
          node = { t: "class", test: this.nested(() => this.charClass(true)) };
          break;
        case "\\":
          this.next();
          node = this.escapeInSequence();
          break;
        case "^":
          this.next();
          node = { t: "anchor", kind: "^", f: this.flags };
          break;
        case "$":
          this.next();
          node = { t: "anchor", kind: "$", f: this.flags };
          break;
        case ".":
          this.next();
          node = { t: "dot", f: this.flags };
          break;
        case "?":
        case "*":
        case "+":
          throw this.fail(`Dangling meta character '${String.fromCodePoint(c)}'`);
        case "{":
          // An atom of no characters: the counted closure that follows applies to nothing.
          node = { t: "empty" };
          break;
        default:
          this.next();
          node = this.literal(c);
      }
      items.push(this.closure(node));
    }
    return items.length === 1 ? items[0] : { t: "seq", items };
  }

  private literal(c: number): Node {
    return { t: "char", cp: c, f: this.flags };
  }

  /** An optional quantifier after `node`, with its lazy `?` or possessive `+` suffix. */
  private closure(node: Node): Node {
    let min: number;
    let max: number;
    const start = this.pos;
    if (this.isMeta("?") || this.isMeta("*") || this.isMeta("+")) {
      const q = String.fromCodePoint(this.next());
      [min, max] = q === "?" ? [0, 1] : q === "*" ? [0, Infinity] : [1, Infinity];
    } else if (this.isMeta("{")) {
      if (!isAsciiDigit(this.peek(1))) throw this.fail("Illegal repetition");
      this.next();
      min = this.number(start);
      max = min;
      if (this.isMeta(",")) {
        this.next();
        max = Infinity;
        if (!this.isMeta("}")) max = isAsciiDigit(this.peek()) ? this.number(start) : -1;
      }
      if (max === -1 || !this.isMeta("}")) throw this.fail("Unclosed counted closure");
      this.next();
      if (max < min) throw this.fail("Illegal repetition range", start);
    } else {
      return node;
    }
    let mode: "greedy" | "lazy" | "possessive" = "greedy";
    if (this.isMeta("?")) {
      this.next();
      mode = "lazy";
    } else if (this.isMeta("+")) {
      this.next();
      mode = "possessive";
    }
    // Java repeats a single node (not a group) taking its first match in each
    // iteration: only \R could match otherwise (\r, or \r\n).
    const body: Node = node.t === "linebreak" ? { t: "atomic", body: node } : node;
    return { t: "repeat", body, min, max, mode };
  }

  private number(start: number): number {
    let n = 0;
    while (isAsciiDigit(this.peek())) {
      n = n * 10 + (this.next() - 0x30);
      if (n > MAX_REPETITION) throw this.fail("Illegal repetition range", start);
    }
    return n;
  }

  /** `(...)`, with its quantifier; undefined for a pure flag group such as `(?i)`. */
  private group(): Node | undefined {
    const start = this.pos;
    this.next(); // (
    const saved = this.flags;
    let make: (body: Node) => Node;
    if (this.isMeta("?")) {
      this.next();
      const c = this.next();
      switch (c === EOF ? "" : String.fromCodePoint(c)) {
        case ":":
          make = (body) => body;
          break;
        case "=":
        case "!":
          make = (body) => ({ t: "look", behind: false, negative: c === cp("!"), body });
          break;
        case ">":
          make = (body) => ({ t: "atomic", body });
          break;
        case "<": {
          const d = this.peek();
          if (d === cp("=") || d === cp("!")) {
            this.next();
            make = (body) => ({ t: "look", behind: true, negative: d === cp("!"), body });
            break;
          }
          const name = this.groupName();
          if (this.names.has(name)) throw this.fail(`Named capturing group <${name}> is already defined`);
          const index = ++this.groupCount;
          this.names.set(name, index);
          make = (body) => ({ t: "group", index, body });
          break;
        }
        case "$":
        case "@":
          throw this.fail("Unknown group type");
        default: {
          this.pos--;
          const end = this.inlineFlags();
          if (end === cp(")")) return undefined; // the flags apply to the rest of the enclosing group
          if (end !== cp(":")) throw this.fail("Unknown inline modifier");
          make = (body) => body;
        }
      }
    } else {
      const index = ++this.groupCount;
      make = (body) => ({ t: "group", index, body });
    }
    const body = this.expr();
    if (!this.isMeta(")")) throw this.fail("Unclosed group", start);
    this.next();
    this.flags = saved;
    return this.closure(make(body));
  }

  /** A group name: an ASCII letter, then ASCII letters and digits, then `>`. */
  private groupName(): string {
    if (!isAsciiLetter(this.peek())) throw this.fail("capturing group name does not start with a Latin letter");
    let name = "";
    while (isAsciiLetter(this.peek()) || isAsciiDigit(this.peek())) name += String.fromCodePoint(this.next());
    if (this.peek() !== cp(">")) throw this.fail("named capturing group is missing trailing '>'");
    this.next();
    return name;
  }

  /** Inline flags `idmsuxUc`, optionally `-` and flags to clear; returns the code point after them. */
  private inlineFlags(): number {
    let on = true;
    const flags: Record<string, boolean> = { ...this.flags };
    for (;;) {
      const c = this.next();
      const ch = c === EOF ? "" : String.fromCodePoint(c);
      if ("imsduU".includes(ch) && ch !== "") {
        flags[ch] = on;
      } else if (ch === "x") {
        if (on) this.undecided.push("comments mode (?x) is not checked here");
      } else if (ch === "c") {
        if (on) this.undecided.push("canonical equivalence (?c) is not checked here");
      } else if (ch === "-" && on) {
        on = false;
      } else {
        this.flags = flags as unknown as Flags;
        return c;
      }
    }
  }

  /** After a backslash, outside a class. */
  private escapeInSequence(): Node {
    const start = this.pos - 1;
    const c = this.peek();
    if (c === EOF) throw this.fail("Unexpected internal error");
    switch (String.fromCodePoint(c)) {
      case "b":
        this.next();
        if (this.peek() === cp("{") && this.peek(1) === cp("g") && this.peek(2) === cp("}")) {
          this.pos += 3;
          return { t: "unknown" }; // grapheme cluster boundary
        }
        return { t: "anchor", kind: "b", f: this.flags };
      case "B":
      case "A":
      case "G":
      case "Z":
      case "z":
        this.next();
        return { t: "anchor", kind: String.fromCodePoint(c) as "B", f: this.flags };
      case "R":
        this.next();
        return { t: "linebreak" };
      case "X":
        this.next();
        return { t: "unknown" }; // extended grapheme cluster
      case "k": {
        this.next();
        if (this.peek() !== cp("<")) throw this.fail("\\k is not followed by '<' for named capturing group");
        this.next();
        const name = this.groupName();
        const index = this.names.get(name);
        if (index === undefined) throw this.fail(`named capturing group <${name}> does not exist`);
        return { t: "backref", index, f: this.flags };
      }
      default:
        if (c >= cp("1") && c <= cp("9")) {
          this.next();
          // Java takes further digits only while they name a group defined so far.
          let index = c - 0x30;
          while (isAsciiDigit(this.peek()) && index * 10 + (this.peek() - 0x30) <= this.groupCount) {
            index = index * 10 + (this.next() - 0x30);
          }
          return { t: "backref", index, f: this.flags };
        }
        return this.escape(false, start);
    }
  }

  /**
   * The escapes allowed both in and out of classes: a literal code point, a
   * predefined class or a property.
   */
  private escape(inClass: boolean, start: number): Node {
    const c = this.next();
    if (c === EOF) throw this.fail(inClass ? "Unclosed character class" : "Unexpected internal error");
    const f = this.flags;
    const lit = (value: number): Node => ({ t: "char", cp: value, f });
    switch (String.fromCodePoint(c)) {
      case "0":
        return lit(this.octal());
      case "a":
        return lit(0x07);
      case "e":
        return lit(0x1b);
      case "f":
        return lit(0x0c);
      case "n":
        return lit(0x0a);
      case "r":
        return lit(0x0d);
      case "t":
        return lit(0x09);
      case "c": {
        const d = this.next();
        if (d === EOF) throw this.fail("Illegal control escape sequence");
        return lit(d ^ 64);
      }
      case "u":
        return lit(this.unicodeEscape());
      case "x":
        return lit(this.hexEscape());
      case "N":
        return this.namedCharacter();
      case "p":
      case "P":
        return { t: "class", test: this.property(c === cp("P")) };
      case "d":
      case "D":
      case "s":
      case "S":
      case "w":
      case "W":
      case "h":
      case "H":
      case "v":
      case "V":
        return { t: "class", test: predefined(String.fromCodePoint(c), f) };
      default:
        if (isAsciiLetter(c) || isAsciiDigit(c)) throw this.fail("Illegal/unsupported escape sequence", start);
        return lit(c);
    }
  }

  private octal(): number {
    const d1 = this.peek();
    if (!isOctal(d1)) throw this.fail("Illegal octal escape sequence");
    this.next();
    let value = d1 - 0x30;
    if (isOctal(this.peek())) {
      value = value * 8 + (this.next() - 0x30);
      if (d1 <= cp("3") && isOctal(this.peek())) value = value * 8 + (this.next() - 0x30);
    }
    return value;
  }

  private unicodeEscape(): number {
    const read = (): number => {
      let value = 0;
      for (let k = 0; k < 4; k++) {
        const d = this.peek();
        if (!isHex(d)) throw this.fail("Illegal Unicode escape sequence");
        this.next();
        value = value * 16 + parseInt(String.fromCodePoint(d), 16);
      }
      return value;
    };
    const high = read();
    // A surrogate pair written as two escapes is one code point.
    if (high >= 0xd800 && high <= 0xdbff && this.peek() === 0x5c && this.peek(1) === cp("u")) {
      const save = this.pos;
      this.pos += 2;
      try {
        const low = read();
        if (low >= 0xdc00 && low <= 0xdfff) return (high - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
      } catch (e) {
        if (!(e instanceof PatternSyntaxError)) throw e;
      }
      this.pos = save;
    }
    return high;
  }

  private hexEscape(): number {
    const d = this.peek();
    if (isHex(d)) {
      this.next();
      const e = this.peek();
      if (!isHex(e)) throw this.fail("Illegal hexadecimal escape sequence");
      this.next();
      return parseInt(String.fromCodePoint(d, e), 16);
    }
    if (d === cp("{")) {
      this.next();
      let digits = "";
      while (isHex(this.peek())) {
        digits += String.fromCodePoint(this.next());
        if (parseInt(digits, 16) > 0x10ffff) throw this.fail("Hexadecimal codepoint is too big");
      }
      if (digits === "" || this.peek() !== cp("}")) throw this.fail("Unclosed hexadecimal escape sequence");
      this.next();
      return parseInt(digits, 16);
    }
    throw this.fail("Illegal hexadecimal escape sequence");
  }

  private namedCharacter(): Node {
    if (this.peek() !== cp("{")) throw this.fail("Illegal character name escape sequence");
    this.next();
    let name = "";
    while (this.peek() !== cp("}")) {
      if (this.peek() === EOF) throw this.fail("Unclosed character name escape sequence");
      name += String.fromCodePoint(this.next());
    }
    this.next();
    if (name === "") throw this.fail("Unknown character name []");
    this.undecided.push(`the Unicode character name \\N{${name}} is not checked here`);
    return { t: "unknown" };
  }

  /** `\p{Name}`, `\pL` and their negations. */
  private property(negated: boolean): CharTest {
    let name: string;
    if (this.peek() === cp("{")) {
      this.next();
      name = "";
      while (this.peek() !== cp("}")) {
        if (this.peek() === EOF) throw this.fail("Unclosed character family");
        name += String.fromCodePoint(this.next());
      }
      this.next();
      if (name === "") throw this.fail("Empty character family");
    } else {
      const c = this.next();
      name = c === EOF ? "" : String.fromCodePoint(c);
    }
    const resolved = resolveProperty(name, this.flags);
    if (resolved === "invalid") throw this.fail(`Unknown character property name {${name}}`);
    if (resolved === "undecided") {
      this.undecided.push(`the Unicode property \\p{${name}} is not checked here`);
      return () => undefined;
    }
    return negated ? not(resolved) : resolved;
  }

  /**
   * A character class, after its `[` (`consume`), or the right operand of
   * `&&` up to the next `&` or `]` (not `consume`d). Modelled on how
   * `Pattern` builds classes, quirks included, since they decide what a
   * class matches: single characters below U+0100 collect in one set
   * ("bits") that joins the union when the class closes or at `&&`, and
   * keeps growing after that; `&&` intersects everything so far with its
   * right operand, or with the last item when the operand is empty; a `^`
   * right after `[` negates the whole class; a `]` before any item is a
   * literal.
   */
  private charClass(consume: boolean): CharTest {
    const bitset = new Set<number>();
    let bitsUnknown = false;
    const bits: CharTest = (c) => (bitset.has(c) ? true : bitsUnknown && !isAscii(c) ? undefined : false);
    const addBit = (c: number, f: Flags): boolean => {
      // Java keeps these out of the set under Unicode case folding.
      if (c >= 0x100 || (f.i && f.u && [0xff, 0xb5, 0x49, 0x69, 0x53, 0x73, 0x4b, 0x6b, 0xc5, 0xe5].includes(c))) return false;
      bitset.add(c);
      if (f.i && isAsciiLetter(c)) bitset.add(asciiLower(c)).add(asciiUpper(c));
      if (f.i && f.u && !isAscii(c)) bitsUnknown = true;
      return true;
    };
    let prev: CharTest | undefined;
    let curr: CharTest | undefined;
    let hasBits = false;
    let negated = false;
    if (consume && this.isMeta("^")) {
      this.next();
      negated = true;
    }
    for (;;) {
      if (this.peek() === EOF) throw this.fail("Unclosed character class", this.cps.length - 1);
      if (this.isMeta("[")) {
        this.next();
        curr = this.nested(() => this.charClass(true));
        prev = prev === undefined ? curr : union(prev, curr);
        continue;
      }
      if (this.isMeta("&") && this.isMeta("&", 1)) {
        this.pos += 2;
        let right: CharTest | undefined;
        while (!this.isMeta("]") && !this.isMeta("&")) {
          if (this.peek() === EOF) throw this.fail("Unclosed character class", this.cps.length - 1);
          if (this.isMeta("[")) {
            this.next();
            const nested = this.nested(() => this.charClass(true));
            right = right === undefined ? nested : union(right, nested);
          } else {
            right = this.nested(() => this.charClass(false)); // replaces what came before it, as in Java
          }
        }
        if (hasBits) {
          if (prev === undefined) prev = curr = bits;
          else prev = union(prev, bits);
          hasBits = false;
        }
        if (right !== undefined) curr = right;
        if (prev === undefined) {
          if (right === undefined) throw this.fail("Bad class syntax");
          prev = right;
        } else {
          // With no operand after a single character, Java intersects with
          // nothing and fails at match time (a NullPointerException).
          prev = intersection(prev, curr ?? (() => undefined));
        }
        continue;
      }
      if (this.isMeta("]") && (prev !== undefined || hasBits)) {
        if (consume) this.next();
        if (prev === undefined) prev = bits;
        else if (hasBits) prev = union(prev, bits);
        return negated ? not(prev) : prev;
      }
      const item = this.classItem(addBit);
      if (item === undefined) {
        hasBits = true;
        curr = undefined;
      } else {
        curr = item;
        prev = prev === undefined ? item : union(prev, item);
      }
    }
  }

  /**
   * One item of a class: a range `a-z`, an escape, a property, or a single
   * character, which goes into the class's set (undefined is returned).
   */
  private classItem(addBit: (c: number, f: Flags) => boolean): CharTest | undefined {
    const f = this.flags;
    let low: number;
    if (this.peek() === 0x5c) {
      const start = this.pos;
      this.next();
      const node = this.escapeInClass(start);
      if (node.t !== "char") return node.t === "class" ? node.test : () => undefined;
      low = node.cp;
    } else {
      low = this.next();
    }
    if (this.isMeta("-")) {
      const end = this.peek(1);
      if (end === EOF) {
        this.next();
        throw this.fail("Unclosed character class", this.cps.length - 1);
      }
      if (!this.isMeta("[", 1) && !this.isMeta("]", 1)) {
        this.next(); // -
        let high: number;
        if (this.peek() === 0x5c) {
          const start = this.pos;
          this.next();
          const node = this.escapeInClass(start);
          if (node.t !== "char") throw this.fail("Illegal character range");
          high = node.cp;
        } else {
          high = this.next();
        }
        if (high < low) throw this.fail("Illegal character range");
        return rangeTest(low, high, f);
      }
    }
    return addBit(low, f) ? undefined : rangeTest(low, low, f);
  }

  private escapeInClass(start: number): Node {
    const c = this.peek();
    if (c !== EOF && (isAsciiDigit(c) && c !== cp("0") || "bBAGZzRXkE".includes(String.fromCodePoint(c)))) {
      throw this.fail("Illegal/unsupported escape sequence", start);
    }
    return this.escape(true, start);
  }
}

// ---------------------------------------------------------------------------
// Character tests

function union(a: CharTest, b: CharTest): CharTest {
  return (c) => {
    const x = a(c);
    if (x === true) return true;
    const y = b(c);
    if (y === true) return true;
    return x === undefined || y === undefined ? undefined : false;
  };
}

function intersection(a: CharTest, b: CharTest): CharTest {
  return (c) => {
    const x = a(c);
    if (x === false) return false;
    const y = b(c);
    if (y === false) return false;
    return x === undefined || y === undefined ? undefined : true;
  };
}

function not(a: CharTest): CharTest {
  return (c) => {
    const x = a(c);
    return x === undefined ? undefined : !x;
  };
}

const isAscii = (c: number): boolean => c < 0x80;
const asciiLower = (c: number): number => (c >= 0x41 && c <= 0x5a ? c + 32 : c);
const asciiUpper = (c: number): number => (c >= 0x61 && c <= 0x7a ? c - 32 : c);

/**
 * A range (or one code point). Case-insensitive without UNICODE_CASE folds
 * ASCII letters only; Unicode case folding is not evaluated here.
 */
function rangeTest(low: number, high: number, f: Flags): CharTest {
  const inRange = (c: number): boolean => c >= low && c <= high;
  if (!f.i) return inRange;
  return (c) => {
    if (inRange(c)) return true;
    if (f.u && (!isAscii(c) || !isAscii(low) || !isAscii(high))) return undefined;
    if (!isAscii(c)) return false;
    return inRange(asciiLower(c)) || inRange(asciiUpper(c));
  };
}

const inSet = (set: string) => {
  const cps = new Set(Array.from(set, (c) => c.codePointAt(0)!));
  return (c: number): boolean => cps.has(c);
};
const DIGIT: CharTest = (c) => c >= 0x30 && c <= 0x39;
const SPACE: CharTest = inSet(" \t\n\u000b\f\r");
const UNDERSCORE = cp("_");
const WORD: CharTest = (c) => isAsciiLetter(c) || isAsciiDigit(c) || c === UNDERSCORE;
// Built once: the matcher calls these for every character it tries.
const HORIZONTAL_SET = inSet(" \t\u00a0\u1680\u180e\u202f\u205f\u3000");
const HORIZONTAL: CharTest = (c) => HORIZONTAL_SET(c) || (c >= 0x2000 && c <= 0x200a);
const VERTICAL: CharTest = inSet("\n\u000b\f\r\u0085\u2028\u2029");

function predefined(name: string, f: Flags): CharTest {
  const lower = name.toLowerCase();
  // UNICODE_CHARACTER_CLASS makes \d, \s, \w Unicode properties: not evaluated here.
  const base: CharTest =
    f.U && "dsw".includes(lower) ? () => undefined : { d: DIGIT, s: SPACE, w: WORD, h: HORIZONTAL, v: VERTICAL }[lower]!;
  return name === lower ? base : not(base);
}

const GENERAL_CATEGORIES = new Set(
  "Cn Lu Ll Lt Lm Lo Mn Me Mc Nd Nl No Zs Zl Zp Cc Cf Co Cs Pd Ps Pe Pc Po Sm Sc Sk So Pi Pf L M N Z C P S LC LD L1 all".split(" "),
);
const POSIX: Record<string, CharTest> = {
  Lower: (c) => c >= 0x61 && c <= 0x7a,
  Upper: (c) => c >= 0x41 && c <= 0x5a,
  ASCII: (c) => c <= 0x7f,
  Alpha: (c) => isAsciiLetter(c),
  Digit: DIGIT,
  Alnum: (c) => isAsciiLetter(c) || isAsciiDigit(c),
  Punct: inSet("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"),
  Graph: (c) => c >= 0x21 && c <= 0x7e,
  Print: (c) => c >= 0x20 && c <= 0x7e,
  Blank: inSet(" \t"),
  Cntrl: (c) => c <= 0x1f || c === 0x7f,
  XDigit: (c) => isHex(c),
  Space: SPACE,
};
const JAVA_PROPERTIES = new Set(
  (
    "javaLowerCase javaUpperCase javaWhitespace javaMirrored javaLetter javaDigit javaLetterOrDigit javaAlphabetic " +
    "javaIdeographic javaTitleCase javaIdentifierIgnorable javaISOControl javaDefined javaJavaIdentifierStart " +
    "javaJavaIdentifierPart javaUnicodeIdentifierStart javaUnicodeIdentifierPart javaSpaceChar"
  ).split(" "),
);
/** Binary properties for `\p{IsName}`, compared case-insensitively, as Java does. */
const BINARY_PROPERTIES = new Set(
  (
    "ALPHABETIC IDEOGRAPHIC LETTER LOWERCASE UPPERCASE TITLECASE PUNCTUATION CONTROL WHITE_SPACE WHITESPACE " +
    "DIGIT HEX_DIGIT HEXDIGIT JOIN_CONTROL JOINCONTROL NONCHARACTER_CODE_POINT NONCHARACTERCODEPOINT ASSIGNED"
  ).split(" "),
);

/** A general category as a test, through the JavaScript engine's Unicode tables. */
function categoryTest(name: string): CharTest {
  if (name === "all") return () => true;
  if (name === "L1") return (c) => c <= 0xff;
  if (name === "LD") return union(categoryTest("L"), categoryTest("Nd"));
  const re = new RegExp(`^\\p{${name === "LC" ? "LC" : name}}$`, "u");
  // Java 17 uses Unicode 13: beyond the Basic Multilingual Plane, later
  // assignments may differ, so those code points are not evaluated.
  return (c) => (c > 0xffff ? undefined : re.test(String.fromCodePoint(c)));
}

/**
 * What `\p{name}` is: a test, "invalid" (Java refuses it), or "undecided"
 * (a script or block name, which this module does not list).
 */
function resolveProperty(name: string, f: Flags): CharTest | "invalid" | "undecided" {
  const eq = name.indexOf("=");
  if (eq >= 0) {
    const key = name.slice(0, eq);
    const value = name.slice(eq + 1);
    if (key === "gc" || key === "general_category") return GENERAL_CATEGORIES.has(value) ? caseless(categoryTest(value), f) : "invalid";
    if (["sc", "script", "blk", "block"].includes(key)) return "undecided";
    return "invalid";
  }
  if (name.startsWith("In")) return "undecided"; // a Unicode block
  let bare = name;
  if (name.startsWith("Is")) {
    bare = name.slice(2);
    if (BINARY_PROPERTIES.has(bare.toUpperCase())) return () => undefined;
  }
  if (GENERAL_CATEGORIES.has(bare)) return caseless(categoryTest(bare), f);
  // POSIX names are ASCII classes; with `Is` they are Unicode properties.
  if (POSIX[bare] !== undefined) return f.U || f.i || bare !== name ? () => undefined : POSIX[bare];
  if (JAVA_PROPERTIES.has(bare)) return () => undefined;
  // `Is` followed by anything else may be a Unicode script name.
  return name.startsWith("Is") ? "undecided" : "invalid";
}

/** Properties under CASE_INSENSITIVE are not evaluated here. */
function caseless(test: CharTest, f: Flags): CharTest {
  return f.i ? () => undefined : test;
}

// ---------------------------------------------------------------------------
// Matching: backtracking with continuations, Java's `matches()` semantics.

/** Thrown when a match cannot be evaluated with Java's semantics here. */
class Unknown extends Error {}

/** Steps are taken from the run's budget in chunks of this many (one call per step would cost more than the step). */
const STEP_CHUNK = 1024;

const isLineTerminator = (c: number, f: Flags): boolean =>
  f.d ? c === 0x0a : c === 0x0a || c === 0x0d || c === 0x85 || c === 0x2028 || c === 0x2029;

type Cont = (pos: number) => boolean;

/** An atom that matches exactly one character (a literal, a class, `.`): its repetitions are loops. */
type Single = Extract<Node, { t: "char" | "class" | "dot" }>;
const isSingle = (node: Node): node is Single => node.t === "char" || node.t === "class" || node.t === "dot";

class Matcher {
  private steps = 0;
  /** Matching calls open on the call stack (bounded by the budget's `regexDepth`). */
  private depth = 0;
  /** Steps already taken from the budget. */
  private taken = 0;
  private caps: (readonly [number, number] | undefined)[];

  constructor(
    private readonly input: number[],
    groups: number,
    private readonly budget: Budget,
  ) {
    this.caps = new Array<readonly [number, number] | undefined>(groups + 1).fill(undefined);
  }

  public matchAll(node: Node): boolean {
    return this.m(node, 0, (pos) => pos === this.input.length);
  }

  /** One step: a pathological pattern is "unknown" (its own cap, or the run's budget spent), not a hang. */
  private tick(): void {
    if (++this.steps - this.taken < STEP_CHUNK) return;
    if (this.steps > this.budget.limits.regexStepsPerMatch) {
      this.budget.reach("regexStepsPerMatch");
      throw new Unknown();
    }
    if (!this.budget.spend("regexSteps", this.steps - this.taken)) throw new Unknown();
    this.taken = this.steps;
  }

  /** Takes the steps not yet taken from the budget (at the end of a match). */
  public settle(): void {
    if (this.steps > this.taken) this.budget.spend("regexSteps", this.steps - this.taken);
    this.taken = this.steps;
  }

  /**
   * Matches `node` at `pos`, then the rest (`k`). Each call nests on the
   * call stack until the whole match is decided: past the budget's
   * `regexDepth` the match is "unknown" (repetitions of one character are
   * loops, so `.*` on any input stays shallow; a repeated group nests once
   * per iteration).
   */
  private m(node: Node, pos: number, k: Cont): boolean {
    this.tick();
    if (++this.depth > this.budget.limits.regexDepth) {
      this.budget.reach("regexDepth");
      throw new Unknown();
    }
    const result = this.match(node, pos, k);
    this.depth--;
    return result;
  }

  private match(node: Node, pos: number, k: Cont): boolean {
    const input = this.input;
    switch (node.t) {
      case "empty":
        return k(pos);
      case "char":
      case "class":
      case "dot":
        return this.one(node, pos) && k(pos + 1);
      case "seq":
        return this.seq(node.items, 0, pos, k);
      case "alt":
        return node.alts.some((alt) => this.m(alt, pos, k));
      case "group": {
        const saved = this.caps[node.index];
        const ok = this.m(node.body, pos, (end) => {
          const inner = this.caps[node.index];
          this.caps[node.index] = [pos, end];
          if (k(end)) return true;
          this.caps[node.index] = inner;
          return false;
        });
        if (!ok) this.caps[node.index] = saved;
        return ok;
      }
      case "atomic":
        return this.once(node.body, pos, k);
      case "look":
        return this.look(node.body, node.behind, node.negative, pos, k);
      case "repeat":
        if (node.mode === "possessive") {
          return this.once({ t: "repeat", body: node.body, min: node.min, max: node.max, mode: "greedy" }, pos, k);
        }
        if (isSingle(node.body)) return this.repeatOne(node.body, node.min, node.max, node.mode === "lazy", pos, k);
        return this.repeat(node.body, node.min, node.max, node.mode === "lazy", 0, pos, k);
      case "backref": {
        const cap = this.caps[node.index];
        if (cap === undefined) return false;
        const len = cap[1] - cap[0];
        if (pos + len > input.length) return false;
        for (let j = 0; j < len; j++) {
          const a = input[cap[0] + j];
          const b = input[pos + j];
          if (node.f.i && node.f.u && (!isAscii(a) || !isAscii(b))) throw new Unknown();
          if (!(node.f.i ? asciiLower(a) === asciiLower(b) : a === b)) return false;
        }
        return k(pos + len);
      }
      case "anchor":
        return this.anchor(node.kind, node.f, pos) && k(pos);
      case "linebreak":
        // \r\n first, then one line-break character: Java's \R may backtrack into the \r.
        if (input[pos] === 0x0d && input[pos + 1] === 0x0a && k(pos + 2)) return true;
        return pos < input.length && VERTICAL(input[pos]) === true && k(pos + 1);
      case "unknown":
        throw new Unknown();
    }
  }

  /** Whether a one-character atom matches the character at `pos`. */
  private one(node: Single, pos: number): boolean {
    const input = this.input;
    if (pos >= input.length) return false;
    switch (node.t) {
      case "char":
        return charEquals(node.cp, input[pos], node.f);
      case "class": {
        const r = node.test(input[pos]);
        if (r === undefined) throw new Unknown();
        return r;
      }
      case "dot":
        return node.f.s || !isLineTerminator(input[pos], node.f);
    }
  }

  /**
   * A repetition of a one-character atom, as a loop: greedy takes every
   * character it can, then gives them back one by one; lazy takes one more
   * each time the rest fails. The same order of attempts as {@link repeat}
   * (so the same answer, and the same characters tested), without a call
   * per character.
   */
  private repeatOne(body: Single, min: number, max: number, lazy: boolean, pos: number, k: Cont): boolean {
    let n = 0;
    for (; n < min; n++) {
      this.tick();
      if (!this.one(body, pos + n)) return false;
    }
    if (lazy) {
      for (;;) {
        this.tick();
        if (k(pos + n)) return true;
        if (n >= max || !this.one(body, pos + n)) return false;
        n++;
      }
    }
    for (; n < max; n++) {
      this.tick();
      if (!this.one(body, pos + n)) break;
    }
    for (; n >= min; n--) {
      this.tick();
      if (k(pos + n)) return true;
    }
    return false;
  }

  private seq(items: Node[], index: number, pos: number, k: Cont): boolean {
    if (index === items.length) return k(pos);
    return this.m(items[index], pos, (next) => this.seq(items, index + 1, next, k));
  }

  /** Matches `body` once, keeping only its first way (atomic group, possessive quantifier). */
  private once(body: Node, pos: number, k: Cont): boolean {
    let end = -1;
    let caps: typeof this.caps = [];
    const saved = [...this.caps];
    if (!this.m(body, pos, (e) => {
      end = e;
      caps = [...this.caps];
      return true;
    })) {
      this.caps = saved;
      return false;
    }
    this.caps = caps;
    if (k(end)) return true;
    this.caps = saved;
    return false;
  }

  private look(body: Node, behind: boolean, negative: boolean, pos: number, k: Cont): boolean {
    const saved = [...this.caps];
    let found = false;
    let caps: typeof this.caps = saved;
    const accept = (target: number) => (e: number): boolean => {
      if (behind && e !== target) return false;
      caps = [...this.caps];
      return true;
    };
    if (behind) {
      const [min, max] = lengths(body);
      if (max === undefined) throw new Unknown();
      for (let start = pos - min; start >= Math.max(0, pos - max) && !found; start--) {
        found = this.m(body, start, accept(pos));
      }
    } else {
      found = this.m(body, pos, accept(pos));
    }
    if (found === negative) {
      this.caps = saved;
      return false;
    }
    this.caps = negative ? saved : caps;
    if (k(pos)) return true;
    this.caps = saved;
    return false;
  }

  /**
   * `count` iterations done. An
   * iteration that matches nothing ends the loop once the minimum is reached,
   * as Java's loops do, so `(a*)*` terminates.
   */
  private repeat(body: Node, min: number, max: number, lazy: boolean, count: number, pos: number, k: Cont): boolean {
    this.tick();
    const more = (): boolean =>
      count < max &&
      this.m(body, pos, (next) => {
        if (next === pos && count + 1 > min) return false;
        return this.repeat(body, min, max, lazy, count + 1, next, k);
      });
    if (count < min) return more();
    if (lazy) return k(pos) || more();
    return more() || k(pos);
  }

  private anchor(kind: string, f: Flags, pos: number): boolean {
    const input = this.input;
    const len = input.length;
    const term = (c: number | undefined): boolean => c !== undefined && isLineTerminator(c, f);
    switch (kind) {
      case "A":
      case "G":
        return pos === 0;
      case "z":
        return pos === len;
      case "^":
        if (!f.m) return pos === 0;
        if (pos >= len) return false; // never at the end of the input, even an empty one
        if (pos === 0) return true;
        if (!term(input[pos - 1])) return false;
        return !(input[pos - 1] === 0x0d && input[pos] === 0x0a && !f.d);
      case "$":
      case "Z": {
        const multiline = kind === "$" && f.m;
        if (pos === len) return true;
        const c = input[pos];
        if (!term(c)) return false;
        if (!f.d && c === 0x0a && pos > 0 && input[pos - 1] === 0x0d) return false; // between \r and \n
        if (multiline) return true;
        if (pos === len - 1) return true;
        return !f.d && pos === len - 2 && c === 0x0d && input[pos + 1] === 0x0a;
      }
      case "b":
      case "B": {
        const before = pos > 0 ? input[pos - 1] : undefined;
        const after = pos < len ? input[pos] : undefined;
        // Java's \b counts Unicode letters and digits, with rules for
        // non-spacing marks: only ASCII neighbours are evaluated here.
        if ((before !== undefined && !isAscii(before)) || (after !== undefined && !isAscii(after)) || f.U) throw new Unknown();
        const w = (c: number | undefined): boolean => c !== undefined && WORD(c) === true;
        const boundary = w(before) !== w(after);
        return kind === "b" ? boundary : !boundary;
      }
      default:
        return false;
    }
  }
}

function charEquals(p: number, c: number, f: Flags): boolean {
  if (p === c) return true;
  if (!f.i) return false;
  if (f.u && (!isAscii(p) || !isAscii(c))) throw new Unknown();
  return isAscii(p) && isAscii(c) && asciiLower(p) === asciiLower(c);
}

/** The shortest and longest input a node can match (longest undefined: unbounded or unknown). */
function lengths(node: Node): [number, number | undefined] {
  switch (node.t) {
    case "empty":
    case "anchor":
    case "look":
      return [0, 0];
    case "char":
    case "class":
    case "dot":
      return [1, 1];
    case "linebreak":
      return [1, 2];
    case "seq":
      return node.items.map(lengths).reduce<[number, number | undefined]>(
        ([a, b], [c, d]) => [a + c, b === undefined || d === undefined ? undefined : b + d],
        [0, 0],
      );
    case "alt": {
      const all = node.alts.map(lengths);
      const max = all.some(([, d]) => d === undefined) ? undefined : Math.max(...all.map(([, d]) => d!));
      return [Math.min(...all.map(([c]) => c)), max];
    }
    case "group":
    case "atomic":
      return lengths(node.body);
    case "repeat": {
      const [a, b] = lengths(node.body);
      return [a * node.min, b === undefined || node.max === Infinity ? (b === 0 ? 0 : undefined) : b * node.max];
    }
    default:
      return [0, undefined];
  }
}

function unique(list: string[]): string[] {
  return [...new Set(list)];
}
