import { Annotations, IAspect, TerraformProvider, TerraformStack, Token } from "cdktf";
import { IConstruct } from "constructs";
import { addAspectToStack } from "./core";
import { assessConstraint, ProviderName, ProviderUse } from "./provider-versions";

/** What a construct uses of each provider. */
export type ProviderNeeds = Partial<Record<ProviderName, ProviderUse>>;

/** The version constraint Terraform will see for one provider, and where it comes from. */
export interface StackConstraint {
  /** The constraint; undefined when the stack sets none (Terraform then takes the newest release). */
  readonly constraint?: string;
  /** Where it is set, for messages. */
  readonly from: string;
}

/**
 * The version constraint that the stack's synthesized `required_providers`
 * will hold for `provider`, computed the way the core merges it: every
 * provider element of that type writes its bindings' version (the exact
 * `providerVersion` of prebuilt and `cdktf get` bindings, else the
 * `providerVersionConstraint`: our classes write the supported range), the
 * last one in the tree wins, and a stack override
 * (`stack.addOverride("terraform.required_providers.okta.version", ...)`)
 * wins over all of them. Providers are recognised by their Terraform type,
 * never by class, so any bindings count: prebuilt, `cdktf get`, `cdktn get`
 * or ours.
 */
export function stackConstraint(stack: TerraformStack, provider: ProviderName): StackConstraint {
  return stackConstraints(stack)[provider];
}

/** {@link stackConstraint} for every provider, in one walk of the tree. */
export function stackConstraints(stack: TerraformStack): Record<ProviderName, StackConstraint> {
  return withOverrides(stack, providerConstraints(stack));
}

/** What the stack's providers write, before overrides; the last provider of a type wins, as when the core merges them. */
function providerConstraints(stack: TerraformStack): Record<ProviderName, StackConstraint> {
  const found = noProviders(stack);
  for (const c of elementsOf(stack)) noteProvider(found, c);
  return found;
}

function noProviders(stack: TerraformStack): Record<ProviderName, StackConstraint> {
  return {
    okta: { from: `no okta provider in stack "${stack.node.path}"` },
    cloudflare: { from: `no cloudflare provider in stack "${stack.node.path}"` },
  };
}

/** Records `c` when it is an okta or cloudflare provider: the last one wins, as when the core merges them. */
function noteProvider(found: Record<ProviderName, StackConstraint>, c: IConstruct): void {
  if (!TerraformProvider.isTerraformProvider(c)) return;
  const type = c.terraformResourceType;
  if (type !== "okta" && type !== "cloudflare") return;
  const metadata = c.terraformGeneratorMetadata;
  const constraint = metadata?.providerVersion || metadata?.providerVersionConstraint;
  found[type] = { constraint: constraint || undefined, from: `the ${type} provider "${c.node.path}" (${c.constructor.name})` };
}

/** The stack's overrides of required_providers' versions over what the providers write. */
function withOverrides(stack: TerraformStack, found: Record<ProviderName, StackConstraint>): Record<ProviderName, StackConstraint> {
  const overrides = (stack as unknown as { rawOverrides?: unknown }).rawOverrides;
  const result = { ...found };
  for (const provider of ["okta", "cloudflare"] as const) {
    const override = pathOf(overrides, ["terraform", "required_providers", provider, "version"]);
    if (override === undefined) continue;
    // A string (possibly a token), else something Terraform refuses: shown as JSON.
    const constraint = typeof override === "string" || Token.isUnresolved(override) ? (override as string) : JSON.stringify(override);
    result[provider] = { constraint, from: `the stack override terraform.required_providers.${provider}.version` };
  }
  return result;
}

/**
 * The providers' constraints as the stack's first construct found them:
 * walking the tree for every construct made building N constructs quadratic.
 * A provider added after the first construct is checked at synth; a refusal
 * is confirmed with a fresh walk first (see checkProviderVersions).
 */
const SEEN = new WeakMap<TerraformStack, Record<ProviderName, StackConstraint>>();

function seenConstraints(stack: TerraformStack, fresh = false): Record<ProviderName, StackConstraint> {
  let found = fresh ? undefined : SEEN.get(stack);
  if (found === undefined) {
    found = providerConstraints(stack);
    SEEN.set(stack, found);
  }
  return withOverrides(stack, found);
}

/** The stack's elements in synthesis order (depth first), without nested stacks' elements. */
function elementsOf(stack: TerraformStack): IConstruct[] {
  const out: IConstruct[] = [];
  const visit = (node: IConstruct): void => {
    out.push(node);
    for (const child of node.node.children) {
      if (TerraformStack.isStack(child)) continue;
      visit(child);
    }
  };
  visit(stack);
  return out;
}

