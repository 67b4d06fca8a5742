package io.magpie.gateway.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magpie.gateway.PatientBranches;
import io.magpie.testsupport.KgServiceTestResource;
import io.magpie.testsupport.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The admin console in headless Chromium against the gateway and a real kg-service: one browser session walks a
 * merchandiser's morning, from sign-in to undo, and checks what shoppers see through the public API on the way; an
 * admin makes a storefront key on the keys page (PostgreSQL) and revokes it.
 */
@QuarkusTest
@QuarkusTestResource(value = KgServiceTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = true)
// patient branches: a graph preview cut short by a busy machine's branch timeout would still hold its locks in
// kg-service
// when the next preview of the page asks, and that one would be refused
@TestProfile(PatientBranches.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminConsoleBrowserTest {

    private static final String ADMIN = KgServiceTestResource.ADMIN_KEY;
    private static final String PHONE = "phone-x1";
    private static final String CASE = "case-l1";
    private static final String CHARGER = "charger-c1";
    private static final String BRAND = "Zephyr";

    private static ChromeDriver browser;

    @TestHTTPResource("/")
    URL root;

    @BeforeAll
    static void openBrowser() {
        browser = Browser.start();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    @Order(1)
    void merchandiserPreviewsPublishesAndUndoesAnAccessory() {
        seedCatalogue();

        // a storefront key (stored, made through the admin API) and a trusted key are refused at the door, next to
        // the field
        String storefrontKey = admin().contentType(ContentType.JSON)
                .body(Map.of("name", "browser test storefront", "scope", "storefront"))
                .when()
                .post("/api/v1/admin/keys")
                .then()
                .statusCode(201)
                .extract()
                .path("secret");
        for (String notAdmin : List.of(storefrontKey, "test-eval-key")) {
            open("/admin/sign-in");
            browser.findElement(By.id("key")).sendKeys(notAdmin, Keys.ENTER);
            assertTrue(text(By.id("key-error")).contains("not an admin key"), notAdmin);
            assertTrue(browser.getCurrentUrl().endsWith("/admin/sign-in"));
        }
        open("/admin/graph");
        assertTrue(browser.getCurrentUrl().endsWith("/admin/sign-in"), "no session, no console");

        // sign in with the keyboard only
        browser.findElement(By.id("key")).sendKeys(ADMIN, Keys.ENTER);
        // the sign-in answers with a redirect; a key press does not wait for the browser to follow it
        new WebDriverWait(browser, java.time.Duration.ofSeconds(30))
                .until(ExpectedConditions.urlMatches("/admin/graph$"));
        assertTrue(browser.getCurrentUrl().endsWith("/admin/graph"));

        // find the phone
        browser.findElement(By.id("q")).sendKeys("phone x", Keys.ENTER);
        browser.findElement(By.linkText("Phone X")).click();
        assertEquals("Product:" + PHONE, text(By.id("node-ref")));
        assertTrue(browser.findElement(By.cssSelector("svg.graph")).getText().contains("Charger"));

        // preview an accessory: the case enters the phone's complements, with its path; shoppers see nothing yet
        browser.findElement(By.id("rel-from")).sendKeys("Product:" + CASE);
        browser.findElement(By.id("preview-button")).click();
        assertFalse(text(By.id("before-0")).contains("Leather case"));
        assertTrue(text(By.id("after-0")).contains("Leather case"));
        assertTrue(text(By.id("moves-0")).contains("(Leather case)-[:ACCESSORY_OF]->(Phone X)"));
        assertTrue(text(By.id("similar-0-after")).contains(CASE), "the graph's similar products too");
        // products are named by their titles, the pending relation by its ends' titles
        assertEquals("Preview: Leather case ACCESSORY_OF Phone X", text(By.tagName("h1")));
        assertEquals("Complements of Phone X", text(By.id("cmp-0")));
        assertEquals("Products like Phone X", text(By.id("similar-0-title")));
        complements().body("items.id", not(hasItem(CASE)));

        // publish: the public complements endpoint shows it with its path
        browser.findElement(By.id("publish-button")).click();
        assertTrue(text(By.id("notice")).contains("published"));
        complements()
                .body("items.id", hasItem(CASE))
                .body("items.paths.flatten()", hasItem("(Leather case)-[:ACCESSORY_OF]->(Phone X)"));

        // a stale edit: someone else changes the charger relation while its page is open
        browser.findElement(By.linkText("Charger")).click();
        browser.findElement(By.linkText("ACCESSORY_OF")).click();
        assertEquals("Charger ACCESSORY_OF Phone X", text(By.tagName("h1")));
        admin().contentType(ContentType.JSON)
                .header("If-Match", "\"1\"")
                .queryParam("type", "ACCESSORY_OF")
                .queryParam("from", "Product:" + CHARGER)
                .queryParam("to", "Product:" + PHONE)
                .body(Map.of("properties", Map.of("weight", 3)))
                .when()
                .put("/api/v1/admin/graph/relations")
                .then()
                .statusCode(200);
        WebElement properties = browser.findElement(By.id("relation-props"));
        properties.clear();
        properties.sendKeys("{\"weight\": 2}");
        browser.findElement(By.cssSelector("#relation-update button")).click();
        assertTrue(text(By.id("failure")).contains("Changed by someone else, reload"));
        assertEquals("2", text(By.id("relation-version")));

        // undo the publication from the audit page; the page comes back with its filters
        open("/admin/audit?entity=Product%3A" + CASE + "&operation=create_relation");
        browser.findElement(By.cssSelector("#audit-table button[aria-label^='Undo entry']"))
                .click();
        assertTrue(text(By.id("notice")).contains("Undone"));
        assertEquals("Product:" + CASE, browser.findElement(By.id("f-entity")).getAttribute("value"));
        assertEquals(
                "create_relation",
                new Select(browser.findElement(By.id("f-operation")))
                        .getFirstSelectedOption()
                        .getAttribute("value"));
        complements().body("items.id", not(hasItem(CASE)));

        // bulk import: the dry run reports each line and offers to apply
        open("/admin/import");
        browser.findElement(By.id("import-body"))
                .sendKeys("{\"nodes\": [{\"ref\": \"Brand:Acme\"}, {\"ref\": \"Product:" + PHONE
                        + "\", \"properties\": {\"title\": \"Phone X\"}}]}");
        browser.findElement(By.id("dry-run-button")).click();
        assertTrue(text(By.id("import-report")).contains("Brand:Acme"));
        assertTrue(browser.findElement(By.id("apply-button")).isDisplayed());

        // operations: the catalogue, encoder and fusion services are not running in this test; each box says so
        open("/admin/operations");
        assertTrue(text(By.id("indexing-title")).contains("Indexing"));
        assertTrue(browser.findElement(By.tagName("main")).getText().contains("cannot be reached"));
        assertEquals("object", browser.executeScript("return typeof htmx"), "htmx is served from its web jar");

        // impact on a search: the case would be made by Zephyr, so the query "zephyr" would find it; discard it
        open("/admin/graph/node?ref=Product%3A" + CASE);
        new Select(browser.findElement(By.id("rel-type"))).selectByValue("MADE_BY");
        browser.findElement(By.id("rel-from")).sendKeys("Product:" + CASE);
        browser.findElement(By.id("rel-to")).clear();
        browser.findElement(By.id("rel-to")).sendKeys("Brand:" + BRAND);
        browser.findElement(By.id("rel-queries")).sendKeys("zephyr");
        // keyboard order: queries, users, then the preview button, which Enter presses
        browser.switchTo().activeElement().sendKeys(Keys.TAB);
        assertEquals("rel-users", browser.switchTo().activeElement().getAttribute("id"));
        browser.switchTo().activeElement().sendKeys("shopper-1", Keys.TAB);
        assertEquals("preview-button", browser.switchTo().activeElement().getAttribute("id"));
        browser.switchTo().activeElement().sendKeys(Keys.ENTER);
        assertTrue(text(By.id("search-0-before")).contains(PHONE));
        assertFalse(text(By.id("search-0-before")).contains(CASE));
        assertTrue(text(By.id("search-0-after")).contains(CASE + " new"));
        assertTrue(text(By.id("search-0-moves")).contains("query mentions brand \"" + BRAND + "\" -> MADE_BY"));
        // fusion-service (the profiles) is not running here: the page says why the user's ranking is not previewed
        assertTrue(text(By.id("user-0-note")).contains("history could not be read"));
        browser.manage().window().setSize(new Dimension(800, 1100));
        assertEquals(0L, sidewaysOverflow(), "the side-by-side rankings fit a tablet");
        browser.manage().window().setSize(new Dimension(1280, 900));
        browser.findElement(By.id("discard-link")).click();
        assertEquals("Product:" + CASE, text(By.id("node-ref")));
        // nothing was written, and the storefront's search (its ranking cache included) never saw the edit
        admin().queryParam("ref", "Product:" + CASE)
                .when()
                .get("/api/v1/admin/graph/neighbourhood")
                .then()
                .statusCode(200)
                .body("relations.type", not(hasItem("MADE_BY")));
        given().queryParam("q", "zephyr")
                .when()
                .get("/api/v1/search")
                .then()
                .statusCode(200)
                .body("items.id", hasItem(PHONE))
                .body("items.id", not(hasItem(CASE)));

        // a tablet: no sideways scrolling
        browser.manage().window().setSize(new Dimension(800, 1100));
        open("/admin/graph/node?ref=Product%3A" + PHONE);
        assertEquals(0L, sidewaysOverflow());
        browser.manage().window().setSize(new Dimension(1280, 900));

        // sign out: the console is closed again
        browser.findElement(By.cssSelector(".sign-out button")).click();
        open("/admin/graph");
        assertTrue(browser.getCurrentUrl().endsWith("/admin/sign-in"));
    }

    /** After the merchandiser's walk, whose catalogue it reads. */
    @Test
    @Order(2)
    void anAdminCreatesAStorefrontKeyThatWorksUntilItIsRevoked() {
        open("/admin/sign-in");
        browser.findElement(By.id("key")).sendKeys(ADMIN, Keys.ENTER);
        browser.findElement(By.linkText("API keys")).click();
        browser.findElement(By.id("key-name")).sendKeys("browser shop");
        new Select(browser.findElement(By.id("key-scope"))).selectByValue("storefront");
        browser.findElement(By.id("create-key-button")).click();
        String secret = text(By.id("issued-secret"));
        assertTrue(secret.startsWith("mgp_"), secret);
        // the new key gets past the key checks (the search itself may answer 503: only kg-service runs here)
        int search = storefrontCall(secret);
        assertTrue(search != 401 && search != 403, "search with the new key: " + search);

        // the secret is shown once: the list never carries it
        open("/admin/keys");
        assertFalse(browser.getPageSource().contains(secret.substring(secret.lastIndexOf('_') + 1)));
        // mgp_<16 hex digits>_<secret>; the secret itself may hold '_' (base64url)
        String id = secret.substring("mgp_".length(), "mgp_".length() + 16);
        browser.findElement(By.id("revoke-" + id)).click();
        assertTrue(text(By.id("notice")).contains("revoked"));
        assertEquals(401, storefrontCall(secret));
        browser.findElement(By.cssSelector(".sign-out button")).click();
    }

    /** The status of a search with {@code secret} as the bearer token. */
    private static int storefrontCall(String secret) {
        return given().header("Authorization", "Bearer " + secret)
                .queryParam("q", "phone")
                .when()
                .get("/api/v1/search")
                .statusCode();
    }

    private void seedCatalogue() {
        admin().contentType(ContentType.JSON)
                .body(Map.of(
                        "nodes",
                        List.of(
                                Map.of("ref", "Product:" + PHONE, "properties", Map.of("title", "Phone X")),
                                Map.of("ref", "Product:" + CASE, "properties", Map.of("title", "Leather case")),
                                Map.of("ref", "Product:" + CHARGER, "properties", Map.of("title", "Charger")),
                                Map.of("ref", "Brand:" + BRAND)),
                        "relations",
                        List.of(
                                Map.of("type", "ACCESSORY_OF", "from", "Product:" + CHARGER, "to", "Product:" + PHONE),
                                Map.of("type", "MADE_BY", "from", "Product:" + PHONE, "to", "Brand:" + BRAND))))
                .when()
                .post("/api/v1/admin/graph/import")
                .then()
                .statusCode(200);
    }

    private static io.restassured.specification.RequestSpecification admin() {
        return given().header("Authorization", "Bearer " + ADMIN);
    }

    private static io.restassured.response.ValidatableResponse complements() {
        return given().when()
                .get("/api/v1/products/{id}/complements", PHONE)
                .then()
                .statusCode(200);
    }

    private static Object sidewaysOverflow() {
        return browser.executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
    }

    private void open(String path) {
        browser.get(root.toString().replaceAll("/$", "") + path);
    }

    private static String text(By locator) {
        return browser.findElement(locator).getText();
    }
}
