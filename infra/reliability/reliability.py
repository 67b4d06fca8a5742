#!/usr/bin/env python3
"""Magpie's reliability suite: fault injection under load, then schemathesis fuzzing of every service's OpenAPI.

Starts its own local stack (own runtime folder, port offset 7000 unless MAGPIE_PORT_OFFSET says otherwise), or uses
the one that runs already (--existing-stack: MAGPIE_RUNTIME_DIR and MAGPIE_PORT_OFFSET; left running), loads a
small synthetic catalogue, runs searches, events and ingest through the gateway, and injects each fault in turn:
kill -9 (then a restart through the stack script) and SIGSTOP/SIGCONT (a hung component, not a dead one). It
records every answer per second, computes the recovery time after the component is back and the acknowledged writes
that were lost, fuzzes each service's /q/openapi as each scope, and writes docs/reliability.md and .json (the full
run) or the same report under the runtime folder (--short, the version the test command runs). See docs/adr/0027.

Run it through ./magpie reliability [--short]; infra/reliability/run.sh makes the virtualenv with schemathesis.
"""
import argparse
import collections
import json
import os
import random
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STACK = ROOT / "infra" / "local" / "stack.sh"
EVAL_JAR = ROOT / "eval" / "target" / "magpie-eval.jar"
BASE_PORTS = {"gateway": 8080, "encoder-service": 8081, "retrieval-service": 8082, "kg-service": 8083,
              "fusion-service": 8084}
SERVICES = ["encoder-service", "retrieval-service", "kg-service", "fusion-service", "gateway"]
DATA_SERVERS = ["postgres", "neo4j", "milvus"]
# Components whose fault must cost no 5xx at all: a search degrades around them (issue 14).
OPTIONAL = {"encoder-service", "kg-service", "fusion-service"}
# The search branches each component's fault shows in (its recovery is judged on them: on a busy machine other
# branches time out now and then on their own).
BRANCHES = {"encoder-service": {"encoder"}, "retrieval-service": {"dense", "lexical", "catalog"},
            "kg-service": {"graph"}, "fusion-service": {"fusion"}, "gateway": set(), "postgres": {"catalog"},
            "neo4j": {"graph"}, "milvus": {"dense", "lexical"}}
CLIENT_TIMEOUT_S = 15
CLEAN_SECONDS = 3


def log(message):
    print(f"[reliability] {message}", flush=True)


class Stack:
    """The suite's own local stack, driven through infra/local/stack.sh, and signals to its components."""

    def __init__(self, runtime, offset, trusted_key=None):
        self.runtime = runtime
        self.offset = offset
        self.env = dict(os.environ, MAGPIE_RUNTIME_DIR=str(runtime), MAGPIE_PORT_OFFSET=str(offset))
        if trusted_key:
            self.env["MAGPIE_GATEWAY_TRUSTED_KEYS"] = trusted_key

    def url(self, service):
        return f"http://127.0.0.1:{BASE_PORTS[service] + self.offset}"

    def start(self, build=True):
        """Starts what is not running and waits until it is ready; build=False: from the jars as they are (a
        restart after kill -9 measures the component, not Maven)."""
        env = self.env if build else dict(self.env, MAGPIE_NO_BUILD="1")
        with open(self.runtime / "stack-script.log", "a") as out:
            result = subprocess.run([str(STACK), "start", "--no-demo"], env=env, stdout=out,
                                    stderr=subprocess.STDOUT)
        if result.returncode != 0:
            raise RuntimeError(f"stack start failed; see {self.runtime / 'stack-script.log'}")

    def stop(self):
        subprocess.run([str(STACK), "stop"], env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def pid(self, component):
        # "PID START-TIME": the stack script records the start time too, so a stale file never names another process
        return int((self.runtime / "run" / f"{component}.pid").read_text().split()[0])

    def signal(self, component, sig):
        """To the component's whole process group: milvus-lite and embedded PostgreSQL run child processes."""
        os.killpg(self.pid(component), sig)

    def kill(self, component):
        pid = self.pid(component)
        os.killpg(pid, signal.SIGKILL)
        for _ in range(100):
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.1)

    def admin_key(self):
        return (self.runtime / "admin-key").read_text().strip()

    def service_credential(self):
        file = self.runtime / "service-credential"
        return file.read_text().strip() if file.exists() else None


