# Shared by scripts/demo and scripts/test: find or install uv, the project's package manager.
# Nothing here needs root; uv goes into .tools/ inside the clone when it is not on PATH.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export UV_PYTHON_DOWNLOADS=never
if command -v uv >/dev/null 2>&1; then
  UV="$(command -v uv)"
else
  if [ ! -x .tools/bin/uv ]; then
    echo "==> installing uv into .tools/"
    python3 -m venv .tools
    .tools/bin/python -m pip install --quiet --disable-pip-version-check "uv>=0.9,<0.14"
  fi
  UV="$ROOT/.tools/bin/uv"
fi
