#!/usr/bin/env bash
# Gets the real Terraform providers for the end-to-end tests without the
# Terraform registry, and a Terraform (or OpenTofu) binary to run them.
#
#   bash scripts/providers.sh           # prints what it does; exit 0 when ready
#
# 1. Providers: okta/okta 4.20.0 and cloudflare/cloudflare 5.14.0, the
#    versions @cdktf/provider-okta 14.1.1 and @cdktf/provider-cloudflare 13.9.1
#    are generated for. Binaries already in the cache are reused; otherwise
#    `go install <module>@<commit>` builds them into the cache (the release
#    tags lack the Go /vN module suffix, so we install by commit).
# 2. A filesystem mirror in .e2e/mirror (git-ignored) that links to the
#    cached binaries, and a CLI config, .e2e/terraform.rc, that makes
#    `terraform init` use only that mirror: init is offline.
# 3. The Terraform binary: `terraform` on PATH, else a pinned OpenTofu built
#    with `go install` into the cache and used as TERRAFORM_BINARY_NAME=tofu.
# The result is .e2e/providers.env, which `npm run test:e2e` reads.
#
# Environment:
#   CDKTF_OKTA_PROVIDER_CACHE  binary cache (default ~/.cache/cdktf-okta-cloudflare-access/bin)
#   E2E_USE_REGISTRY=1         skip 1 and 2: terraform init downloads from the registry
#   TERRAFORM_BINARY_NAME      use this binary instead of looking for one
#
# Exit status: 0 ready; 3 a provider or Terraform could not be obtained
# (the message names the command and what the Go proxy answered); 1 other errors.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"

CACHE="${CDKTF_OKTA_PROVIDER_CACHE:-$HOME/.cache/cdktf-okta-cloudflare-access/bin}"
E2E_DIR="$ROOT/.e2e"
MIRROR="$E2E_DIR/mirror"
CLI_CONFIG="$E2E_DIR/terraform.rc"
ENV_FILE="$E2E_DIR/providers.env"
OPENTOFU_MODULE="github.com/opentofu/opentofu/cmd/tofu"
OPENTOFU_VERSION="v1.10.6"

# name | Go module | commit (= release tag) | version
PROVIDERS=(
  "okta|github.com/okta/terraform-provider-okta|1924ec5199ea47d90fef4e4abeb602d125bab779|4.20.0"
  "cloudflare|github.com/cloudflare/terraform-provider-cloudflare|262c3ddc486915fcb291224e5453dc32d3e25602|5.14.0"
)

say() { printf '[providers] %s\n' "$*"; }
fail() {
  # $1 = exit status, rest = message lines
  local status="$1"; shift
  printf '[providers] ERROR: %s\n' "$@" >&2
  exit "$status"
}

platform() {
  local os arch
  if command -v go >/dev/null 2>&1; then
    os="$(go env GOOS)"; arch="$(go env GOARCH)"
  else
    os="$(uname -s | tr '[:upper:]' '[:lower:]')"
    case "$(uname -m)" in
      x86_64|amd64) arch=amd64 ;;
      aarch64|arm64) arch=arm64 ;;
      *) arch="$(uname -m)" ;;
    esac
  fi
  printf '%s_%s' "$os" "$arch"
}

# go install <module>@<commit> into the cache, then name the binary the way
# Terraform's mirror layout wants it. Exits 3 with the proxy's answer on failure.
build_provider() {
  local name="$1" module="$2" commit="$3" version="$4" target="$5"
  command -v go >/dev/null 2>&1 || fail 3 "terraform-provider-$name $version is not in $CACHE and Go is not installed to build it" \
    "install Go >= 1.23, or put a binary at $target"
  local log
  log="$(mktemp)"
  say "building terraform-provider-$name $version: GOBIN=$CACHE go install $module@$commit"
  local started=$SECONDS
  if ! GOBIN="$CACHE" go install "$module@$commit" >"$log" 2>&1; then
    sed 's/^/[providers]   go: /' "$log" >&2
    # The proxy's answer in one line, e.g. "403 Forbidden: This module version is not available."
    local status_line response
    status_line="$(grep -o '[0-9][0-9][0-9] [A-Z][A-Za-z ]*$' "$log" | head -n 1 || true)"
    response="$(grep -m1 'server response:' "$log" | sed 's/.*server response: *//' || true)"
    local answer="${status_line:-$(grep -v '^\s*$' "$log" | tail -n 1)}${response:+: $response}"
    rm -f "$log"
    fail 3 "could not build terraform-provider-$name $version: go install answered: $answer" \
      "command: GOBIN=$CACHE go install $module@$commit" \
      "the Go module proxy ($(go env GOPROXY)) answered as shown above." \
      "Fix: allow that module version in the proxy, set GOPROXY/GOPRIVATE to a source that serves it, or put a binary built from commit $commit at $target."
  fi
  rm -f "$log"
  mv "$CACHE/terraform-provider-$name" "$target"
  say "built $target in $((SECONDS - started)) s"
}

