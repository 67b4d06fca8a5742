"""The multi-replica check (docs/operations.md, "Several replicas"), run by replicas-test.sh against a stack started
with MAGPIE_REPLICAS=2: searches run all along through both gateways; meanwhile products are ingested, a reindex
runs, a fusion model version is activated, and one replica of each service is killed (SIGKILL) and restarted in
turn. Then PostgreSQL, Milvus and Neo4j must hold the same version of every product, none missing or doubled,
and every fusion replica must serve the same model version. Prints figures and exits non-zero on a failure.

Needs: pymilvus (the stack's Milvus virtualenv runs this) and the neo4j driver (replicas-test.sh installs it).
"""

import json
import os
import random
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter

RUNTIME = os.environ["MAGPIE_RUNTIME_DIR"]
OFFSET = int(os.environ["MAGPIE_PORT_OFFSET"])
STACK = os.environ["MAGPIE_STACK"]
CATALOGUE = os.environ["MAGPIE_CATALOGUE"]  # generated NDJSON products, the first part loaded before the check
INITIAL = int(os.environ.get("MAGPIE_INITIAL_PRODUCTS", "400"))
SERVICES = {"encoder-service": 8081, "retrieval-service": 8082, "kg-service": 8083, "fusion-service": 8084,
            "gateway": 8080}
QUERIES = ["usb cable", "steel", "red shirt", "wireless mouse", "coffee", "lamp", "battery", "organic",
           "kitchen knife", "water bottle", "running shoes", "notebook"]
ADMIN_KEY = open(os.path.join(RUNTIME, "admin-key")).read().strip()
CREDENTIAL_FILE = os.path.join(RUNTIME, "service-credential")
failures = []


def port(service, replica):
    return SERVICES[service] + OFFSET + 100 * (replica - 1)


def url(service, replica):
    return f"http://127.0.0.1:{port(service, replica)}"


def headers(extra=None):
    h = {"Authorization": f"Bearer {ADMIN_KEY}"}
    # internal services check the deployment's credential where the stack has one
    if os.path.exists(CREDENTIAL_FILE):
        h["X-Magpie-Service-Credential"] = open(CREDENTIAL_FILE).read().strip()
    h.update(extra or {})
    return h


