package io.magpie.encoder.service;

import io.magpie.api.encoder.EncodeRequest;
import io.magpie.api.problem.FieldErrors;
import io.magpie.api.problem.ProblemException;
import io.magpie.encoder.config.EncoderConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Checks an encode request before any work is done, naming every field that is wrong (the model: see ModelRegistry). */
@ApplicationScoped
public class EncodeRequestValidator {

    /** A request full of blanks should not produce a body larger than the request. */
    private static final int MAX_REPORTED_ERRORS = 20;

    private final EncoderConfig config;

    public EncodeRequestValidator(EncoderConfig config) {
        this.config = config;
    }

    public void validate(EncodeRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("the request needs a JSON body with a 'texts' array");
        }
        if (request.model() != null && request.model().isBlank()) {
            throw ProblemException.invalidField("model", "must be a model name, name@version, or left out");
        }
        List<String> texts = request.texts();
        if (texts == null || texts.isEmpty()) {
            throw ProblemException.invalidField("texts", "must contain at least one text");
        }
        if (texts.size() > config.maxTextsPerRequest()) {
            throw ProblemException.invalidField(
                    "texts", "at most " + config.maxTextsPerRequest() + " texts per request, got " + texts.size());
        }
        FieldErrors errors = new FieldErrors();
        for (int i = 0; i < texts.size() && errors.size() < MAX_REPORTED_ERRORS; i++) {
            String text = texts.get(i);
            if (text == null) {
                errors.add("texts[" + i + "]", "must not be null");
            } else if (text.isBlank()) {
                errors.add("texts[" + i + "]", "must not be blank");
            }
        }
        errors.throwIfAny();
    }
}