def call(method, url, body=None, headers=None, timeout=CLIENT_TIMEOUT_S):
    """(status, parsed JSON or None, headers); status is 'timeout' or 'refused' when no HTTP answer came."""
    data = body if isinstance(body, (bytes, type(None))) else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method, headers=dict(headers or {}))
    if data is not None and not request.has_header("Content-type"):  # urllib stores names capitalize()d
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, parse(response.read()), response.headers
    except urllib.error.HTTPError as answered:
        return answered.code, parse(answered.read()), answered.headers
    except (TimeoutError, OSError) as failure:
        timed_out = isinstance(failure, TimeoutError) or "timed out" in str(failure)
        return ("timeout" if timed_out else "refused"), None, {}


def parse(raw):
    try:
        return json.loads(raw)
    except ValueError:
        return None


class Recorder:
    """Every answer of the load, by wall-clock time: (time, kind, status, degraded sources, a 503 without
    Retry-After)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.answers = []

    def add(self, kind, status, degraded=(), headers=None):
        no_retry_after = status == 503 and not (headers or {}).get("Retry-After")
        with self.lock:
            self.answers.append((time.time(), kind, str(status), tuple(degraded), no_retry_after))

    def between(self, start, end, kind=None):
        with self.lock:
            return [a for a in self.answers if start <= a[0] < end and (kind is None or a[1] == kind)]


class Load:
    """Searches, events and ingest through the gateway, on threads, until stopped; remembers acknowledged writes."""

    def __init__(self, stack, recorder, vocabulary, products, searchers):
        self.stack = stack
        self.recorder = recorder
        self.vocabulary = vocabulary
        self.products = products
        self.searchers = searchers
        self.stopping = threading.Event()
        self.acked_events = []
        self.acked_products = []
        self.threads = []

    def start(self):
        loops = [self.search_loop] * self.searchers + [self.event_loop, self.ingest_loop]
        self.threads = [threading.Thread(target=loop, daemon=True) for loop in loops]
        for thread in self.threads:
            thread.start()

    def stop(self):
        self.stopping.set()
        for thread in self.threads:
            thread.join(CLIENT_TIMEOUT_S + 5)

    def search_loop(self):
        rng = random.Random()
        gateway = self.stack.url("gateway")
        while not self.stopping.is_set():
            # two words drawn from the catalogue: rarely the same query twice, so no cache answers for the branches
            query = "+".join(rng.sample(self.vocabulary, 2))
            status, body, headers = call("GET", f"{gateway}/api/v1/search?q={query}&size=10")
            degraded = body.get("degraded", []) if status == 200 and isinstance(body, dict) else []
            self.recorder.add("search", status, degraded, headers)
            if not isinstance(status, int):
                self.stopping.wait(0.2)

    def event_loop(self):
        rng = random.Random()
        gateway = self.stack.url("gateway")
        while not self.stopping.wait(0.2):
            events = [{"eventId": f"rel-{uuid.uuid4()}", "type": rng.choice(["view", "click", "add_to_cart"]),
                       "userId": f"rel-user-{rng.randrange(50)}", "productId": rng.choice(self.products),
                       "timestamp": datetime.now(timezone.utc).isoformat(timespec="milliseconds")}
                      for _ in range(5)]
            status, body, headers = call("POST", f"{gateway}/api/v1/events", events)
            self.recorder.add("events", status, headers=headers)
            if status == 200 and isinstance(body, dict):
                for outcome in body.get("events", []):
                    if outcome.get("status") in ("accepted", "duplicate"):
                        self.acked_events.append(events[outcome["index"]])

    def ingest_loop(self):
        gateway = self.stack.url("gateway")
        headers = {"Authorization": f"Bearer {self.stack.admin_key()}", "Content-Type": "application/x-ndjson"}
        number = 0
        run = uuid.uuid4().hex[:6]
        while not self.stopping.wait(1.0):
            number += 1
            product = {"id": f"REL-{run}-{number}", "title": f"Reliability probe {number} stainless steel kettle",
                       "brand": "Probe", "category": ["Home & Kitchen", "Kettles"], "price": 10 + number % 50}
            status, body, answered = call("POST", f"{gateway}/api/v1/admin/products",
                                          json.dumps(product).encode() + b"\n", headers)
            self.recorder.add("ingest", status, headers=answered)
            if status == 200 and isinstance(body, dict) and body.get("accepted") == 1:
                self.acked_products.append(product["id"])


def clean_second(answers, branches):
    """A second in which searches answered, all 200 and none degraded in {branches}, and no write failed."""
    searches = [a for a in answers if a[1] == "search"]
    return bool(searches) and all(a[2] == "200" and not branches.intersection(a[3]) for a in searches) and all(
        a[2] == "200" for a in answers if a[1] != "search")


def await_clean(recorder, limit_s, branches):
    """Waits until CLEAN_SECONDS seconds in a row were clean; returns the seconds waited, or None."""
    began = time.time()
    while time.time() - began < limit_s:
        time.sleep(1)
        now = int(time.time())
        if all(clean_second(recorder.between(s, s + 1), branches) for s in range(now - CLEAN_SECONDS, now)):
            return time.time() - began
    return None


def recovery_seconds(recorder, back, until, branches):
    """Seconds from the component's return to the first of CLEAN_SECONDS clean seconds in a row."""
    first = int(back)
    for s in range(first, int(until) - CLEAN_SECONDS + 1):
        if all(clean_second(recorder.between(t, t + 1), branches) for t in range(s, s + CLEAN_SECONDS)):
            return max(0.0, s - back)
    return None


