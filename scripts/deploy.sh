#!/usr/bin/env bash
# One command from an empty resource group to a running integration: the infrastructure of infra/main.bicep,
# then the app's code (mvn package, zip deployment of target/azure-functions/wix-answers-calabrio).
#
#   scripts/deploy.sh <resource-group> [location]
#
# Parameters: infra/main.parameters.json (or DEPLOY_PARAMETERS=<file>). Secrets are read from the environment
# when set (CALABRIO_API_TOKEN, CALABRIO_HISTORICAL_TENANT_KEY, CALABRIO_DATA_SOURCE_KEY, CALABRIO_RTA_AUTH_KEY,
# ANSWERS_API_TOKEN) and written to Key Vault; secrets not set are left as they are in the vault. Nothing secret
# is printed or kept.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/lib.sh"

[[ $# -ge 1 && $# -le 2 ]] || fail "usage: scripts/deploy.sh <resource-group> [location]"
resource_group="$1"
location="${2:-westeurope}"
parameters="${DEPLOY_PARAMETERS:-$root/infra/main.parameters.json}"

require az "the Azure CLI, https://learn.microsoft.com/cli/azure/install-azure-cli"
require mvn "Apache Maven 3.8+"
require java "a JDK 17"
require zip "the zip tool (apt-get install zip)"
[[ -f "$parameters" ]] || fail "no parameters file at $parameters"
require_azure_login

# Secret parameters go through a private temporary file, never the command line or the terminal.
secrets_file="$(mktemp)"
trap 'rm -f "$secrets_file"' EXIT
chmod 600 "$secrets_file"
json_escape() { local s="$1"; s="${s//\\/\\\\}"; s="${s//\"/\\\"}"; printf '%s' "$s"; }
{
  printf '{"contentVersion": "1.0.0.0", "parameters": {'
  separator=""
  for pair in calabrioApiToken:CALABRIO_API_TOKEN calabrioHistoricalTenantKey:CALABRIO_HISTORICAL_TENANT_KEY \
              calabrioDataSourceKey:CALABRIO_DATA_SOURCE_KEY \
              calabrioRtaAuthKey:CALABRIO_RTA_AUTH_KEY answersApiToken:ANSWERS_API_TOKEN; do
    parameter="${pair%%:*}"; variable="${pair#*:}"
    if [[ -n "${!variable:-}" ]]; then
      printf '%s "%s": {"value": "%s"}' "$separator" "$parameter" "$(json_escape "${!variable}")"
      separator=","
      echo "deploy: $variable will be written to Key Vault" >&2
    fi
  done
  printf '}}'
} > "$secrets_file"

echo "deploy: resource group $resource_group in $location"
az group create --name "$resource_group" --location "$location" --output none

# The vault of a resource group deleted earlier stays soft-deleted (purge protection: 90 days) and holds its name,
# which the deployment would ask for again: recover it into the group instead of failing on it.
az keyvault list-deleted --resource-type vault --query "[].[name, properties.vaultId]" --output tsv \
  | while read -r vault vault_id; do
      if [[ "${vault_id,,}" == *"/resourcegroups/${resource_group,,}/"* ]]; then
        echo "deploy: recovering Key Vault $vault, soft-deleted with an earlier $resource_group"
        az keyvault recover --name "$vault" --output none
      fi
    done

echo "deploy: infrastructure (infra/main.bicep)"
az deployment group create --resource-group "$resource_group" --name wix-answers-calabrio \
  --template-file "$root/infra/main.bicep" --parameters "@$parameters" --parameters "@$secrets_file" --output none
output() {
  az deployment group show --resource-group "$resource_group" --name wix-answers-calabrio \
    --query "properties.outputs.$1.value" --output tsv
}
app="$(output functionAppName)"

echo "deploy: building the app"
(cd "$root" && mvn -B -q -DskipTests package)
package="$root/target/function-app.zip"
rm -f "$package"
(cd "$root/target/azure-functions/wix-answers-calabrio" && zip -q -r "$package" . -x local.settings.json)

echo "deploy: code to $app"
az functionapp deployment source config-zip --resource-group "$resource_group" --name "$app" --src "$package" \
  --output none

mkdir -p "$(dirname "$DEPLOY_STATE")"
printf 'AZURE_RESOURCE_GROUP=%q\nFUNCTION_APP_NAME=%q\n' "$resource_group" "$app" > "$DEPLOY_STATE"
cat <<DONE
deploy: done. $app runs in $resource_group.
  - Key Vault $(output keyVaultName): set any secret not given now with
      az keyvault secret set --vault-name $(output keyVaultName) --name calabrio-historical-tenant-key --file <file>
  - Grant the app's identity $(output identityName) (client id $(output identityClientId)) read access to the
    reporting database: CREATE USER [$(output identityName)] FROM EXTERNAL PROVIDER; ALTER ROLE db_datareader ADD MEMBER [...]
  - Then scripts/post-deploy.sh $resource_group (Event Grid for onboarding uploads, once that function exists)
    and scripts/rerun-historical.sh <from> <to> to send a first range.
DONE
