#!/usr/bin/env bash
# Load benchmark: N generated events (default 10,000) behind `parley run`, then wrk on loopback.
# Usage: bash bench/run.sh [N] [connections] [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-10000} conns=${2:-32} secs=${3:-10}
port=${BENCH_PORT:-8765}
export PARLEY_DATA_DIR=${PARLEY_DATA_DIR:-.data/bench}
mkdir -p bench/results

if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get install -y -q wrk >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null; }
  else
    echo "bench needs wrk (Debian package 'wrk')"; exit 1
  fi
fi

.venv/bin/parley migrate
.venv/bin/python -m bench.generate "$rows"
PORT=$port PARLEY_LOG_LEVEL=warning setsid .venv/bin/parley run >bench/results/server.log 2>&1 &
server=$!
trap 'kill -TERM -- -$server 2>/dev/null || true; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.5; done

url="http://127.0.0.1:$port/v1/events?limit=50"
curl -fs "$url" >/dev/null
wrk -t2 -c"$conns" -d2s "$url" >/dev/null   # warm-up
stamp=$(date -u +%Y%m%dT%H%M%SZ)
wrk -t2 -c"$conns" -d"${secs}s" --latency --timeout 5s "$url" | tee "bench/results/events-$rows-$stamp.txt"
