/**
 * Values as Terraform reads them, and as the review shows them. The one place
 * that knows Terraform's conversions: every rule that reads a bool or a number
 * from the input goes through `tfBool` / `tfNumber`, so `"true"` and `"2"`
 * written as strings mean what Terraform makes of them.
 *
 * Terraform converts a string to a bool or a number with go-cty's conversion
 * (cty/convert/conversion_primitive.go, and cty.ParseNumberVal):
 *
 * - to bool: exactly `"true"` or `"1"` is true, `"false"` or `"0"` is false;
 *   anything else (`"True"`, `"yes"`, `" true"`) is an error, never a value.
 * - to number: Go's `big.ParseFloat(s, 10, ...)` of the whole string: an
 *   optional sign, decimal digits with an optional point, an optional decimal
 *   (`e`) or binary (`p`) exponent, or `Inf`/`inf` with an optional sign; no
 *   spaces, no underscores, no hex.
 *
 * Numbers and bools convert to strings the other way round (`2` is `"2"`,
 * `true` is `"true"`), which is how `display` shows them. Secrets never reach
 * this point unmasked: extraction reads only non-secret attributes.
 */
import { canonical, Json } from "./terraform-json";

/** A value as the review shows it, or undefined for none. */
export function display(value: Json | undefined): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return canonical(value);
}

/** A value as Terraform reads it where a bool is expected, or undefined when it is none (absent, unknown, or not convertible). */
export function tfBool(value: unknown): boolean | undefined {
  if (typeof value === "boolean") return value;
  if (value === "true" || value === "1") return true;
  if (value === "false" || value === "0") return false;
  return undefined;
}

/** Go's big.ParseFloat in base 10, as cty.ParseNumberVal calls it (the whole string). */
const GO_DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eEpP][+-]?\d+)?$/;
const GO_INFINITY = /^[+-]?[Ii]nf$/;

/** A value as Terraform reads it where a number is expected, or undefined when it is none (absent, unknown, or not convertible). */
export function tfNumber(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value !== "string") return undefined;
  if (GO_INFINITY.test(value)) return value.startsWith("-") ? -Infinity : Infinity;
  if (!GO_DECIMAL.test(value)) return undefined;
  const binary = /[pP]/.exec(value);
  if (binary === null) return Number(value);
  // A binary exponent: mantissa × 2^exponent.
  return Number(value.slice(0, binary.index)) * 2 ** Number(value.slice(binary.index + 1));
}