def per_second(recorder, start, end):
    rows = []
    for s in range(int(start), int(end)):
        answers = recorder.between(s, s + 1)
        statuses = collections.Counter(f"{a[1]}:{a[2]}" for a in answers)
        degraded = collections.Counter(source for a in answers for source in a[3])
        rows.append({"second": s - int(start), "answers": dict(statuses), "degraded": dict(degraded)})
    return rows


def summarise(recorder, start, end, baseline_rate, hold_end):
    answers = recorder.between(start, end)
    searches = [a for a in answers if a[1] == "search"]
    during = [a for a in recorder.between(start, hold_end, "search") if a[2] == "200"]
    held = max(1e-9, hold_end - start)
    return {
        "searches": len(searches),
        "search_5xx": sum(1 for a in searches if a[2].startswith("5") and a[2] != "503"),
        "search_503": sum(1 for a in searches if a[2] == "503"),
        "search_other_4xx": sum(1 for a in searches if a[2].startswith("4")),
        "search_no_answer": sum(1 for a in searches if not a[2].isdigit()),
        "degraded_answers": sum(1 for a in searches if a[2] == "200" and a[3]),
        "degraded_sources": dict(collections.Counter(s for a in searches for s in a[3])),
        "answers_per_s_during_fault": round(len(during) / held, 2),
        "throughput_vs_normal": round(len(during) / held / baseline_rate, 2) if baseline_rate else None,
        "event_batches": len([a for a in answers if a[1] == "events"]),
        "event_failures": sum(1 for a in answers if a[1] == "events" and a[2] != "200"),
        "ingest_calls": len([a for a in answers if a[1] == "ingest"]),
        "ingest_failures": sum(1 for a in answers if a[1] == "ingest" and a[2] != "200"),
        "write_5xx": sum(1 for a in answers if a[1] != "search" and a[2].startswith("5") and a[2] != "503"),
        "without_retry_after": sum(1 for a in answers if a[4]),
    }


def inject(stack, recorder, component, fault, hold_s, observe_s, baseline_rate):
    log(f"{component}: {fault} for {hold_s} s")
    began = time.time()
    if fault == "hang":
        stack.signal(component, signal.SIGSTOP)
        time.sleep(hold_s)
        hold_end = time.time()
        stack.signal(component, signal.SIGCONT)
    else:
        stack.kill(component)
        time.sleep(hold_s)
        hold_end = time.time()
        stack.start(build=False)  # relaunches what is not running and waits until it is ready
    back = time.time()
    deadline = back + observe_s
    while time.time() < deadline:
        time.sleep(1)
        if recovery_seconds(recorder, back, time.time(), BRANCHES[component]) is not None:
            break
    end = time.time()
    result = {"component": component, "fault": fault, "held_s": round(hold_end - began, 1),
              "restart_s": round(back - hold_end, 1), "recovery_s": None,
              "per_second": per_second(recorder, began, end)}
    recovered = recovery_seconds(recorder, back, end, BRANCHES[component])
    result["recovery_s"] = None if recovered is None else round(recovered, 1)
    result.update(summarise(recorder, began, end, baseline_rate, hold_end))
    log(f"{component} {fault}: {json.dumps({k: v for k, v in result.items() if k != 'per_second'})}")
    return result


