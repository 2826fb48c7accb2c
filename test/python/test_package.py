"""The installed Python package, seen from Python (run by scripts/test-python.sh
in a virtual environment holding the built wheel; not part of jest).

Each test checks what a Python user meets: errors that name their spelling of
a property and can be caught, the review CLI the wheel installs, and the
wheel's metadata.
"""
import importlib.metadata
import json
import os
import subprocess
import sys
import tempfile
import unittest

from cdktf import App, Testing, TerraformStack

from cdktf_okta_cloudflare_access import AppGroupsClaim, GroupsClaim, OktaAccessIdentityProvider
from cdktf_okta_cloudflare_access.cloudflare import CloudflareProvider
from cdktf_okta_cloudflare_access.okta import OktaProvider

# The core this distribution is built on (scripts/test-python.sh rewrites the
# names of this file for the cdktn distribution).
CORE = "cdktf"
ACCOUNT_ID = "0123456789abcdef0123456789abcdef"
ADMIN_URL = "https://dev-123456-admin.okta.com"


def new_stack() -> TerraformStack:
    return TerraformStack(Testing.app(), "s")


class ErrorsNameThePythonSpelling(unittest.TestCase):
    def test_a_bad_okta_org_url_raises_a_catchable_error_naming_okta_org_url(self):
        stack = new_stack()
        with self.assertRaises(RuntimeError) as caught:
            OktaAccessIdentityProvider(stack, "Okta", account_id=ACCOUNT_ID, team_domain="example", okta_org_url=ADMIN_URL)
        message = str(caught.exception)
        self.assertIn('OktaAccessIdentityProvider "s/Okta": okta_org_url (oktaOrgUrl) must be the Okta org URL', message)
        self.assertIn('use "https://dev-123456.okta.com"', message)
        self.assertIn(f'received "{ADMIN_URL}"', message)
        # Caught, the program goes on: the same stack takes a correct one.
        okta = OktaAccessIdentityProvider(
            stack, "Okta2", account_id=ACCOUNT_ID, team_domain="example", okta_org_url="https://dev-123456.okta.com"
        )
        self.assertEqual(okta.redirect_uri, "https://example.cloudflareaccess.com/cdn-cgi/access/callback")
        synthesized = json.loads(Testing.synth(stack))
        self.assertIn("okta_app_oauth", synthesized["resource"])

    def test_a_method_option_is_named_in_both_spellings(self):
        okta = OktaAccessIdentityProvider(
            new_stack(), "Okta", account_id=ACCOUNT_ID, team_domain="example", okta_org_url="https://dev-123456.okta.com"
        )
        with self.assertRaises(RuntimeError) as caught:
            okta.protect_application("Wiki", domain="wiki.example.com", allowed_okta_groups=["Eng"], session_duration="1d")
        self.assertIn('session_duration (sessionDuration) must be a positive duration', str(caught.exception))
        self.assertIn('received "1d"', str(caught.exception))

    def test_a_single_word_property_keeps_its_one_spelling(self):
        with self.assertRaises(RuntimeError) as caught:
            GroupsClaim.matching_regex("(")
        message = str(caught.exception)
        self.assertRegex(message, r"^Error: GroupsClaim\.matchingRegex: pattern must be ")
        self.assertIn('received "("', message)
        self.assertNotIn("pattern (pattern)", message)


class TheAppGroupsClaimFromPython(unittest.TestCase):
    def stack(self) -> TerraformStack:
        stack = new_stack()
        OktaProvider(stack, "okta", org_name="dev-123456", base_url="okta.com")
        CloudflareProvider(stack, "cloudflare")
        stack.add_override("terraform.required_providers.okta.version", ">= 6.6.0, <= 6.12.0")
        return stack

    def test_remove_drops_the_apps_claim_with_a_custom_server(self):
        stack = self.stack()
        okta = OktaAccessIdentityProvider(
            stack, "Okta", account_id=ACCOUNT_ID, team_domain="example", okta_org_url="https://dev-123456.okta.com",
            authorization_server_id="aus1b2c3d4e5f6g7h8i9", app_groups_claim=AppGroupsClaim.REMOVE,
        )
        self.assertEqual(AppGroupsClaim.REMOVE.name, "REMOVE")
        self.assertFalse(okta.app_groups_claim_issued)
        self.assertEqual(okta.groups_claim_source, "authorization-server")
        app = list(json.loads(Testing.synth(stack))["resource"]["okta_app_oauth"].values())[0]
        self.assertNotIn("groups_claim", app)

    def test_a_string_instead_of_an_app_groups_claim_is_refused_before_it_reaches_the_construct(self):
        # jsii's runtime type check refuses it in Python; the construct's own
        # check (appGroupsClaim must be AppGroupsClaim.AUTO, ...) covers callers without one.
        with self.assertRaises(TypeError) as caught:
            OktaAccessIdentityProvider(
                self.stack(), "Okta", account_id=ACCOUNT_ID, team_domain="example", okta_org_url="https://dev-123456.okta.com",
                authorization_server_id="aus1b2c3d4e5f6g7h8i9", app_groups_claim="REMOVE",
            )
        self.assertIn("app_groups_claim", str(caught.exception))
        self.assertIn("AppGroupsClaim", str(caught.exception))


