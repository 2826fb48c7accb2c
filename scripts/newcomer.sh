#!/usr/bin/env bash
# The README's Install and first stack, run literally from an empty folder:
# packs this checkout (scripts/pack.sh) where the README's step 1
# would leave the tarball, then runs the README's own shell blocks and files
# (extracted by scripts/readme-blocks.js) in a new temporary folder: npm init,
# npm install from the registry and the tarball, cdktf.json, tsconfig.json,
# main.ts, `npx cdktf synth` through the cdktf CLI's default path, and checks
# the Terraform JSON (scripts/check-newcomer.js). Step 1's git clone is the one
# thing replaced: CI reaches only package registries, so this checkout is
# packed instead. KEEP=1 keeps the folder for inspection.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/newcomer.XXXXXX")"
if [ "${KEEP:-0}" = "1" ]; then echo "[newcomer] keeping $work" >&2; else trap 'rm -rf "$work"' EXIT; fi
export CHECKPOINT_DISABLE=1

node "$repo/scripts/readme-blocks.js" "$repo/README.md" "$work/blocks"
for needed in pack.sh shell.sh synth.sh files/cdktf.json files/tsconfig.json files/main.ts; do
  [ -f "$work/blocks/$needed" ] || { echo "[newcomer] ERROR: the README has no marked block for $needed" >&2; exit 1; }
done

# Step 1, on this checkout: the tarball goes where `git clone` + `npm pack` put it.
clone_dir="$(grep -m1 -o '^cd [A-Za-z0-9._-]*' "$work/blocks/pack.sh" | cut -c4-)"
expected="$(grep -m1 -o 'cdktf-okta-cloudflare-access-[0-9][0-9.]*\.tgz' "$work/blocks/pack.sh")"
tarball="$(bash "$repo/scripts/pack.sh" "$work/$clone_dir")"
if [ "$(basename "$tarball")" != "$expected" ]; then
  echo "[newcomer] ERROR: npm pack wrote $(basename "$tarball"), the README names $expected: update the README's Install" >&2
  exit 1
fi

# Step 2: the README's commands, verbatim, from the empty folder.
cd "$work"
echo "[newcomer] running the README's install commands in $work" >&2
bash -euo pipefail "$work/blocks/shell.sh"
project="$(grep -m1 -o '^mkdir [A-Za-z0-9._-]*' "$work/blocks/shell.sh" | cut -c7-)"
cd "$work/$project"

# Step 3: the README's files.
cp "$work/blocks/files/"* .

# Step 4: synthesize as the README says.
echo "[newcomer] running the README's synth commands" >&2
bash -euo pipefail "$work/blocks/synth.sh"
node "$repo/scripts/check-newcomer.js" cdktf.out

# Errors point at the user's code, not into node_modules (issue 10, item 5).
cat > bad-input.js <<'JS'
const { App, TerraformStack } = require("cdktf");
const { OktaAccessIdentityProvider } = require("cdktf-okta-cloudflare-access");
const stack = new TerraformStack(new App(), "bad");
try {
  new OktaAccessIdentityProvider(stack, "Okta", { accountId: "0123456789abcdef0123456789abcdef", teamDomain: "https://example", oktaOrgUrl: "https://dev-123456.okta.com" });
  console.error("[newcomer] FAIL: bad input was accepted");
  process.exit(1);
} catch (e) {
  const frame = e.stack.split("\n").find((line) => /^\s+at /.test(line)) || "";
  if (!frame.includes("bad-input.js") || frame.includes("node_modules")) {
    console.error(`[newcomer] FAIL: the error's first frame is not the user's line: ${frame}`);
    process.exit(1);
  }
  console.log(`[newcomer] OK: the error names the property and its first frame is the user's line (${frame.trim()})`);
}
JS
node bad-input.js