def lost_writes(stack, load):
    """Acknowledged events a resend stores again (so they were not stored) and acknowledged products not found."""
    gateway = stack.url("gateway")
    lost_events = 0
    for i in range(0, len(load.acked_events), 500):
        batch = load.acked_events[i:i + 500]
        status, body, _ = call("POST", f"{gateway}/api/v1/events", batch, timeout=60)
        if status != 200:
            raise RuntimeError(f"resending acknowledged events answered {status}: {body}")
        lost_events += sum(1 for outcome in body["events"] if outcome["status"] == "accepted")
    headers = {}
    if stack.service_credential():
        headers["X-Magpie-Service-Credential"] = stack.service_credential()
    found = set()
    for i in range(0, len(load.acked_products), 200):
        ids = load.acked_products[i:i + 200]
        status, body, _ = call("POST", f"{stack.url('retrieval-service')}/v1/products/lookup", {"ids": ids},
                               headers, timeout=60)
        if status != 200:
            raise RuntimeError(f"product lookup answered {status}: {body}")
        found.update(product["id"] for product in body)
    return {"events_acknowledged": len(load.acked_events), "events_lost": lost_events,
            "products_acknowledged": len(load.acked_products),
            "products_lost": len(set(load.acked_products) - found)}


def fuzz_targets(stack, trusted_key):
    admin = {"Authorization": f"Bearer {stack.admin_key()}"}
    internal = {}
    if stack.service_credential():
        internal["X-Magpie-Service-Credential"] = stack.service_credential()
    targets = [("gateway", "anonymous", {}), ("gateway", "storefront", {"Authorization": "Bearer reliability-shop"})]
    if trusted_key:
        targets.append(("gateway", "trusted", {"Authorization": f"Bearer {trusted_key}"}))
    targets.append(("gateway", "admin", admin))
    for service in SERVICES[:-1]:
        targets.append((service, "caller", internal))
        targets.append((service, "admin", {**internal, **admin}))
    return targets


# Operations that start long jobs (training, reindexing) would eat the machine for minutes with a valid body;
# they are left out of fuzzing and covered by their own tests.
FUZZ_EXCLUDED_PATHS = r".*(fine-tun|train|reindex).*"


def fuzz(stack, workdir, targets, max_time_s, max_examples):
    schemathesis = Path(sys.executable).parent / "schemathesis"
    totals = []
    for service, scope, headers in targets:
        har = workdir / f"fuzz-{service}-{scope}.har"
        # examples and fuzzing only: the coverage phase spends the whole time budget on the first operations of a
        # busy machine, and stateful runs need API links the specs do not declare
        command = [str(schemathesis), "run", f"{stack.url(service)}/q/openapi", "--phases", "examples,fuzzing",
                   "--checks", "not_a_server_error",
                   "--max-time", str(max_time_s), "--max-examples", str(max_examples), "--request-timeout",
                   str(CLIENT_TIMEOUT_S), "--exclude-path-regex", FUZZ_EXCLUDED_PATHS, "--workers", "2",
                   "--generation-database", "none", "--no-color", "--report", "har", "--report-har-path", str(har),
                   "--seed", "27"]
        for name, value in headers.items():
            command += ["-H", f"{name}: {value}"]
        log(f"fuzzing {service} as {scope} ({max_time_s} s at most)")
        with open(workdir / f"fuzz-{service}-{scope}.log", "w") as out:
            try:
                subprocess.run(command, stdout=out, stderr=subprocess.STDOUT, timeout=max_time_s + 120, cwd=workdir)
            except subprocess.TimeoutExpired:
                out.write(f"\n[reliability] schemathesis did not finish within {max_time_s + 120} s\n")
        totals.append(fuzz_totals(service, scope, har))
        log(f"  {totals[-1]}")
    return totals


