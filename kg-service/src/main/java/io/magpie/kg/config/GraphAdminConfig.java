package io.magpie.kg.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;

/** Limits of graph administration ({@code magpie.kg.admin.*}). */
@ConfigMapping(prefix = "magpie.kg.admin")
public interface GraphAdminConfig {

    /** The most lines (nodes and relations together) one bulk import may carry. */
    @WithDefault("10000")
    @Min(1)
    int importMaxLines();

    /** The longest a bulk import's transaction may run before it is rolled back (single edits: query-timeout). */
    @WithDefault("120s")
    java.time.Duration importTimeout();

    /** The largest page of the audit log one request may ask for. */
    @WithDefault("500")
    @Min(1)
    int auditMaxPageSize();
}
