#!/usr/bin/env bash
# End-to-end check of the local stack: starts it in a scratch runtime folder on shifted ports, loads the demo
# data, searches through the gateway, breaks one service on purpose, then stops everything and checks that
# nothing it started is left. Prints "e2e: N passed, M failed" and exits non-zero on any failure.
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export MAGPIE_PORT_OFFSET=${MAGPIE_PORT_OFFSET:-1000}
mkdir -p "$ROOT/.magpie"
export MAGPIE_RUNTIME_DIR=$(mktemp -d "$ROOT/.magpie/e2e-XXXXXX")
DATASETS=${MAGPIE_DATASETS:-$ROOT/../shared/datasets}
STACK=$ROOT/infra/local/stack.sh
GATEWAY=http://127.0.0.1:$((8080 + MAGPIE_PORT_OFFSET))
passed=0 failed=0

check() {
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); echo "PASS $name"; else failed=$((failed + 1)); echo "FAIL $name"; fi
}

finish() {
  "$STACK" stop > /dev/null 2>&1
  if [ "$failed" = 0 ]; then
    rm -rf "$MAGPIE_RUNTIME_DIR"
  else
    for log in "$MAGPIE_RUNTIME_DIR"/logs/*.log; do echo "--- end of $log"; tail -n 15 "$log"; done
  fi
  echo "e2e: $passed passed, $failed failed"
  [ "$failed" = 0 ]
}
trap 'finish; exit $?' EXIT

search() { curl -sf "$GATEWAY/api/v1/search?q=$1&size=${2:-10}"; }
# A new stored API key of a scope (docs/adr/0022), made through the admin API: prints its secret.
new_key() {
  curl -sf -X POST -H "Authorization: Bearer $(cat "$MAGPIE_RUNTIME_DIR/admin-key")" -H 'Content-Type: application/json' \
    --data "{\"name\":\"$1\",\"scope\":\"$2\"}" "$GATEWAY/api/v1/admin/keys" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["secret"])'
}

# The ESCI subset holds no paper towels (none of its 6,764 titles says so): the check adds three through the
# admin API, as a store would, and expects them as the next search's dense top 3. Not the fused top: milvus-lite
# keeps BM25 statistics per segment, so a product in a fresh one-row segment scores near zero lexically until
# compaction merges it (docs/adr/0002); real Milvus keeps collection-wide statistics.
paper_towels_found() {
  local key; key=$(cat "$MAGPIE_RUNTIME_DIR/admin-key")
  curl -sf -X POST -H "Authorization: Bearer $key" -H 'Content-Type: application/x-ndjson' \
    "$GATEWAY/api/v1/admin/products" --data-binary @- > /dev/null <<'NDJSON' || return 1
{"id":"E2E-PT-1","title":"Bounty Select-A-Size Paper Towels, 12 Double Rolls","brand":"Bounty","category":["Health & Household","Household Supplies","Paper & Plastic","Paper Towels"],"bulletPoints":["2x more absorbent than the leading ordinary brand"],"price":31.99}
{"id":"E2E-PT-2","title":"Viva Multi-Surface Cloth Paper Towels, 6 Big Rolls","brand":"Viva","category":["Health & Household","Household Supplies","Paper & Plastic","Paper Towels"],"price":12.49}
{"id":"E2E-PT-3","title":"Scott Choose-A-Sheet Paper Towels, 15 Mega Rolls","brand":"Scott","category":["Health & Household","Household Supplies","Paper & Plastic","Paper Towels"],"price":22.99}
NDJSON
  # ingest answers once PostgreSQL committed; Milvus follows through the outbox (docs/adr/0008)
  local waited=0
  until curl -sf -H "Authorization: Bearer $key" "$GATEWAY/api/v1/admin/products/indexing" | grep -q '"pending":0,'; do
    [ $((waited += 1)) -le 120 ] || return 1
    sleep 1
  done
  # choosing the sources takes a trusted key; the admin key is one
  local answer; answer=$(curl -sf -H "Authorization: Bearer $key" \
    "$GATEWAY/api/v1/search?q=paper+towels&size=3&sources=dense") || return 1
  echo "$answer" | python3 -c '
import json, sys
titles = [i.get("title") or "" for i in json.load(sys.stdin)["items"]]
print("  dense top 3 for paper towels:", *titles, sep="\n    ")
sys.exit(0 if sum("paper towels" in t.lower() for t in titles) == 3 else 1)'
}

answer_is_complete() {
  search paper+towels | python3 -c '
import json, sys
a = json.load(sys.stdin)
assert a["requestId"] and a["items"] and a["degraded"] == [], a
for i in a["items"]:
    assert i["id"] and i["title"] and i["sources"] and i["score"] > 0, i
    assert all(s["source"] in ("dense", "lexical", "graph") and s["rank"] >= 1 for s in i["sources"]), i
'
}

admin_needs_key() {
  local code
  code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/x-ndjson' \
    --data-binary '{"id":"x","title":"y"}' "$GATEWAY/api/v1/admin/products")
  [ "$code" = 401 ]
}

# Graph admin through the gateway (docs/adr/0010): refused without an admin key; with it an ACCESSORY_OF between
# two of the paper towels above (retried while the catalogue's change feed brings them into the graph) shows up
# among the public complements with its path, and undoing it from the audit log takes it away again.
graph_admin_edit() {
  local key; key=$(cat "$MAGPIE_RUNTIME_DIR/admin-key")
  local body='{"type":"ACCESSORY_OF","from":"Product:E2E-PT-2","to":"Product:E2E-PT-1"}'
  local code
  code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' --data "$body" \
    "$GATEWAY/api/v1/admin/graph/relations")
  [ "$code" = 401 ] || { echo "  no key: $code"; return 1; }
  code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "Authorization: Bearer $(new_key e2e-graph storefront)" \
    -H 'Content-Type: application/json' --data "$body" "$GATEWAY/api/v1/admin/graph/relations")
  [ "$code" = 403 ] || { echo "  storefront key: $code"; return 1; }
  for _ in $(seq 90); do
    code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "Authorization: Bearer $key" \
      -H 'Content-Type: application/json' --data "$body" "$GATEWAY/api/v1/admin/graph/relations")
    [ "$code" = 201 ] && break
    sleep 1
  done
  [ "$code" = 201 ] || { echo "  admin key: $code"; return 1; }
  curl -sf "$GATEWAY/api/v1/products/E2E-PT-1/complements" | python3 -c '
import json, sys
items = json.load(sys.stdin)["items"]
assert items and items[0]["id"] == "E2E-PT-2" and "[:ACCESSORY_OF]->" in items[0]["paths"][0], items' || return 1
  local entry; entry=$(curl -sf -H "Authorization: Bearer $key" \
    "$GATEWAY/api/v1/admin/graph/audit?entity=Product:E2E-PT-1&operation=create_relation" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["entries"][0]["id"])') || return 1
  curl -sf -X POST -H "Authorization: Bearer $key" "$GATEWAY/api/v1/admin/graph/audit/$entry/undo" > /dev/null \
    || return 1
  curl -sf "$GATEWAY/api/v1/products/E2E-PT-1/complements" | python3 -c '
import json, sys
assert all(i["id"] != "E2E-PT-2" for i in json.load(sys.stdin)["items"])'
}

bad_input_is_a_problem() {
  local headers; headers=$(curl -s -D - -o /dev/null "$GATEWAY/api/v1/search?q=&size=10")
  echo "$headers" | grep -q '^HTTP/1.1 400' && echo "$headers" | grep -qi 'content-type: application/problem+json'
}

# Pages, facets, sorts and listings of the storefront search (docs/adr/0017), checked by e2e_storefront.py
storefront() { python3 "$ROOT/infra/local/e2e_storefront.py" "$GATEWAY" "$1"; }

# Request limits (docs/adr/0017): a body over its endpoint's limit is a 413 before any work, and a storefront key
# over its rate (50/s, burst 100 by default) gets 429 with Retry-After while other keys go on.
oversized_body_is_413() {
  local headers
  headers=$(head -c 2000000 /dev/zero | tr '\0' ' ' | curl -s -D - -o /dev/null -X POST -H 'Content-Type: application/json' \
    --data-binary @- "$GATEWAY/api/v1/events")
  echo "$headers" | grep -q '^HTTP/1.1 413' && echo "$headers" | grep -qi 'content-type: application/problem+json'
}

storefront_key_over_its_rate_gets_429() {
  # one curl process sending in parallel: fast enough to outrun the rate even on a busy machine
  local codes storefront other
  storefront=$(new_key e2e-rate storefront) && other=$(new_key e2e-other storefront) || return 1
  codes=$(for _ in $(seq 600); do echo "url = \"$GATEWAY/api/v1/search?q=\""; echo 'output = "/dev/null"'; done |
    curl -s --no-progress-meter --parallel --parallel-max 32 -H "Authorization: Bearer $storefront" \
      -w '%{http_code}\n' -K - | sort | uniq -c)
  echo "  answers:" $codes
  echo "$codes" | grep -q ' 429$' || return 1
  local last; last=$(curl -s -D - -o /dev/null -H "Authorization: Bearer $storefront" "$GATEWAY/api/v1/search?q=")
  if echo "$last" | grep -q '^HTTP/1.1 429'; then echo "$last" | grep -qi '^retry-after: [0-9]' || return 1; fi
  # another key is not held back
  [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $other" "$GATEWAY/api/v1/search?q=")" = 400 ]
}

# Stored API keys (docs/adr/0022): a storefront key made through the admin API searches (200), is refused on an
# admin endpoint (403), and once revoked is refused everywhere (401).
api_key_lifecycle() {
  local admin secret id code
  admin=$(cat "$MAGPIE_RUNTIME_DIR/admin-key")
  secret=$(new_key e2e-shop storefront) || return 1
  id=${secret#mgp_}; id=${id%%_*}
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $secret" "$GATEWAY/api/v1/search?q=paper+towels")
  [ "$code" = 200 ] || { echo "  search with the new key: $code"; return 1; }
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $secret" "$GATEWAY/api/v1/admin/keys")
  [ "$code" = 403 ] || { echo "  admin endpoint with a storefront key: $code"; return 1; }
  curl -sf -o /dev/null -X DELETE -H "Authorization: Bearer $admin" "$GATEWAY/api/v1/admin/keys/$id" || return 1
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $secret" "$GATEWAY/api/v1/search?q=paper+towels")
  [ "$code" = 401 ] || { echo "  search with the revoked key: $code"; return 1; }
}

esci_check() {
  if [ ! -f "$DATASETS/esci-subset/queries.tsv" ]; then
    echo "  skipped: no ESCI data set at $DATASETS/esci-subset"
    return 0
  fi
  java -jar "$ROOT/eval/target/magpie-eval.jar" esci-check --gateway "$GATEWAY" \
    --dataset "$DATASETS/esci-subset" --k 10 --min 90 | tail -1
  return "${PIPESTATUS[0]}"
}

# The short fault-injection suite (docs/adr/0027) against this stack, under load through the gateway: the encoder
# hung, fusion-service killed with -9 and restarted, Milvus hung. Fails on a 5xx other than 503, a 503 without
# Retry-After, an acknowledged event or product lost, or a component not fully recovered within 60 s; prints the
# table (how fast it recovered is reported, not asserted: timing thresholds flake on a busy machine).
faults_under_load() {
  python3 "$ROOT/infra/reliability/reliability.py" --short --existing-stack --no-fuzz
}

degrades_without_graph() {
  local pid; read -r pid _ < "$MAGPIE_RUNTIME_DIR/run/kg-service.pid"
  kill -TERM "$pid"; while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
  # a query not searched before: the kept ranking of "paper towels" (docs/adr/0017) was made with the graph
  search paper+towel+rolls | python3 -c '
import json, sys
a = json.load(sys.stdin)
assert a["degraded"] == ["graph"] and len(a["items"]) == 10, a
'
}

# A new user gets popular items; after the user buys a product that an earlier shopper bought together with another,
# that other product is recommended, saying why. Events go through the public events API.
recommendations_follow_events() {
  local key; key=$(cat "$MAGPIE_RUNTIME_DIR/admin-key")
  search paper+towels 2 | GATEWAY=$GATEWAY KEY=$key python3 -c '
import json, os, sys, time, urllib.request, uuid
from datetime import datetime, timedelta, timezone
gateway, key = os.environ["GATEWAY"], os.environ["KEY"]
a, b = [item["id"] for item in json.load(sys.stdin)["items"][:2]]
def call(path, body=None, admin=False):
    request = urllib.request.Request(gateway + path, data=None if body is None else json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"})
    if admin:
        request.add_header("Authorization", "Bearer " + key)
    return json.load(urllib.request.urlopen(request, timeout=30))
def purchase(user, product, seconds_ago):
    at = (datetime.now(timezone.utc) - timedelta(seconds=seconds_ago)).isoformat()
    return {"eventId": str(uuid.uuid4()), "type": "purchase", "userId": user, "productId": product, "timestamp": at}
shopper, newcomer = "e2e-shopper-" + str(uuid.uuid4()), "e2e-new-" + str(uuid.uuid4())
assert call("/api/v1/events", [purchase(shopper, a, 120), purchase(shopper, b, 60)])["accepted"] == 2
sent = datetime.now(timezone.utc)
for _ in range(120):
    caught_up = call("/api/v1/admin/recommendations/signals", admin=True).get("caughtUpTo")
    if caught_up and datetime.fromisoformat(caught_up.replace("Z", "+00:00")) > sent:
        break
    time.sleep(0.5)
else:
    sys.exit("the co-occurrence signal did not catch up")
reason = "bought together with " + a
before = call("/api/v1/users/" + newcomer + "/recommendations?size=10")["items"]
assert not any(reason in item["reasons"] for item in before), before
assert call("/api/v1/events", [purchase(newcomer, a, 5)])["accepted"] == 1
after = call("/api/v1/users/" + newcomer + "/recommendations?size=10")
ids = [item["id"] for item in after["items"]]
assert b in ids and a not in ids, after
assert reason in after["items"][ids.index(b)]["reasons"], after
'
}

# docs/adr/0026: no secret on any command line (ps shows them to every user), every server of the stack on
# loopback only, and an internal service refuses a caller without the service credential.
secrets_stay_off_command_lines() {
  # the secrets are read from their files here, so that this check's own command line does not hold them
  python3 - "$MAGPIE_RUNTIME_DIR" <<'PY'
import glob, sys
secrets = [open(f"{sys.argv[1]}/{name}").read().strip() for name in ("admin-key", "service-credential")]
shown = []
for path in glob.glob("/proc/[0-9]*/cmdline"):
    try:
        line = open(path, "rb").read().decode(errors="replace")
    except OSError:
        continue
    shown += [path for secret in secrets if secret and secret in line]
print("  command lines holding a secret:", shown or "none")
sys.exit(1 if shown else 0)
PY
}