def fuzz_totals(service, scope, har):
    entries = json.loads(har.read_text())["log"]["entries"] if har.exists() else []
    statuses = [entry["response"]["status"] for entry in entries]
    server_errors = collections.Counter(
        f"{entry['request']['method']} {entry['request']['url'].split('?')[0]} -> {entry['response']['status']}"
        for entry in entries if entry["response"]["status"] >= 500)
    return {"service": service, "scope": scope, "requests": len(statuses),
            "2xx": sum(1 for s in statuses if 200 <= s < 300), "4xx": sum(1 for s in statuses if 400 <= s < 500),
            "5xx": sum(1 for s in statuses if s >= 500), "no_answer": sum(1 for s in statuses if s == 0),
            "server_errors": dict(server_errors.most_common(10))}


def catalogue(stack, workdir, count):
    file = workdir / "catalogue.jsonl"
    subprocess.run(["java", "-jar", str(EVAL_JAR), "generate-catalogue", "--count", str(count), "--seed", "27",
                    "--out", str(file)], check=True, stdout=subprocess.DEVNULL)
    # the admin key through the environment: never on a command line (ps shows those to every user)
    subprocess.run(["java", "-jar", str(EVAL_JAR), "ingest", "--gateway", stack.url("gateway"), "--file", str(file),
                    "--format", "magpie"], check=True, stdout=subprocess.DEVNULL,
                   env=dict(os.environ, MAGPIE_ADMIN_KEY=stack.admin_key()))
    headers = {"Authorization": f"Bearer {stack.admin_key()}"}
    for _ in range(600):
        status, body, _ = call("GET", f"{stack.url('gateway')}/api/v1/admin/products/indexing", headers=headers)
        if status == 200 and body.get("pending") == 0:
            break
        time.sleep(1)
    products = [json.loads(line) for line in file.read_text().splitlines() if line.strip()]
    words = sorted({w.lower() for p in products for w in p["title"].split() if w.isalpha() and len(w) >= 4})
    return [p["id"] for p in products], words


def machine_load():
    one, five, _ = os.getloadavg()
    return {"cores": os.cpu_count(), "load_1m": round(one, 2), "load_5m": round(five, 2)}


def plan(args):
    if args.faults:
        return [tuple(item.split(":")) for item in args.faults.split(",")]
    if args.short:
        return [("encoder-service", "hang"), ("fusion-service", "kill"), ("milvus", "hang")]
    return [(component, fault) for component in SERVICES + DATA_SERVERS for fault in ("hang", "kill")]


