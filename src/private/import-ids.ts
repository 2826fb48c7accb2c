/**
 * The one place that knows the import id of every resource our constructs
 * adopt, and the shape of the ids users pass. Checked in the providers'
 * importers at the pinned versions (PROVIDER-FACTS.md): Okta app and
 * exclusive assignments `<app id>`, additive assignment `<app id>/<group id>`,
 * authorization server claim `<server id>/<claim id>`; Cloudflare identity
 * provider, application and group `accounts/<id>/<id>` or `zones/<id>/<id>`,
 * reusable policy `<account id>/<id>`.
 */
import { Token } from "cdktf";
import { invalid } from "./validation";

/** Okta object ids: a 3-character type prefix and 17 letters or digits. */
const OKTA_ID = /^[0-9a-z]{3}[0-9A-Za-z]{17}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Refuses a literal that is not an Okta id with `prefix` (e.g. `0oa` for apps). */
export function requireOktaId(where: string, property: string, value: unknown, prefix: string, what: string): void {
  if (Token.isUnresolved(value)) return;
  if (typeof value !== "string" || !OKTA_ID.test(value) || !value.startsWith(prefix)) {
    throw invalid(where, property, `the id of an existing ${what}: "${prefix}" and 17 letters or digits, such as "${prefix}1b2c3d4e5f6g7h8i9"`, value);
  }
}

/** Refuses a literal that is not a Cloudflare object id (a lowercase UUID), naming the common mistakes. */
export function requireCloudflareUuid(where: string, property: string, value: unknown, what: string): void {
  if (Token.isUnresolved(value)) return;
  if (typeof value === "string" && UUID.test(value)) return;
  const hint = typeof value === "string" && /^(accounts|zones)\//.test(value) ? " without the accounts/<id>/ or zones/<id>/ prefix (the construct adds it)" : "";
  throw invalid(where, property, `the id of an existing ${what}, a UUID such as "0d7c1c8e-3f3a-4c55-9b1e-2f8d6a4b7e10"${hint}`, value);
}

/** `accounts/<account>/<id>` or `zones/<zone>/<id>`: identity providers, applications, Access groups. */
export function scopedImportId(accountId: string | undefined, zoneId: string | undefined, id: string): string {
  return accountId !== undefined ? `accounts/${accountId}/${id}` : `zones/${zoneId}/${id}`;
}

/** `<account>/<id>`: reusable Access policies. */
export function policyImportId(accountId: string, id: string): string {
  return `${accountId}/${id}`;
}

/** `<app id>/<group id>`: one additive group assignment. */
export function assignmentImportId(appId: string, groupId: string): string {
  return `${appId}/${groupId}`;
}

/** `<server id>/<claim id>`: an authorization server claim. */
export function claimImportId(serverId: string, claimId: string): string {
  return `${serverId}/${claimId}`;
}
