#!/usr/bin/env bash
# Magpie's local stack without Docker: PostgreSQL and Neo4j (embedded, from infra/dev-servers), Milvus
# (milvus-lite) and the five services, each a process of its own whose PID is kept under the runtime folder.
#
#   stack.sh start [--no-demo]   build if needed, start everything, load demo data, print the URLs
#   stack.sh revive              start again what is not running (a killed replica) and wait until it is ready
#   stack.sh stop                stop exactly the processes that start started
#   stack.sh status              what runs, on which port, and whether it is ready
#
# Environment: MAGPIE_RUNTIME_DIR (default .magpie/stack), MAGPIE_PORT_OFFSET (added to every port, default 0),
# MAGPIE_DATASETS (default ../shared/datasets), MAGPIE_ENCODER_MODEL (the dense source's model, default
# bge-small-en-v1.5; all-minilm-l6-v2 is also built in), MAGPIE_REPLICAS (processes of each service, default 1:
# replica n > 1 listens on the port + 100 * (n - 1), and every caller balances over the list; docs/adr/0028),
# MAGPIE_SERVICE_HEAP (one -Xmx for every service instead of the defaults below; MAGPIE_ENCODER_HEAP the encoder's
# over that), MAGPIE_NO_BUILD=1 (start from the jars as they are, without the rebuild check).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
RUNTIME=${MAGPIE_RUNTIME_DIR:-$ROOT/.magpie/stack}
OFFSET=${MAGPIE_PORT_OFFSET:-0}
DATASETS=${MAGPIE_DATASETS:-$ROOT/../shared/datasets}
DJL_CACHE=${DJL_CACHE_DIR:-$ROOT/.magpie/djl}
MILVUS_VENV=${MAGPIE_MILVUS_VENV:-$ROOT/.magpie/milvus-venv}
DEV_SERVERS=$ROOT/infra/dev-servers/target/magpie-dev-servers.jar
EVAL=$ROOT/eval/target/magpie-eval.jar

# Components in start order; stop goes the other way.
COMPONENTS=(postgres neo4j milvus encoder-service fusion-service kg-service retrieval-service gateway)
declare -A PORT=(
  [postgres]=$((15432 + OFFSET)) [neo4j]=$((17687 + OFFSET)) [milvus]=$((19530 + OFFSET))
  [gateway]=$((8080 + OFFSET)) [encoder-service]=$((8081 + OFFSET)) [retrieval-service]=$((8082 + OFFSET))
  [kg-service]=$((8083 + OFFSET)) [fusion-service]=$((8084 + OFFSET))
)
declare -A HEAP=(
  [encoder-service]=1g [retrieval-service]=512m [kg-service]=384m [fusion-service]=512m [gateway]=384m
)

REPLICAS=${MAGPIE_REPLICAS:-1}
[[ "$REPLICAS" =~ ^[1-9]$ ]] || { echo "[magpie] error: MAGPIE_REPLICAS must be 1-9, not '$REPLICAS'" >&2; exit 1; }
if [ -n "${MAGPIE_SERVICE_HEAP:-}" ]; then
  for service in "${!HEAP[@]}"; do HEAP[$service]=$MAGPIE_SERVICE_HEAP; done
fi
# the encoder's own heap over that: it also bounds the direct buffers a fine-tuning job fills
HEAP[encoder-service]=${MAGPIE_ENCODER_HEAP:-${HEAP[encoder-service]}}

log() { printf '[magpie] %s\n' "$*"; }
die() { printf '[magpie] error: %s\n' "$*" >&2; exit 1; }

pid_file() { echo "$RUNTIME/run/$1.pid"; }
log_file() { echo "$RUNTIME/logs/$1.log"; }
url() { echo "http://127.0.0.1:$(port "$1")"; }