stack_listens_on_loopback_only() {
  python3 - "$MAGPIE_PORT_OFFSET" <<'PY'
import sys
offset = int(sys.argv[1])
ports = {p + offset for p in (15432, 17687, 19530, 8080, 8081, 8082, 8083, 8084)}
listening = {}
for table in ("/proc/net/tcp", "/proc/net/tcp6"):
    for line in open(table).readlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        address, port = local.split(":")
        if state == "0A" and int(port, 16) in ports:
            listening.setdefault(int(port, 16), set()).add(address)
# 127.0.0.1, ::1 and ::ffff:127.0.0.1 (a Java server on loopback shows in /proc/net/tcp6 as the IPv4-mapped address)
loopback = {"0100007F", "00000000000000000000000001000000", "0000000000000000FFFF00000100007F"}
wrong = {port: addresses for port, addresses in listening.items() if not addresses <= loopback}
print("  listening:", sorted(listening), "not on loopback:", wrong or "none")
sys.exit(1 if wrong or set(listening) != ports else 0)
PY
}

internal_service_wants_the_credential() {
  local kg=http://127.0.0.1:$((8083 + MAGPIE_PORT_OFFSET)) credential
  credential=$(cat "$MAGPIE_RUNTIME_DIR/service-credential")
  [ "$(curl -s -o /dev/null -w '%{http_code}' -X DELETE "$kg/v1/graph/products/E2E-PT-1")" = 401 ] \
    && [ "$(curl -s -o /dev/null -w '%{http_code}' "$kg/q/health/ready")" = 200 ] \
    && [ "$(curl -s -o /dev/null -w '%{http_code}' -H @<(printf 'X-Magpie-Service-Credential: %s\n' "$credential") \
      "$kg/q/openapi")" = 200 ]
}

