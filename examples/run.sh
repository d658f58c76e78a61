#!/usr/bin/env bash
# Builds and runs every example as a user's own project against a real node started from this checkout.
# Needs the artifacts in the local Maven repository first: `mvn -B -DskipTests install` at the root
# (RUN_INSTALL=1 does it here). Each example exits non-zero when the grid does not answer as expected.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "${RUN_INSTALL:-0}" = 1 ] && mvn -B -q -DskipTests install
PORT=${PORT:-18680}
MICRONAUT_SERVER_PORT=$PORT SESSIONGRID_CLUSTER_PORT=$((PORT - 2979)) \
  java -jar node/target/sessiongrid-node.jar > "${TMPDIR:-/tmp}/sessiongrid-examples-node.log" 2>&1 &
node=$!
trap 'kill $node 2>/dev/null; wait $node 2>/dev/null || true' EXIT
log="${TMPDIR:-/tmp}/sessiongrid-examples-node.log"
for _ in $(seq 1 120); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/health" && break; sleep 0.5; done
if ! curl -sf -o /dev/null "http://127.0.0.1:$PORT/health"; then
  echo "the node did not start; its log ($log) ends:" >&2
  tail -20 "$log" >&2
  exit 1
fi
export SESSIONGRID_URL=http://127.0.0.1:$PORT
for example in examples/*/; do
  echo "== ${example%/}"
  mvn -B -q -f "$example/pom.xml" compile exec:java
done
echo "examples: all ran"
