/**
 * Finding messages mix our words with values from the input. Values are
 * wrapped with {@link literal} so that each renderer can show them its own
 * way (a code span in Markdown, backticks in JSON) and no renderer ever has
 * to guess where a value starts: backticks in the input cannot open or close
 * anything. The markers are Unicode private-use characters, stripped from the
 * values themselves, so the input cannot forge them.
 */
const OPEN = "\uE000";
const CLOSE = "\uE001";
const MARKERS = /[\uE000\uE001]/g;

/** A value from the input, inside a message. */
export function literal(value: string): string {
  return `${OPEN}${value.replace(MARKERS, "")}${CLOSE}`;
}

/** A message as plain text (JSON, stderr): values in backticks. */
export function plainText(text: string): string {
  return text.replace(MARKERS, "`");
}

/** A message cut into our words and values, in order. */
export function splitLiterals(text: string): { readonly value: boolean; readonly text: string }[] {
  const parts: { value: boolean; text: string }[] = [];
  const pattern = /\uE000([^\uE000\uE001]*)\uE001/g;
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    if (m.index > last) parts.push({ value: false, text: text.slice(last, m.index).replace(MARKERS, "") });
    parts.push({ value: true, text: m[1] });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push({ value: false, text: text.slice(last).replace(MARKERS, "") });
  return parts;
}
