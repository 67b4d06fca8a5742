#!/usr/bin/env bash
# Offline check of the deployment files (docs/adr/0019): renders the Helm chart with each values set, validates
# every rendered manifest against the Kubernetes schemas (kubernetes-validate, strict, two Kubernetes versions) and
# checks what the chart and docker-compose promise (probes, resources, HPAs, PDBs, GPU variant, credentials,
# loopback-only ports). Nothing here needs a cluster or Docker.
#
# Installs what it needs into a per-user tools folder (kept between runs and between clones, like ~/.m2, because CI
# runs in a fresh clone): a helm binary built from source with the Go toolchain (Go module proxy; the first build
# takes a few minutes) and a virtualenv with kubernetes-validate.
# Environment: MAGPIE_TOOLS_DIR (default ~/.cache/magpie/tools), MAGPIE_HELM (a helm binary to use instead),
# GO (default: go on PATH, else /usr/local/go/bin/go).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
TOOLS=${MAGPIE_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/magpie/tools}
HELM_VERSION=v3.21.4
KUBERNETES_VALIDATE_VERSION=1.37.0

log() { printf '[deploy-check] %s\n' "$*"; }

helm_binary() {
  if [[ -n "${MAGPIE_HELM:-}" ]]; then
    echo "$MAGPIE_HELM"
    return
  fi
  local bin=$TOOLS/helm-$HELM_VERSION/helm
  if [[ ! -x "$bin" ]]; then
    local go=${GO:-$(command -v go || echo /usr/local/go/bin/go)}
    [[ -x "$go" ]] || { echo "[deploy-check] error: no helm and no Go toolchain to build it (set MAGPIE_HELM or GO)" >&2; exit 1; }
    log "building helm $HELM_VERSION with $("$go" version | cut -d' ' -f3) (once; minutes on two cores)" >&2
    # Go's own module and build caches (~/go/pkg/mod, ~/.cache/go-build): a rebuild needs no network
    GOBIN=$TOOLS/helm-$HELM_VERSION CGO_ENABLED=0 GOFLAGS=-modcacherw \
      "$go" install -trimpath -ldflags='-s -w' "helm.sh/helm/v3/cmd/helm@$HELM_VERSION" >&2
  fi
  echo "$bin"
}

python_env() {
  local venv=$TOOLS/k8s-validate-venv
  if ! "$venv/bin/python" -c "import importlib.metadata as m, sys; sys.exit(m.version('kubernetes-validate') != '$KUBERNETES_VALIDATE_VERSION')" 2>/dev/null; then
    log "installing kubernetes-validate $KUBERNETES_VALIDATE_VERSION into $venv" >&2
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check "kubernetes-validate==$KUBERNETES_VALIDATE_VERSION" >&2
  fi
  echo "$venv/bin/python"
}

HELM=$(helm_binary)
PYTHON=$(python_env)
"$PYTHON" "$ROOT/infra/helm/check_manifests.py" --helm "$HELM" --root "$ROOT" "$@"
