#!/usr/bin/env bash
# After the code is deployed: the Event Grid subscription that feeds the onboarding blob trigger (Flex
# Consumption runs blob triggers from Event Grid only). It points at the app's blobs_extension system key, which
# exists only once a blob-triggered function is deployed, so this cannot be part of the Bicep deployment.
#
#   scripts/post-deploy.sh <resource-group>        (ONBOARDING_FUNCTION names the blob-triggered function)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/lib.sh"

[[ $# -eq 1 ]] || fail "usage: scripts/post-deploy.sh <resource-group>"
resource_group="$1"
function_name="${ONBOARDING_FUNCTION:-OnboardingUpload}"

require az "the Azure CLI, https://learn.microsoft.com/cli/azure/install-azure-cli"
require_azure_login

output() {
  az deployment group show --resource-group "$resource_group" --name wix-answers-calabrio \
    --query "properties.outputs.$1.value" --output tsv
}
app="$(output functionAppName)"
storage_id="$(output storageAccountId)"
[[ -n "$app" && -n "$storage_id" ]] || fail "no wix-answers-calabrio deployment in $resource_group: run scripts/deploy.sh first"

key="$(az functionapp keys list --resource-group "$resource_group" --name "$app" \
  --query "systemKeys.blobs_extension" --output tsv)"
[[ -n "$key" ]] || fail "$app has no blobs_extension system key yet: it appears once the onboarding blob trigger ($function_name) is deployed; deploy that code, then run this again"

if [[ "$(az provider show --namespace Microsoft.EventGrid --query registrationState --output tsv)" != "Registered" ]]; then
  echo "post-deploy: registering the Microsoft.EventGrid resource provider"
  az provider register --namespace Microsoft.EventGrid --wait
fi

host="$(az functionapp show --resource-group "$resource_group" --name "$app" --query defaultHostName --output tsv)"
# The endpoint carries the key: az reads it from a private file (@file), so it is never on a command line.
endpoint_file="$(mktemp)"
trap 'rm -f "$endpoint_file"' EXIT
chmod 600 "$endpoint_file"
printf '%s' "https://$host/runtime/webhooks/blobs?functionName=Host.Functions.$function_name&code=$key" > "$endpoint_file"
echo "post-deploy: Event Grid subscription onboarding-uploads -> $function_name"
az eventgrid event-subscription create --name onboarding-uploads --source-resource-id "$storage_id" \
  --endpoint "@$endpoint_file" \
  --endpoint-type webhook --included-event-types Microsoft.Storage.BlobCreated \
  --subject-begins-with /blobServices/default/containers/onboarding/blobs/incoming/ --output none
echo "post-deploy: done; files uploaded to onboarding/incoming/ now reach $function_name"
