#!/usr/bin/env bash
# Gets the real Terraform providers for the end-to-end tests without the
# Terraform registry, and a Terraform (or OpenTofu) binary to run them.
#
#   bash scripts/providers.sh           # prints what it does; exit 0 when ready
#
# 1. Providers: both ends of the supported range, as two pairs that the suite
#    runs separately:
#      old = okta/okta 4.20.0 + cloudflare/cloudflare 5.14.0 (the oldest
#            versions the library supports)
#      new = okta/okta 6.12.0 + cloudflare/cloudflare 5.22.0
#    Binaries already in the cache are reused; otherwise
#    `go install <module>@<commit>` builds them into the cache (the release
#    tags lack the Go /vN module suffix, so we install by commit).
# 2. Per pair, a filesystem mirror in .e2e/mirror/<pair> (git-ignored) that
#    links to that pair's two binaries only, and a CLI config,
#    .e2e/terraform-<pair>.rc, that makes `terraform init` use only that
#    mirror: init is offline and cannot pick the other pair's versions.
#    .e2e/terraform.rc names the mirrors of every ready pair (the upgrade test
#    uses it; so can cdktf's matchers in your own tests).
# 3. The Terraform binary: `terraform` on PATH, else a pinned OpenTofu built
#    with `go install` into the cache and used as TERRAFORM_BINARY_NAME=tofu.
# The result is .e2e/providers.env, which the suite reads: the ready pairs,
# their versions and CLI configs, and why any other pair cannot run.
#
# Environment:
#   CDKTF_OKTA_PROVIDER_CACHE  binary cache (default ~/.cache/cdktf-okta-cloudflare-access/bin)
#   E2E_PAIRS                  the pairs to prepare, e.g. "new" (default "old new")
#   E2E_OUTPUT_DIR             where the mirrors, CLI configs and providers.env go (default .e2e; the suite reads .e2e)
#   E2E_USE_REGISTRY=1         skip 1 and 2: terraform init downloads from the registry
#   TERRAFORM_BINARY_NAME      use this binary instead of looking for one
#
# Exit status: 0 every pair asked for is ready; 3 a provider or Terraform
# could not be obtained (the messages name the pair, the command and what the
# Go proxy answered; providers.env still lists the pairs that are ready);
# 1 other errors.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"

CACHE="${CDKTF_OKTA_PROVIDER_CACHE:-$HOME/.cache/cdktf-okta-cloudflare-access/bin}"
E2E_DIR="${E2E_OUTPUT_DIR:-$ROOT/.e2e}"
MIRROR_ROOT="$E2E_DIR/mirror"
CLI_CONFIG="$E2E_DIR/terraform.rc"
ENV_FILE="$E2E_DIR/providers.env"
OPENTOFU_MODULE="github.com/opentofu/opentofu/cmd/tofu"
OPENTOFU_VERSION="v1.10.6"

# name | Go module | commit (= release tag) | version
PROVIDERS=(
  "okta|github.com/okta/terraform-provider-okta|1924ec5199ea47d90fef4e4abeb602d125bab779|4.20.0"
  "cloudflare|github.com/cloudflare/terraform-provider-cloudflare|262c3ddc486915fcb291224e5453dc32d3e25602|5.14.0"
  "okta|github.com/okta/terraform-provider-okta|e59c130b0b6e4b9f76aacbba437515cd5e95cc71|6.12.0"
  "cloudflare|github.com/cloudflare/terraform-provider-cloudflare|a2efdc5786ae9726d56928dbfe91933bd92404ca|5.22.0"
)