class TheReviewCliOfTheWheel(unittest.TestCase):
    def cli(self, *args):
        script = os.path.join(os.path.dirname(sys.executable), "cdktf-okta-access")
        return subprocess.run([script, *args], capture_output=True, text=True, timeout=120)

    def test_a_missing_directory_points_to_cdktf_synth_not_npm(self):
        with tempfile.TemporaryDirectory() as parent:
            result = self.cli("review", os.path.join(parent, "cdktf.out"))
        self.assertNotEqual(result.returncode, 0)
        self.assertIn('does not exist (run "cdktf synth" first)', result.stderr)
        self.assertNotIn("npm", result.stdout + result.stderr)

    def test_it_reviews_a_python_synth(self):
        with tempfile.TemporaryDirectory() as outdir:
            app = App(outdir=outdir)
            stack = TerraformStack(app, "access")
            OktaProvider(stack, "okta", org_name="dev-123456", base_url="okta.com")
            CloudflareProvider(stack, "cloudflare")
            OktaAccessIdentityProvider(
                stack, "Okta", account_id=ACCOUNT_ID, team_domain="example", okta_org_url="https://dev-123456.okta.com"
            )
            app.synth()
            result = self.cli("review", outdir, "--format", "json")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual([s["name"] for s in json.loads(result.stdout)["stacks"]], ["access"])


class TheWheelsMetadata(unittest.TestCase):
    metadata = importlib.metadata.metadata("cdktf-okta-cloudflare-access")

    def test_licence_python_versions_and_readme(self):
        self.assertIn("License :: OSI Approved :: Apache Software License", self.metadata.get_all("Classifier"))
        # jsii-pacmak writes ~=3.9; the package needs 3.10 (scripts/package.js).
        self.assertEqual(self.metadata["Requires-Python"], ">=3.10")
        versions = [c.rsplit(" :: ", 1)[1] for c in self.metadata.get_all("Classifier") if c.startswith("Programming Language :: Python :: 3.")]
        self.assertEqual(versions, ["3.10", "3.11", "3.12", "3.13"])
        self.assertEqual(self.metadata["Description-Content-Type"], "text/markdown")
        self.assertIn("pip install cdktf-okta-cloudflare-access", self.metadata["Description"] or self.metadata.get_payload())

    def test_requires_its_core_and_no_prebuilt_provider_package(self):
        requires = [r.split(" ")[0].split(">")[0].split("<")[0].split("=")[0] for r in self.metadata.get_all("Requires-Dist")]
        self.assertIn(CORE, requires)
        self.assertIn("constructs", requires)
        self.assertEqual([r for r in requires if "provider" in r or r in ("cdktf", "cdktn")], [CORE])

    def test_project_urls(self):
        urls = dict(u.split(", ", 1) for u in self.metadata.get_all("Project-URL"))
        self.assertEqual(sorted(urls), ["Changelog", "Documentation", "Issues", "Source"])
        self.assertTrue(urls["Documentation"].endswith("/API.python.md"))
        self.assertFalse(urls["Source"].endswith(".git"))

    def test_installed_from_the_built_wheel(self):
        direct_url = importlib.metadata.distribution("cdktf-okta-cloudflare-access").read_text("direct_url.json")
        self.assertIsNotNone(direct_url, "not installed from a file: pip may have taken the name from an index")
        self.assertRegex(json.loads(direct_url)["url"], r"^file://.*/dist/python/cdktf_okta_cloudflare_access-[^/]+\.whl$")


if __name__ == "__main__":
    program = unittest.main(exit=False, verbosity=2)
    result = program.result
    failed = len(result.failures) + len(result.errors)
    print(f"python: {result.testsRun - failed} passed, {failed} failed")
    sys.exit(1 if failed or result.testsRun == 0 else 0)
