/**
 * Text from an API or a file made safe to print: no control character and no
 * bidi control reaches a terminal, a generated program or a report raw. An
 * escape sequence (`ESC ] 0 ; ... BEL` sets a terminal's title, `ESC [ 2 J`
 * clears it) or a right-to-left override (U+202E, which shows `exe.txt` as
 * `txt.exe`) is shown as the `\uXXXX` escape of each of its characters.
 *
 * - {@link escapeControls}: for JSON text and string literals (the output of
 *   `JSON.stringify`, which escapes C0 controls but leaves DEL, C1 controls,
 *   bidi controls and U+2028/U+2029 raw); the escape means the same
 *   character, so the value is unchanged.
 * - {@link plainLine}: for prose and comments: line breaks become spaces
 *   (the text stays on its line), every other control its visible escape.
 *
 * Imports nothing: discover and the generated program share it.
 */

/** DEL, the C1 controls, bidi controls (ALM, LRM, RLM, embeddings, overrides, isolates) and the Unicode line and paragraph separators. */
const RAW_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;
/** Line breaks of every kind, and tabs: a space each. */
// eslint-disable-next-line no-control-regex -- the control characters are what this replaces
const BREAKS = /\r\n|[\t\n\u000b\u000c\r\u0085\u2028\u2029]/g;
/** Every other C0 control, DEL, C1 controls and bidi controls. */
// eslint-disable-next-line no-control-regex -- the control characters are what this replaces
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const escape = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;

/** JSON text (or a JavaScript string literal) with the characters `JSON.stringify` leaves raw escaped: the same value. */
export function escapeControls(json: string): string {
  return json.replace(RAW_IN_JSON, escape);
}

/** Text on one line for prose or a comment: line breaks and tabs become spaces, every other control its `\uXXXX` escape. */
export function plainLine(text: string): string {
  return text.replace(BREAKS, " ").replace(CONTROLS, escape);
}
