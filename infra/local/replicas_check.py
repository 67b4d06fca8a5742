"""The multi-replica check (docs/operations.md, "Several replicas"; docs/adr/0039), run by replicas-test.sh against a
stack started with MAGPIE_REPLICAS=2: searches run all along through both gateways; meanwhile products are
ingested (a batch sent twice each time), one replica of each service is killed (SIGKILL) in turn and stays down
while the next goes, a fine-tuned encoder version and a trained fusion version are activated with a replica of
their service down, the catalogue is reindexed with the new encoder version, and the killed replicas are then
started again. Then PostgreSQL, Milvus and Neo4j must hold the same version of every product, none missing or
doubled; every encoder replica must serve the activated encoder version and every fusion replica the activated
fusion version; the index must hold vectors of the active encoder version (probe products' Milvus vectors against
what each encoder replica makes of their text now and what the old version made); no search may answer 5xx.
Prints figures and exits non-zero on a failure.

Needs: pymilvus (the stack's Milvus virtualenv runs this), the neo4j driver and psycopg (replicas-test.sh installs
them).
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
INITIAL = int(os.environ.get("MAGPIE_INITIAL_PRODUCTS", "200"))
ENCODER_MODEL = os.environ.get("MAGPIE_ENCODER_MODEL", "bge-small-en-v1.5")
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
    to the other gateway (the search never reached the first). Answers are counted per phase (which replicas were
    down), so that a 5xx points at the kill it followed."""

    def __init__(self, threads=2):
        self.stop = threading.Event()
        self.phase = "all up"
        self.statuses = Counter()
        self.by_phase = {}
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
            self.by_phase.setdefault(self.phase, Counter())[status] += 1
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


ingest_resent = Counter()


def ingest(lines):
    """Sends products as a client would: a 503 (with Retry-After: nothing was changed) or a refused connection on
    both gateways is sent again after a pause; sending again is safe, an unchanged product keeps its version."""
    body = "\n".join(lines).encode() + b"\n"
    for _ in range(30):
        status, answer = gateway_call("POST", "/api/v1/admin/products", body, "application/x-ndjson", timeout=600)
        if status in (200, 201, 202):
            return
        if status not in (0, 503):
            raise RuntimeError(f"ingest answered {status}: {answer}")
        ingest_resent[status] += 1
        time.sleep(2)
    raise RuntimeError(f"ingest still answered {status} after 30 tries: {answer}")


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
    pid = int(open(pid_file).read().split()[0])  # the PID file holds the PID and its start time
    os.kill(pid, 9)
    print(f"  killed {service} replica {replica} (pid {pid})", flush=True)
    time.sleep(1)


def revive():
    """stack.sh revive launches what is not running (the killed replicas) from the jars the run started with and
    waits until all are ready; nothing else (no build, no data load, no reindex)."""
    began = time.time()
    subprocess.run([STACK, "revive"], check=True, stdout=subprocess.DEVNULL)
    print(f"  killed replicas started again and ready in {time.time() - began:.0f} s", flush=True)


# Products whose vector text is their title alone (no brand, colour or category): the check can encode exactly what
# the index encoded and compare vectors.
PROBES = [{"id": f"REPL-PROBE-{i}", "title": title} for i, title in enumerate(
    ["stainless steel garlic press", "wool hiking socks for winter", "bamboo cutting board with juice groove",
     "noise cancelling bluetooth headphones"], 1)]


def encode(replica, texts, kind="document"):
    """(version, vectors) as this encoder replica encodes with the default model's active version."""
    status, answer = call("POST", url("encoder-service", replica) + "/v1/encode", {"kind": kind, "texts": texts})
    if status != 200:
        raise RuntimeError(f"encoder replica {replica} answered {status}: {answer}")
    return f"{answer['model']}@{answer['version']}", answer["vectors"]


def active_encoder_version(replica):
    status, info = call("GET", url("encoder-service", replica) + f"/v1/models/{ENCODER_MODEL}")
    return info.get("activeVersion") if status == 200 else f"status {status}"


def cosine(a, b):
    dot = sum(x * y for x, y in zip(a, b))
    return dot / ((sum(x * x for x in a) ** 0.5) * (sum(y * y for y in b) ** 0.5))


def start_fine_tuning():
    """A short fine-tuning job on encoder replica 1 (a handful of catalogue pairs, one epoch, a learning rate high
    enough that the new vectors differ visibly from the old ones): the id of the job, or None."""
    pairs = []
    for line in products(0, 16):
        product = json.loads(line)
        pairs.append({"query": " ".join(product["title"].lower().split()[1:4]), "document": product["title"]})
    body = {"baseModel": ENCODER_MODEL, "newVersion": "replicas-check", "pairs": pairs, "source": "replicas check",
            "settings": {"epochs": 1, "batchSize": 8, "learningRate": 2e-4, "warmupRatio": 0.0}}
    status, job = call("POST", url("encoder-service", 1) + "/v1/admin/fine-tuning/jobs", body)
    check("an encoder fine-tuning job was accepted", status == 202, f"{status} {str(job)[:200]}")
    return job.get("id") if status == 202 else None


