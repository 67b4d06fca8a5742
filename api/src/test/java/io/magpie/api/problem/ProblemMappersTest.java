package io.magpie.api.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.magpie.api.fusion.FuseRequest;
import io.magpie.api.retrieval.Candidate;
import io.magpie.api.retrieval.CandidateList;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Size;
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

    private static UriInfo uri() {
        return (UriInfo) java.lang.reflect.Proxy.newProxyInstance(
                UriInfo.class.getClassLoader(),
                new Class<?>[] {UriInfo.class},
                (proxy, m, args) -> m.getName().equals("getPath") ? "/test" : null);
    }
}
