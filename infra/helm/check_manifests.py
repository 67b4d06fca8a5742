"""Checks of the deployment files, run by infra/helm/validate.sh (offline; no cluster, no Docker).

1. The Helm chart renders with each values set; every rendered manifest validates against the Kubernetes schemas
   (kubernetes-validate, strict: unknown fields are errors) of the oldest and newest Kubernetes the chart supports.
2. The rendered objects do what the chart promises: probes, resources, graceful shutdown, PDBs, HPAs with custom
   metrics, the encoder's GPU variant, credentials from Secrets.
3. docker-compose passes Neo4j credentials to kg-service, runs Milvus >= 2.6.10 and publishes to loopback only.
4. The Prometheus alert rules and the Grafana dashboard name only metrics the services register, and every alert
   has a severity and a section in docs/operations.md.

Prints one line per check and ends with "N passed, N failed"; exits 1 when any failed.
"""

import argparse
import json
import re
import subprocess
import sys
import traceback
from pathlib import Path

import kubernetes_validate
import yaml

KUBERNETES_VERSIONS = ["1.30.0", "1.37.0"]
SERVICES = ["gateway", "encoder-service", "retrieval-service", "kg-service", "fusion-service"]
# Kinds whose schemas come with an operator's CRD, not with Kubernetes: checked for shape here, not by schema.
CRD_GROUPS = ("monitoring.coreos.com/", "postgresql.cnpg.io/")

results = []
verbose = False


def check(name, condition, detail=""):
    results.append(bool(condition))
    if verbose or not condition:  # the test log shows failures and the count; --verbose lists every check
        print(("ok    " if condition else "FAIL  ") + name + ("" if condition else f": {detail}"))


class Chart:
    def __init__(self, helm, chart_dir):
        self.helm = helm
        self.chart_dir = chart_dir

    def render(self, *args):
        """helm template with these arguments; (return code, objects, stderr)."""
        run = subprocess.run(
            [self.helm, "template", "magpie", str(self.chart_dir), "--namespace", "magpie",
             "--kube-version", KUBERNETES_VERSIONS[-1], *args],
            capture_output=True,
            text=True,
        )
        objects = [d for d in yaml.safe_load_all(run.stdout) if d] if run.returncode == 0 else []
        return run.returncode, objects, run.stderr


def by_kind(objects, kind):
    return {o["metadata"]["name"]: o for o in objects if o["kind"] == kind}


def name(service):
    return f"magpie-{service}"


def env_of(deployment):
    return {e["name"]: e for e in deployment["spec"]["template"]["spec"]["containers"][0].get("env", [])}


def validate_schemas(label, objects):
    for obj in objects:
        what = f"{label}: {obj['kind']}/{obj['metadata']['name']}"
        if obj["apiVersion"].startswith(CRD_GROUPS):
            check(f"{what} has apiVersion, kind, metadata.name and spec (CRD, no schema here)", "spec" in obj)
            continue
        for version in KUBERNETES_VERSIONS:
            try:
                kubernetes_validate.validate(obj, version, strict=True)
                check(f"{what} valid for Kubernetes {version}", True)
            except Exception as e:  # ValidationError, SchemaNotFoundError, ...
                check(f"{what} valid for Kubernetes {version}", False, str(e).splitlines()[0])


