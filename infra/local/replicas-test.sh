#!/usr/bin/env bash
# The multi-replica check (docs/operations.md, "Several replicas"; docs/adr/0028): starts the local stack with two
# replicas of every service (small heaps) in a scratch runtime folder on shifted ports, then replicas_check.py
# runs search load while it ingests, reindexes, activates a fusion model version and kills one replica of each
# service in turn, and compares PostgreSQL, Milvus and Neo4j at the end. Stops everything it started.
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export MAGPIE_PORT_OFFSET=${MAGPIE_PORT_OFFSET:-1500}
export MAGPIE_REPLICAS=2
export MAGPIE_SERVICE_HEAP=${MAGPIE_SERVICE_HEAP:-256m}
# a killed replica's claims and reindex are taken over in seconds rather than minutes
export MAGPIE_RETRIEVAL_INDEXING_CLAIM_LEASE=${MAGPIE_RETRIEVAL_INDEXING_CLAIM_LEASE:-15s}
export MAGPIE_RETRIEVAL_REINDEX_STALE_AFTER=${MAGPIE_RETRIEVAL_REINDEX_STALE_AFTER:-45s}
mkdir -p "$ROOT/.magpie"
export MAGPIE_RUNTIME_DIR=$(mktemp -d "$ROOT/.magpie/replicas-XXXXXX")
export MAGPIE_STACK=$ROOT/infra/local/stack.sh
export MAGPIE_CATALOGUE=$MAGPIE_RUNTIME_DIR/catalogue.jsonl
MILVUS_VENV=${MAGPIE_MILVUS_VENV:-$ROOT/.magpie/milvus-venv}
PYLIB=$ROOT/.magpie/neo4j-pylib
NEO4J_DRIVER="neo4j==5.28.1"

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

command -v psql > /dev/null || { echo "replicas: psql (the PostgreSQL client) is required" >&2; exit 2; }
began=$SECONDS
"$MAGPIE_STACK" start --no-demo || finish 1
if [ "$(cat "$PYLIB/.installed" 2>/dev/null)" != "$NEO4J_DRIVER" ]; then
  rm -rf "$PYLIB"
  "$MILVUS_VENV/bin/pip" install --quiet --disable-pip-version-check --target "$PYLIB" "$NEO4J_DRIVER" || finish 1
  echo "$NEO4J_DRIVER" > "$PYLIB/.installed"
fi
java -jar "$ROOT/eval/target/magpie-eval.jar" generate-catalogue --count 700 --out "$MAGPIE_CATALOGUE" || finish 1
PYTHONPATH=$PYLIB "$MILVUS_VENV/bin/python" "$ROOT/infra/local/replicas_check.py"
rc=$?
echo "replicas: whole run $((SECONDS - began)) s"
finish "$rc"