stop_leaves_nothing() {
  local pids; pids=$(cut -d' ' -f1 "$MAGPIE_RUNTIME_DIR"/run/*.pid 2>/dev/null)
  "$STACK" stop > /dev/null
  for pid in $pids; do kill -0 "$pid" 2>/dev/null && { echo "  pid $pid still alive"; return 1; }; done
  ! ls "$MAGPIE_RUNTIME_DIR"/run/*.pid > /dev/null 2>&1
}

started=$SECONDS
if ! "$STACK" start; then
  failed=$((failed + 1)); echo "FAIL stack start"
  exit 1
fi
echo "  stack started with demo data in $((SECONDS - started)) s"
check "products added through the admin API are found: paper towels" paper_towels_found
check "answer has request id, hydrated items and contributing sources" answer_is_complete
check "admin ingest without a key is 401" admin_needs_key
check "graph admin: key required, an accessory edit shows in complements, undo reverts it" graph_admin_edit
check "a blank query is a 400 problem+json" bad_input_is_a_problem
check "5 pages of a broad query: no repeats, no gaps, cursor and page numbers agree" storefront paging
check "each facet count equals the items returned when that value is selected" storefront facets
check "each sort order holds across pages" storefront sorts
check "a category listing without q holds only that category, best rated first" storefront browse
check "a cursor the API did not make is a 400 naming it" storefront bad_cursor
check "a body over its endpoint's limit is a 413 problem+json" oversized_body_is_413
check "a storefront key over its rate gets 429, another key does not" storefront_key_over_its_rate_gets_429
check "a stored storefront key searches, is 403 on admin endpoints and 401 once revoked" api_key_lifecycle
check "ESCI: at least 90 of 100 queries have an E product in the top 10" esci_check
check "recommendations: a new user's purchase brings what others bought with it, saying why" recommendations_follow_events
check "no secret on a command line of the stack" secrets_stay_off_command_lines
check "every server of the stack listens on 127.0.0.1 only" stack_listens_on_loopback_only
check "an internal service refuses a caller without the service credential" internal_service_wants_the_credential
check "faults under load: no 5xx but 503, Retry-After on every 503, nothing acknowledged lost, recovered" \
  faults_under_load
check "search degrades to the other sources when kg-service is down" degrades_without_graph
check "stop ends every process that start started" stop_leaves_nothing
