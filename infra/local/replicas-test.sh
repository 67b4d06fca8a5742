#!/usr/bin/env bash
# The multi-replica check (docs/operations.md, "Several replicas"; docs/adr/0028, 0039): starts the local stack with
# two replicas of every service (small heaps) in a scratch runtime folder on shifted ports, then replicas_check.py
# runs search load while it ingests, activates a fine-tuned encoder version and a fusion version, reindexes and
# kills one replica of each service in turn, and compares PostgreSQL, Milvus and Neo4j and the replicas' model
# versions at the end. Stops everything it started. Part of ./magpie test (infra/local/test.sh).
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export MAGPIE_PORT_OFFSET=${MAGPIE_PORT_OFFSET:-1500}
export MAGPIE_REPLICAS=2
export MAGPIE_SERVICE_HEAP=${MAGPIE_SERVICE_HEAP:-256m}
# a fine-tuning job fills direct buffers, which the JVM bounds by the heap size: 256 MB is too little for it
export MAGPIE_ENCODER_HEAP=${MAGPIE_ENCODER_HEAP:-768m}
# the smaller built-in encoder: what is checked (versions followed by every replica, the index re-encoded) does not
# depend on the model, and MiniLM encodes and fine-tunes in about half BGE's CPU (docs/adr/0021)
export MAGPIE_ENCODER_MODEL=${MAGPIE_ENCODER_MODEL:-all-minilm-l6-v2}
export MAGPIE_ENCODER_LOAD=${MAGPIE_ENCODER_LOAD:-$MAGPIE_ENCODER_MODEL}
# a killed replica's claims and reindex are taken over in seconds rather than minutes
export MAGPIE_RETRIEVAL_INDEXING_CLAIM_LEASE=${MAGPIE_RETRIEVAL_INDEXING_CLAIM_LEASE:-15s}
export MAGPIE_RETRIEVAL_REINDEX_STALE_AFTER=${MAGPIE_RETRIEVAL_REINDEX_STALE_AFTER:-45s}
mkdir -p "$ROOT/.magpie"
export MAGPIE_RUNTIME_DIR=$(mktemp -d "$ROOT/.magpie/replicas-XXXXXX")
export MAGPIE_STACK=$ROOT/infra/local/stack.sh
export MAGPIE_CATALOGUE=$MAGPIE_RUNTIME_DIR/catalogue.jsonl
MILVUS_VENV=${MAGPIE_MILVUS_VENV:-$ROOT/.magpie/milvus-venv}
# the check's Python drivers for Neo4j and PostgreSQL, installed once beside the Milvus virtualenv's pymilvus
PYLIB=$ROOT/.magpie/replicas-pylib
DRIVERS="neo4j==5.28.1 psycopg[binary]==3.3.9"

finish() {
  local rc=$1
  "$MAGPIE_STACK" stop > /dev/null 2>&1
  if [ "$rc" = 0 ]; then
    rm -rf "$MAGPIE_RUNTIME_DIR"
  else
    for log in "$MAGPIE_RUNTIME_DIR"/logs/*.log; do echo "--- end of $log"; tail -n 15 "$log"; done
  fi
  echo "replicas: $([ "$rc" = 0 ] && echo passed || echo failed)"
  exit "$rc"
}

began=$SECONDS
if [ "$(cat "$PYLIB/.installed" 2>/dev/null)" != "$DRIVERS" ]; then
  rm -rf "$PYLIB"
  # shellcheck disable=SC2086 # one argument per package
  "$MILVUS_VENV/bin/pip" install --quiet --disable-pip-version-check --target "$PYLIB" $DRIVERS || { rm -rf "$MAGPIE_RUNTIME_DIR"; exit 1; }
  echo "$DRIVERS" > "$PYLIB/.installed"
fi
"$MAGPIE_STACK" start --no-demo || finish 1
echo "replicas: stack with two replicas of each service started in $((SECONDS - began)) s"
java -jar "$ROOT/eval/target/magpie-eval.jar" generate-catalogue --count 400 --out "$MAGPIE_CATALOGUE" || finish 1
PYTHONPATH=$PYLIB "$MILVUS_VENV/bin/python" "$ROOT/infra/local/replicas_check.py"
rc=$?
echo "replicas: whole run $((SECONDS - began)) s"
finish "$rc"
