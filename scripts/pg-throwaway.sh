# Functions to start and stop a throwaway PostgreSQL cluster on 127.0.0.1 (sourced).
# Uses the Debian `postgresql` package's server binaries; postgres refuses to run as root,
# so as root the server runs as the `postgres` user.

pg_throwaway_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$dir" ] || [ ! -x "$dir/initdb" ]; then
    echo "PostgreSQL-server niet gevonden (/usr/lib/postgresql/*/bin): installeer het Debian-pakket 'postgresql'," >&2
    echo "of zet ZELFREDZAAM_PG_URL op een bestaande server (postgres://…)." >&2
    return 1
  fi
  echo "$dir"
}

pg_throwaway_as() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_throwaway_start() {
  local bin port
  bin=$(pg_throwaway_bin) || exit 1
  PG_THROWAWAY_DIR=$(mktemp -d /tmp/zelfredzaam-pg.XXXXXX)
  [ "$(id -u)" = 0 ] && chown postgres: "$PG_THROWAWAY_DIR"
  port=${ZELFREDZAAM_PG_PORT:-$(( 20000 + RANDOM % 30000 ))}
  pg_throwaway_as "$bin/initdb" -D "$PG_THROWAWAY_DIR/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 --no-sync >"$PG_THROWAWAY_DIR/initdb.log" 2>&1 \
    || { echo "initdb mislukt, zie $PG_THROWAWAY_DIR/initdb.log" >&2; exit 1; }
  pg_throwaway_as "$bin/pg_ctl" -D "$PG_THROWAWAY_DIR/data" -l "$PG_THROWAWAY_DIR/log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $PG_THROWAWAY_DIR -c fsync=off -c max_connections=200" start >/dev/null \
    || { echo "PostgreSQL start mislukt, zie $PG_THROWAWAY_DIR/log" >&2; exit 1; }
  export ZELFREDZAAM_PG_URL="postgres://postgres@127.0.0.1:$port/postgres"
  export ZELFREDZAAM_PG_CTL="$bin/pg_ctl"
  export ZELFREDZAAM_PG_DATA="$PG_THROWAWAY_DIR/data"
  export PG_THROWAWAY_DIR PG_THROWAWAY_BIN="$bin"
}

pg_throwaway_stop() {
  if [ -n "${PG_THROWAWAY_DIR:-}" ] && [ -d "$PG_THROWAWAY_DIR/data" ]; then
    pg_throwaway_as "$PG_THROWAWAY_BIN/pg_ctl" -D "$PG_THROWAWAY_DIR/data" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$PG_THROWAWAY_DIR"
  fi
}
