#!/usr/bin/env bash
# A base image for the node's Jib build made from Debian's own packages, for machines that reach a
# Debian mirror but no container registry (this project's CI): Debian 12 minbase with
# openjdk-17-jre-headless, written as a `docker save` tarball that Jib takes as `tar://<file>`.
# Needs root and debootstrap. Registry users never need this: the image profile's default base is
# eclipse-temurin:17-jre.
#   node/src/image/debian-jre-base.sh OUT.tar [MIRROR]
set -euo pipefail
out=$(realpath -m "$1")
mirror=${2:-http://deb.debian.org/debian}
work=$(mktemp -d)
# debootstrap mounts /proc and /sys in the target while it runs (and may bind /dev): never delete
# through a mount, even if it is left behind by an interruption.
trap 'umount -R "$work/rootfs/proc" "$work/rootfs/sys" "$work/rootfs/dev" 2>/dev/null || true; rm -rf --one-file-system "$work"' EXIT
root=$work/rootfs

echo "debian-jre-base: debootstrap bookworm with openjdk-17-jre-headless from $mirror" >&2
debootstrap --variant=minbase --include=openjdk-17-jre-headless,ca-certificates bookworm "$root" "$mirror" > "$work/debootstrap.log" 2>&1 \
  || { tail -20 "$work/debootstrap.log" >&2; exit 1; }
# What a container image leaves out: package caches and lists, docs, and what a runtime mounts.
if findmnt -rn -o TARGET | grep -q "^$root/"; then
  echo "debian-jre-base: something is still mounted under $root; not cleaning it" >&2
  exit 1
fi
rm -rf --one-file-system "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* "$root"/usr/share/doc/* \
  "$root"/usr/share/man/* "$root"/dev/* "$root"/proc/* "$root"/sys/* "$root"/tmp/* "$root"/run/*

mkdir "$work/image"
tar --numeric-owner --sort=name -C "$root" -cf "$work/image/layer.tar" .
diff_id=$(sha256sum "$work/image/layer.tar" | cut -d' ' -f1)
arch=$(chroot "$root" dpkg --print-architecture)   # Debian's names are OCI's for amd64 and arm64
cat > "$work/image/config.json" <<JSON
{"architecture":"$arch","os":"linux",
 "config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","LANG=C.UTF-8"]},
 "rootfs":{"type":"layers","diff_ids":["sha256:$diff_id"]}}
JSON
echo '[{"Config":"config.json","RepoTags":["sessiongrid/debian-jre:17"],"Layers":["layer.tar"]}]' > "$work/image/manifest.json"
mkdir -p "$(dirname "$out")"
tar -C "$work/image" -cf "$out.part" manifest.json config.json layer.tar
mv "$out.part" "$out"
echo "debian-jre-base: $out ($(du -h "$out" | cut -f1))" >&2
