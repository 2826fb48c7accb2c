/**
 * Values as the review shows them: strings as they are, numbers and booleans
 * as text, the rest as canonical JSON. Secrets never reach this point
 * unmasked: extraction reads only non-secret attributes.
 */
import { canonical, Json } from "./terraform-json";

/** A value as the review shows it, or undefined for none. */
export function display(value: Json | undefined): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return canonical(value);
}
