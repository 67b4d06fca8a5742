package io.magpie.gateway;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.HashMap;
import java.util.Map;

/**
 * Branch timeouts long enough for services that just started on a busy test machine (a cold kg-service or
 * fusion-service answers its first calls in seconds): a test that needs their answers is not degraded by chance.
 */
public class PatientBranches implements QuarkusTestProfile {

    static final String PATIENT = "30s";

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>();
        for (String branch : new String[] {"graph", "fusion"}) {
            config.put("magpie.gateway.search.timeouts." + branch, PATIENT);
        }
        for (String branch : new String[] {"profile", "cooccurrence", "graph", "popularity", "rank"}) {
            config.put("magpie.gateway.recommendations.timeouts." + branch, PATIENT);
        }
        return config;
    }
}
