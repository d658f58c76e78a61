#!/usr/bin/env bash
# Appends over HTTP against three members (separate processes on this machine, one backup per
# session, wrk spreading sessions over all three nodes' HTTP ports) beside one member alone, in one
# run: what backups and cluster hops cost. Each node gets -Xmx1g (three share the box).
#   bench/wrk/three-members.sh [node jar]   (default: node/target/sessiongrid-node.jar)
set -euo pipefail
cd "$(dirname "$0")/../.."
JAR=${1:-node/target/sessiongrid-node.jar}
DURATION=${DURATION:-20s} WARMUP=${WARMUP:-15s} CONNS=${CONNS:-50}
export SESSIONS=${SESSIONS:-1000}
TICKS=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done; pids=(); }
trap cleanup EXIT

run() {  # members
  local n=$1 members="" ports=()
  for i in $(seq 1 "$n"); do members+="${members:+,}127.0.0.1:$((15700 + i))"; done
  for i in $(seq 1 "$n"); do
    env MICRONAUT_SERVER_PORT=$((18080 + i)) SESSIONGRID_CLUSTER_PORT=$((15700 + i)) SESSIONGRID_CLUSTER_MEMBERS="$members" \
      SESSIONGRID_CLUSTER_NAME="wrk-$n-$$" java -Xmx1g -jar "$JAR" > "/tmp/sessiongrid-wrk-member-$i.log" 2>&1 &
    pids+=($!)
    ports+=($((18080 + i)))
    for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$((18080 + i))/health" > /dev/null && break; sleep 0.5; done
  done
  for _ in $(seq 1 60); do
    curl -s "http://127.0.0.1:18081/health" | grep -q "\"clusterSize\":$n" && break; sleep 0.5
  done
  seq 0 $((SESSIONS - 1)) | xargs -P 4 -I{} curl -sf -o /dev/null -H 'Content-Type: application/json' \
    -d '{"sessionId":"s{}"}' "http://127.0.0.1:18081/v1/apps/bench-wrk/users/u{}/sessions"
  # One wrk per node, each with its share of the connections, all at once.
  local per=$((CONNS / n)) outs=() before=0 after=0 total=0 rate=0
  for p in "${ports[@]}"; do wrk -t1 -c"$per" -d"$WARMUP" -s bench/wrk/append.lua "http://127.0.0.1:$p" > /dev/null & done; wait_wrk
  for pid in "${pids[@]}"; do before=$((before + $(cpu "$pid"))); done
  for i in "${!ports[@]}"; do
    wrk -t1 -c"$per" -d"$DURATION" -s bench/wrk/append.lua "http://127.0.0.1:${ports[$i]}" > "/tmp/sessiongrid-wrk-$i.out" &
  done; wait_wrk
  for pid in "${pids[@]}"; do after=$((after + $(cpu "$pid"))); done
  for i in "${!ports[@]}"; do
    total=$((total + $(awk '/requests in/ {print $1}' "/tmp/sessiongrid-wrk-$i.out")))
    rate=$(echo "$rate + $(awk '/Requests\/sec/ {print $2}' "/tmp/sessiongrid-wrk-$i.out")" | bc)
  done
  printf '%-10s %12s %22s\n' "$n member(s)" "$rate" "$(echo "scale=1; ($after - $before) * 1000000 / $TICKS / $total" | bc) µs"
  cleanup
}
wait_wrk() { while pgrep -x wrk > /dev/null; do sleep 0.5; done; }

printf '%-10s %12s %22s\n' members "appends/s" "CPU/append (all nodes)"
run 1
run 3