# A service's replica n (n > 1) is named <service>-<n> and listens 100 * (n - 1) above the service's port.
service_of() { echo "${1%-[2-9]}"; }
port() {
  local name=$1 service; service=$(service_of "$1")
  if [ "$name" = "$service" ]; then echo "${PORT[$name]}"; else echo $((PORT[$service] + 100 * (${name##*-} - 1))); fi
}
replica_names() {
  local n; echo "$1"
  for ((n = 2; n <= REPLICAS; n++)); do echo "$1-$n"; done
}
# host:port of every replica of a service, comma separated: a Stork static list.
addresses() {
  local name list=""
  for name in $(replica_names "$1"); do list+="${list:+,}127.0.0.1:$(port "$name")"; done
  echo "$list"
}
# A caller's client settings for <service> (config key <key>): its one URL, or with replicas a Stork static list
# balanced by least response time, which steers away from a replica that fails (docs/adr/0028).
client_env() {
  local key=$1 service=$2 upper; upper=$(echo "$key" | tr a-z A-Z)
  if [ "$REPLICAS" = 1 ]; then
    echo "QUARKUS_REST_CLIENT_${upper}_URL=$(url "$service")"
  else
    echo "QUARKUS_REST_CLIENT_${upper}_URL=stork://$key MAGPIE_REPLICAS_${upper}=$(addresses "$service")"
  fi
}

# A process's start time (clock ticks after boot, /proc/PID/stat field 22): a PID file records it next to the PID, so
# a PID that the system has since given to another process is never taken for ours (never signalled).
start_time() { sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f20; }

running_pid() {
  local file; file=$(pid_file "$1")
  [ -f "$file" ] || return 1
  local pid started; read -r pid started < "$file"
  [ -n "$started" ] && [ "$(start_time "$pid")" = "$started" ] && echo "$pid"
}

ensure_build() {
  local stamp=$ROOT/.magpie/build.stamp
  local jars=("$DEV_SERVERS" "$EVAL")
  for service in encoder-service retrieval-service kg-service fusion-service gateway; do
    jars+=("$ROOT/$service/target/quarkus-app/quarkus-run.jar")
  done
  local missing=0 oldest=""
  for jar in "${jars[@]}"; do
    if [ ! -f "$jar" ]; then missing=1; elif [ -z "$oldest" ] || [ "$jar" -ot "$oldest" ]; then oldest=$jar; fi
  done
  # Up to date when no source is newer than the last build here (the stamp) or than the oldest jar: jars that are
  # all newer than every source were built from them, as by the `./mvnw verify` that `./magpie test` runs just before
  # its end-to-end check (building them again there cost about a minute).
  local since=$stamp
  [ -f "$stamp" ] && [ -n "$oldest" ] && [ "$stamp" -ot "$oldest" ] && since=$oldest
  [ -f "$stamp" ] || since=$oldest
  local changed=""
  if [ "$missing" = 0 ]; then
    changed=$(cd "$ROOT" && find . -path ./.magpie -prune -o -path '*/target' -prune -o \
      \( -name '*.java' -o -name 'pom.xml' -o -name '*.properties' \) -newer "$since" -print -quit)
  fi
  if [ "$missing" = 1 ] || [ -n "$changed" ]; then
    log "building (./mvnw install -DskipTests)"
    (cd "$ROOT" && ./mvnw -B -q install -DskipTests) || die "build failed"
    mkdir -p "$(dirname "$stamp")" && touch "$stamp"
  fi
}

# Starts a component in a session of its own (so stop can end its children too) and records its PID.
launch() {
  local name=$1; shift
  if running_pid "$name" >/dev/null; then
    log "$name already running (pid $(running_pid "$name"))"
    return
  fi
  : > "$(log_file "$name")"
  setsid "$@" > "$(log_file "$name")" 2>&1 < /dev/null &
  echo "$! $(start_time $!)" > "$(pid_file "$name")"
}

await_log_line() {
  local name=$1 pattern=$2 timeout=${3:-120}
  for _ in $(seq "$timeout"); do
    grep -q "$pattern" "$(log_file "$name")" 2>/dev/null && return 0
    running_pid "$name" >/dev/null || die "$name exited; see $(log_file "$name")"
    sleep 1
  done
  die "$name not ready after ${timeout}s; see $(log_file "$name")"
}

await_ready() {
  local name=$1 timeout=${2:-180}
  for _ in $(seq "$timeout"); do
    curl -sf "$(url "$name")/q/health/ready" > /dev/null 2>&1 && return 0
    running_pid "$name" >/dev/null || die "$name exited; see $(log_file "$name")"
    sleep 1
  done
  die "$name not ready after ${timeout}s; see $(log_file "$name")"
}

# Secrets (admin key, service credential) reach a service through its environment, never its command line (which
# every user sees in ps): exported in the subshell that launches it. Every service listens on 127.0.0.1 only.
start_service() {
  local service=$1 name; shift
  for name in $(replica_names "$service"); do
    (
      export MAGPIE_ADMIN_KEYS MAGPIE_SERVICE_CREDENTIAL
      MAGPIE_ADMIN_KEYS=$(admin_key) MAGPIE_SERVICE_CREDENTIAL=$(service_credential)
      [ "$service" = gateway ] && export MAGPIE_GATEWAY_ADMIN_KEYS=$MAGPIE_ADMIN_KEYS
      [ "$service" = fusion-service ] && export MAGPIE_FUSION_COLLABORATIVE_RETRIEVAL_ADMIN_KEY=$MAGPIE_ADMIN_KEYS
      launch "$name" env QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$(port "$name")" "$@" \
        java -Xmx"${HEAP[$service]}" -DDJL_CACHE_DIR="$DJL_CACHE" -Dai.djl.offline=true \
        -jar "$ROOT/$service/target/quarkus-app/quarkus-run.jar"
    )
  done
}

# A secret of the stack in $RUNTIME/<name> (mode 0600), made on first use.
secret() {
  local file=$RUNTIME/$1
  [ -s "$file" ] || (umask 077 && head -c 24 /dev/urandom | base64 | tr -d '/+=' > "$file")
  cat "$file"
}
admin_key() { secret admin-key; }
service_credential() { secret service-credential; }
# Headers for curl as files (-H @file), so that no secret shows on curl's command line.
admin_header() { printf 'Authorization: Bearer %s\n' "$(admin_key)"; }
credential_header() { printf 'X-Magpie-Service-Credential: %s\n' "$(service_credential)"; }

load_demo_data() {
  local marker=$RUNTIME/data/demo-loaded
  [ -f "$marker" ] && { log "demo data already loaded ($(cat "$marker"))"; return; }
  local file format
  if [ -f "$DATASETS/esci-subset/products.jsonl" ]; then
    file=$DATASETS/esci-subset/products.jsonl format=esci
  else
    file=$RUNTIME/data/generated-catalogue.jsonl format=magpie
    log "no ESCI data set at $DATASETS/esci-subset; generating a synthetic catalogue"
    java -jar "$EVAL" generate-catalogue --count 3000 --out "$file"
  fi
  log "loading demo data from $file"
  MAGPIE_ADMIN_KEY=$(admin_key) java -jar "$EVAL" ingest --gateway "$(url gateway)" --file "$file" --format "$format" \
    || die "demo data load failed"
  echo "$format $file" > "$marker"
  encoder_model > "$RUNTIME/data/encoder-model"
}

# name@version of the encoder's default model, as an encode answer names it.
encoder_model() {
  curl -sf -H 'Content-Type: application/json' -H @<(credential_header) -d '{"kind": "document", "texts": ["model check"]}' \
    "$(url encoder-service)/v1/encode" | sed -n 's/^{"model":"\([^"]*\)","version":"\([^"]*\)".*/\1@\2/p'
}

# Vectors of different models are not comparable: when the encoder's default model is not the one that encoded
# the catalogue (a new default, or MAGPIE_ENCODER_MODEL), rebuild the vectors (reindex, alias swap) before use.
reindex_if_model_changed() {
  local marker=$RUNTIME/data/encoder-model current previous status progress shown=""
  current=$(encoder_model)
  [ -n "$current" ] || die "cannot tell encoder-service's model; see $(log_file encoder-service)"
  # Stacks loaded before the marker existed were encoded with the default of that time.
  previous=$(cat "$marker" 2>/dev/null || echo "all-minilm-l6-v2@1")
  if { [ -f "$marker" ] || [ -f "$RUNTIME/data/demo-loaded" ]; } && [ "$previous" != "$current" ]; then
    log "the catalogue was encoded with $previous, the encoder now serves $current: reindexing"
    curl -sf -X POST -H @<(admin_header) "$(url gateway)/api/v1/admin/reindex" > /dev/null \
      || die "reindex refused; see $(log_file retrieval-service)"
    while :; do
      sleep 5
      status=$(curl -sf -H @<(admin_header) "$(url gateway)/api/v1/admin/reindex") || continue
      case $status in
        *'"phase":"DONE"'*) log "reindexed: $status"; break ;;
        *'"phase":"FAILED"'*) die "reindex failed: $status" ;;
        *) progress=$(echo "$status" | sed -n 's/.*"done":\([0-9]*\),"total":\([0-9]*\).*/\1 of \2 products/p')
           [ "$progress" = "$shown" ] || { log "reindexing: $progress"; shown=$progress; } ;;
      esac
    done
  fi
  echo "$current" > "$marker"
}

# With the ESCI labels present: train the learned ranker from them through the platform once (k-fold check against
# the fixed default in the same run, activated only when it wins; docs/adr/0020). Without them: the fixed strategy.
train_fusion_model() {
  local marker=$RUNTIME/data/fusion-trained
  [ -f "$marker" ] && { log "learned ranker already trained ($(cat "$marker"))"; return; }
  if [ ! -f "$DATASETS/esci-subset/labels.tsv" ] || ! grep -q '^esci ' "$RUNTIME/data/demo-loaded" 2>/dev/null; then
    log "no ESCI labels loaded: search ranks with the best fixed strategy (weighted over dense, lexical, graph)"
    return
  fi
  log "training the learned ranker from the ESCI labels (k-fold check against the fixed default first)"
  local version
  if version=$(MAGPIE_ADMIN_KEY=$(admin_key) MAGPIE_SERVICE_CREDENTIAL=$(service_credential) java -jar "$EVAL" \
      fusion-train --activate-if-better --gateway "$(url gateway)" \
      --fusion "$(url fusion-service)" --dataset "$DATASETS/esci-subset" \
      -k "${MAGPIE_FUSION_TRAIN_FOLDS:-3}" 2> >(sed 's/^/[magpie]   /' >&2)); then
    echo "$version" > "$marker"
  else
    log "training the learned ranker failed; search keeps the fixed strategy (see above)"
  fi
}

# Launches every component that is not running (all of them on a first start) and waits until each is ready.
# --gateway-last: the gateway only once the services it calls are ready (a restarted gateway's balancer knows
# nothing yet of which replicas answer, and would send its first calls to ones still starting).
launch_components() {
  local gateway_last=0
  [ "${1:-}" = "--gateway-last" ] && gateway_last=1
  launch postgres java -Xmx256m -cp "$DEV_SERVERS" io.magpie.devservers.PostgresServer \
    --port "${PORT[postgres]}" --data-dir "$RUNTIME/data/postgres"
  launch neo4j java -Xmx1g -cp "$DEV_SERVERS" io.magpie.devservers.Neo4jServer \
    --port "${PORT[neo4j]}" --data-dir "$RUNTIME/data/neo4j"
  launch milvus "$MILVUS_VENV/bin/milvus-lite" server --data-dir "$RUNTIME/data/milvus" \
    --host 127.0.0.1 --port "${PORT[milvus]}"
  await_log_line postgres "PostgreSQL ready"
  await_log_line neo4j "Neo4j ready"
  await_log_line milvus "listening"

  # Model versions (<name>/<version>/ folders; fine-tuned ones land here too) live with the stack's data.
  # OMP_WAIT_POLICY=PASSIVE: PyTorch's idle OpenMP threads sleep instead of spinning on the shared cores.
  start_service encoder-service MAGPIE_ENCODER_MODEL_DIR="$RUNTIME/models" OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
  # Learned-ranker versions and activations live in PostgreSQL (docs/adr/0020); a model folder of an older stack
  # (MAGPIE_FUSION_MODELS_DIR) is imported once and renamed aside. Events in PostgreSQL too (docs/adr/0012).
  start_service fusion-service MAGPIE_FUSION_MODELS_DIR="$RUNTIME/fusion-models" OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}" \
    QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://127.0.0.1:${PORT[postgres]}/postgres" \
    QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=postgres \
    $(client_env retrieval retrieval-service) \
    $(client_env kg kg-service)
  start_service kg-service QUARKUS_NEO4J_URI="bolt://127.0.0.1:${PORT[neo4j]}" QUARKUS_NEO4J_AUTHENTICATION_DISABLED=true \
    QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://127.0.0.1:${PORT[postgres]}/postgres" \
    QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=postgres
  start_service retrieval-service \
    QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://127.0.0.1:${PORT[postgres]}/postgres" \
    QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=postgres \
    MAGPIE_RETRIEVAL_MILVUS_URI="http://127.0.0.1:${PORT[milvus]}" \
    $(client_env encoder encoder-service) $(client_env kg kg-service)
  if [ "$gateway_last" = 1 ]; then
    for service in encoder-service fusion-service kg-service retrieval-service; do
      for name in $(replica_names "$service"); do await_ready "$name"; done
    done
  fi
  # API keys in PostgreSQL (schema gateway, docs/adr/0022); the admin key stays as the bootstrap key.
  start_service gateway \
    QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://127.0.0.1:${PORT[postgres]}/postgres" \
    QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=postgres \
    $(client_env encoder encoder-service) $(client_env retrieval retrieval-service) \
    $(client_env kg kg-service) $(client_env fusion fusion-service)
  for service in encoder-service fusion-service kg-service retrieval-service gateway; do
    for name in $(replica_names "$service"); do await_ready "$name"; done
  done
}