def check_every_service(label, objects):
    deployments = by_kind(objects, "Deployment")
    config_maps = by_kind(objects, "ConfigMap")
    pdbs = by_kind(objects, "PodDisruptionBudget")
    services = by_kind(objects, "Service")
    for service in SERVICES:
        n = name(service)
        check(f"{label}: {service} has a Deployment, Service, PDB and ConfigMap",
              all(n in kind for kind in (deployments, services, pdbs, config_maps)))
        if n not in deployments:
            continue
        pod = deployments[n]["spec"]["template"]["spec"]
        container = pod["containers"][0]
        probes = {p: container.get(p, {}).get("httpGet", {}).get("path")
                  for p in ("startupProbe", "readinessProbe", "livenessProbe")}
        check(f"{label}: {service} probes /q/health/started, ready, live",
              probes == {"startupProbe": "/q/health/started", "readinessProbe": "/q/health/ready",
                         "livenessProbe": "/q/health/live"}, probes)
        resources = container.get("resources", {})
        check(f"{label}: {service} requests and limits CPU and memory",
              all(r in resources.get(k, {}) for k in ("requests", "limits") for r in ("cpu", "memory")), resources)
        check(f"{label}: {service} memory request equals its limit (no eviction under pressure)",
              resources["requests"]["memory"] == resources["limits"]["memory"], resources)
        config = config_maps[n]["data"]
        shutdown = int(re.fullmatch(r"(\d+)s", config["QUARKUS_SHUTDOWN_TIMEOUT"]).group(1))
        pre_stop = container["lifecycle"]["preStop"]["sleep"]["seconds"]
        check(f"{label}: {service} grace period covers preStop + quarkus.shutdown.timeout + the worker's 10 s",
              pod["terminationGracePeriodSeconds"] > pre_stop + shutdown + 10,
              (pod["terminationGracePeriodSeconds"], pre_stop, shutdown))
        env = env_of(deployments[n])
        check(f"{label}: {service} reads the admin keys from a Secret",
              "secretKeyRef" in env.get("MAGPIE_ADMIN_KEYS", {}).get("valueFrom", {}))
        check(f"{label}: {service} reads the service credential from a Secret",
              "secretKeyRef" in env.get("MAGPIE_SERVICE_CREDENTIAL", {}).get("valueFrom", {}))
        check(f"{label}: {service} PDB allows one pod down",
              pdbs[n]["spec"].get("maxUnavailable") == 1)
        check(f"{label}: {service} runs as non-root with a read-only root filesystem",
              pod["securityContext"].get("runAsNonRoot") and container["securityContext"].get("readOnlyRootFilesystem"))
    kg_config = config_maps[name("kg-service")]["data"]
    kg_env = env_of(deployments[name("kg-service")])
    check(f"{label}: kg-service authenticates to Neo4j with credentials from a Secret",
          kg_config.get("QUARKUS_NEO4J_AUTHENTICATION_DISABLED") == "false"
          and "secretKeyRef" in kg_env.get("QUARKUS_NEO4J_AUTHENTICATION_PASSWORD", {}).get("valueFrom", {}))
    gateway_config = config_maps[name("gateway")]["data"]
    check(f"{label}: the gateway calls the other four services by their Service names",
          all(gateway_config.get(f"QUARKUS_REST_CLIENT_{c}_URL") == f"http://magpie-{s}:8080"
              for c, s in (("ENCODER", "encoder-service"), ("RETRIEVAL", "retrieval-service"),
                           ("KG", "kg-service"), ("FUSION", "fusion-service"))), gateway_config)
    for service in ("gateway", "retrieval-service", "kg-service", "fusion-service"):
        env = env_of(deployments[name(service)])
        check(f"{label}: {service} reads database credentials from a Secret",
              "secretKeyRef" in env.get("QUARKUS_DATASOURCE_PASSWORD", {}).get("valueFrom", {}))


