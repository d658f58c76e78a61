#!/usr/bin/env bash
# Two node builds compared on a noisy box: both run at once (separate clusters), and each round runs
# every operation against one, then the other, alternating which goes first. Drift of the machine
# (neighbours, frequency, steal) then hits both alike; the medians over the rounds and the median of
# the per-round ratios are printed, with node CPU per operation (utime + stime from /proc over each
# run, divided by its requests), throughput, and the bytes the node allocated per operation
# (Micrometer's jvm_gc_memory_allocated_bytes_total, counted at each young GC, so within an eden).
#   bench/wrk/interleaved.sh base.jar this.jar
# Env: OPS ("append get create"), ROUNDS (6), DURATION (8s), WARMUP (20s of appends, then 10s of each
#      op), CONNS (50), THREADS (2), SESSIONS (1000), NODE_OPTS (-Xmx2g), PIN (1: the nodes on the
#      last core, wrk on the others, so the client never takes the node's core; 0: no pinning).
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 base.jar this.jar" >&2; exit 2; }
for jar in "$1" "$2"; do [ -f "$jar" ] || { echo "no such jar: $jar" >&2; exit 2; }; done
for tool in wrk bc curl taskset; do command -v "$tool" > /dev/null || { echo "$tool is missing" >&2; exit 2; }; done
JARS=("$(realpath "$1")" "$(realpath "$2")")
cd "$(dirname "$0")/../.."
OPS=${OPS:-append get create} ROUNDS=${ROUNDS:-6} DURATION=${DURATION:-8s} WARMUP=${WARMUP:-20s}
CONNS=${CONNS:-50} THREADS=${THREADS:-2} NODE_OPTS=${NODE_OPTS:--Xmx2g} PIN=${PIN:-1}
last=$(($(nproc) - 1))
if [ "$PIN" = 1 ] && [ "$last" -gt 0 ]; then
  # A JVM pinned to one core would see one CPU and pick the serial collector and one partition
  # thread: it is told the machine's count, so it runs as it would unpinned.
  node_cpus=(taskset -c "$last") client_cpus=(taskset -c "0-$((last - 1))")
  NODE_OPTS="$NODE_OPTS -XX:ActiveProcessorCount=$(nproc)"
else
  node_cpus=(env) client_cpus=(env)
fi
export SESSIONS=${SESSIONS:-1000}
TICKS=$(getconf CLK_TCK)
PORTS=(18081 18082) PIDS=() results=
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }
allocated() { curl -s "http://127.0.0.1:$1/prometheus" | awk '/^jvm_gc_memory_allocated_bytes_total/ {printf "%.0f", $2}'; }
cleanup() {  # every node, even when one has already gone (wait then fails, which must not stop the loop)
  for p in ${PIDS[@]+"${PIDS[@]}"}; do kill "$p" 2>/dev/null || true; done
  for p in ${PIDS[@]+"${PIDS[@]}"}; do wait "$p" 2>/dev/null || true; done
  [ -z "$results" ] || rm -f "$results"
}
trap cleanup EXIT

for i in 0 1; do
  port=${PORTS[$i]}
  env MICRONAUT_SERVER_PORT=$port SESSIONGRID_CLUSTER_PORT=$((port - 2379)) SESSIONGRID_CLUSTER_NAME="interleaved-$i" \
    "${node_cpus[@]}" java $NODE_OPTS -jar "${JARS[$i]}" > "/tmp/sessiongrid-interleaved-$i.log" 2>&1 &
  PIDS+=($!)
