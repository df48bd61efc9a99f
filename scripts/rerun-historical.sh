#!/usr/bin/env bash
# Reruns the historical statistics of a range of days through the app's HTTP trigger, with the function key
# fetched through the Azure CLI and sent as a header read from a private file: never in the URL, never on curl's
# command line (which every user sees in ps). Prints the durable check-status payload.
#
#   scripts/rerun-historical.sh FROM TO        (yyyy-MM-dd, at most 31 days, none in the future)
#
# The app: AZURE_RESOURCE_GROUP and FUNCTION_APP_NAME, or what scripts/deploy.sh recorded.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/lib.sh"

[[ $# -eq 2 ]] || fail "usage: scripts/rerun-historical.sh FROM TO (dates as yyyy-MM-dd)"
for day in "$1" "$2"; do
  [[ "$day" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ ]] || fail "'$day' is not a date: use yyyy-MM-dd"
done

require az "the Azure CLI, https://learn.microsoft.com/cli/azure/install-azure-cli"
require curl "curl"
require_azure_login
load_deployment

host="$(az functionapp show --resource-group "$AZURE_RESOURCE_GROUP" --name "$FUNCTION_APP_NAME" \
  --query defaultHostName --output tsv)"
key="$(az functionapp function keys list --resource-group "$AZURE_RESOURCE_GROUP" --name "$FUNCTION_APP_NAME" \
  --function-name HistoricalRerun --query default --output tsv)"
[[ -n "$key" ]] || fail "no function key for HistoricalRerun on $FUNCTION_APP_NAME: is the code deployed?"

header_file="$(mktemp)"
trap 'rm -f "$header_file"' EXIT
chmod 600 "$header_file"
printf 'x-functions-key: %s\n' "$key" > "$header_file"
response="$(curl --silent --show-error --request POST --header "@$header_file" \
  --write-out $'\n%{http_code}' "https://$host/api/historical/runs?from=$1&to=$2")"
status="${response##*$'\n'}"
body="${response%$'\n'*}"
echo "$body"
case "$status" in
  202) echo "rerun-historical: started; poll statusQueryGetUri above, or watch the instance in the Portal" >&2 ;;
  400) echo "rerun-historical: refused (HTTP 400): see the error above" >&2; exit 1 ;;
  409) echo "rerun-historical: this range is running now (HTTP 409); wait for it, or rerun another range" >&2; exit 1 ;;
  *)   echo "rerun-historical: HTTP $status" >&2; exit 1 ;;
esac
