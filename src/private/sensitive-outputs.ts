import { DefaultTokenResolver, StringConcat, TerraformOutput, TerraformStack, Tokenization } from "cdktf";
import { IConstruct } from "constructs";

const RESOLVER = new DefaultTokenResolver(new StringConcat());

/**
 * Outputs of the stack, not marked `sensitive`, whose value refers to the
 * Terraform expression `reference` (such as `<type>.<name>.scim_config.secret`)
 * inside a `${...}` interpolation. Terraform refuses them at plan time; we
 * refuse them at synth, with the fix.
 */
export function nonSensitiveOutputsOf(scope: IConstruct, reference: string): TerraformOutput[] {
  const escaped = reference.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const pattern = new RegExp(`\\$\\{.*?(?<![\\w.-])${escaped}(?![\\w-])`, "s");
  return TerraformStack.of(scope)
    .node.findAll()
    .filter((c): c is TerraformOutput => c instanceof TerraformOutput && c.sensitive !== true)
    .filter((output) => strings(Tokenization.resolve(output.value, { scope: output, resolver: RESOLVER })).some((s) => pattern.test(s)));
}

/** Every string inside a resolved value. */
function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value !== null && typeof value === "object") return Object.values(value).flatMap(strings);
  return [];
}
