#!/usr/bin/env bash
# The whole test suite (the README's test command). Unless ZELFREDZAAM_PG_URL names a server,
# it starts a throwaway PostgreSQL cluster on 127.0.0.1 for the run and removes it after.
# Its output ends with vitest's summary.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${ZELFREDZAAM_PG_URL:-}" ]; then
  # shellcheck source=scripts/pg-throwaway.sh
  source scripts/pg-throwaway.sh
  pg_throwaway_start
  trap pg_throwaway_stop EXIT
fi

npx vitest run "$@"
