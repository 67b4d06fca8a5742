package io.magpie.kg.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;

/** How complements and substitutes are scored ({@code magpie.kg.related.*}). */
@ConfigMapping(prefix = "magpie.kg.related")
public interface RelatedConfig {

    /** Score of an ACCESSORY_OF link, either way round. */
    @WithDefault("1.0")
    @PositiveOrZero
    double accessoryWeight();

    /** Score of a COMPATIBLE_WITH link. */
    @WithDefault("0.8")
    @PositiveOrZero
    double compatibleWeight();

    /** An ALSO_BOUGHT link scores this times its own weight. */
    @WithDefault("0.5")
    @PositiveOrZero
    double alsoBoughtWeight();

    /** Score of a curated SUBSTITUTE_FOR link, either way round. */
    @WithDefault("1.0")
    @PositiveOrZero
    double substituteWeight();

    /** A product of the same leaf category scores this times the share of the product's attributes it shares. */
    @WithDefault("0.6")
    @PositiveOrZero
    double attributeOverlapWeight();

    /** How many (same-category product, shared attribute) pairs are looked at, so big categories stay fast. */
    @WithDefault("2000")
    @Min(1)
    int overlapScanLimit();
}