def run(args):
    if args.markdown_from:
        report = json.loads(Path(args.markdown_from).read_text())
        report["goals"] = goals(report)
        Path(args.markdown_from).with_suffix(".md").write_text(markdown(report))
        return 0
    if args.existing_stack:
        runtime = Path(os.environ["MAGPIE_RUNTIME_DIR"])
        # the gateway's trusted keys are the running stack's; fuzzing as a trusted caller is left out
        trusted_key = None
        stack = Stack(runtime, int(os.environ.get("MAGPIE_PORT_OFFSET", "0")))
    else:
        runtime = Path(args.runtime_dir or tempfile.mkdtemp(prefix="reliability-", dir=ROOT / ".magpie"))
        runtime.mkdir(parents=True, exist_ok=True)
        trusted_key = "reliability-" + secrets.token_hex(12)
        stack = Stack(runtime, args.offset, trusted_key)
    report = {"short": args.short, "started": datetime.now(timezone.utc).isoformat(timespec="seconds"),
              "machine_at_start": machine_load()}
    # the observation after a component is back is the bound on its recovery (generous: the short version fails
    # the test command when there was none within it)
    hold_s, observe_s = (8, 60) if args.short else (12, 45)
    try:
        began = time.time()
        if args.existing_stack:
            log(f"using the running stack in {runtime} (port offset {stack.offset})")
        else:
            log(f"starting the stack in {runtime} (port offset {args.offset})")
            stack.start()
        report["stack_start_s"] = round(time.time() - began, 1)
        products, vocabulary = catalogue(stack, runtime, 50 if args.existing_stack else 200)
        recorder = Recorder()
        load = Load(stack, recorder, vocabulary, products, searchers=4)
        load.start()
        waited = await_clean(recorder, 120, set())
        log(f"load is clean after {waited} s")
        baseline_start = time.time()
        time.sleep(6 if args.short else 15)
        baseline = summarise(recorder, baseline_start, time.time(), None, time.time())
        baseline_rate = baseline["answers_per_s_during_fault"]
        report["baseline"] = baseline
        log(f"baseline: {baseline_rate} answers/s")
        faults = []
        for component, fault in plan(args):
            if await_clean(recorder, 30, BRANCHES[component]) is None:
                log("the stack was not clean before this fault; measuring anyway")
            faults.append(inject(stack, recorder, component, fault, hold_s, observe_s, baseline_rate))
            report["faults"] = faults
            (runtime / "reliability-partial.json").write_text(json.dumps(report, indent=1) + "\n")
        await_clean(recorder, 60, set())
        load.stop()
        report["writes"] = lost_writes(stack, load)
        log(f"writes: {report['writes']}")
        if not args.no_fuzz:
            targets = fuzz_targets(stack, trusted_key)
            if args.short:
                targets = [t for t in targets if t[1] == "admin" or (t[0], t[1]) == ("gateway", "anonymous")]
            report["fuzzing"] = fuzz(stack, runtime, targets, 12 if args.short else 10, 10 if args.short else 50)
        report["machine_at_end"] = machine_load()
    finally:
        if not args.existing_stack:
            stack.stop()
    report["goals"] = goals(report)
    out = (ROOT / "docs") if not args.short else runtime
    (out / "reliability.json").write_text(json.dumps(report, indent=1) + "\n")
    (out / "reliability.md").write_text(markdown(report))
    log(f"report: {out / 'reliability.md'}")
    if args.short:
        print(fault_table(report), flush=True)
    for goal, met in report["goals"].items():
        log(f"{'MET ' if met else 'MISS'} {goal}")
    # the short version (the test command) fails on what the breakers, the 503s and the stores guarantee and on no
    # recovery at all within the observation; how fast it recovered (the 10 s goal) and fuzzing findings are
    # reported, judged on the full run: timing thresholds flake on a busy machine
    gating = [GOAL_NO_SERVER_ERRORS, GOAL_RETRY_AFTER, GOAL_NOTHING_LOST, GOAL_RECOVERED] if args.short \
        else list(report["goals"])
    return 0 if all(report["goals"][goal] for goal in gating) else 1


GOAL_NO_5XX = "0 5xx while encoder, kg or fusion is down or hung"
GOAL_NO_SERVER_ERRORS = "no 5xx but 503 during any fault (searches and writes)"
GOAL_RETRY_AFTER = "every 503 says Retry-After"
GOAL_NOTHING_LOST = "nothing acknowledged lost"
GOAL_RECOVERED = "full recovery within the observation after every component is back"


def goals(report):
    faults = report.get("faults", [])
    optional = [f for f in faults if f["component"] in OPTIONAL]
    return {
        GOAL_NO_5XX: all(
            f["search_5xx"] == 0 and f["search_503"] == 0 for f in optional),
        GOAL_NO_SERVER_ERRORS: all(f["search_5xx"] == 0 and f.get("write_5xx", 0) == 0 for f in faults),
        GOAL_RETRY_AFTER: all(f.get("without_retry_after", 0) == 0 for f in faults),
        GOAL_RECOVERED: all(f["recovery_s"] is not None for f in faults),
        "full recovery <= 10 s after every component is back": all(
            f["recovery_s"] is not None and f["recovery_s"] <= 10 for f in faults),
        GOAL_NOTHING_LOST: report.get("writes", {}).get("events_lost", 1) == 0
        and report.get("writes", {}).get("products_lost", 1) == 0,
        "fuzzing: 0 5xx, 0 hangs": all(t["5xx"] == 0 and t["no_answer"] == 0 for t in report.get("fuzzing", [])),
    }


