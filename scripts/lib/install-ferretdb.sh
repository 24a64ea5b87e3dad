#!/usr/bin/env bash
# Builds FerretDB 1.24.2 (Apache-2.0, MongoDB wire protocol on Postgres) from the Go module proxy into
# $FERRETDB_BIN_DIR (default .tools/bin) when it is not already there. `go install pkg@version` cannot
# be used: it asks the proxy for the module's version list, which this proxy refuses, and the module's
# embedded version.txt is empty (FerretDB panics at start without it), so we build a patched copy
# through a replace directive.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
bin_dir="${FERRETDB_BIN_DIR:-$root/.tools/bin}"
bin="$bin_dir/ferretdb"
want='v1.24.2'

# Output is captured whole and matched by the shell, never piped into `grep -q` or `head`: those exit
# at the first line, the writer then dies of SIGPIPE, and under pipefail the check fails with 141.
has_version() {
  local out
  out="$("$1" --version 2>/dev/null)" || return 1
  [[ $out == *"$want"* ]]
}

if [ -x "$bin" ] && has_version "$bin"; then exit 0; fi
if system="$(command -v ferretdb)" && has_version "$system"; then
  mkdir -p "$bin_dir"
  ln -sf "$system" "$bin"
  echo "FerretDB $want installed in $bin_dir (linked to $system)"
  exit 0
fi
export PATH="$PATH:/usr/local/go/bin"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
go mod init ferretdb-build >/dev/null 2>&1
go get "github.com/FerretDB/FerretDB@$want" >/dev/null
src="$(go list -m -f '{{.Dir}}' github.com/FerretDB/FerretDB)"
cp -r "$src" ./src && chmod -R u+w ./src
echo "$want" > ./src/build/version/version.txt
printf '//go:build tools\npackage tools\nimport _ "github.com/FerretDB/FerretDB/cmd/ferretdb"\n' > tools.go
go mod edit -replace github.com/FerretDB/FerretDB=./src
go mod tidy >/dev/null 2>&1
mkdir -p "$bin_dir"
# -trimpath keeps the random build folder out of Go's cache keys, so a rebuild reuses the build cache.
go build -trimpath -tags ferretdb_no_sqlite -o "$bin" github.com/FerretDB/FerretDB/cmd/ferretdb
has_version "$bin" || { echo "built FerretDB does not report $want" >&2; exit 1; }
echo "FerretDB $want installed in $bin_dir"