def check_chart(chart):
    ok, default, err = chart.render("--set", "secrets.adminKeys=test-admin-key")
    check("default values render", ok == 0, err)
    if ok == 0:
        validate_schemas("default", default)
        check_every_service("default", default)
        check("default: no HPA (one replica each)", not by_kind(default, "HorizontalPodAutoscaler"))
        check("default: no GPU requested",
              "nvidia.com/gpu" not in yaml.safe_dump(default))

    ok, _, err = chart.render()
    check("rendering without an admin key fails and says so", ok != 0 and "secrets.adminKeys" in err, err)

    prod_args = ["-f", str(chart.chart_dir / "values-prod.yaml"),
                 "--set", "secrets.create=false", "--set", "secrets.existingSecret=magpie-credentials"]
    ok, prod, err = chart.render(*prod_args)
    check("production values render", ok == 0, err)
    if ok == 0:
        validate_schemas("prod", prod)
        check_every_service("prod", prod)
        hpas = by_kind(prod, "HorizontalPodAutoscaler")
        deployments = by_kind(prod, "Deployment")
        for service in SERVICES:
            hpa = hpas.get(name(service))
            check(f"prod: {service} has an HPA on CPU", hpa is not None and any(
                m["type"] == "Resource" and m["resource"]["name"] == "cpu" for m in hpa["spec"]["metrics"]))
            check(f"prod: {service} Deployment leaves the replica count to its HPA",
                  "replicas" not in deployments[name(service)]["spec"])
        pods_metrics = {s: [m["pods"]["metric"]["name"] for m in hpas[name(s)]["spec"]["metrics"]
                            if m["type"] == "Pods"] for s in SERVICES}
        check("prod: the gateway also scales on its request rate",
              pods_metrics["gateway"] == ["http_server_requests_per_second"], pods_metrics)
        check("prod: the encoder also scales on its query queue",
              pods_metrics["encoder-service"] == ["magpie_encoder_queue_length"], pods_metrics)
        check("prod: the credentials Secret is not written by the chart", not by_kind(prod, "Secret"))
        check("prod: database credentials come from the operator's Secret",
              env_of(deployments[name("retrieval-service")])["QUARKUS_DATASOURCE_PASSWORD"]["valueFrom"]
              ["secretKeyRef"] == {"name": "magpie-pg-app", "key": "password"})
        check("prod: a NetworkPolicy per service",
              set(by_kind(prod, "NetworkPolicy")) == {name(s) for s in SERVICES})
        check("prod: a ServiceMonitor and an Ingress",
              by_kind(prod, "ServiceMonitor") and by_kind(prod, "Ingress"))

    ok, gpu, err = chart.render(*prod_args, "-f", str(chart.chart_dir / "values-gpu.yaml"))
    check("production + GPU values render", ok == 0, err)
    if ok == 0:
        validate_schemas("gpu", gpu)
        deployments = by_kind(gpu, "Deployment")
        encoder = deployments[name("encoder-service")]["spec"]["template"]["spec"]
        container = encoder["containers"][0]
        check("gpu: the encoder asks for one nvidia.com/gpu",
              container["resources"]["limits"].get("nvidia.com/gpu") == 1, container["resources"])
        check("gpu: the encoder runs only on GPU nodes and tolerates their taint",
              encoder.get("nodeSelector", {}).get("nvidia.com/gpu.present") == "true"
              and any(t.get("key") == "nvidia.com/gpu" for t in encoder.get("tolerations", [])))
        check("gpu: the encoder uses the GPU image and device",
              "cu124" in container["image"]
              and by_kind(gpu, "ConfigMap")[name("encoder-service")]["data"].get("MAGPIE_ENCODER_DEVICE") == "gpu")
        check("gpu: the image's DJL cache (CUDA natives) is not hidden by an emptyDir",
              all(m["mountPath"] != "/var/cache/djl" for m in container["volumeMounts"]))
        check("gpu: no other service asks for a GPU", all(
            "nvidia.com/gpu" not in yaml.safe_dump(d) for n, d in deployments.items() if n != name("encoder-service")))

    lint = subprocess.run([chart.helm, "lint", str(chart.chart_dir), "--kube-version", KUBERNETES_VERSIONS[-1],
                           "--set", "secrets.adminKeys=k"],
                          capture_output=True, text=True)
    check("helm lint", lint.returncode == 0, lint.stdout + lint.stderr)


def check_dependencies(root):
    cluster = yaml.safe_load((root / "infra/helm/dependencies/postgres-cnpg.yaml").read_text())
    check("CloudNativePG Cluster names database magpie",
          cluster["kind"] == "Cluster" and cluster["spec"]["bootstrap"]["initdb"]["database"] == "magpie")
    for f in ("milvus-values.yaml", "neo4j-values.yaml", "prometheus-adapter.yaml"):
        check(f"dependencies/{f} is YAML", isinstance(yaml.safe_load((root / "infra/helm/dependencies" / f)
                                                                    .read_text()), dict))


def version_tuple(tag):
    return tuple(int(x) for x in re.findall(r"\d+", tag)[:3])


