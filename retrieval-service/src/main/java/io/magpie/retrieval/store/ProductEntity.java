package io.magpie.retrieval.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.magpie.api.catalog.Product;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A catalogue product as stored in PostgreSQL ({@code catalog.product}), mirroring {@link Product}.
 * Lists are PostgreSQL {@code text[]} columns and attributes a JSON text: read whole with the row, never queried
 * element by element.
 *
 * <p>A deleted product keeps its row as a tombstone ({@code deleted}), so that its version never goes back: the
 * indexes and the graph drop writes older than what they hold, and a product sent again after a delete must be
 * newer than its deletion.
 */
@Entity
@Table(name = "product", schema = "catalog")
public class ProductEntity {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, List<String>>> ATTRIBUTES = new TypeReference<>() {};

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

    /** Attribute name to values, as a JSON object (kept in the order sent). */
    @Column(columnDefinition = "text")
    private String attributes;

    private Double price;

    @Column(length = 3)
    private String currency;

    private Double rating;

    @Column(name = "rating_count")
    private Integer ratingCount;

    /** Null when the store never said: counts as in stock. */
    @Column(name = "in_stock")
    private Boolean inStock;

    @Column(name = "image_url", columnDefinition = "text")
    private String imageUrl;

    /** When the stored content last changed (not when it was last re-sent unchanged). */
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    /**
     * The content version: 1 when created, bumped by Hibernate on every change (a delete included), untouched when
     * the same content is sent again. Also the optimistic lock between concurrent ingests.
     */
    @Version
    @Column(nullable = false)
    private long version;

    /** A tombstone: the product was deleted; ingesting it again revives it with a higher version. */
    @Column(nullable = false, columnDefinition = "boolean not null default false")
    private boolean deleted;

    protected ProductEntity() {
        // for Hibernate
    }

    public static ProductEntity create(Product product, Instant now) {
        ProductEntity entity = new ProductEntity();
        entity.id = product.id();
        entity.copyContent(product);
        entity.updatedAt = now;
        entity.version = 1;
        return entity;
    }

    /**
     * Takes the content of {@code product}; leaves the row untouched when nothing differs, so that re-sending the
     * same catalogue neither bumps versions nor rewrites rows. A tombstone always changes: it comes back.
     *
     * @return whether anything changed
     */
    public boolean updateFrom(Product product, Instant now) {
        if (!deleted && sameContentAs(product)) {
            return false;
        }
        copyContent(product);
        deleted = false;
        updatedAt = now;
        return true;
    }

    /** Turns the product into a tombstone; @return whether it was live. */
    public boolean delete(Instant now) {
        if (deleted) {
            return false;
        }
        deleted = true;
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
        attributes = attributesJson(p.attributes());
        price = p.price();
        currency = p.currency();
        rating = p.rating();
        ratingCount = p.ratingCount();
        inStock = p.inStock();
        imageUrl = p.imageUrl();
    }

    private boolean sameContentAs(Product p) {
        return Objects.equals(title, p.title())
                && Objects.equals(description, p.description())
                && Arrays.equals(bulletPoints, toArray(p.bulletPoints()))
                && Objects.equals(brand, p.brand())
                && Objects.equals(color, p.color())
                && Arrays.equals(category, toArray(p.category()))
                && Objects.equals(attributes, attributesJson(p.attributes()))
                && Objects.equals(price, p.price())
                && Objects.equals(currency, p.currency())
                && Objects.equals(rating, p.rating())
                && Objects.equals(ratingCount, p.ratingCount())
                && Objects.equals(inStock, p.inStock())
                && Objects.equals(imageUrl, p.imageUrl());
    }

    public Product toProduct() {
        return new Product(
                id,
                title,
                description,
                toList(bulletPoints),
                brand,
                color,
                toList(category),
                attributesMap(attributes),
                price,
                currency,
                rating,
                ratingCount,
                inStock,
                imageUrl,
                updatedAt,
                version);
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

    public boolean deleted() {
        return deleted;
    }

    private static String attributesJson(Map<String, List<String>> attributes) {
        if (attributes == null || attributes.isEmpty()) {
            return null;
        }
        try {
            return JSON.writeValueAsString(attributes);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("attributes cannot be written as JSON", e);
        }
    }

    private static Map<String, List<String>> attributesMap(String json) {
        if (json == null) {
            return Map.of();
        }
        try {
            return JSON.readValue(json, ATTRIBUTES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("catalog.product.attributes holds invalid JSON", e);
        }
    }

    private static String[] toArray(List<String> values) {
        return values == null ? null : values.toArray(String[]::new);
    }

    private static List<String> toList(String[] values) {
        return values == null ? List.of() : List.of(values);
    }
}