def markdown(report):
    lines = ["# Reliability", "",
             "Written by `./magpie reliability` (`infra/reliability/reliability.py`, docs/adr/0027); do not edit by "
             "hand. The raw figures, with every second of every fault, are in `reliability.json`.", "",
             f"Run {report['started']}{' (short version)' if report['short'] else ''}; machine at start: "
             f"{report['machine_at_start']}, at end: {report.get('machine_at_end')}. Load: 4 searchers, "
             "an event batch of 5 every 0.2 s and one product ingested every second, all through the gateway.", "",
             f"Baseline: {report['baseline']['answers_per_s_during_fault']} search answers/s, "
             f"{report['baseline']['degraded_answers']} degraded of {report['baseline']['searches']}.", "",
             "## Fault injection", "",
             "`hang` is SIGSTOP for the hold time then SIGCONT; `kill` is kill -9, then `stack.sh start` relaunches "
             "it and waits until it is ready (restart s). Recovery: seconds from the component being back to the "
             f"first of {CLEAN_SECONDS} seconds in a row in which every search answered 200 undegraded and every "
             "write 200. Throughput: search answers/s while the fault was held, over the baseline.", "",
             fault_table(report)]
    writes = report.get("writes", {})
    lines += ["", "## Acknowledged writes", "",
              f"Events acknowledged: {writes.get('events_acknowledged')}, lost: {writes.get('events_lost')} "
              "(resent at the end: an event stored before answers `duplicate`, a lost one `accepted`). Products "
              f"acknowledged: {writes.get('products_acknowledged')}, lost: {writes.get('products_lost')} (looked up "
              "in retrieval-service's catalogue).", "", "## Fuzzing", "",
              "schemathesis (check `not_a_server_error`) against each service's `/q/openapi`, as each scope; "
              f"operations matching `{FUZZ_EXCLUDED_PATHS}` are left out (they start long jobs).", "",
              "| service | scope | requests | 2xx | 4xx | 5xx | no answer | 5xx by operation |", "|---|---|---|---|---|---|---|---|"]
    for t in report.get("fuzzing", []):
        errors = "; ".join(f"{k} ({v})" for k, v in t["server_errors"].items()) or "-"
        lines.append(f"| {t['service']} | {t['scope']} | {t['requests']} | {t['2xx']} | {t['4xx']} | {t['5xx']} | "
                     f"{t['no_answer']} | {errors} |")
    fuzzing = report.get("fuzzing", [])
    lines += ["", f"Totals: {sum(t['requests'] for t in fuzzing)} requests, {sum(t['4xx'] for t in fuzzing)} 4xx, "
              f"{sum(t['5xx'] for t in fuzzing)} 5xx, {sum(t['no_answer'] for t in fuzzing)} without an answer.", "",
              "## Goals (issue 14)", ""]
    lines += [f"- {'met' if met else '**missed**'}: {goal}" for goal, met in report.get("goals", {}).items()]
    return "\n".join(lines) + "\n"


def fault_table(report):
    lines = ["| component | fault | searches | 5xx (not 503) | 503 | no answer | degraded answers | degraded sources"
             " | throughput vs normal | event/ingest failures | writes 5xx (not 503) | 503 without Retry-After"
             " | restart s | recovery s |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for f in report.get("faults", []):
        sources = ", ".join(f"{k} {v}" for k, v in sorted(f["degraded_sources"].items())) or "-"
        recovery = "not within the observation" if f["recovery_s"] is None else f["recovery_s"]
        lines.append(f"| {f['component']} | {f['fault']} | {f['searches']} | {f['search_5xx']} | {f['search_503']} | "
                     f"{f['search_no_answer']} | {f['degraded_answers']} | {sources} | {f['throughput_vs_normal']} | "
                     f"{f['event_failures']}/{f['ingest_failures']} | {f.get('write_5xx', '-')} | "
                     f"{f.get('without_retry_after', '-')} | {f['restart_s']} | {recovery} |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description="Magpie's fault-injection and fuzzing suite (docs/adr/0027).")
    parser.add_argument("--short", action="store_true",
                        help="encoder hang, fusion kill, Milvus hang, fuzzing a few seconds per target (the test command's version)")
    parser.add_argument("--offset", type=int, default=int(os.environ.get("MAGPIE_RELIABILITY_PORT_OFFSET", 7000)))
    parser.add_argument("--runtime-dir", help="the stack's runtime folder (default: a new one under .magpie)")
    parser.add_argument("--faults", help="component:hang|kill,... instead of every component with both faults")
    parser.add_argument("--existing-stack", action="store_true",
                        help="inject into the stack of MAGPIE_RUNTIME_DIR / MAGPIE_PORT_OFFSET instead of starting "
                             "one; it is left running (the end-to-end check's)")
    parser.add_argument("--no-fuzz", action="store_true", help="fault injection only (no schemathesis needed)")
    parser.add_argument("--markdown-from", help="only write the markdown next to this JSON report again")
    sys.exit(run(parser.parse_args()))


if __name__ == "__main__":
    main()
