/**
 * Adoption checks for the review: which existing objects a stack adopts
 * (Terraform `import` blocks), and which stacks or plans would blank or
 * replace a secret or an identity provider while doing so. Pure functions on
 * synthesized JSON and on `terraform show -json` plans; not wired into the
 * review's output yet (the review's owner places them: summary, diff and
 * warnings). Messages never contain a secret's value.
 */
import { block, isObject, Json, own, referenceTo, str, typeOfAddress } from "./terraform-json";

const IDP_TYPES = new Set(["cloudflare_zero_trust_access_identity_provider", "cloudflare_access_identity_provider"]);

/** One `import` block: the address it adopts into and the existing object's id. */
export interface AdoptedObject {
  readonly address: string;
  readonly type: string;
  readonly importId: string;
  /** `adopts existing okta_app_oauth 0oa…` */
  readonly text: string;
}

export interface AdoptionWarning {
  /** A stable code: `blank-secret-after-import`, `import-replaced`, `secret-blanked`, `secret-replaced`, `identity-provider-replaced`, `okta-app-replaced`. */
  readonly code: string;
  readonly address: string;
  readonly message: string;
}

/** The import blocks of a synthesized stack (`import` is a list of `{ id, to }`). */
export function adoptedObjects(stack: unknown): AdoptedObject[] {
  const out: AdoptedObject[] = [];
  for (const entry of Array.isArray(own(stack, "import")) ? (own(stack, "import") as Json[]) : []) {
    const to = str(own(entry, "to"));
    const id = str(own(entry, "id"));
    if (to === undefined || id === undefined) continue;
    const type = typeOfAddress(to);
    out.push({ address: to, type, importId: id, text: `adopts existing ${type} ${id}` });
  }
  return out;
}

/**
 * A stack that imports an identity provider whose `config.client_secret`
 * refers to an imported Okta app's `client_secret`: after the import both are
 * empty in state (neither API returns a secret to a read), so the next update
 * can send Cloudflare an empty secret.
 */
export function staticAdoptionWarnings(stack: unknown): AdoptionWarning[] {
  const imported = new Set(adoptedObjects(stack).map((o) => o.address));
  const resources = own(stack, "resource");
  const out: AdoptionWarning[] = [];
  for (const type of IDP_TYPES) {
    const bodies = own(resources, type);
    if (!isObject(bodies)) continue;
    for (const [name, body] of Object.entries(bodies)) {
      const address = `${type}.${name}`;
      const secret = own(block(own(body, "config")), "client_secret");
      const source = referenceTo(secret);
      if (source === undefined || typeOfAddress(source) !== "okta_app_oauth" || typeof secret !== "string" || !secret.endsWith(".client_secret}")) continue;
      if (!imported.has(address) && !imported.has(source)) continue;
      const appBody = own(own(resources, "okta_app_oauth"), source.split(".")[1]);
      if (own(appBody, "client_basic_secret") !== undefined) continue;
      out.push({
        code: "blank-secret-after-import",
        address,
        message: `${address} takes its client secret from ${source}.client_secret, and ${imported.has(source) ? source : address} is imported: after an import Terraform knows no secret, so the next update may send Cloudflare an empty one and break sign-in. Use the construct's adopt option (the current secret from a sensitive variable).`,
      });
    }
  }
  return out;
}

/** Warnings for a plan (`terraform show -json`): imports that replace, blanked secrets, replaced identity providers or apps. */
export function planAdoptionWarnings(plan: unknown): AdoptionWarning[] {
  const out: AdoptionWarning[] = [];
  const changes = own(plan, "resource_changes");
  for (const rc of Array.isArray(changes) ? changes : []) {
    const address = str(own(rc, "address"));
    const type = str(own(rc, "type"));
    const change = own(rc, "change");
    if (address === undefined || type === undefined || !isObject(change)) continue;
    const actions = (Array.isArray(change.actions) ? change.actions : []).filter((a): a is string => typeof a === "string");
    const replaces = actions.includes("delete") && actions.includes("create");
    const importing = isObject(own(change, "importing"));
    if (importing && (replaces || actions.includes("delete"))) {
      out.push({ code: "import-replaced", address, message: `${address} adopts an existing object but the plan also ${replaces ? "replaces" : "deletes"} it: the adopted object would be destroyed${IDP_TYPES.has(type) ? " and a new identity provider id breaks every rule that names the old one" : ""}. Make the configuration match the object's force-new attributes.` });
    } else if (replaces && IDP_TYPES.has(type)) {
      out.push({ code: "identity-provider-replaced", address, message: `${address} is replaced: the new identity provider gets a new id, and every Access rule and allowed_idps entry naming the old one breaks.` });
    } else if (replaces && type === "okta_app_oauth") {
      out.push({ code: "okta-app-replaced", address, message: `${address} is replaced: a new client id and secret sign everybody out.` });
    }
    if (actions.includes("update") && (type === "okta_app_oauth" || IDP_TYPES.has(type))) {
      // Sensitive values are in a JSON plan in clear (marked in *_sensitive); compare, never print.
      const pick = (side: string) => (type === "okta_app_oauth" ? own(block(own(change, side)), "client_basic_secret") : own(block(own(block(own(change, side)), "config")), "client_secret"));
      const before = pick("before");
      const after = pick("after");
      if (typeof before === "string" && before !== "" && typeof after === "string" && after !== "" && before !== after) {
        out.push({ code: "secret-replaced", address, message: `${address} changes the client secret (values not shown): ${type === "okta_app_oauth" ? "Okta gets a new secret" : "Cloudflare gets a different secret"}; the other side must change in the same apply, or sign-in breaks.` });
      }
    }
    if (IDP_TYPES.has(type) && (actions.includes("update") || actions.includes("create"))) {
      const after = block(own(change, "after"));
      if (after === undefined) continue;
      const unknown = block(own(change, "after_unknown"));
      const config = block(own(after, "config"));
      const secretUnknown = own(block(own(unknown, "config")), "client_secret") === true;
      const secret = own(config, "client_secret");
      if (!secretUnknown && (secret === null || secret === undefined || secret === "")) {
        out.push({ code: "secret-blanked", address, message: `${address} would be ${actions.includes("create") ? "created" : "updated"} with an empty client secret (value not shown): sign-in through it fails. After an import, give the current secret through the construct's adopt option.` });
      }
    }
  }
  return out;
}

/** The `importing` id of each plan change that imports (for the plan summary). */
export function planImports(plan: unknown): { address: string; importId: string }[] {
  const out: { address: string; importId: string }[] = [];
  const changes = own(plan, "resource_changes");
  for (const rc of Array.isArray(changes) ? changes : []) {
    const importing = own(own(rc, "change"), "importing");
    const address = str(own(rc, "address"));
    const id = str(own(importing, "id"));
    if (address !== undefined && id !== undefined) out.push({ address, importId: id });
  }
  return out;
}
