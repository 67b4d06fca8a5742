"""Counts what PostgreSQL, Milvus and Neo4j hold of the products whose ids start with a prefix (the products of one
`magpie-eval bench-ingest --keep` run), so that "indexed" is checked in the stores themselves, not only by the outbox
being empty. Exits non-zero unless all three hold the same version of every live product.

Usage (the stack's environment set, as for ./magpie): PYTHONPATH=.magpie/replicas-pylib \
  $MAGPIE_MILVUS_VENV/bin/python infra/local/index_counts.py <id prefix>
Needs pymilvus, the neo4j driver and psycopg, as replicas-test.sh (whose readers this reuses) installs them.
"""

import os
import sys

# replicas_check reads the replica check's settings at import; only its store readers are used here
os.environ.setdefault("MAGPIE_STACK", "")
os.environ.setdefault("MAGPIE_CATALOGUE", "")
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from replicas_check import catalogue_versions, graph_versions, milvus_versions  # noqa: E402


def main():
    prefix = sys.argv[1]
    live, deleted = catalogue_versions()
    milvus_count, milvus = milvus_versions()
    graph_count, graph = graph_versions()
    mine = {k: v for k, v in live.items() if k.startswith(prefix)}
    in_milvus = {k: v for k, v in milvus.items() if k.startswith(prefix)}
    in_graph = {k: v for k, v in graph.items() if k.startswith(prefix)}
    print(f"products {prefix}*: PostgreSQL {len(mine)} live ({sum(1 for d in deleted if d.startswith(prefix))} "
          f"deleted), Milvus {len(in_milvus)} ({sum(n for k, n in milvus_count.items() if k.startswith(prefix))} rows), "
          f"Neo4j {len(in_graph)} ({sum(n for k, n in graph_count.items() if k.startswith(prefix))} nodes)")
    same = mine == in_milvus and mine == {k: int(v) for k, v in in_graph.items()}
    print("every live product in Milvus and the graph, same version: " + ("yes" if same else "NO"))
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