def await_fine_tuning(job_id, timeout=900):
    """Follows the job from the other encoder replica (job records are shared, ADR 0037): its new version, or None."""
    began = time.time()
    while job_id and time.time() - began < timeout:
        status, job = call("GET", url("encoder-service", 2) + f"/v1/admin/fine-tuning/jobs/{job_id}")
        if status == 200 and job.get("state") in ("succeeded", "failed", "SUCCEEDED", "FAILED"):
            ok = job["state"].lower() == "succeeded"
            print(f"  fine-tuning job: {job.get('pairs')} pairs, started {job.get('startedAt')}, finished "
                  f"{job.get('finishedAt')}, final loss {job.get('finalLoss')}", flush=True)
            check("the fine-tuning job succeeded, seen from the other encoder replica", ok, str(job)[:300])
            return job["newModel"].split("@", 1)[1] if ok else None
        time.sleep(3)
    check("the fine-tuning job ended", False, f"not within {timeout} s")
    return None


def index_vectors(ids):
    from pymilvus import MilvusClient
    client = MilvusClient(uri=f"http://127.0.0.1:{19530 + OFFSET}")
    quoted = ", ".join(f'"{i}"' for i in ids)
    rows = client.query("product_text", filter=f"id in [{quoted}]", output_fields=["id", "vector"])
    return {r["id"]: [float(x) for x in r["vector"]] for r in rows}