# Starts what is not running (a killed replica) from the jars as they are and waits until it is ready: no build,
# no data load, no reindex (a test restarting processes mid-run); a gateway after the services it calls.
revive() {
  [ -d "$RUNTIME/run" ] || die "no stack in $RUNTIME"
  local began=$SECONDS
  launch_components --gateway-last
  log "revived; all components ready after $((SECONDS - began)) s"
}

start() {
  local demo=1
  [ "${1:-}" = "--no-demo" ] && demo=0
  command -v java > /dev/null || die "java (17+) is required"
  command -v curl > /dev/null || die "curl is required"
  local began=$SECONDS
  # MAGPIE_NO_BUILD=1: start from the jars as they are, without the rebuild check
  [ "${MAGPIE_NO_BUILD:-0}" = 1 ] || ensure_build
  "$ROOT/infra/local/install-milvus.sh"
  mkdir -p "$RUNTIME"/{run,logs,data,models} "$DJL_CACHE"
  stop_orphan_postgres

  launch_components
  log "all components ready after $((SECONDS - began)) s"

  [ "$demo" = 1 ] && load_demo_data
  reindex_if_model_changed
  [ "$demo" = 1 ] && train_fusion_model
  # The first search of a fresh JVM pays for class loading and JIT (seconds); take it here, not a shopper.
  curl -s -o /dev/null "$(url gateway)/api/v1/search?q=warm+up&size=10" || true
  log "Magpie is up after $((SECONDS - began)) s"
  cat <<INFO

  Search:        $(url gateway)/api/v1/search?q=paper+towels
  API docs:      $(url gateway)/q/swagger-ui
  Admin key:     $RUNTIME/admin-key (send as 'Authorization: Bearer <key>')
  Credential:    $RUNTIME/service-credential (internal services want it as 'X-Magpie-Service-Credential: <it>')
  Services:      encoder $(url encoder-service), retrieval $(url retrieval-service), kg $(url kg-service), fusion $(url fusion-service)
  Health:        <service>/q/health, metrics <service>/q/metrics
  Logs:          $RUNTIME/logs/
  Stop:          ./magpie stop      Status: ./magpie status

INFO
}

