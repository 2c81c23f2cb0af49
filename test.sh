#!/usr/bin/env bash
# Runs every test in Dashboard.sln on a fresh Debian/Ubuntu machine with the .NET 10 SDK.
# It installs what the tests need when it is missing (Chromium, PostgreSQL and Redis from the distribution's packages),
# checks that the publish step the Dockerfile runs still works and serves the app's static files, starts a throwaway
# PostgreSQL and Redis server on free loopback ports (stopped when the script ends), then runs the tests.
# Extra arguments go to `dotnet test` (for example: ./test.sh --project tests/Dashboard.Web.Tests).
# `./test.sh stress [...]` does the same while two CPU-burning processes compete with it, as on a busy CI machine.
set -euo pipefail
cd "$(dirname "$0")"

results=artifacts/test-results
publish=artifacts/publish

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Chromium drives the end-to-end tests; real PostgreSQL and Redis servers back the tests of the shared store and of
# what several instances share.
ensure_packages() {
  local missing=()
  if ! { [ -n "${CHROMIUM_PATH:-}" ] && [ -x "${CHROMIUM_PATH}" ]; } && [ ! -x /usr/bin/chromium ]; then missing+=(chromium); fi
  if [ ! -x /usr/bin/redis-server ] && [ ! -x /usr/local/bin/redis-server ]; then missing+=(redis-server); fi
  if [ -z "$(postgres_bin)" ]; then missing+=(postgresql); fi
  if [ ${#missing[@]} -eq 0 ]; then return; fi
  echo "==> Installing ${missing[*]} from the distribution's packages"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
}

# The newest PostgreSQL server's folder of programs (Debian keeps them off PATH), or nothing.
postgres_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -n "$dir" ] && [ -x "$dir/postgres" ]; then echo "$dir"; fi
}

