#!/usr/bin/env bash
# Re-resolve songngu's dependencies and rewrite requirements/lock.txt.
#
# The README's commands and .ci/run install with `-c requirements/lock.txt`, so
# what CI and users get changes only when this script is run and its result is
# committed (with the regenerated annotations/, if any output changed).
# It resolves every extra at once, so one lock serves every install command.
#
#   requirements/update-lock.sh            keep every existing pin; resolve only what is new
#                                          (a dependency added to pyproject.toml)
#   requirements/update-lock.sh --upgrade  re-resolve everything to the newest releases
set -euo pipefail
cd "$(dirname "$0")/.."
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
python3 -m venv "$tmp/venv"
"$tmp/venv/bin/python" -m pip install -q --upgrade pip
extras="$(python3 - <<'PY'
import tomllib
with open("pyproject.toml", "rb") as f:
    print(",".join(tomllib.load(f)["project"].get("optional-dependencies", {})))
PY
)"
keep=()
if [ "${1:-}" != "--upgrade" ] && [ -f requirements/lock.txt ]; then
  keep=(-c requirements/lock.txt)
fi
"$tmp/venv/bin/python" -m pip install -q "${keep[@]}" -e ".[${extras}]"
{
  echo "# songngu's locked dependency set: pip constraints, written by requirements/update-lock.sh"
  echo "# (every extra resolved together, $(date -u +%Y-%m-%d), Python $("$tmp/venv/bin/python" -c 'import platform; print(platform.python_version())'))."
  echo "# Install with: pip install -c requirements/lock.txt -e \".[EXTRAS]\""
  # torch is the CPU build (2.13.0+cpu); the constraint "torch==2.13.0" admits exactly it.
  "$tmp/venv/bin/python" -m pip freeze --exclude-editable | sed -E 's/^(torch==[^+]+)\+cpu$/\1/' | LC_ALL=C sort -f
} > requirements/lock.txt
echo "wrote requirements/lock.txt ($(grep -c '==' requirements/lock.txt) pins)"