# What the binary's Go build info says about its origin.
describe_binary() {
  local module="$1" commit="$2" binary="$3"
  command -v go >/dev/null 2>&1 || { echo "origin not checked (no Go)"; return; }
  local info modline
  info="$(go version -m "$binary" 2>/dev/null || true)"
  modline="$(printf '%s\n' "$info" | awk -v m="$module" '$1 == "mod" && $2 == m { print $3 }')"
  if [ -z "$modline" ]; then
    echo "WARNING: build info does not name module $module"
  elif [[ "$modline" == *"${commit:0:12}"* ]] || grep -q "vcs.revision=$commit" <<<"$info"; then
    echo "module $module at commit ${commit:0:12} (from build info)"
  else
    echo "module $module $modline (commit not recorded in the build info: built from a source tree)"
  fi
}

mkdir -p "$E2E_DIR"
PLATFORM="$(platform)"

if [ "${E2E_USE_REGISTRY:-}" = "1" ]; then
  say "E2E_USE_REGISTRY=1: terraform init will download okta/okta and cloudflare/cloudflare from the registry; no mirror"
  MIRROR_CONFIG=""
else
  mkdir -p "$CACHE"
  rm -rf "$MIRROR"
  for entry in "${PROVIDERS[@]}"; do
    IFS='|' read -r name module commit version <<<"$entry"
    binary="$CACHE/terraform-provider-${name}_v${version}"
    if [ -x "$binary" ]; then
      say "reusing $binary"
    else
      build_provider "$name" "$module" "$commit" "$version" "$binary"
    fi
    say "  $(describe_binary "$module" "$commit" "$binary")"
    # cdktf writes `source = "okta/okta"`: Terraform reads that as
    # registry.terraform.io/okta/okta, OpenTofu as registry.opentofu.org/okta/okta.
    for host in registry.terraform.io registry.opentofu.org; do
      dir="$MIRROR/$host/$name/$name/$version/$PLATFORM"
      mkdir -p "$dir"
      ln -sfn "$binary" "$dir/terraform-provider-${name}_v${version}"
    done
  done
  cat >"$CLI_CONFIG" <<EOF
# Written by scripts/providers.sh. Providers come only from the local mirror,
# so terraform init never contacts a registry.
provider_installation {
  filesystem_mirror {
    path    = "$MIRROR"
    include = [
      "registry.terraform.io/okta/okta",
      "registry.terraform.io/cloudflare/cloudflare",
      "registry.opentofu.org/okta/okta",
      "registry.opentofu.org/cloudflare/cloudflare",
    ]
  }
}
EOF
  say "mirror: $MIRROR ($PLATFORM)"
  say "CLI config: $CLI_CONFIG (set TF_CLI_CONFIG_FILE to it)"
  MIRROR_CONFIG="$CLI_CONFIG"
fi

# The Terraform binary.
EXTRA_PATH=""
if [ -n "${TERRAFORM_BINARY_NAME:-}" ]; then
  BINARY="$TERRAFORM_BINARY_NAME"
  command -v "$BINARY" >/dev/null 2>&1 || fail 3 "TERRAFORM_BINARY_NAME=$BINARY is not on PATH"
elif command -v terraform >/dev/null 2>&1; then
  BINARY=terraform
else
  BINARY=tofu
  if ! command -v tofu >/dev/null 2>&1 && [ ! -x "$CACHE/tofu" ]; then
    command -v go >/dev/null 2>&1 || fail 3 "neither terraform nor tofu is on PATH, and Go is not installed to build OpenTofu"
    say "terraform is not on PATH: building OpenTofu: GOBIN=$CACHE go install $OPENTOFU_MODULE@$OPENTOFU_VERSION"
    started=$SECONDS
    log="$(mktemp)"
    if ! GOBIN="$CACHE" go install "$OPENTOFU_MODULE@$OPENTOFU_VERSION" >"$log" 2>&1 || [ ! -x "$CACHE/tofu" ]; then
      sed 's/^/[providers]   go: /' "$log" >&2
      hint="install Terraform or OpenTofu and put it on PATH, or set TERRAFORM_BINARY_NAME to the binary's name."
      if grep -q "replace directives" "$log"; then
        hint="OpenTofu's go.mod has replace directives, which \`go install <module>@<version>\` refuses; $hint"
      fi
      rm -f "$log"
      fail 3 "could not build OpenTofu." "command: GOBIN=$CACHE go install $OPENTOFU_MODULE@$OPENTOFU_VERSION" "$hint"
    fi
    rm -f "$log"
    say "built $CACHE/tofu in $((SECONDS - started)) s"
  fi
  command -v tofu >/dev/null 2>&1 || EXTRA_PATH="$CACHE"
fi
VERSION_LINE="$(PATH="${EXTRA_PATH:+$EXTRA_PATH:}$PATH" "$BINARY" version 2>/dev/null | sed -n 1p)"
say "terraform binary: $BINARY ($VERSION_LINE)"

cat >"$ENV_FILE" <<EOF
TERRAFORM_BINARY_NAME=$BINARY
E2E_EXTRA_PATH=$EXTRA_PATH
E2E_TF_CLI_CONFIG_FILE=$MIRROR_CONFIG
E2E_PLATFORM=$PLATFORM
EOF
say "ready: $ENV_FILE"
