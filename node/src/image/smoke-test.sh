#!/usr/bin/env bash
# Runs the node's OCI image (a `jib:buildTar` tarball) without a container engine, as far as a root
# shell can: its layers unpacked in order into a root filesystem, its entrypoint, user and environment
# from its config, in a chroot with its own PID and mount namespaces. Then checks what a user relies
# on: with the image's own environment the node refuses to serve every interface without tokens and
# says so; bound to loopback it serves /health, a create and a read; SIGTERM ends it.
#   node/src/image/smoke-test.sh IMAGE.tar [HTTP_PORT]
set -euo pipefail
image=$(realpath "$1")
port=${2:-23080}
work=$(mktemp -d)
root=$work/rootfs
pid=
cleanup() {
  if [ -n "$pid" ]; then pkill -KILL -P "$pid" 2>/dev/null || true; kill -KILL "$pid" 2>/dev/null || true; fi
  wait 2>/dev/null || true
  rm -rf --one-file-system "$work"
}
trap cleanup EXIT
fail() { echo "image smoke test: FAILED: $*" >&2; [ -f "$work/node.log" ] && tail -30 "$work/node.log" >&2; exit 1; }

mkdir -p "$work/image" "$root"
tar -C "$work/image" -xf "$image"
# The image's layers in order, then its container config, as a runtime reads them.
python3 - "$work/image" > "$work/config.sh" <<'PY'
import json, shlex, sys
d = sys.argv[1]
m = json.load(open(f"{d}/manifest.json"))[0]
c = json.load(open(f"{d}/{m['Config']}"))["config"]
print("layers=(" + " ".join(shlex.quote(l) for l in m["Layers"]) + ")")
print("entrypoint=(" + " ".join(shlex.quote(a) for a in c.get("Entrypoint", []) + (c.get("Cmd") or [])) + ")")
print("image_env=(" + " ".join(shlex.quote(e) for e in c.get("Env", [])) + ")")
print("user=" + shlex.quote(c.get("User", "0:0")))
print("workdir=" + shlex.quote(c.get("WorkingDir") or "/"))
PY
. "$work/config.sh"
for layer in "${layers[@]}"; do tar --warning=no-unknown-keyword -C "$root" -xf "$work/image/$layer"; done
[ "$user" = "10001:10001" ] || fail "the image runs as '$user', not 10001:10001"
path=$(printf '%s\n' "${image_env[@]}" | sed -n 's/^PATH=//p')
chroot "$root" /usr/bin/env PATH="${path:-/usr/bin:/bin}" sh -c 'command -v java' > /dev/null || fail "no java on the image's PATH"
mkdir -p "$root/proc" "$root/dev" "$root/etc"
touch "$root/etc/hosts" "$root/etc/resolv.conf"

# run ENV... : the entrypoint in the image's root, as its user, with its environment plus ENV.
run() {
  unshare --fork --pid --mount --mount-proc="$root/proc" /bin/sh -c '
    root=$1; shift; user=$1; shift; workdir=$1; shift
    mount --bind /dev "$root/dev" && mount --bind /etc/hosts "$root/etc/hosts" && mount --bind /etc/resolv.conf "$root/etc/resolv.conf"
    exec chroot --userspec="$user" "$root" /bin/sh -c "cd \"\$0\" && exec \"\$@\"" "$workdir" /usr/bin/env -i "$@"
  ' sh "$root" "$user" "$workdir" "${image_env[@]}" "$@" "${entrypoint[@]}" > "$work/node.log" 2>&1 &
  pid=$!
}
# The entrypoint's process: unshare's child, which every exec above kept (PID 1 in its namespace).
node_pid() { pgrep -P "$pid" | head -1; }

cluster=$((port - 1379))
# 1. As shipped: every interface, no tokens: protected mode stops the start and names the way out.
run MICRONAUT_SERVER_PORT=$port SESSIONGRID_CLUSTER_PORT=$cluster
for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
kill -0 "$pid" 2>/dev/null && fail "the node served every interface without tokens"
wait "$pid" || true; pid=
grep -q "SESSIONGRID_SECURITY_ENABLED" "$work/node.log" || fail "the refusal does not name SESSIONGRID_SECURITY_ENABLED"
echo "image smoke test: as shipped (every interface, no tokens), the start is refused naming SESSIONGRID_SECURITY_ENABLED"

# 2. Bound to loopback: it serves.
run MICRONAUT_SERVER_PORT=$port SESSIONGRID_CLUSTER_PORT=$cluster MICRONAUT_SERVER_HOST=127.0.0.1
url=http://127.0.0.1:$port
for _ in $(seq 1 90); do curl -sf -o /dev/null "$url/health" && break; kill -0 "$pid" 2>/dev/null || fail "the node exited"; sleep 1; done
curl -sf "$url/health" | grep -q '"status":"UP"' || fail "/health is not UP"
created=$(curl -sf -X POST "$url/v1/apps/image/users/u/sessions" -H 'Content-Type: application/json' -d '{"sessionId":"s","state":{"k":"v"}}')
read_back=$(curl -sf "$url/v1/apps/image/users/u/sessions/s")
echo "$read_back" | grep -q '"k":"v"' || fail "the session read back is $read_back (created: $created)"
uid=$(ps -o uid= -p "$(node_pid)" | tr -d ' ')
[ "$uid" = 10001 ] || fail "the node runs as uid $uid"
echo "image smoke test: /health UP, a session created and read back, served by $(ps -o comm= -p "$(node_pid)") as uid $uid"

# 3. SIGTERM (what Kubernetes sends) ends it.
kill -TERM "$(node_pid)"
for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
kill -0 "$pid" 2>/dev/null && fail "the node did not stop within 60 s of SIGTERM"
pid=
echo "image smoke test: passed"
