import { findLiteralSecrets, isSecretKey, isSecretPosition, MASK, maskSecrets, secretValueNames } from "../../src/review/secrets";
import { handWrittenIdp } from "./helpers";

const stack = (json: any) => ({ name: "s", file: "s.tf.json", json });

describe("secrets", () => {
  test("recognizes the credential attributes of both providers and Terraform backends", () => {
    for (const key of ["client_secret", "client_basic_secret", "client_basic_secret_wo", "secret", "api_token", "private_key", "access_token", "password", "secret_key", "token"]) {
      expect(isSecretKey(key)).toBe(true);
    }
    for (const key of ["client_id", "omit_secret_version", "token_endpoint_auth_method", "secret_version", "name"]) {
      expect(isSecretKey(key)).toBe(false);
    }
    // A credential's name: only the block kinds where the schemas give it another meaning say otherwise (an Access rule's service token id).
    expect(isSecretKey("service_token")).toBe(true);
    expect(isSecretPosition("cloudflare_zero_trust_access_policy", ["include", 0, "service_token"])).toBe(false);
    expect(isSecretPosition(undefined, ["service_token"])).toBe(true);
  });

  test("references are not literal secrets", () => {
    expect(findLiteralSecrets(stack(handWrittenIdp()))).toEqual([]);
  });

  test("finds a literal client secret, a provider token and a variable's default, and never keeps the value", () => {
    const json = handWrittenIdp((j) => {
      j.resource.cloudflare_zero_trust_access_identity_provider.okta.config.client_secret = "s3cr3t-value";
      j.provider = { okta: [{ org_name: "acme", api_token: "00abcdefTOKEN" }] };
      j.variable = { okta_client_secret: { type: "string", default: "s3cr3t-default" }, client_secret: { type: "string", default: "literal" } };
    });
    const found = findLiteralSecrets(stack(json));
    expect(found.map((f) => `${f.block} ${f.attribute}`)).toEqual([
      "cloudflare_zero_trust_access_identity_provider.okta config.client_secret",
      "provider.okta[0] api_token",
      "variable.okta_client_secret default",
      "variable.client_secret default",
    ]);
    expect(JSON.stringify(found)).not.toMatch(/s3cr3t|TOKEN|literal/);
  });

  test("a $${ escape is a literal; empty strings and booleans are not secrets", () => {
    const json = handWrittenIdp((j) => {
      j.resource.okta_app_oauth.cloudflare.client_basic_secret = "$${not-interpolated}";
      j.resource.okta_app_oauth.cloudflare.omit_secret = false;
      j.resource.cloudflare_zero_trust_access_identity_provider.okta.config.client_secret = "";
    });
    // "$${x}" is a literal string in Terraform: it is reported.
    expect(findLiteralSecrets(stack(json)).map((f) => f.attribute)).toEqual(["client_basic_secret"]);
  });

  test("masks literal secrets, keeps references and other values", () => {
    expect(maskSecrets({ client_secret: "abc", client_id: "id", nested: [{ secret: "x" }], ref: "${a.b.client_secret}" })).toEqual({
      client_secret: MASK,
      client_id: "id",
      nested: [{ secret: MASK }],
      ref: "${a.b.client_secret}",
    });
  });

  test("names the locals and variables a review must mask: those flowing into a secret position, credential-named, sensitive", () => {
    const json = handWrittenIdp((j) => {
      j.locals = { hidden: "${local.inner}", inner: "${var.plain}", team: "eng", okta_api_token: "x" };
      j.variable = { plain: { default: "p" }, token: { sensitive: true }, other: { default: "o" } };
      j.resource.cloudflare_zero_trust_access_identity_provider.okta.config.client_secret = "${local.hidden}";
    });
    expect([...secretValueNames(json)].sort()).toEqual(["local.hidden", "local.inner", "local.okta_api_token", "var.plain", "var.token"]);
  });
});
