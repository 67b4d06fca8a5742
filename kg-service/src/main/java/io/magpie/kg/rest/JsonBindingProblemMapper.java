package io.magpie.kg.rest;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.magpie.api.problem.ProblemMappers;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * JSON of the wrong shape as the shared problem, except that the elements of the product batch (kg-service's one
 * top-level array) are named {@code products[i]}, as its validation errors name them.
 */
public class JsonBindingProblemMapper {

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return ProblemMappers.mismatchedInputProblem(e, uri.getPath(), "products");
    }
}
