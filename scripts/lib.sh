# shellcheck shell=bash
# Shared by the operator scripts: prerequisite checks that say what is missing, and where the deployment's
# names are kept. Sourced, not run.

fail() {
  echo "$(basename "$0"): $*" >&2
  exit 2
}

# require TOOL "what it is and where to get it"
require() {
  command -v "$1" >/dev/null 2>&1 || fail "$1 is not installed: $2"
}

require_azure_login() {
  az account show --output none >/dev/null 2>&1 || fail "not logged in to Azure: run 'az login' (and 'az account set --subscription <id>')"
}

# The resource group and function app of the last deployment: from the environment, else from the file
# scripts/deploy.sh writes (no secrets in it, only names).
DEPLOY_STATE="${DEPLOY_STATE:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/.deploy/current.env}"

load_deployment() {
  if [[ -z "${AZURE_RESOURCE_GROUP:-}" || -z "${FUNCTION_APP_NAME:-}" ]]; then
    [[ -f "$DEPLOY_STATE" ]] || fail "which app? set AZURE_RESOURCE_GROUP and FUNCTION_APP_NAME, or run scripts/deploy.sh first (it records them in $DEPLOY_STATE)"
    # shellcheck disable=SC1090
    source "$DEPLOY_STATE"
  fi
}