done
for i in 0 1; do
  port=${PORTS[$i]}
  for _ in $(seq 1 120); do curl -sf -o /dev/null "http://127.0.0.1:$port/health" && break; sleep 0.5; done
  if ! curl -sf -o /dev/null "http://127.0.0.1:$port/health"; then
    echo "the node of ${JARS[$i]} did not start; the end of its log:" >&2
    tail -5 "/tmp/sessiongrid-interleaved-$i.log" >&2
    exit 1
  fi
  seq 0 $((SESSIONS - 1)) | xargs -P 4 -I{} curl -sf -o /dev/null -H 'Content-Type: application/json' \
    -d '{"sessionId":"s{}"}' "http://127.0.0.1:$port/v1/apps/bench-wrk/users/u{}/sessions"
  "${client_cpus[@]}" wrk -t"$THREADS" -c"$CONNS" -d"$WARMUP" -s bench/wrk/append.lua "http://127.0.0.1:$port" > /dev/null
  for op in $OPS; do
    "${client_cpus[@]}" wrk -t"$THREADS" -c"$CONNS" -d10s -s "bench/wrk/$op.lua" "http://127.0.0.1:$port" > /dev/null
  done
done

results=$(mktemp)
run() {  # jar index, op, round: appends "op index round ops/s cpu_us bytes" to $results
  local i=$1 op=$2 round=$3 before after out requests bytes_before bytes_after bad
  bytes_before=$(allocated "${PORTS[$i]}")
  before=$(cpu "${PIDS[$i]}")
  out=$("${client_cpus[@]}" wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" -s "bench/wrk/$op.lua" "http://127.0.0.1:${PORTS[$i]}")
  after=$(cpu "${PIDS[$i]}")
  bytes_after=$(allocated "${PORTS[$i]}")
  requests=$(echo "$out" | awk '/requests in/ {print $1}')
  # Failed requests cost less than served ones: a run with any would skew the figures.
  bad=$(echo "$out" | awk '/Non-2xx|Socket errors/ {print}')
  if [ -n "$bad" ] || [ -z "$requests" ] || [ "$requests" -eq 0 ]; then
    echo "round $round, $op against ${JARS[$i]}: not every request was served: ${bad:-no requests}" >&2
    exit 1
  fi
  echo "$op $i $round $(echo "$out" | awk '/Requests\/sec/ {print $2}') \
$(echo "scale=1; ($after - $before) * 1000000 / $TICKS / $requests" | bc) \
$(( (${bytes_after:-0} - ${bytes_before:-0}) / requests ))" >> "$results"
}
for round in $(seq 1 "$ROUNDS"); do
  for op in $OPS; do
    if [ $((round % 2)) -eq 1 ]; then run 0 "$op" "$round"; run 1 "$op" "$round"
    else run 1 "$op" "$round"; run 0 "$op" "$round"; fi
  done
done

echo "base: ${JARS[0]}   this: ${JARS[1]}   ($ROUNDS rounds of $DURATION per op and build)"
printf '%-8s %-6s %-44s %-44s %s\n' op build "node CPU per op, µs (each round)" "ops/s (each round)" "medians"
awk -v ops="$OPS" '
  function median(a, n,   i, j, t) {
    for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  { tput[$1, $2, $3] = $4; cpu[$1, $2, $3] = $5; alloc[$1, $2, $3] = $6; if ($3 > rounds) rounds = $3 }
  END {
    n = split(ops, list, " ")
    for (k = 1; k <= n; k++) {
      op = list[k]
      for (b = 0; b <= 1; b++) {
        c = ""; t = ""
        for (r = 1; r <= rounds; r++) {
          c = c sprintf("%6.1f", cpu[op, b, r]); t = t sprintf("%7d", tput[op, b, r])
          xc[r] = cpu[op, b, r]; xt[r] = tput[op, b, r]; xa[r] = alloc[op, b, r]
        }
        mc[b] = median(xc, rounds); mt[b] = median(xt, rounds); ma[b] = median(xa, rounds)
        printf "%-8s %-6s %-44s %-44s %.1f µs, %d/s, %.1f KB\n", op, (b ? "this" : "base"), c, t, mc[b], mt[b], ma[b] / 1024
      }
      for (r = 1; r <= rounds; r++) ratio[r] = cpu[op, 1, r] / cpu[op, 0, r]
      printf "%-8s this/base CPU per op: median of the rounds %.2f, per-round median ratio %.2f; allocation %.2f\n", op, mc[1] / mc[0], median(ratio, rounds), ma[1] / ma[0]
    }
  }' "$results"
