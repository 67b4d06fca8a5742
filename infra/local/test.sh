#!/usr/bin/env bash
# The project's test command: installs what the tests need, checks the deployment files offline (Helm chart,
# Kubernetes schemas, docker-compose, alert rules), runs every module's tests against real servers, then the
# end-to-end check of the local stack and the multi-replica check (two replicas of each service, killed in turn).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
infra/helm/validate.sh
infra/local/install-milvus.sh
infra/local/install-chromium.sh
# the admin console's browser test runs for real here (elsewhere it is skipped without Chromium)
./mvnw -B verify -Dmagpie.test.browser-required=true
infra/local/e2e-test.sh
infra/local/replicas-test.sh