# A loopback port nothing listens on.
free_port() {
  local port
  while :; do
    port=$(( 20000 + RANDOM % 40000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
}

# Runs a command as the user PostgreSQL runs as: it refuses to run as root, so as root that is the package's `postgres`.
as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# One throwaway PostgreSQL and one Redis for the whole run, in a temporary folder, on free loopback ports; the tests
# find them through TEST_POSTGRES and TEST_REDIS (each test makes its own database or key prefix on them) and stop them
# with the script. fsync is off: the tests kill dashboards, never the machine.
start_servers() {
  servers=$(mktemp -d)
  chmod 755 "$servers"
  trap stop_servers EXIT
  local bin pg_port redis_port
  bin=$(postgres_bin)
  pg_port=$(free_port)
  mkdir "$servers/postgres"
  if [ "$(id -u)" -eq 0 ]; then chown postgres: "$servers/postgres"; fi
  as_postgres "$bin/initdb" -D "$servers/postgres/data" -A trust -U app -E UTF8 --no-sync >"$servers/postgres/initdb.log" 2>&1 \
    || { cat "$servers/postgres/initdb.log" >&2; return 1; }
  as_postgres "$bin/pg_ctl" -D "$servers/postgres/data" -l "$servers/postgres/log" -w -t 60 \
    -o "-p $pg_port -k $servers/postgres -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" start >/dev/null \
    || { cat "$servers/postgres/log" >&2; return 1; }
  export TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=app;Database=postgres"

  redis_port=$(free_port)
  redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --protected-mode yes >"$servers/redis.log" 2>&1 &
  redis_pid=$!
  for _ in $(seq 1 100); do
    if [ "$(redis-cli -p "$redis_port" ping 2>/dev/null)" = "PONG" ]; then break; fi
    sleep 0.1
  done
  [ "$(redis-cli -p "$redis_port" ping 2>/dev/null)" = "PONG" ] || { cat "$servers/redis.log" >&2; return 1; }
  export TEST_REDIS="127.0.0.1:$redis_port"
  echo "==> PostgreSQL on 127.0.0.1:$pg_port and Redis on 127.0.0.1:$redis_port for the tests"
}

stop_servers() {
  if [ -n "${burners:-}" ]; then kill "${burners[@]}" 2>/dev/null || true; fi
  if [ -n "${redis_pid:-}" ]; then kill "$redis_pid" 2>/dev/null || true; fi
  if [ -d "${servers:-}/postgres/data" ]; then as_postgres "$(postgres_bin)/pg_ctl" -D "$servers/postgres/data" -m immediate stop >/dev/null 2>&1 || true; fi
  rm -rf "${servers:-}"
}

# Two processes that keep a core each busy until the script ends: the suite must pass on a machine that is not idle.
start_cpu_burners() {
  echo "==> Stress mode: two CPU-burning processes compete with the tests"
  burners=()
  for _ in 1 2; do
    (while :; do :; done) &
    burners+=($!)
  done
  trap stop_servers EXIT
}

# Every stylesheet and script the page links must come fingerprinted, compressed (br or gzip) and cached for a year.
# Prints the first asset that does not, with what it got; prints nothing when all do.
check_compressed_assets() {
  local base=$1 page=$2 urls url headers count=0
  urls=$(grep -oE '(href|src)="[^"]+\.(css|js)"' <<<"$page" | sed -E 's/^(href|src)="//; s/"$//' || true)
  for url in $urls; do
    count=$((count + 1))
    if ! headers=$(curl -fs -D- -o /dev/null -H 'Accept-Encoding: br, gzip' "$base/${url#/}"); then
      echo "$url was not served"; return
    fi
    headers=${headers//$'\r'/}
    if ! grep -qiE '^content-encoding: (br|gzip)$' <<<"$headers"; then
      echo "$url was served without Content-Encoding br or gzip"; return
    fi
    if ! grep -qiE '^cache-control: max-age=31536000, immutable$' <<<"$headers"; then
      echo "$url was served without Cache-Control: max-age=31536000, immutable"; return
    fi
  done
  # The page links MudBlazor's stylesheet and script, Blazor's script and the app's own styles: fewer means the page changed.
  if [ "$count" -lt 5 ]; then echo "the sign-in page links only $count stylesheets and scripts"; fi
}

# The Dockerfile's publish step, run the same way, plus a smoke check that the output starts and serves its assets.
check_publish() {
  echo "==> dotnet publish (as in the Dockerfile)"
  rm -rf "$publish"
  dotnet publish src/Dashboard.Web/Dashboard.Web.csproj -c Release -o "$publish" --os linux --self-contained false -p:PublishReadyToRun=true --nologo -v quiet
  local data port log pid
  data=$(mktemp -d)
  port=$(( 20000 + RANDOM % 20000 ))
  log="$data/web.log"
  # Development: the published app with the built-in emulator and the development sign-in (Production needs Entra ID).
  (cd "$publish" && ASPNETCORE_ENVIRONMENT=Development Emulator__DataPath="$data/emulator.db" ASPNETCORE_URLS="http://127.0.0.1:$port" dotnet Dashboard.Web.dll >"$log" 2>&1) &
  pid=$!
  local base="http://127.0.0.1:$port" failure=""
  for _ in $(seq 1 120); do
    if curl -fs "$base/app.css" >/dev/null 2>&1; then break; fi
    sleep 0.5
  done
  # Each answer is read whole before it is checked: `curl | grep -q` fails at random under pipefail, when grep
  # stops reading before curl has written everything.
  local page status assets
  if ! curl -fs "$base/app.css" >/dev/null; then failure="/app.css was not served within 60 s"
  elif ! curl -fs "$base/logo.svg" >/dev/null; then failure="/logo.svg was not served"
  elif ! curl -fs "$base/health" >/dev/null; then failure="/health did not answer 200"
  elif ! page=$(curl -fs "$base/signin/development") || [[ "$page" != *"Sign in as"* ]]; then failure="/signin/development did not offer the development users"
  elif assets=$(check_compressed_assets "$base" "$page"); [ -n "$assets" ]; then failure="$assets"
  elif status=$(curl -s -o /dev/null -w "%{http_code}" "$base/customers"); [ "$status" != "302" ]; then failure="/customers answered $status, not a redirect to sign-in"
  fi
  pkill -P $pid >/dev/null 2>&1 || true
  kill $pid >/dev/null 2>&1 || true
  wait $pid 2>/dev/null || true
  if [ -n "$failure" ]; then
    echo "The published app failed its smoke check: $failure. Its log:" >&2
    cat "$log" >&2
    rm -rf "$data"
    return 1
  fi
  rm -rf "$data"
  echo "    published app starts, serves /app.css, /logo.svg, /health and the sign-in page with its stylesheets and scripts compressed and immutable, and sends /customers to sign-in"
}

if [ "${1:-}" = "stress" ]; then
  shift
  start_cpu_burners
fi

ensure_packages
check_publish
start_servers

# Every test in the solution, unless the arguments name a project of their own.
target=(--solution Dashboard.sln)
for argument in "$@"; do
  case "$argument" in --project|--solution) target=() ;; esac
done
echo "==> dotnet test ${target[*]:-} $*"
rm -rf "$results"
dotnet test "${target[@]}" --results-directory "$results" --no-progress "$@"
