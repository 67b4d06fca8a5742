package io.magpie.api.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.magpie.api.fusion.FuseRequest;
import io.magpie.api.retrieval.Candidate;
import io.magpie.api.retrieval.CandidateList;
import io.vertx.sqlclient.DatabaseException;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProblemMappersTest {

    private final Validator validator =
            Validation.buildDefaultValidatorFactory().getValidator();

    /** A resource method as Quarkus validates it: the parameter path starts with the method's name. */
    static class Resource {
        public void search(@Size(max = 3) String q) {}
    }

    private List<String> fields(ConstraintViolationException e) {
        Problem problem =
                (Problem) new ProblemMappers().constraintViolation(e, uri()).getEntity();
        return problem.errors().stream().map(Problem.FieldError::field).toList();
    }

    @Test
    void listElementsAreNamedWithTheirIndex() {
        List<CandidateList> lists = Arrays.asList(new CandidateList("dense", List.of(new Candidate("a", 1))), null);
        var violations = validator.validate(new FuseRequest(null, lists, 0));

        assertEquals(List.of("lists[1]", "size"), fields(new ConstraintViolationException(violations)));
    }

    @Test
    void queryParametersAreNamedWithoutTheMethod() throws Exception {
        var method = Resource.class.getMethod("search", String.class);
        var violations =
                validator.forExecutables().validateParameters(new Resource(), method, new Object[] {"too long"});

        assertEquals(List.of("q"), fields(new ConstraintViolationException(violations)));
    }

    @Test
    void aDatabaseThatIsRestartingIsA503WithRetryAfterAndOtherDatabaseErrorsStay500() {
        // what PostgreSQL answers for a moment after a restart (seen as a 500 in the fault-injection suite)
        Response starting = new ProblemMappers()
                .database(new DatabaseException("the database system is starting up", 0, "57P03") {}, uri());
        assertEquals(503, starting.getStatus());
        assertEquals(
                String.valueOf(ProblemException.STORE_RETRY_AFTER_SECONDS), starting.getHeaderString("Retry-After"));
        Response broken =
                new ProblemMappers().database(new DatabaseException("connection failure", 0, "08006") {}, uri());
        assertEquals(503, broken.getStatus());
        Response duplicate =
                new ProblemMappers().database(new DatabaseException("duplicate key", 0, "23505") {}, uri());
        assertEquals(500, duplicate.getStatus());
        assertNull(duplicate.getHeaderString("Retry-After"));
    }

    private static UriInfo uri() {
        return (UriInfo) java.lang.reflect.Proxy.newProxyInstance(
                UriInfo.class.getClassLoader(),
                new Class<?>[] {UriInfo.class},
                (proxy, m, args) -> m.getName().equals("getPath") ? "/test" : null);
    }
}
