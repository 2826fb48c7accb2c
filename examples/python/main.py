#!/usr/bin/env python3
"""The Python example: Okta sign-in for Cloudflare Access, a wiki protected
for Okta groups, a reusable Access group and SCIM provisioning.

It builds the stack of examples/basic (providers, backend, the identity
provider and its outputs) plus protect_application, a GroupsClaim filter,
ScimOptions and access_group. twin.ts beside it is the same program in
TypeScript: CI checks that both synthesize byte-identical cdk.tf.json.

Settings come from environment variables; the defaults are placeholders so
the app synthesizes offline without credentials. The providers take
OKTA_API_TOKEN and CLOUDFLARE_API_TOKEN from the environment at plan and
apply time; nothing here reads a credential.
"""
import os
from urllib.parse import urlparse

from cdktf import App, LocalBackend, S3Backend, TerraformOutput, TerraformStack
from constructs import Construct

from cdktf_okta_cloudflare_access import (
    GroupsClaim,
    OktaAccessIdentityProvider,
    ScimIdentityUpdateBehavior,
    ScimOptions,
)
from cdktf_okta_cloudflare_access.cloudflare import CloudflareProvider
from cdktf_okta_cloudflare_access.okta import OktaProvider

# Placeholder settings: replace them through the environment.
DEFAULTS = {
    "CLOUDFLARE_ACCOUNT_ID": "0123456789abcdef0123456789abcdef",
    "CLOUDFLARE_TEAM_DOMAIN": "example.cloudflareaccess.com",
    "OKTA_ORG_URL": "https://dev-123456.okta.com",
    # The Cloudflare zone the wiki lives in.
    "APP_ZONE": "example.com",
}


def setting(name: str) -> str:
    return os.environ.get(name) or DEFAULTS[name]


class PythonExampleStack(TerraformStack):
    def __init__(self, scope: Construct, id: str) -> None:
        super().__init__(scope, id)
        okta_org_url = setting("OKTA_ORG_URL")

        # The Okta provider wants the org split into name and base URL. Its
        # token must be an SSWS API token (OKTA_API_TOKEN): under OAuth 2.0 it
        # silently skips the groups claim that Access rules depend on.
        okta_host = urlparse(okta_org_url).hostname or ""
        OktaProvider(self, "okta", org_name=okta_host.split(".")[0], base_url=".".join(okta_host.split(".")[1:]))
        CloudflareProvider(self, "cloudflare")

        # The Okta client secret lives in Terraform state: keep state in an
        # encrypted remote backend (TF_STATE_BUCKET); local state is only for
        # trying the example out.
        if os.environ.get("TF_STATE_BUCKET"):
            S3Backend(
                self,
                bucket=os.environ["TF_STATE_BUCKET"],
                key=f"{id}/terraform.tfstate",
                region=os.environ.get("AWS_REGION") or "us-east-1",
                encrypt=True,
            )
        else:
            LocalBackend(self, path=os.environ.get("TF_STATE_PATH") or f"terraform.{id}.tfstate")

        self.okta = OktaAccessIdentityProvider(
            self,
            "Okta",
            account_id=setting("CLOUDFLARE_ACCOUNT_ID"),
            team_domain=setting("CLOUDFLARE_TEAM_DOMAIN"),
            okta_org_url=okta_org_url,
            # Only the groups Access rules use go into the ID token.
            groups_claim=GroupsClaim.matching_regex("^(Engineering|SRE)$"),
            # Okta pushes users to Cloudflare: a user deactivated in Okta loses
            # their Access sessions and seat at once.
            scim=ScimOptions(
                user_deprovision=True,
                seat_deprovision=True,
                identity_update_behavior=ScimIdentityUpdateBehavior.REAUTH,
            ),
        )

        # Only Okta group "Engineering" may open the wiki.
        self.wiki = self.okta.protect_application(
            "Wiki",
            domain=f"wiki.{setting('APP_ZONE')}",
            allowed_okta_groups=["Engineering"],
            name="Team wiki",
            session_duration="8h",
        )

        # A reusable Access group for policies written by hand elsewhere.
        engineers = self.okta.access_group("Engineers", okta_groups=["Engineering", "SRE"])

        TerraformOutput(self, "identity_provider_id", value=self.okta.identity_provider_id)
        TerraformOutput(self, "okta_client_id", value=self.okta.client_id)
        TerraformOutput(self, "redirect_uri", value=self.okta.redirect_uri)
        TerraformOutput(self, "wiki_aud", value=self.wiki.aud, description="AUD tag of the team wiki's Access application")
        TerraformOutput(self, "engineers_access_group_id", value=engineers.id)
        # Paste these into the Okta app's Provisioning settings; the secret
        # must stay sensitive (synthesis fails otherwise).
        TerraformOutput(self, "scim_base_url", value=self.okta.scim_base_url)
        TerraformOutput(self, "scim_secret", value=self.okta.scim_secret, sensitive=True)


def build(app: App) -> PythonExampleStack:
    return PythonExampleStack(app, "okta-access-python")


if __name__ == "__main__":
    app = App()
    build(app)
    app.synth()