# pair | okta version | cloudflare version (each a version listed above)
PAIRS=(
  "old|4.20.0|5.14.0"
  "new|6.12.0|5.22.0"
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
# Terraform's mirror layout wants it. On failure: prints the proxy's answer
# as an ERROR, puts it in BUILD_FAILURE (one line) and returns 1; the pairs
# that need this binary are then not run, the others still are.
BUILD_FAILURE=""
build_provider() {
  local name="$1" module="$2" commit="$3" version="$4" target="$5"
  BUILD_FAILURE=""
  if ! command -v go >/dev/null 2>&1; then
    BUILD_FAILURE="terraform-provider-$name $version is not in $CACHE and Go is not installed to build it"
    printf '[providers] ERROR: %s\n' "$BUILD_FAILURE" "install Go >= 1.23, or put a binary at $target" >&2
    return 1
  fi
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
    BUILD_FAILURE="could not build terraform-provider-$name $version: go install answered: $answer"
    printf '[providers] ERROR: %s\n' "$BUILD_FAILURE" \
      "command: GOBIN=$CACHE go install $module@$commit" \
      "the Go module proxy ($(go env GOPROXY)) answered as shown above." \
      "Fix: allow that module version in the proxy, set GOPROXY/GOPRIVATE to a source that serves it, or put a binary built from commit $commit at $target." >&2
    return 1
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

# A CLI config whose providers come only from the given mirror directories,
# so terraform init never contacts a registry. With several mirrors,
# Terraform takes the newest version the configuration allows across them.
write_cli_config() {
  local file="$1"; shift
  {
    echo "# Written by scripts/providers.sh. Providers come only from the local"
    echo "# filesystem mirror(s) below, so terraform init never contacts a registry."
    echo "provider_installation {"
    local dir
    for dir in "$@"; do
      echo "  filesystem_mirror {"
      echo "    path    = \"$dir\""
      echo "    include = ["
      echo "      \"registry.terraform.io/okta/okta\","
      echo "      \"registry.terraform.io/cloudflare/cloudflare\","
      echo "      \"registry.opentofu.org/okta/okta\","
      echo "      \"registry.opentofu.org/cloudflare/cloudflare\","
      echo "    ]"
      echo "  }"
    done
    echo "}"
  } >"$file"
}

mkdir -p "$E2E_DIR"
rm -f "$ENV_FILE"
PLATFORM="$(platform)"
REGISTRY="${E2E_USE_REGISTRY:-}"

read -r -a WANTED <<<"${E2E_PAIRS:-old new}"
[ "${#WANTED[@]}" -gt 0 ] || fail 1 "E2E_PAIRS is empty (the pairs are: ${PAIRS[*]%%|*})"
for want in "${WANTED[@]}"; do
  known=0
  for pair in "${PAIRS[@]}"; do [ "${pair%%|*}" = "$want" ] && known=1; done
  [ "$known" = 1 ] || fail 1 "E2E_PAIRS names an unknown pair: $want (the pairs are: ${PAIRS[*]%%|*})"
done

# The binaries of the wanted pairs, each reused or built once.
declare -A BINARY_OF=() MISSING=()
[ "$REGISTRY" = "1" ] && say "E2E_USE_REGISTRY=1: terraform init downloads okta/okta and cloudflare/cloudflare from the registry; no mirror"
for want in "${WANTED[@]}"; do
  for pair in "${PAIRS[@]}"; do
    IFS='|' read -r pair_name okta_version cloudflare_version <<<"$pair"
    [ "$pair_name" = "$want" ] || continue
    for entry in "${PROVIDERS[@]}"; do
      IFS='|' read -r name module commit version <<<"$entry"
      [ "$version" = "$([ "$name" = okta ] && echo "$okta_version" || echo "$cloudflare_version")" ] || continue
      key="$name@$version"
      [ -n "${BINARY_OF[$key]:-}${MISSING[$key]:-}" ] && continue
      if [ "$REGISTRY" = "1" ]; then
        BINARY_OF[$key]="registry"
        continue
      fi
      mkdir -p "$CACHE"
      binary="$CACHE/terraform-provider-${name}_v${version}"
      if [ -x "$binary" ]; then
        say "reusing $binary"
      elif ! build_provider "$name" "$module" "$commit" "$version" "$binary"; then
        MISSING[$key]="$BUILD_FAILURE"
        continue
      fi
      say "  $(describe_binary "$module" "$commit" "$binary")"
      BINARY_OF[$key]="$binary"
    done
  done
done

# Each wanted pair is ready (a mirror of exactly its two binaries, and a CLI
# config naming only that mirror) or not run, with the reason.
READY=() NOT_RUN=() PAIR_LINES=() READY_MIRRORS=()
[ "$REGISTRY" = "1" ] || rm -rf "$MIRROR_ROOT" "$E2E_DIR"/terraform-*.rc "$CLI_CONFIG"
for want in "${WANTED[@]}"; do
  for pair in "${PAIRS[@]}"; do
    IFS='|' read -r pair_name okta_version cloudflare_version <<<"$pair"
    [ "$pair_name" = "$want" ] || continue
    label="pair $pair_name (okta $okta_version + cloudflare $cloudflare_version)"
    PAIR_LINES+=("E2E_PAIR_${pair_name}_VERSIONS=okta=$okta_version cloudflare=$cloudflare_version")
    reasons=""
    for key in "okta@$okta_version" "cloudflare@$cloudflare_version"; do
      [ -n "${MISSING[$key]:-}" ] && reasons="${reasons:+$reasons; }${MISSING[$key]}"
    done
    if [ -n "$reasons" ]; then
      NOT_RUN+=("$pair_name")
      PAIR_LINES+=("E2E_PAIR_${pair_name}_NOT_RUN=$reasons")
      say "$label: NOT RUN: $reasons"
      continue
    fi
    READY+=("$pair_name")
    if [ "$REGISTRY" = "1" ]; then
      PAIR_LINES+=("E2E_PAIR_${pair_name}_CLI_CONFIG=")
      say "$label: ready (from the registry)"
      continue
    fi
    mirror="$MIRROR_ROOT/$pair_name"
    for key in "okta@$okta_version" "cloudflare@$cloudflare_version"; do
      name="${key%@*}" version="${key#*@}"
      # cdktf writes `source = "okta/okta"`: Terraform reads that as
      # registry.terraform.io/okta/okta, OpenTofu as registry.opentofu.org/okta/okta.
      for host in registry.terraform.io registry.opentofu.org; do
        dir="$mirror/$host/$name/$name/$version/$PLATFORM"
        mkdir -p "$dir"
        ln -sfn "${BINARY_OF[$key]}" "$dir/terraform-provider-${name}_v${version}"
      done
    done
    write_cli_config "$E2E_DIR/terraform-$pair_name.rc" "$mirror"
    READY_MIRRORS+=("$mirror")
    PAIR_LINES+=("E2E_PAIR_${pair_name}_CLI_CONFIG=$E2E_DIR/terraform-$pair_name.rc")
    say "$label: ready; mirror $mirror ($PLATFORM), CLI config $E2E_DIR/terraform-$pair_name.rc"
  done
done
MIRROR_CONFIG=""
if [ "$REGISTRY" != "1" ] && [ "${#READY_MIRRORS[@]}" -gt 0 ]; then
  write_cli_config "$CLI_CONFIG" "${READY_MIRRORS[@]}"
  MIRROR_CONFIG="$CLI_CONFIG"
  say "CLI config with every ready pair's mirror: $CLI_CONFIG (set TF_CLI_CONFIG_FILE to it)"
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

{
  echo "TERRAFORM_BINARY_NAME=$BINARY"
  echo "E2E_EXTRA_PATH=$EXTRA_PATH"
  echo "E2E_USE_REGISTRY=$REGISTRY"
  echo "E2E_TF_CLI_CONFIG_FILE=$MIRROR_CONFIG"
  echo "E2E_PLATFORM=$PLATFORM"
  echo "E2E_PAIRS_READY=${READY[*]}"
  echo "E2E_PAIRS_NOT_RUN=${NOT_RUN[*]}"
  printf '%s\n' "${PAIR_LINES[@]}"
} >"$ENV_FILE"
if [ "${#NOT_RUN[@]}" -gt 0 ]; then
  fail 3 "not ready: pair(s) ${NOT_RUN[*]} (ready: ${READY[*]:-none}); $ENV_FILE lists what can run"
fi
say "ready: $ENV_FILE (pairs: ${READY[*]})"
