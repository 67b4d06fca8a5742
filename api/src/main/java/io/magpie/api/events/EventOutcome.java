package io.magpie.api.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.magpie.api.problem.Problem;
import java.util.List;

/**
 * The answer for one event of a batch, in the order sent.
 *
 * @param index          the event's place in the batch, from 0
 * @param line           its line in an NDJSON body, from 1 (absent for a JSON array)
 * @param eventId        its id, when it had a readable one
 * @param status         accepted, duplicate or rejected
 * @param errors         why it was rejected: each field at fault ({@code $} for a line that is not JSON)
 * @param unknownProduct true when the catalogue does not know the product (the event is stored all the same);
 *                       absent when it was not checked (the catalogue did not answer in time) or not stored
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record EventOutcome(
        int index,
        Long line,
        String eventId,
        EventStatus status,
        List<Problem.FieldError> errors,
        Boolean unknownProduct) {}
