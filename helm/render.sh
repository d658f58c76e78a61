#!/usr/bin/env bash
# Renders the chart as `helm template` would, with the helm bundled by helm-java (no helm binary):
#   helm/render.sh [-f my-values.yaml] [--set key=value] [--name sg] [--namespace prod] > manifests.yaml
# Values files are read relative to the directory you call it from. Needs Java 17+ and Maven.
# Standard output carries the manifests and nothing else; Maven's output and errors go to standard
# error, and a failed render exits non-zero with no manifests.
set -euo pipefail
args=""
quote() { printf '"%s" ' "${1//\"/\\\"}"; }   # exec:java splits its one argument string, honouring quotes
while [ $# -gt 0 ]; do
  case "$1" in
    -f|--values)
      [ $# -ge 2 ] || { echo "$1 needs a file" >&2; exit 2; }
      [ -f "$2" ] || { echo "render: values file $2 not found" >&2; exit 2; }
      args+="$(quote "$1")$(quote "$(cd "$(dirname "$2")" && pwd)/$(basename "$2")")"; shift 2 ;;
    *) args+="$(quote "$1")"; shift ;;
  esac
done
cd "$(dirname "$0")/.."
out=$(mktemp)
trap 'rm -f "$out"' EXIT
# render-pom.xml builds RenderChart with helm-java alone: no artifact of this project needs installing.
mvn -B -q -Dstyle.color=never -f helm/render-pom.xml compile exec:java \
  -Dexec.args="$args" -Dsessiongrid.render.output="$out" >&2
cat "$out"