function pathOf(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** Verdicts by provider, constraint and use: every construct of a stack usually asks the same. */
const VERDICTS = new Map<string, ReturnType<typeof assessConstraint>>();

function assessAgainst(constraints: Record<ProviderName, StackConstraint>, where: string, needs: ProviderNeeds): { errors: string[]; warnings: string[] } {
  const errors: string[] = [];
  const warnings: string[] = [];
  for (const [provider, use] of Object.entries(needs) as [ProviderName, ProviderUse][]) {
    const { constraint, from } = constraints[provider];
    if (constraint === undefined || Token.isUnresolved(constraint)) continue;
    const key = JSON.stringify([provider, constraint, use]);
    let verdict = VERDICTS.get(key);
    if (verdict === undefined) {
      verdict = assessConstraint(provider, constraint, use);
      if (VERDICTS.size > 1000) VERDICTS.clear();
      VERDICTS.set(key, verdict);
    }
    errors.push(...verdict.errors.map((m) => `${where}: ${m} (The constraint comes from ${from}.)`));
    warnings.push(...verdict.warnings.map((m) => `${where}: ${m} (The constraint comes from ${from}.)`));
  }
  return { errors, warnings };
}

/**
 * Checks the provider versions `construct` needs: refuses at once what the
 * stack's constraints already rule out, and checks again at synth, when every
 * provider and override of the stack exists (refusing with a validation
 * error, warning about known-bad versions once per stack and message).
 */
export function checkProviderVersions(construct: IConstruct, where: string, needs: ProviderNeeds): void {
  const stack = TerraformStack.of(construct);
  let now = assessAgainst(seenConstraints(stack), where, needs);
  if (now.errors.length > 0) now = assessAgainst(seenConstraints(stack, true), where, needs);
  if (now.errors.length > 0) throw new Error(now.errors.join("\n"));
  ProviderVersionCheck.of(stack).pending.push({ construct, where, needs });
}

/**
 * The constraint Terraform would see for `provider`, as far as the stack is
 * built: the providers the stack's first construct found (see SEEN), walked
 * again when that found none. A provider or override added later is seen by
 * {@link confirmAtSynth}.
 */
export function constraintNow(construct: IConstruct, provider: ProviderName): StackConstraint {
  const stack = TerraformStack.of(construct);
  const seen = seenConstraints(stack)[provider];
  return seen.constraint !== undefined ? seen : seenConstraints(stack, true)[provider];
}

/**
 * Runs `confirm` at synth with the stack's final constraints (every provider
 * and override in place); the messages it returns refuse the stack. For a
 * decision taken at construction from {@link constraintNow}.
 */
export function confirmAtSynth(construct: IConstruct, confirm: (constraints: Record<ProviderName, StackConstraint>) => string[]): void {
  ProviderVersionCheck.of(TerraformStack.of(construct)).confirmations.push(confirm);
}

/**
 * One per stack: at synth, an aspect adds the warnings (visited before the
 * stack's children, so every construct is registered by then), and a
 * validation refuses what a provider or override added after the constructs
 * rules out.
 */
class ProviderVersionCheck implements IAspect {
  private static readonly byStack = new WeakMap<TerraformStack, ProviderVersionCheck>();

  public static of(stack: TerraformStack): ProviderVersionCheck {
    let check = ProviderVersionCheck.byStack.get(stack);
    if (check === undefined) {
      const created = new ProviderVersionCheck(stack);
      check = created;
      ProviderVersionCheck.byStack.set(stack, created);
      addAspectToStack(stack, created);
      stack.node.addValidation({
        validate: () => {
          const constraints = stackConstraints(stack);
          return [
            ...created.pending.flatMap((p) => assessAgainst(constraints, p.where, p.needs).errors),
            ...created.confirmations.flatMap((confirm) => confirm(constraints)),
          ];
        },
      });
    }
    return check;
  }

  public readonly confirmations: ((constraints: Record<ProviderName, StackConstraint>) => string[])[] = [];
  public readonly pending: { readonly construct: IConstruct; readonly where: string; readonly needs: ProviderNeeds }[] = [];
  /** Warnings already added, by text without the prefix: one per stack, on the first construct concerned. */
  private readonly warned = new Set<string>();

  private constructor(private readonly stack: TerraformStack) {}

  public visit(node: IConstruct): void {
    if (node !== this.stack) return;
    const constraints = stackConstraints(this.stack);
    for (const { construct, where, needs } of this.pending) {
      for (const warning of assessAgainst(constraints, where, needs).warnings) {
        const key = warning.slice(where.length);
        if (this.warned.has(key)) continue;
        this.warned.add(key);
        Annotations.of(construct).addWarning(warning);
      }
    }
  }
}
