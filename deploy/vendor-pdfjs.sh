#!/bin/sh
# Vendors pdf.js (npm package pdfjs-dist) into wwwroot/lib/pdfjs for the sandboxed PDF preview.
# The built files are committed, so builds and CI need no npm; run this only to move to another version.
# Usage: deploy/vendor-pdfjs.sh [version]
set -eu
version="${1:-6.5.438}"
root="$(cd "$(dirname "$0")/.." && pwd)"
target="$root/src/WebMail.Web/wwwroot/lib/pdfjs"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "pdfjs-dist@$version" >/dev/null && tar xzf pdfjs-dist-*.tgz)
mkdir -p "$target"
cp "$work/package/build/pdf.min.mjs" "$work/package/build/pdf.worker.min.mjs" "$work/package/LICENSE" "$target/"
echo "$version" > "$target/VERSION"
echo "pdf.js $version vendored into $target"
