import * as fs from "node:fs";
import * as path from "node:path";
import { indexStack, StackIndex } from "../../src/review/stack-index";
import { JsonObject } from "../../src/review/terraform-json";
import { tempDir } from "./fixtures";

/** A stack written by hand: Terraform JSON without cdktf's metadata. */
export function handWritten(resource: JsonObject, extra: JsonObject = {}): JsonObject {
  return { terraform: { required_providers: {} }, resource, ...extra };
}

/** Indexes Terraform JSON as a stack. */
export function index(json: JsonObject, name = "hand"): StackIndex {
  return indexStack({ name, file: `${name}.tf.json`, json });
}

/** Writes Terraform JSON to a temporary `main.tf.json` and returns its path. */
export function writeStackFile(json: unknown, name = "main.tf.json"): string {
  const file = path.join(tempDir(), name);
  fs.writeFileSync(file, typeof json === "string" ? json : JSON.stringify(json));
  return file;
}

const IDP = "cloudflare_zero_trust_access_identity_provider";

/**
 * A complete hand-written setup: an Okta app with a groups claim, assigned to
 * Everyone, and the Cloudflare IdP wired to it. `change` edits the JSON.
 */
export function handWrittenIdp(change: (json: any) => void = () => undefined): JsonObject {
  const json: any = handWritten(
    {
      okta_app_oauth: {
        cloudflare: {
          label: "Access",
          type: "web",
          grant_types: ["authorization_code"],
          redirect_uris: ["https://acme.cloudflareaccess.com/cdn-cgi/access/callback"],
          pkce_required: true,
          groups_claim: [{ type: "FILTER", filter_type: "STARTS_WITH", name: "groups", value: "eng-" }],
        },
      },
      okta_app_group_assignments: {
        cloudflare: { app_id: "${okta_app_oauth.cloudflare.id}", group: [{ id: "${data.okta_everyone_group.all.id}" }] },
      },
      [IDP]: {
        okta: {
          name: "Acme Okta",
          type: "okta",
          account_id: "0123456789abcdef0123456789abcdef",
          config: {
            client_id: "${okta_app_oauth.cloudflare.client_id}",
            client_secret: "${okta_app_oauth.cloudflare.client_secret}",
            okta_account: "https://acme.okta.com",
            claims: ["groups"],
            pkce_enabled: true,
          },
        },
      },
    },
    { data: { okta_everyone_group: { all: {} } } },
  );
  change(json);
  return json;
}

/** A finding message with its marked values in double quotes, as the tests spell them. */
export function quoted(text: string): string {
  return text.replace(/[\uE000\uE001]/g, '"');
}
