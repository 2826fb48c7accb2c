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
  const pattern = referencePattern(reference);
  return nonSensitiveOutputs(TerraformStack.of(scope))
    .filter((o) => o.strings.some((s) => pattern.test(s)))
    .map((o) => o.output);
}

/** A guarded reference, with the message for an output that exposes it. */
interface Guard {
  readonly reference: string;
  readonly message: (output: TerraformOutput) => string;
}

/** The references each stack guards. */
const GUARDS = new WeakMap<TerraformStack, Guard[]>();

/**
 * Fails synthesis (a validation error) for every output of the stack that is
 * not `sensitive` and refers to `reference`, with `message(output)`.
 *
 * One validation per stack checks every guarded reference, resolving each
 * output once: a validation per construct resolved every output once per
 * construct, which made synth quadratic: 400 SCIM identity providers with an
 * output each took 5.1 s to synthesize instead of 2.7 s without SCIM; now 1.6 s
 * against 1.5 s.
 */
export function refuseNonSensitiveOutputsOf(scope: IConstruct, reference: string, message: (output: TerraformOutput) => string): void {
  const stack = TerraformStack.of(scope);
  let guards = GUARDS.get(stack);
  if (guards === undefined) {
    const all: Guard[] = [];
    GUARDS.set(stack, all);
    stack.node.addValidation({
      validate: (): string[] => {
        const outputs = nonSensitiveOutputs(stack);
        return all.flatMap((guard) => {
          const pattern = referencePattern(guard.reference);
          return outputs.filter((o) => o.strings.some((s) => pattern.test(s))).map((o) => guard.message(o.output));
        });
      },
    });
    guards = all;
  }
  guards.push({ reference, message });
}

/** `reference` inside a `${...}` interpolation, not as part of a longer name. */
function referencePattern(reference: string): RegExp {
  const escaped = reference.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`\\$\\{.*?(?<![\\w.-])${escaped}(?![\\w-])`, "s");
}

/**
 * The stack's outputs not marked `sensitive`, with every string of their
 * resolved values. Outputs are recognised by the core's marker, not by
 * `instanceof`: an output made with another copy of the core (an app on
 * CDK Terrain, `cdktn`) is not an instance of our `TerraformOutput`.
 */
function nonSensitiveOutputs(stack: TerraformStack): { output: TerraformOutput; strings: string[] }[] {
  return stack.node
    .findAll()
    .filter((c): c is TerraformOutput => TerraformOutput.isTerraformOutput(c) && c.sensitive !== true)
    .map((output) => ({ output, strings: strings(Tokenization.resolve(output.value, { scope: output, resolver: RESOLVER })) }));
}

/** Every string inside a resolved value. */
function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value !== null && typeof value === "object") return Object.values(value).flatMap(strings);
  return [];
}
