import { Aspects, IAspect, TerraformStack } from "cdktf";
import { IConstruct } from "constructs";

/**
 * The part of a CDK core (cdktf, or its fork CDK Terrain, `cdktn`) we need
 * beyond the `Symbol.for("cdktf/*")` markers that both share.
 */
interface Core {
  readonly Aspects: { of(scope: IConstruct): { add(aspect: IAspect): void } };
}

const OWN_CORE: Core = { Aspects };

/** The core found for each stack class, so require.cache is scanned once per class. */
const CORE_BY_CLASS = new WeakMap<object, Core>();

/**
 * Adds `aspect` to `stack` with the core that synthesizes the stack.
 *
 * Each core keeps its aspects under a module-private `Symbol("cdktf-aspects")`,
 * so an aspect added through our `cdktf` import is never visited when the
 * stack comes from another copy of the core: an app that imports `cdktn`
 * while this package's `cdktf` import resolves to a second copy (the npm
 * override `"cdktf": "npm:cdktn@…"` installs cdktn twice, under both names),
 * or two cdktf copies in one app. Such a stack is synthesized by the core
 * whose `TerraformStack` it extends, so the aspect goes to that core's
 * `Aspects`, found among the loaded modules.
 */
export function addAspectToStack(stack: TerraformStack, aspect: IAspect): void {
  coreOf(stack).Aspects.of(stack).add(aspect);
}

function coreOf(stack: TerraformStack): Core {
  // An identity test against our own copy (the common case), not a type check.
  if (stack instanceof TerraformStack) return OWN_CORE;
  for (let proto = Object.getPrototypeOf(stack) as object | null; proto !== null; proto = Object.getPrototypeOf(proto) as object | null) {
    const klass: unknown = (proto as { constructor?: unknown }).constructor;
    if (typeof klass !== "function") continue;
    const known = CORE_BY_CLASS.get(klass);
    if (known !== undefined) return known;
    const found = loadedCoreExporting(klass);
    if (found !== undefined) {
      CORE_BY_CLASS.set(klass, found);
      return found;
    }
  }
  // No loaded module exports the stack's class (a bundled app without
  // require.cache): our own core is the best guess.
  return OWN_CORE;
}

/** A loaded core package index that exports `klass` as its `TerraformStack`. */
function loadedCoreExporting(klass: unknown): Core | undefined {
  const cache = typeof require === "function" ? require.cache : undefined;
  if (cache === undefined) return undefined;
  for (const key of Object.keys(cache)) {
    const exports: unknown = cache[key]?.exports;
    if (exports === null || typeof exports !== "object") continue;
    const candidate = exports as { TerraformStack?: unknown; Aspects?: { of?: unknown } };
    if (candidate.TerraformStack === klass && typeof candidate.Aspects?.of === "function") {
      return candidate as unknown as Core;
    }
  }
  return undefined;
}
