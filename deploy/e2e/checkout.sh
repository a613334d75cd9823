#!/usr/bin/env bash
# End-to-end checkout through the gateway of a running stack (./run.sh, docker-compose or Kubernetes):
# an admin lists a product with stock, a new customer registers, signs in, fills the cart and checks out;
# the order must end Confirmed and the stock must drop by what was bought.
#   deploy/e2e/checkout.sh [BASE_URL]      (default http://127.0.0.1:8080)
# The admin account comes from MARKETPLACE_ADMIN_EMAIL / MARKETPLACE_ADMIN_PASSWORD (defaults: ./run.sh's).
set -euo pipefail

BASE=${1:-http://127.0.0.1:8080}
ADMIN_EMAIL=${MARKETPLACE_ADMIN_EMAIL:-admin@marketplace.local}
ADMIN_PASSWORD=${MARKETPLACE_ADMIN_PASSWORD:-Marketplace-admin-2026}
STOCK=5
BOUGHT=2
BODY=$(mktemp)
trap 'rm -f "$BODY"' EXIT

fail() { echo "FAIL: $*" >&2; echo "last response: $(cat "$BODY")" >&2; exit 1; }

# call METHOD PATH EXPECTED_STATUSES [JSON] [TOKEN]: the response body lands in $BODY.
call() {
  local method=$1 path=$2 expected=$3 json=${4:-} token=${5:-} status
  local args=(-sS -o "$BODY" -w '%{http_code}' -X "$method" -H 'Accept: application/json')
  [ -n "$json" ] && args+=(-H 'Content-Type: application/json' --data "$json")
  [ -n "$token" ] && args+=(-H "Authorization: Bearer $token")
  status=$(curl "${args[@]}" "$BASE$path")
  [[ " $expected " == *" $status "* ]] || fail "$method $path answered $status, expected $expected"
}

# field PATH...: the first of the dotted paths present in the last response body.
field() {
  /usr/bin/env python3 - "$BODY" "$@" <<'PY'
import json, sys
body = json.load(open(sys.argv[1]))
for path in sys.argv[2:]:
    node = body
    for key in path.split("."):
        node = node.get(key) if isinstance(node, dict) else None
    if node is not None:
        print(node)
        sys.exit(0)
sys.exit(1)
PY
}

call POST /api/auth/login 200 "{\"email\":\"$ADMIN_EMAIL\",\"password\":\"$ADMIN_PASSWORD\"}"
admin=$(field token data.token) || fail "no token for the admin"

call POST /api/products "200 201" '{"name":"E2E lamp","description":"Checked end to end","price":19.99,"category":"e2e","images":[]}' "$admin"
product=$(field data.id) || fail "no product id"
call POST /api/inventory/add "200 201" "{\"productId\":\"$product\",\"quantity\":$STOCK,\"lowStockThreshold\":1}" "$admin"

email="e2e-$(date +%s%N)@example.com"
call POST /api/auth/register 201 "{\"name\":\"E2E Buyer\",\"email\":\"$email\",\"password\":\"E2e-buyer-Passw0rd!\",\"role\":\"customer\"}"
call POST /api/auth/login 200 "{\"email\":\"$email\",\"password\":\"E2e-buyer-Passw0rd!\"}"
buyer=$(field token data.token) || fail "no token for the buyer"

call POST /api/orders/cart/add "200 201" "{\"productId\":\"$product\",\"name\":\"E2E lamp\",\"price\":19.99,\"quantity\":$BOUGHT}" "$buyer"
call POST /api/checkout "200 201 202" '{"shippingAddress":{"street":"1 Main St","city":"Springfield","zip":"12345","country":"US"},"paymentMethod":"Credit Card"}' "$buyer"
order=$(field orderId data.orderId) || fail "no order id"

status=""
for _ in $(seq 1 60); do
  call GET "/api/orders/$order" 200 "" "$buyer"
  status=$(field data.status) || true
  [[ $status == Confirmed || $status == Cancelled ]] && break
  sleep 0.5
done
[ "$status" = Confirmed ] || fail "order $order ended '$status', expected Confirmed"

call GET "/api/inventory/$product" 200
quantity=$(field data.quantity) || fail "no stock level"
[ "$quantity" -eq $((STOCK - BOUGHT)) ] || fail "stock is $quantity, expected $((STOCK - BOUGHT))"

echo "PASS: order $order Confirmed, stock $STOCK -> $quantity"
