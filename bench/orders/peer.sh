#!/usr/bin/env bash
# The order benchmark's peer: sends the requests that `komet-dwf once` sends for the plan's
# orders, with curl, one process per request: `web-order.create` for each web-order group,
# then `web-order-item.add` for each of its lines with the new `webOrderId`.
#
# Usage: bash bench/orders/peer.sh BASE_URL TOKEN_FILE PLAN.tsv
#
# BASE_URL is the sandbox's API URL, such as http://127.0.0.1:40123/api/. TOKEN_FILE contains
# the token that komet-dwf sends for web orders (the Customer token). PLAN.tsv comes from
# bench/orders/generate.py. The token goes to curl in a header file of mode 0600, never on a
# command line. The peer checks each response for Komet status 1 and stops at the first that
# lacks it, because a real client must not add lines to a web order it failed to create.
set -euo pipefail
base_url="$1"
token_file="$2"
plan="$3"
company_id=4242
customer_id=10012
carrier_id=3101
ship_to_id=61001

headers="$(mktemp)"
trap 'rm -f "$headers"' EXIT
chmod 600 "$headers"
printf 'X-ACCOUNT: %s\nauthenticationToken: %s\nContent-Type: application/json\n' \
  "$company_id" "$(tr -d '[:space:]' <"$token_file")" >"$headers"

# Sends one POST and prints the response body.
post() {
  curl --silent --show-error --fail-with-body --header "@$headers" --data-binary "$2" \
    "${base_url}$1"
}

while IFS=$'\t' read -r order origin ship_date location rest; do
  response="$(post web-order.create \
    "{\"companyId\":$company_id,\"companyLocationId\":$location,\"customerId\":$customer_id}")"
  if [[ ! "$response" =~ \"webOrderId\"[[:space:]]*:[[:space:]]*\"?([0-9]+) ]]; then
    echo "web-order.create failed for $order ($origin): $response" >&2
    exit 1
  fi
  web_order_id="${BASH_REMATCH[1]}"
  origin_code=1
  [ "$origin" = FS ] && origin_code=2

  IFS=$'\t' read -r -a items <<<"$rest"
  for item in "${items[@]}"; do
    IFS=: read -r inventory_id _ quantity price <<<"$item"
    # The keys come sorted and the inventory ID as a JSON string, as komet-dwf sends them.
    body="{\"carrierId\":$carrier_id,\"companyLocationId\":$location"
    body+=",\"customerId\":$customer_id,\"date\":\"$ship_date\""
    body+=",\"inventoryIds\":\"$inventory_id\",\"inventoryOrigin\":$origin_code"
    body+=",\"price\":$price,\"quantity\":$quantity,\"shipToId\":$ship_to_id"
    body+=",\"webOrderId\":$web_order_id}"
    response="$(post web-order-item.add "$body")"
    if [[ ! "$response" =~ \"status\"[[:space:]]*:[[:space:]]*\"?1\"? ]]; then
      echo "web-order-item.add failed for $order item $inventory_id: $response" >&2
      exit 1
    fi
  done
done <"$plan"
