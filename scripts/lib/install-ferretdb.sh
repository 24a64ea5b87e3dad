#!/usr/bin/env bash
# Builds FerretDB 1.24.2 (Apache-2.0, MongoDB wire protocol on Postgres) from the Go module proxy into
# .tools/bin when it is not already there. `go install pkg@version` cannot be used: it asks the proxy
# for the module's version list, which this proxy refuses, and the module's embedded version.txt is
# empty (FerretDB panics at start without it), so we build a patched copy through a replace directive.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
bin="$root/.tools/bin/ferretdb"
if [ -x "$bin" ] && "$bin" --version 2>/dev/null | grep -q 'v1.24.2'; then exit 0; fi
command -v ferretdb >/dev/null 2>&1 && ferretdb --version 2>/dev/null | grep -q 'v1.24.2' && {
  mkdir -p "$(dirname "$bin")"; ln -sf "$(command -v ferretdb)" "$bin"; exit 0; }
export PATH="$PATH:/usr/local/go/bin"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
go mod init ferretdb-build >/dev/null 2>&1
go get github.com/FerretDB/FerretDB@v1.24.2 >/dev/null
src="$(go list -m -f '{{.Dir}}' github.com/FerretDB/FerretDB)"
cp -r "$src" ./src && chmod -R u+w ./src
echo v1.24.2 > ./src/build/version/version.txt
printf '//go:build tools\npackage tools\nimport _ "github.com/FerretDB/FerretDB/cmd/ferretdb"\n' > tools.go
go mod edit -replace github.com/FerretDB/FerretDB=./src
go mod tidy >/dev/null 2>&1
mkdir -p "$(dirname "$bin")"
go build -tags ferretdb_no_sqlite -o "$bin" github.com/FerretDB/FerretDB/cmd/ferretdb
"$bin" --version | head -1
