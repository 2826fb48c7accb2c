#!/usr/bin/env bash
# npm run test:e2e: the providers (scripts/providers.sh), then the end-to-end
# suite (jest -c e2e/jest.config.js) for every provider pair that is ready.
# A pair whose providers could not be obtained is reported as NOT RUN, with
# the reason, and the exit status is 3 (after the ready pairs ran).
# Arguments go to jest, e.g. `npm run test:e2e -- e2e/suite/basic.e2e.ts`;
# E2E_PAIRS=new prepares and runs one pair only.
#
# Exit status: 0 every pair ran and passed; 1 a test failed; 3 a pair (or
# Terraform) could not be obtained and was not run; other: scripts/providers.sh's.
set -uo pipefail
cd "$(dirname "$0")/.."
export CHECKPOINT_DISABLE=1

providers_status=0
providers_log="$(mktemp)"
trap 'rm -f "$providers_log"' EXIT
bash scripts/providers.sh 2> >(tee "$providers_log" >&2) || providers_status=$?
wait
if [ "$providers_status" -ne 0 ] && [ "$providers_status" -ne 3 ]; then
  echo "scripts/providers.sh failed with exit $providers_status" >&2
  exit "$providers_status"
fi

env_file=.e2e/providers.env
value() { sed -n "s/^$1=//p" "$env_file" 2>/dev/null; }
ready="$(value E2E_PAIRS_READY)"

jest_status=0
if [ -n "$ready" ]; then
  npx jest -c e2e/jest.config.js "$@" || jest_status=$?
fi

if [ "$providers_status" -eq 3 ]; then
  {
    echo
    echo "################################################################################"
    not_run="$(value E2E_PAIRS_NOT_RUN)"
    if [ -n "$not_run" ]; then
      for pair in $not_run; do
        echo "E2E NOT RUN: pair $pair ($(value "E2E_PAIR_${pair}_VERSIONS" | sed 's/=/ /g; s/ cloudflare/ + cloudflare/')): $(value "E2E_PAIR_${pair}_NOT_RUN")"
      done
      echo "E2E NOT RUN: the upgrade test (old pair, then new): it needs both pairs"
    else
      echo "E2E NOT RUN: $(grep -m1 'ERROR:' "$providers_log" | sed 's/^\[providers\] ERROR: //')"
    fi
    echo "${ready:+Ran: pair(s) $ready. }scripts/providers.sh exited 3; its messages above name the"
    echo "command and what the Go proxy answered. The emulator unit tests run with npm test."
    echo "In .ci/run, E2E_REQUIRED=1 makes this a failure."
    echo "################################################################################"
  } >&2
  [ "$jest_status" -ne 0 ] && exit "$jest_status"
  exit 3
fi
exit "$jest_status"