def reindex_runner():
    """The retrieval replica (1 or 2) that started the reindex, by the line it logs; 1 when neither logged it yet."""
    for replica in (1, 2):
        log = os.path.join(RUNTIME, "logs", "retrieval-service" + ("" if replica == 1 else "-2") + ".log")
        if os.path.exists(log) and "reindex started by this replica" in open(log, errors="replace").read():
            return replica
    return 1


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
    import psycopg
    with psycopg.connect(host="127.0.0.1", port=15432 + OFFSET, user="postgres", password="postgres",
                         dbname="postgres") as connection:
        rows = connection.execute("select id, version, deleted from catalog.product").fetchall()
    versions, deleted = {}, set()
    for pid, version, gone in rows:
        (deleted.add(pid) if gone else versions.__setitem__(pid, int(version)))
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
    phases = []

    def phase(name):
        phases.append((name, time.time()))
        print(f"[{time.time() - began:5.0f} s] {name}", flush=True)

    phase(f"loading {INITIAL} products and {len(PROBES)} probes")
    ingest(products(0, INITIAL) + [json.dumps(p) for p in PROBES])
    check("initial catalogue indexed", await_indexed())

    phase("training a fusion version and fine-tuning an encoder version, to activate later")
    job = start_fine_tuning()
    examples = capture_examples()
    status, trained = call("POST", url("fusion-service", 1) + "/v1/admin/models/lambdamart",
                           {"examples": examples, "note": "replicas test"}, timeout=600)
    check("a fusion model version was trained", status == 201, f"{status} {str(trained)[:200]}")
    fusion_version = trained.get("model") if isinstance(trained, dict) else None
    fuse_request = examples[0]["request"] if examples else None
    encoder_version = await_fine_tuning(job)
    old_model, old_vectors = encode(1, [p["title"] for p in PROBES])

    # One replica of each service is killed in turn and stays down while the next goes (the survivors carry
    # everything); the killed ones are started again together at the end: one restart instead of five.
    extra = products(INITIAL, INITIAL + 200)
    sent = 0

    def ingest_twice(count=25):
        """A batch sent twice, as a client retry would: the second send must change nothing."""
        nonlocal sent
        batch = extra[sent:sent + count]
        sent += count
        ingest(batch)
        ingest(batch)

    def down(service, replica, label):
        """Kills a replica, sends a batch twice, and lets searches run a while with it down (at least 15 answered
        or 20 s) so that each state of the run carries load of its own."""
        kill(service, replica)
        load.phase = label if load.phase == "all up" else f"{load.phase}, {label}"
        ingest_twice()
        until = time.time() + 20
        while sum(load.by_phase.get(load.phase, {}).values()) < 15 and time.time() < until:
            time.sleep(0.5)

    with SearchLoad() as load:
        ingest_twice()
        phase("killing encoder replica 1; activating the fine-tuned encoder version on replica 2")
        down("encoder-service", 1, "encoder 1 down")
        if encoder_version:
            status, info = call("PUT", url("encoder-service", 2) + f"/v1/admin/models/{ENCODER_MODEL}/active",
                                {"version": encoder_version}, timeout=300)
            check("encoder version activated while an encoder replica is down", status == 200,
                  f"{status} {str(info)[:200]}")
        # the operator's order (ADR 0006): every live replica serves the new version, then the catalogue is
        # re-encoded with it
        status, reindex = gateway_call("POST", "/api/v1/admin/reindex")
        check("reindex started", status in (200, 202), f"{status} {reindex}")
        phase("killing kg replica 2")
        down("kg-service", 2, "kg 2 down")
        phase("killing fusion replica 2; activating the fusion version on replica 1")
        down("fusion-service", 2, "fusion 2 down")
        if fusion_version:
            # the gateway has no route for it: the surviving fusion replica takes it (as the console does)
            status, active = call("PUT", url("fusion-service", 1) + "/v1/admin/models/active", {"model": fusion_version})
            check("fusion model activated while a fusion replica is down", status == 200,
                  f"{status} {str(active)[:200]}")
        runner = reindex_runner()
        phase(f"killing retrieval replica {runner} (the one that started the reindex)")
        down("retrieval-service", runner, f"retrieval {runner} down")
        phase("killing gateway replica 1")
        down("gateway", 1, "gateway 1 down")
        phase("starting the killed replicas again")
        revive()
        load.phase = "all up again"
        # a reindex whose replica was killed stops counting after stale-after; then start it again
        phase("waiting for the reindex (started again if it died with its replica) and the outbox")
        deadline = time.time() + 600
        restarted = 0
        while time.time() < deadline:
            status, state = gateway_call("GET", "/api/v1/admin/reindex")
            phase_name = state.get("phase") if status == 200 else None
            if phase_name == "DONE":
                break
            # 409 while a live one runs; once it stopped counting (or failed), this starts a new one
            again, _ = gateway_call("POST", "/api/v1/admin/reindex")
            restarted += again in (200, 202)
            time.sleep(5)
        check("reindex done", phase_name == "DONE", f"{state}; started again {restarted} time(s)")
        check("outbox drained after the kills", await_indexed())
        time.sleep(3)
    phase("comparing")
    total = sum(load.statuses.values())
    errors = sum(n for s, n in load.statuses.items() if s >= 500)
    print(f"searches: {total} answered {dict(load.statuses)}, {load.refused} refused by a dead gateway and sent "
          f"to the other, degraded branches {dict(load.degraded)}", flush=True)
    for name, statuses in load.by_phase.items():
        print(f"  while {name}: {dict(statuses)}", flush=True)
    check("no search answered 5xx", errors == 0, f"{errors} of {total}")
    print(f"ingest calls sent again after a 503 or a refused connection: {dict(ingest_resent)}", flush=True)

    versions, deleted = catalogue_versions()
    milvus_count, milvus = milvus_versions()
    graph_count, graph = graph_versions()
    expected = {json.loads(line)["id"] for line in products(0, INITIAL) + extra[:sent]} | {p["id"] for p in PROBES}
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
        check("every fusion replica serves the activated version", set(models.values()) == {fusion_version},
              str(models))
    if encoder_version:
        active = {replica: active_encoder_version(replica) for replica in (1, 2)}
        check("every encoder replica serves the activated version (GET /v1/models)",
              set(active.values()) == {encoder_version}, str(active))
        check_index_encoder(encoder_version, old_model, old_vectors)
    print("phases: " + ", ".join(f"{name.split(';')[0]} {end - start:.0f} s" for (name, start), (_, end)
                                 in zip(phases, phases[1:] + [("end", time.time())])), flush=True)
    print(f"replicas check took {time.time() - began:.0f} s; catalogue {len(versions)} products", flush=True)
    return 1 if failures else 0


def check_index_encoder(encoder_version, old_model, old_vectors):
    """No query is encoded by another model than the index: every encoder replica encodes a query and the probe
    products' texts with the activated version, and the index holds, for each probe, the vector that version makes
    of its text, not the one the old version made."""
    texts = [p["title"] for p in PROBES]
    index = index_vectors([p["id"] for p in PROBES])
    new = {}
    for replica in (1, 2):
        model, vectors = encode(replica, texts)
        query_model, _ = encode(replica, ["garlic press"], kind="query")
        check(f"encoder replica {replica} encodes documents and queries with the activated version",
              model == query_model == f"{ENCODER_MODEL}@{encoder_version}", f"{model}, {query_model}")
        new[replica] = vectors
    agree = [min(cosine(index[p["id"]], new[r][i]) for r in (1, 2)) for i, p in enumerate(PROBES) if p["id"] in index]
    before = [cosine(index[p["id"]], old_vectors[i]) for i, p in enumerate(PROBES) if p["id"] in index]
    print(f"  probe vectors in the index against the new version: {[round(c, 6) for c in agree]}; against the old "
          f"version ({old_model}): {[round(c, 6) for c in before]}", flush=True)
    check("the index holds every probe's vector of the activated encoder version, not the old one's",
          len(agree) == len(PROBES) and min(agree) > 0.9999 and max(before) < min(agree),
          f"{len(agree)} of {len(PROBES)} probes found")


if __name__ == "__main__":
    sys.exit(main())
