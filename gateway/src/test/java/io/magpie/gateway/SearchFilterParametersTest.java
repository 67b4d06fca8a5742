package io.magpie.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Search filters arrive as query parameters; a bad value is a 400 naming the parameter before any backend call. */
@QuarkusTest
class SearchFilterParametersTest {

    @Test
    void badPricesNameTheParameter() {
        given().queryParam("q", "towels")
                .queryParam("minPrice", "cheap")
                .when()
                .get("/api/v1/search")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("minPrice"))
                .body("detail", containsString("cheap"));
        given().queryParam("q", "towels")
                .queryParam("maxPrice", "-3")
                .when()
                .get("/api/v1/search")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("maxPrice"));
        given().queryParam("q", "towels")
                .queryParam("minPrice", "30")
                .queryParam("maxPrice", "10")
                .when()
                .get("/api/v1/search")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("minPrice"));
    }

    @Test
    void badStockFlagAndCategoryNameTheParameter() {
        given().queryParam("q", "towels")
                .queryParam("inStock", "maybe")
                .when()
                .get("/api/v1/search")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("inStock"));
        given().queryParam("q", "towels")
                .queryParam("category", "Home > ")
                .when()
                .get("/api/v1/search")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("category"));
    }

    @Test
    void validFiltersGetPastValidation() {
        // every backend is down in this profile: valid filters reach them and the search is unavailable, not a 400
        given().queryParam("q", "towels")
                .queryParam("category", "Health & Household > Household Supplies")
                .queryParam("brand", "Viva")
                .queryParam("brand", "Bounty")
                .queryParam("minPrice", "5")
                .queryParam("maxPrice", "40.5")
                .queryParam("inStock", "true")
                .when()
                .get("/api/v1/search")
                .then()
                .statusCode(503);
    }
}
