#!/usr/bin/env bash
# Records the real openclaw's answer for one conformance case folder (needs ../shared/oracle; run by hand only).
# Usage: scripts/record-case.sh test/conformance/cases/<name> [--plugins]
# Writes <name>/expected.json in the corpus format: the --json report (ts zeroed) plus an `oracle` block.
set -euo pipefail
dir="$1"; plugins="${2:-}"
here="$(cd "$(dirname "$0")/.." && pwd)"
oracle="$here/../shared/oracle/openclaw-audit-oracle"
[ "$plugins" = "--plugins" ] && oracle="$oracle-plugins"
out="$(mktemp)"; err="$(mktemp)"; trap 'rm -f "$out" "$err"' EXIT
set +e; "$oracle" "$dir/openclaw.json" >"$out" 2>"$err"; code=$?; set -e
node -e '
const fs = require("fs");
const [out, code, plugins, dest] = process.argv.slice(1);
let body = {};
try { body = JSON.parse(fs.readFileSync(out, "utf8")); } catch { body = { raw: fs.readFileSync(out, "utf8") }; }
if (typeof body.ts === "number") body.ts = 0;
if (body.error && body.error.message) body.error.message = body.error.message.replace(/\/tmp\/[^ ]*\/cfg\//g, "");
const result = { oracle: { tool: "openclaw", version: "2026.9.6", exitCode: Number(code), plugins: plugins === "--plugins" }, ...body };
fs.writeFileSync(dest, JSON.stringify(result, null, 2) + "\n");
' "$out" "$code" "$plugins" "$dir/expected.json"
echo "recorded $dir/expected.json (exit $code)"
