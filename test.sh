#!/usr/bin/env bash
# Runs every test in Dashboard.sln on a fresh Debian/Ubuntu machine with the .NET 10 SDK.
# It installs what the tests need when it is missing (Chromium from the distribution's packages), checks that the
# publish step the Dockerfile runs still works and serves the app's static files, then runs the tests.
# Extra arguments go to `dotnet test` (for example: ./test.sh --project tests/Dashboard.Web.Tests).
set -euo pipefail
cd "$(dirname "$0")"

results=artifacts/test-results
publish=artifacts/publish

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

ensure_chromium() {
  if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "${CHROMIUM_PATH}" ]; then return; fi
  if [ -x /usr/bin/chromium ]; then return; fi
  echo "==> Installing Chromium from the distribution's packages (the end-to-end tests drive it)"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium >/dev/null
}

# The Dockerfile's publish step, run the same way, plus a smoke check that the output starts and serves its assets.
check_publish() {
  echo "==> dotnet publish (as in the Dockerfile)"
  rm -rf "$publish"
  dotnet publish src/Dashboard.Web/Dashboard.Web.csproj -c Release -o "$publish" --nologo -v quiet
  local data port log pid
  data=$(mktemp -d)
  port=$(( 20000 + RANDOM % 20000 ))
  log="$data/web.log"
  # Development: the published app with the built-in emulator and the development sign-in (Production needs Entra ID).
  (cd "$publish" && ASPNETCORE_ENVIRONMENT=Development Emulator__DataPath="$data/emulator.db" ASPNETCORE_URLS="http://127.0.0.1:$port" dotnet Dashboard.Web.dll >"$log" 2>&1) &
  pid=$!
  local ok=1
  for _ in $(seq 1 60); do
    if curl -fs "http://127.0.0.1:$port/app.css" >/dev/null 2>&1; then ok=0; break; fi
    sleep 0.5
  done
  if [ $ok -eq 0 ]; then
    local base="http://127.0.0.1:$port"
    curl -fs "$base/logo.svg" >/dev/null && curl -fs "$base/health" >/dev/null \
      && curl -fs "$base/signin/development" | grep -q "Sign in as" \
      && [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/customers")" = "302" ] || ok=1
  fi
  pkill -P $pid >/dev/null 2>&1 || true
  kill $pid >/dev/null 2>&1 || true
  wait $pid 2>/dev/null || true
  if [ $ok -ne 0 ]; then
    echo "The published app did not serve its pages and static files. Its log:" >&2
    cat "$log" >&2
    rm -rf "$data"
    return 1
  fi
  rm -rf "$data"
  echo "    published app starts, serves /app.css, /logo.svg, /health and the sign-in page, and sends /customers to sign-in"
}

ensure_chromium
check_publish

# Every test in the solution, unless the arguments name a project of their own.
target=(--solution Dashboard.sln)
for argument in "$@"; do
  case "$argument" in --project|--solution) target=() ;; esac
done
echo "==> dotnet test ${target[*]:-} $*"
rm -rf "$results"
dotnet test "${target[@]}" --results-directory "$results" --no-progress "$@"