stop() {
  local i
  for ((i = ${#COMPONENTS[@]} - 1; i >= 0; i--)); do
    local name pid
    for name in "${COMPONENTS[$i]}" $(cd "$RUNTIME/run" 2>/dev/null && ls "${COMPONENTS[$i]}"-[2-9].pid 2>/dev/null | sed 's/\.pid$//'); do
      if pid=$(running_pid "$name"); then
        log "stopping $name (pid $pid)"
        kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
        kill -0 "$pid" 2>/dev/null && { log "$name did not stop in 30 s; killing it"; kill -KILL -- "-$pid" 2>/dev/null || true; }
      fi
      rm -f "$(pid_file "$name")"
    done
  done
  stop_orphan_postgres
}

# The PostgreSQL server outlives its launcher when the launcher is killed (no shutdown hook runs): find it by the
# postmaster.pid of the stack's data folder, and stop it only if that process really serves this folder.
stop_orphan_postgres() {
  local data=$RUNTIME/data/postgres pid
  running_pid postgres > /dev/null && return 0   # its launcher is alive and owns it
  [ -f "$data/postmaster.pid" ] || return 0
  pid=$(head -n 1 "$data/postmaster.pid")
  [ -n "$pid" ] && tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$data" || return 0
  log "stopping the PostgreSQL server left by its launcher (pid $pid)"
  kill -INT "$pid" 2>/dev/null || true
  for _ in $(seq 30); do kill -0 "$pid" 2>/dev/null || return 0; sleep 1; done
  kill -KILL "$pid" 2>/dev/null || true
}

status() {
  local name pid state
  for name in "${COMPONENTS[@]}" $(cd "$RUNTIME/run" 2>/dev/null && ls ./*-[2-9].pid 2>/dev/null | sed 's|^\./||; s/\.pid$//'); do
    if pid=$(running_pid "$name"); then
      state="running (pid $pid)"
      case $(service_of "$name") in
        *-service|gateway) curl -sf "$(url "$name")/q/health/ready" > /dev/null 2>&1 && state+=", ready" || state+=", not ready";;
      esac
    else
      state="stopped"
    fi
    printf '%-20s port %-6s %s\n' "$name" "$(port "$name")" "$state"
  done
}

case "${1:-}" in
  start) shift; start "$@" ;;
  revive) revive ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start [--no-demo] | revive | stop | status" >&2; exit 2 ;;
esac