def check_compose(root):
    compose = yaml.safe_load((root / "infra/docker/docker-compose.yml").read_text())
    services = compose["services"]
    published = [(n, p) for n, s in services.items() for p in s.get("ports", [])]
    check("compose: every published port binds to loopback by default",
          published and all(re.match(r"^(\$\{[A-Z_]+:-127\.0\.0\.1\}|127\.0\.0\.1):", str(p)) for _, p in published),
          published)
    kg = services["kg-service"]["environment"]
    check("compose: kg-service authenticates to Neo4j with its password",
          str(kg.get("QUARKUS_NEO4J_AUTHENTICATION_DISABLED")).lower() == "false"
          and "NEO4J_PASSWORD" in str(kg.get("QUARKUS_NEO4J_AUTHENTICATION_PASSWORD"))
          and "NEO4J_PASSWORD" in str(services["neo4j"]["environment"]["NEO4J_AUTH"]))
    check("compose: Milvus and Neo4j publish on 127.0.0.1 whatever MAGPIE_BIND says",
          all(str(p).startswith("127.0.0.1:") for n in ("milvus", "neo4j") for p in services[n].get("ports", [])))
    check("compose: Neo4j's password has no default", ":-" not in str(services["neo4j"]["environment"]["NEO4J_AUTH"]))
    check("compose: every service gets the service credential",
          all("MAGPIE_SERVICE_CREDENTIAL" in services[n]["environment"]
              for n in ("gateway", "encoder-service", "retrieval-service", "kg-service", "fusion-service")))
    milvus = services["milvus"]["image"]
    check("compose: Milvus >= 2.6.10", version_tuple(milvus.split(":")[1]) >= (2, 6, 10), milvus)


def registered_metrics(root):
    """Micrometer names registered in the services' sources ("magpie.outbox.pending", ...)."""
    names = set()
    for source in root.glob("*/src/main/java/**/*.java"):
        names.update(re.findall(r'"(magpie(?:\.[a-z0-9]+)+)"', source.read_text()))
    return names


def exported_as_registered(metric, registered):
    """magpie_outbox_dead_letters_total -> magpie.outbox.dead.letters, allowing Prometheus's suffixes."""
    base = re.sub(r"_(total|count|sum|max|bucket)$", "", metric)
    candidates = {base, re.sub(r"_seconds$", "", base)}
    return any(c.replace("_", ".") in registered for c in candidates)


def check_observability(root):
    registered = registered_metrics(root)
    alerts_text = (root / "infra/observability/prometheus/magpie-alerts.yml").read_text()
    dashboard_text = (root / "infra/observability/grafana/magpie-dashboard.json").read_text()
    for label, text in (("alert rules", alerts_text), ("dashboard", dashboard_text)):
        used = sorted(set(re.findall(r"\bmagpie_[a-z0-9_]+", text)))
        unknown = [m for m in used if not exported_as_registered(m, registered)]
        check(f"{label}: the {len(used)} magpie_* metrics used are registered by a service", used and not unknown,
              unknown)
    operations = (root / "docs/operations.md").read_text().lower()
    for group in yaml.safe_load(alerts_text)["groups"]:
        for rule in group["rules"]:
            check(f"alert {rule['alert']} has a severity and a section in docs/operations.md",
                  rule.get("labels", {}).get("severity") in ("warning", "critical")
                  and f"### {rule['alert'].lower()}" in operations)
    dashboard = json.loads(dashboard_text)
    check("dashboard: every panel has a query", all(
        p.get("targets") for p in dashboard["panels"] if p["type"] != "row"))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--helm", required=True)
    parser.add_argument("--root", required=True)
    parser.add_argument("--verbose", action="store_true", help="print every check, not only the failed ones")
    args = parser.parse_args()
    global verbose
    verbose = args.verbose
    root = Path(args.root)
    for part in (lambda: check_chart(Chart(args.helm, root / "infra/helm/magpie")),
                 lambda: check_dependencies(root), lambda: check_compose(root),
                 lambda: check_observability(root)):
        try:
            part()
        except Exception:  # a broken file fails its checks, the others still run
            check("no error while checking", False, traceback.format_exc())
    passed = sum(results)
    failed = len(results) - passed
    print(f"deploy-check: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
