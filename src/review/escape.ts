/**
 * The one escaping layer for GitHub-flavored Markdown. Every string that comes
 * from the input reaches the comment through one of these functions, each
 * correct for where it is placed:
 *
 * - {@link code}: a code span (values: names, addresses, URLs). Code spans are
 *   never parsed for Markdown, HTML, autolinks, @mentions or #references.
 * - {@link prose}: our sentences with values in them; values (marked with
 *   `literal`) become code spans, everything else is escaped.
 * - {@link html}: text inside the HTML we write (`<summary>`).
 * - {@link cell}: a table cell (pipes).
 *
 * Line breaks of every kind (CR, LF, NEL, VT, FF, U+2028, U+2029) become
 * spaces: a value never starts a line of its own, so it cannot make a
 * heading, a list, a quote or a fence.
 */
import { splitLiterals } from "./text";

// eslint-disable-next-line no-control-regex -- the control characters are what this removes
const LINE_BREAKS = /\r\n|[\r\n\u0085\u000b\u000c\u2028\u2029]/g;
/** Controls (C0, DEL, C1: an 8-bit CSI is a terminal's escape) that some renderers drop or show oddly, and bidi controls that reorder what a reviewer sees. */
// eslint-disable-next-line no-control-regex -- the control characters are what this removes
const INVISIBLE = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** U+2060 WORD JOINER: breaks @mentions, #references and autolinks without showing. */
const JOINER = "\u2060";

/** One line of text: line breaks become spaces, invisible controls are removed. */
export function oneLine(text: string): string {
  return text.replace(LINE_BREAKS, " ").replace(INVISIBLE, "");
}

/** A code span that holds any text, backticks included. */
export function code(text: string): string {
  const flat = oneLine(text);
  const longest = (flat.match(/`+/g) ?? []).reduce((n, run) => Math.max(n, run.length), 0);
  const fence = "`".repeat(longest + 1);
  // A space on both sides is stripped by the parser: needed when the text starts or ends with a backtick, or is blank.
  const pad = flat.startsWith("`") || flat.endsWith("`") || flat.trim() === "" || (flat.startsWith(" ") && flat.endsWith(" ")) ? " " : "";
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/**
 * Text outside code spans: the characters that open inline Markdown, HTML,
 * entities or math escaped (pipes are the table cell's business: {@link cell}); @mentions, #references and autolinks (`www.`,
 * `scheme://`) broken with a word joiner. Block syntax needs no escape: the
 * text is on one line that never starts with it.
 */
export function escapeText(text: string): string {
  return oneLine(text)
    .replace(/[\\`*_[\]<>~!&$]/g, (c) => `\\${c}`)
    .replace(/([@#])/g, `$1${JOINER}`)
    .replace(/(w)(ww\.)/gi, `$1${JOINER}$2`)
    .replace(/:\/\//g, `:${JOINER}//`);
}

/** Our sentence with values from the input: values become code spans, the rest is escaped. */
export function prose(text: string): string {
  return splitLiterals(text)
    .map((part) => (part.value ? code(part.text) : escapeText(part.text)))
    .join("");
}

/** Text inside HTML we write, such as `<summary>`: entities, on one line. */
export function html(text: string): string {
  return oneLine(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/([@#])/g, `$1${JOINER}`);
}

/** A table cell: pipes escaped (also inside code spans, as GFM wants), on one line. */
export function cell(text: string): string {
  return oneLine(text).replace(/\|/g, "\\|");
}
