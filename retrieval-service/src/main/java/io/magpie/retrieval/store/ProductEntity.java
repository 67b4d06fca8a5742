package io.magpie.retrieval.store;

import io.magpie.api.catalog.Product;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A catalogue product as stored in PostgreSQL ({@code catalog.product}), mirroring {@link Product}.
 * Lists are PostgreSQL {@code text[]} columns: read whole with the row, never queried element by element.
 */
@Entity
@Table(name = "product", schema = "catalog")
public class ProductEntity {

    @Id
    @Column(length = 128, nullable = false)
    private String id;

    @Column(nullable = false, columnDefinition = "text")
    private String title;

    @Column(columnDefinition = "text")
    private String description;

    @Column(name = "bullet_points", columnDefinition = "text[]")
    private String[] bulletPoints;

    @Column(columnDefinition = "text")
    private String brand;

    @Column(columnDefinition = "text")
    private String color;

    /** Category path, root first. */
    @Column(columnDefinition = "text[]")
    private String[] category;

    private Double price;

    private Double rating;

    @Column(name = "rating_count")
    private Integer ratingCount;

    @Column(name = "image_url", columnDefinition = "text")
    private String imageUrl;

    /** When the stored content last changed (not when it was last re-sent unchanged). */
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    /** Bumped by Hibernate on every change: optimistic locking, and what {@link #syncedVersion} refers to. */
    @Version
    @Column(nullable = false)
    private long version;

    /**
     * The version that Milvus (and the graph, when sync is on) hold; null until first indexed. A row whose synced
     * version lags its version is re-encoded and re-indexed by the next ingest of it, or by a reindex.
     */
    @Column(name = "synced_version")
    private Long syncedVersion;

    protected ProductEntity() {
        // for Hibernate
    }

    public static ProductEntity create(Product product, Instant now) {
        ProductEntity entity = new ProductEntity();
        entity.id = product.id();
        entity.copyContent(product);
        entity.updatedAt = now;
        return entity;
    }

    /**
     * Takes the content of {@code product}; leaves the row untouched when nothing differs, so that re-sending the
     * same catalogue neither bumps versions nor rewrites rows.
     *
     * @return whether anything changed
     */
    public boolean updateFrom(Product product, Instant now) {
        if (sameContentAs(product)) {
            return false;
        }
        copyContent(product);
        updatedAt = now;
        return true;
    }

    private void copyContent(Product p) {
        title = p.title();
        description = p.description();
        bulletPoints = toArray(p.bulletPoints());
        brand = p.brand();
        color = p.color();
        category = toArray(p.category());
        price = p.price();
        rating = p.rating();
        ratingCount = p.ratingCount();
        imageUrl = p.imageUrl();
    }

    private boolean sameContentAs(Product p) {
        return Objects.equals(title, p.title())
                && Objects.equals(description, p.description())
                && Arrays.equals(bulletPoints, toArray(p.bulletPoints()))
                && Objects.equals(brand, p.brand())
                && Objects.equals(color, p.color())
                && Arrays.equals(category, toArray(p.category()))
                && Objects.equals(price, p.price())
                && Objects.equals(rating, p.rating())
                && Objects.equals(ratingCount, p.ratingCount())
                && Objects.equals(imageUrl, p.imageUrl());
    }

    /** Whether the indexes lack this version of the product. */
    public boolean needsSync() {
        return syncedVersion == null || syncedVersion != version;
    }

    public Product toProduct() {
        return new Product(id, title, description, toList(bulletPoints), brand, color, toList(category), price,
                rating, ratingCount, imageUrl);
    }

    public String id() {
        return id;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public long version() {
        return version;
    }

    private static String[] toArray(List<String> values) {
        return values == null ? null : values.toArray(String[]::new);
    }

    private static List<String> toList(String[] values) {
        return values == null ? List.of() : List.of(values);
    }
}