def call(method, full_url, body=None, content_type="application/json", timeout=60):
    """(status, parsed body or text); status 0 when the connection failed."""
    data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
    request = urllib.request.Request(full_url, data=data, method=method,
                                     headers=headers({"Content-Type": content_type} if data else None))
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            text = answer.read().decode()
            return answer.status, (json.loads(text) if text.startswith(("{", "[")) else text)
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode(errors="replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError) as e:
        return 0, str(e)


def gateway_call(method, path, body=None, content_type="application/json", timeout=120):
    """A storefront or admin call balanced over both gateways; sent again to the other one when one is down.
    Everything sent through here is idempotent (ingest of the same content keeps its version)."""
    last = None
    for replica in random.sample([1, 2], 2):
        status, answer = call(method, url("gateway", replica) + path, body, content_type, timeout)
        if status != 0 and status != 503:
            return status, answer
        last = (status, answer)
    return last


def check(name, ok, detail=""):
    print(("PASS " if ok else "FAIL ") + name + (f": {detail}" if detail else ""), flush=True)
    if not ok:
        failures.append(name)


class SearchLoad:
    """Searchers through both gateways, as a storefront with a static list of two would: a refused connection goes
    to the other gateway (the search never reached the first)."""

    def __init__(self, threads=2):
        self.stop = threading.Event()
        self.statuses = Counter()
        self.degraded = Counter()
        self.refused = 0
        self.threads = [threading.Thread(target=self.run, daemon=True) for _ in range(threads)]

    def run(self):
        while not self.stop.is_set():
            q = random.choice(QUERIES).replace(" ", "+")
            replicas = random.sample([1, 2], 2)
            status, answer = call("GET", url("gateway", replicas[0]) + f"/api/v1/search?q={q}&size=10", timeout=30)
            if status == 0:
                self.refused += 1
                status, answer = call("GET", url("gateway", replicas[1]) + f"/api/v1/search?q={q}&size=10",
                                      timeout=30)
            self.statuses[status] += 1
            if status == 200:
                for branch in answer.get("degraded", []):
                    self.degraded[branch] += 1
            time.sleep(0.05)

    def __enter__(self):
        for t in self.threads:
            t.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for t in self.threads:
            t.join(60)


def products(start, end):
    with open(CATALOGUE) as f:
        lines = f.read().splitlines()
    return lines[start:end]


def ingest(lines):
    status, answer = gateway_call("POST", "/api/v1/admin/products", "\n".join(lines).encode() + b"\n",
                                  "application/x-ndjson", timeout=600)
    if status != 200 and status != 201 and status != 202:
        raise RuntimeError(f"ingest answered {status}: {answer}")


def await_indexed(timeout=600):
    began = time.time()
    while time.time() - began < timeout:
        status, answer = gateway_call("GET", "/api/v1/admin/products/indexing")
        if status == 200 and answer.get("pending") == 0:
            return True
        time.sleep(2)
    return False


def kill(service, replica):
    pid_file = os.path.join(RUNTIME, "run", service + ("" if replica == 1 else f"-{replica}") + ".pid")
    pid = int(open(pid_file).read())
    os.kill(pid, 9)
    print(f"  killed {service} replica {replica} (pid {pid})", flush=True)
    time.sleep(1)


def restart():
    """stack.sh start launches what is not running (the killed replica), from the jars the run started with, and
    waits until all are ready."""
    began = time.time()
    subprocess.run([STACK, "start", "--no-demo"], check=True, stdout=subprocess.DEVNULL,
                   env=dict(os.environ, MAGPIE_NO_BUILD="1"))
    print(f"  restarted in {time.time() - began:.0f} s", flush=True)


def capture_examples():
    """Training examples for a learned ranker: fuse requests as serving builds them, labelled by whether the
    candidate's title holds a word of the query (a synthetic judgement, enough to make a version)."""
    examples, degraded = [], []
    for q in QUERIES:
        status, captured = gateway_call("GET", "/api/v1/search/fuse-request?q=" + q.replace(" ", "+"))
        if status != 200:
            continue
        request = captured["request"]
        labels = {}
        for pid, item in (request.get("items") or {}).items():
            text = json.dumps(item).lower()
            labels[pid] = 2 if any(w in text for w in q.split()) else 0
        (degraded if captured.get("degraded") else examples).append({"request": request, "labels": labels})
    # on a loaded machine a branch may time out in every capture; a version trained on those still activates
    return examples or degraded


def served_model(replica, fuse_request):
    """The version this replica scores with when asked for the active learned ranker (no version named)."""
    request = dict(fuse_request, strategy="model", model=None)
    status, answer = call("POST", url("fusion-service", replica) + "/v1/fuse", request)
    return answer.get("model") if status == 200 else f"status {status}"


def catalogue_versions():
    sql = "select id, version, deleted from catalog.product"
    out = subprocess.run(["psql", "-h", "127.0.0.1", "-p", str(15432 + OFFSET), "-U", "postgres", "-d", "postgres",
                          "-At", "-F", "\t", "-c", sql], check=True, capture_output=True, text=True,
                         env=dict(os.environ, PGPASSWORD="postgres")).stdout
    versions, deleted = {}, set()
    for line in out.splitlines():
        pid, version, gone = line.split("\t")
        (deleted.add(pid) if gone == "t" else versions.__setitem__(pid, int(version)))
    return versions, deleted


def milvus_versions():
    from pymilvus import MilvusClient
    client = MilvusClient(uri=f"http://127.0.0.1:{19530 + OFFSET}")
    client.load_collection("product_text")  # loaded already by retrieval-service; harmless again
    rows = client.query("product_text", filter='id != ""', output_fields=["id", "version"], limit=16384)
    return Counter(r["id"] for r in rows), {r["id"]: int(r["version"]) for r in rows}


def graph_versions():
    from neo4j import GraphDatabase
    with GraphDatabase.driver(f"bolt://127.0.0.1:{17687 + OFFSET}", auth=None) as driver:
        records, _, _ = driver.execute_query("MATCH (p:Product) RETURN p.id AS id, p.version AS version")
    return Counter(r["id"] for r in records), {r["id"]: r["version"] for r in records}


def main():
    began = time.time()
    print(f"loading {INITIAL} products", flush=True)
    ingest(products(0, INITIAL))
    check("initial catalogue indexed", await_indexed())

    print("training a fusion model version to activate later", flush=True)
    examples = capture_examples()
    status, trained = call("POST", url("fusion-service", 1) + "/v1/admin/models/lambdamart",
                           {"examples": examples, "note": "replicas test"}, timeout=600)
    check("a fusion model version was trained", status == 201, f"{status} {str(trained)[:200]}")
    version = trained.get("model") if isinstance(trained, dict) else None
    fuse_request = examples[0]["request"] if examples else None

    kills = [("encoder-service", 1), ("kg-service", 2), ("retrieval-service", None), ("fusion-service", 2),
             ("gateway", 1)]
    extra = products(INITIAL, INITIAL + 200)
    with SearchLoad() as load:
        ingest(extra[:50])
        status, reindex = gateway_call("POST", "/api/v1/admin/reindex")
        check("reindex started", status in (200, 202), f"{status} {reindex}")
        for i, (service, replica) in enumerate(kills):
            if service == "retrieval-service":
                replica = 1 + i % 2
            kill(service, replica)
            # while it is down: more products (one batch sent twice, as a client retry would) and, with
            # fusion-service down, the activation
            batch = extra[50 + 30 * i: 80 + 30 * i]
            ingest(batch)
            ingest(batch)
            if service == "fusion-service" and version:
                # the gateway has no route for it: the surviving fusion replica takes it (as the console does)
                status, active = call("PUT", url("fusion-service", 1) + "/v1/admin/models/active",
                                      {"model": version})
                check("fusion model activated while a fusion replica is down", status == 200, f"{status} {active}")
            restart()
        # a reindex whose replica was killed stops counting after stale-after; then start it again
        deadline = time.time() + 600
        while time.time() < deadline:
            status, state = gateway_call("GET", "/api/v1/admin/reindex")
            phase = state.get("phase") if status == 200 else None
            if phase == "DONE":
                break
            if phase == "FAILED" or (phase not in ("CREATING", "COPYING", "SWAPPING")):
                gateway_call("POST", "/api/v1/admin/reindex")
            elif status == 200:
                again, _ = gateway_call("POST", "/api/v1/admin/reindex")  # 409 while a live one runs
            time.sleep(5)
        check("reindex done", phase == "DONE", str(state))
        check("outbox drained after the kills", await_indexed())
        time.sleep(3)
    total = sum(load.statuses.values())
    errors = sum(n for s, n in load.statuses.items() if s >= 500)
    print(f"searches: {total} answered {dict(load.statuses)}, {load.refused} refused by a dead gateway and sent "
          f"to the other, degraded branches {dict(load.degraded)}", flush=True)
    check("no search answered 5xx", errors == 0, f"{errors} of {total}")

    versions, deleted = catalogue_versions()
    milvus_count, milvus = milvus_versions()
    graph_count, graph = graph_versions()
    expected = {json.loads(line)["id"] for line in products(0, INITIAL) + extra[:50 + 30 * len(kills)]}
    check("every product sent is in the catalogue", expected <= set(versions), str(len(expected - set(versions))))
    check("nothing applied twice (a batch sent twice keeps version 1)", all(v == 1 for v in versions.values()),
          str({k: v for k, v in versions.items() if v != 1}))
    check("no product doubled in Milvus", all(n == 1 for n in milvus_count.values()),
          str([k for k, n in milvus_count.items() if n > 1][:5]))
    check("no product doubled in Neo4j", all(n == 1 for n in graph_count.values()),
          str([k for k, n in graph_count.items() if n > 1][:5]))
    check("Milvus holds the catalogue's version of every product", milvus == versions,
          f"missing {len(set(versions) - set(milvus))}, extra {len(set(milvus) - set(versions))}, differ "
          f"{sum(1 for k in versions if k in milvus and milvus[k] != versions[k])}")
    check("Neo4j holds the catalogue's version of every product", graph == versions,
          f"missing {len(set(versions) - set(graph))}, extra {len(set(graph) - set(versions))}, differ "
          f"{sum(1 for k in versions if k in graph and graph[k] != versions[k])}")
    if fuse_request:
        models = {replica: served_model(replica, fuse_request) for replica in (1, 2)}
        check("every fusion replica serves the activated version", set(models.values()) == {version}, str(models))
    print(f"replicas check took {time.time() - began:.0f} s; catalogue {len(versions)} products", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
