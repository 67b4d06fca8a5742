package io.magpie.retrieval.service;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.magpie.api.catalog.Product;
import io.magpie.api.catalog.ProductRules;
import io.magpie.api.problem.FieldErrors;
import io.magpie.api.problem.Problem;
import io.magpie.retrieval.config.RetrievalConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads one NDJSON line into a {@link Product} and checks it, collecting every problem of the line with its number.
 * The field {@value #WHOLE_LINE} stands for the line as a whole (not JSON, not an object, too long).
 */
@ApplicationScoped
public class ProductLineParser {

    /** The field name of errors that concern the whole line rather than one property. */
    public static final String WHOLE_LINE = "$";

    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    /** A parsed line: the product, or why it was refused. */
    public record Parsed(Product product, List<Problem.FieldError> errors) {

        public boolean accepted() {
            return errors.isEmpty();
        }
    }

    private final ObjectReader reader;
    private final int maxIdLength;

    public ProductLineParser(ObjectMapper mapper, RetrievalConfig config) {
        // "{...} garbage" is a broken line, not a product
        this.reader = mapper.readerFor(Product.class).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.maxIdLength = config.catalog().maxIdLength();
    }

    Parsed parse(NdjsonReader.Line line) {
        if (line.problem() != null) {
            return refused(line, WHOLE_LINE, line.problem());
        }
        Product product;
        try {
            product = reader.readValue(line.text());
        } catch (JsonMappingException e) {
            JsonParseException broken = parseFailureIn(e);
            if (broken != null) {
                // a line cut short inside a property is broken JSON, not a bad value of that property
                return refused(line, WHOLE_LINE, "malformed JSON: " + broken.getOriginalMessage());
            }
            return refused(line, fieldOf(e), e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            return refused(line, WHOLE_LINE, "malformed JSON: " + e.getOriginalMessage());
        }
        if (product == null) {
            return refused(line, WHOLE_LINE, "expected a JSON object, found null");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        if (product.title() == null || product.title().isBlank()) {
            errors.add(error("title", "must not be blank", line));
        }
        checkNotNegative("price", product.price(), line, errors);
        checkNotNegative("rating", product.rating(), line, errors);
        if (product.ratingCount() != null && product.ratingCount() < 0) {
            errors.add(error("ratingCount", "must not be negative", line));
        }
        checkNoNulls("bulletPoints", product.bulletPoints(), line, errors);
        checkNoNulls("category", product.category(), line, errors);
        if (product.currency() != null && !CURRENCY.matcher(product.currency()).matches()) {
            errors.add(error("currency", "must be an ISO 4217 code of three capital letters, like USD", line));
        }
        // what kg-service refuses too (lengths, depth, control characters): a product stored here must be
        // deliverable there, or the outbox could never index it
        FieldErrors shared = new FieldErrors();
        ProductRules.checkProduct("", product, maxIdLength, shared);
        shared.errors().forEach(e -> errors.add(error(e.field(), e.message(), line)));
        return new Parsed(errors.isEmpty() ? product : null, errors);
    }

    private static void checkNotNegative(
            String field, Double value, NdjsonReader.Line line, List<Problem.FieldError> errors) {
        if (value != null && (value < 0 || value.isNaN() || value.isInfinite())) {
            errors.add(error(field, "must be a finite number, not negative", line));
        }
    }

    private static void checkNoNulls(
            String field, List<String> values, NdjsonReader.Line line, List<Problem.FieldError> errors) {
        if (values != null && values.stream().anyMatch(v -> v == null)) {
            errors.add(error(field, "must not contain null entries", line));
        }
    }

    private static Parsed refused(NdjsonReader.Line line, String field, String message) {
        return new Parsed(null, List.of(error(field, message, line)));
    }

    private static Problem.FieldError error(String field, String message, NdjsonReader.Line line) {
        return new Problem.FieldError(field, message, line.number());
    }

    private static JsonParseException parseFailureIn(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonParseException parse) {
                return parse;
            }
        }
        return null;
    }

    /** "category[2]" for a bad element, "price" for a bad property, the whole line when nothing better is known. */
    private static String fieldOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? WHOLE_LINE : path.toString();
    }
}
