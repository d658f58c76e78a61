#!/usr/bin/env bash
# The node's own cost per operation over raw HTTP, beside the same operation as a Lua script on the
# local Redis, in one run: throughput, latency and server CPU per operation (the server process's
# utime + stime from /proc over the measured window, divided by the requests it served).
#   bench/wrk/compare.sh [node jar ...]     (default: node/target/sessiongrid-node.jar)
# For each jar: start a node, create SESSIONS sessions, warm up with appends (which also fill the
# sessions for the reads), then per operation in OPS a short warm-up and the measured run. Then Redis.
# Env: OPS ("append get create"), DURATION (20s), WARMUP (15s), OP_WARMUP (5s), CONNS (50),
#      THREADS (2), SESSIONS (1000), PORT (18080), REDIS_REQUESTS (300000), NODE_OPTS (-Xmx2g),
#      NODE_ENV (extra env for the node), ACCESS_CONTROL=1 (each jar also runs with access control
#      on: a token for the bench app, sent on every request).
set -euo pipefail
cd "$(dirname "$0")/../.."
OPS=${OPS:-append get create}
DURATION=${DURATION:-20s} WARMUP=${WARMUP:-15s} OP_WARMUP=${OP_WARMUP:-5s} CONNS=${CONNS:-50} THREADS=${THREADS:-2}
export SESSIONS=${SESSIONS:-1000}
PORT=${PORT:-18080} REDIS_REQUESTS=${REDIS_REQUESTS:-300000} NODE_OPTS=${NODE_OPTS:--Xmx2g}
JARS=("$@"); [ ${#JARS[@]} -gt 0 ] || JARS=(node/target/sessiongrid-node.jar)
TICKS=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }
per_op_us() { echo "scale=1; ($2 - $1) * 1000000 / $TICKS / $3" | bc; }
row() { printf '%-34s %-7s %12s %10s %10s %13s µs%s\n' "$@"; }

node_pid=
cleanup() { [ -n "$node_pid" ] && kill "$node_pid" 2>/dev/null && wait "$node_pid" 2>/dev/null || true; }
trap cleanup EXIT

printf '%-34s %-7s %12s %10s %10s %16s\n' target op "ops/s" "p50" "p99" "server CPU/op"
tokens=$(mktemp --suffix=.yml)
secret=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
cat > "$tokens" <<YML
sessiongrid:
  security:
    enabled: true
    tokens:
      bench: { sha256: "$(printf %s "$secret" | sha256sum | cut -d' ' -f1)", apps: [bench-wrk], scopes: [read, write] }
YML
runs=()
for jar in "${JARS[@]}"; do
  runs+=("$jar|")
  if [ "${ACCESS_CONTROL:-0}" = 1 ]; then runs+=("$jar|secured"); fi
done
for run in "${runs[@]}"; do
  jar=${run%%|*}; mode=${run#*|}
  if [ "$mode" = secured ]; then
    export TOKEN=$secret; extra="MICRONAUT_CONFIG_FILES=$tokens"; auth=(-H "Authorization: Bearer $secret")
  else
    unset TOKEN; extra=""; auth=()
  fi
  env MICRONAUT_SERVER_PORT=$PORT SESSIONGRID_CLUSTER_PORT=$((PORT - 2379)) ${NODE_ENV:-} $extra \
    java $NODE_OPTS -jar "$jar" > /tmp/sessiongrid-wrk-node.log 2>&1 &
  node_pid=$!
  for _ in $(seq 1 120); do curl -s -o /dev/null "http://127.0.0.1:$PORT/health" && break; sleep 0.5; done
  seq 0 $((SESSIONS - 1)) | xargs -P 4 -I{} curl -sf -o /dev/null -H 'Content-Type: application/json' "${auth[@]}" \
    -d '{"sessionId":"s{}"}' "http://127.0.0.1:$PORT/v1/apps/bench-wrk/users/u{}/sessions"
  wrk -t"$THREADS" -c"$CONNS" -d"$WARMUP" -s bench/wrk/append.lua "http://127.0.0.1:$PORT" > /dev/null
  for op in $OPS; do
    wrk -t"$THREADS" -c"$CONNS" -d"$OP_WARMUP" -s "bench/wrk/$op.lua" "http://127.0.0.1:$PORT" > /dev/null
    before=$(cpu $node_pid)
    out=$(wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency -s "bench/wrk/$op.lua" "http://127.0.0.1:$PORT")
    after=$(cpu $node_pid)
    requests=$(echo "$out" | awk '/requests in/ {print $1}')
    bad=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
    row "grid $(basename "$jar")${mode:+ ($mode)}" "$op" "$(echo "$out" | awk '/Requests\/sec/ {print $2}')" \
      "$(echo "$out" | awk '$1 == "50%" {print $2}')" "$(echo "$out" | awk '$1 == "99%" {print $2}')" \
      "$(per_op_us "$before" "$after" "$requests")" "${bad:+  ($bad non-2xx)}"
  done
  cleanup; node_pid=
done
rm -f "$tokens"

redis_pid=$(pgrep -x redis-server | head -1)
load() { redis-cli SCRIPT LOAD "$(cat "bench/wrk/redis-$1.lua")"; }
redis_run() {  # op, requests, args...: prints "ops/s p50 p99 cpu"
  local op=$1 n=$2; shift 2
  local before after out
  before=$(cpu "$redis_pid")
  out=$(redis-benchmark -c "$CONNS" -n "$n" -r "$SESSIONS" "$@")
  after=$(cpu "$redis_pid")
  row "redis + lua" "$op" "$(echo "$out" | awk '/throughput summary/ {print $3}')" \
    $(echo "$out" | awk '/latency summary/ {getline; getline; print $3 "ms", $5 "ms"}') "$(per_op_us "$before" "$after" "$n")" ""
}
redis-cli EVAL "for i = 0, tonumber(ARGV[1]) - 1 do redis.call('DEL', 'sg:'..i..':e', 'sg:'..i..':ids');
  redis.call('HSET', 'sg:'..i..':s', '_sg_v', 0) end" 0 "$SESSIONS" > /dev/null
event=$(printf '{"id":"x","invocationId":"inv-1","author":"agent","timestamp":1765000000.000,"content":{"role":"model","parts":[{"text":"%s"}]},"actions":{"stateDelta":{"step":1,"user:lang":"en","app:model":"v1"}}}' \
  "$(printf 'The assistant looked up the order and asked which address to use. %.0s' 1 2 3 4)")
append=$(load append); get=$(load get); create=$(load create)
ids=e__rand_int____rand_int____rand_int__
redis-benchmark -q -c "$CONNS" -n $((REDIS_REQUESTS / 3)) -r "$SESSIONS" EVALSHA "$append" 0 __rand_int__ "$ids" "$event" 1 > /dev/null
for op in $OPS; do
  case $op in
    append) redis_run append "$REDIS_REQUESTS" EVALSHA "$append" 0 __rand_int__ "$ids" "$event" 1 ;;
    get) redis_run get "$REDIS_REQUESTS" EVALSHA "$get" 0 __rand_int__ ;;
    create) redis_run create "$REDIS_REQUESTS" EVALSHA "$create" 0 __rand_int__ "c__rand_int____rand_int____rand_int__" ;;
  esac
done
redis-cli EVAL "for i = 0, tonumber(ARGV[1]) - 1 do redis.call('DEL', 'sg:'..i..':e', 'sg:'..i..':ids', 'sg:'..i..':s', 'sg:u'..i) end
  redis.call('DEL', 'sg:app')
  local cursor = '0'
  repeat
    local r = redis.call('SCAN', cursor, 'MATCH', 'sg:c:*', 'COUNT', 10000)
    cursor = r[1]
    if #r[2] > 0 then redis.call('DEL', unpack(r[2])) end
  until cursor == '0'" 0 "$SESSIONS" > /dev/null
