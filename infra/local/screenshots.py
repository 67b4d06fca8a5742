#!/usr/bin/env python3
"""The admin console's screenshots, taken from a running local stack with the demo catalogue (ESCI subset).

Usage: screenshots.py <gateway-url> <folder> [step...]; the admin key is read from the file named by MAGPIE_ADMIN_KEY_FILE.
Headless Chromium signs in and walks every page with a merchandiser's actions; whatever the walk publishes is undone
from the audit page, previews are discarded and the keys it makes are revoked, also when a step fails.
"""
import base64
import datetime
import io
import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request

from PIL import Image
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as shown
from selenium.webdriver.support.ui import Select, WebDriverWait

GATEWAY, FOLDER = sys.argv[1].rstrip("/"), sys.argv[2]
ADMIN_KEY = open(os.environ["MAGPIE_ADMIN_KEY_FILE"]).read().strip()
WIDTH, TABLET = 1280, 800
# Pages are computed under load (previews rank every query twice): wait for them rather than fail.
PATIENCE_S = 180

# The demo catalogue (ESCI subset): a refurbished iPhone 11 and a screen protector made for it, not yet joined.
PHONE = "B07ZPKN6YR"
PROTECTOR = "B07GT6XYRC"
RELATION = urllib.parse.urlencode({"type": "ACCESSORY_OF", "from": "Product:" + PROTECTOR, "to": "Product:" + PHONE})
# The search impact preview: the same relation, with queries shoppers type whose results it changes (the graph adds
# the phone to the results of queries about the protector: it enters one, moves up in the other).
SEARCH_QUERIES = ["tempered glass iphone", "iphone 11 screen protector"]


def api(method, path, body=None, headers=None):
    """Calls the gateway's admin API with the admin key; the answer's JSON (None when empty)."""
    request = urllib.request.Request(
        GATEWAY + path,
        method=method,
        data=None if body is None else json.dumps(body).encode(),
        headers={"Authorization": "Bearer " + ADMIN_KEY, "Content-Type": "application/json", **(headers or {})},
    )
    with urllib.request.urlopen(request, timeout=120) as answer:
        text = answer.read()
        return json.loads(text) if text else None


class Walk:
    def __init__(self):
        options = webdriver.ChromeOptions()
        options.binary_location = "/usr/bin/chromium"
        for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                         f"--window-size={WIDTH},900", "--force-device-scale-factor=1", "--hide-scrollbars"):
            options.add_argument(argument)
        self.browser = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        self.browser.set_page_load_timeout(PATIENCE_S)
        self.keys = []  # ids of the keys this walk made: revoked at the end
        self.began = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        self.published = False  # whether the walk's relation is in the graph: deleted at the end

    # --- browser helpers ---

    def open(self, path):
        self.browser.get(GATEWAY + path)

    def find(self, by, value):
        return WebDriverWait(self.browser, PATIENCE_S).until(shown.presence_of_element_located((by, value)))

    def text(self, element_id):
        return self.find(By.ID, element_id).text

    def click_and_wait(self, element, then_id):
        """Clicks something that loads a page and waits until that page shows the element with id then_id."""
        old = self.browser.find_element(By.TAG_NAME, "html")
        element.click()
        WebDriverWait(self.browser, PATIENCE_S).until(shown.staleness_of(old))
        return self.find(By.ID, then_id)

    def shot(self, name, width=WIDTH, down_to=None):
        """The page laid out at the given width (CSS pixels, scale 1), as <folder>/<name>.png: all of it, or from the
        top down to the end of the element with id down_to."""
        self.set_width(width)
        height = self.browser.execute_script("return document.documentElement.scrollHeight")
        if down_to:
            bottom = self.browser.execute_script(
                "return document.getElementById(arguments[0]).getBoundingClientRect().bottom + window.scrollY",
                down_to)
            height = min(height, int(bottom) + 16)
        metrics = {"width": width, "height": min(height, 5000), "deviceScaleFactor": 1, "mobile": False}
        self.browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
        clip = {"x": 0, "y": 0, "width": width, "height": metrics["height"], "scale": 1}
        picture = self.browser.execute_cdp_cmd(
            "Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True, "clip": clip})
        path = os.path.join(FOLDER, name + ".png")
        # 128 colours without dithering: text and flat boxes stay sharp, the file a fraction of its size
        image = Image.open(io.BytesIO(base64.b64decode(picture["data"]))).convert("RGB")
        image.quantize(colors=128, dither=Image.Dither.NONE).save(path, optimize=True)
        self.set_width(WIDTH)
        print(f"  {name}.png ({os.path.getsize(path) // 1024} KB)")

    def set_width(self, width):
        """Lays the page out at width CSS pixels, as a browser window of that width would."""
        metrics = {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": False}
        self.browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)

    # --- the walk ---

    def sign_in(self):
        storefront = api("POST", "/api/v1/admin/keys", {"name": "screenshots: storefront (revoked)", "scope": "storefront"})
        self.keys.append(storefront["key"]["id"])
        self.open("/admin/sign-in")
        self.find(By.ID, "key").send_keys(storefront["secret"], Keys.ENTER)
        assert "not an admin key" in self.text("key-error")
        self.shot("sign-in")
        self.find(By.ID, "key").send_keys(ADMIN_KEY)
        self.click_and_wait(self.find(By.CSS_SELECTOR, "form button[type=submit]"), "q")

    def graph_find(self):
        self.find(By.ID, "q").send_keys("iphone 11")
        self.click_and_wait(self.find(By.CSS_SELECTOR, "form.search button"), "q")
        self.shot("find")

    def complements_preview_and_publish(self):
        self.open("/admin/graph/node?ref=Product%3A" + PHONE)
        self.find(By.ID, "rel-from").send_keys("Product:" + PROTECTOR)
        Select(self.find(By.ID, "rel-type")).select_by_value("ACCESSORY_OF")
        self.find(By.ID, "rel-products").send_keys(PHONE)
        self.click_and_wait(self.find(By.ID, "preview-button"), "after-0")
        assert PROTECTOR in self.text("after-0") or "Screen Protector" in self.text("after-0")
        self.shot("preview")
        self.click_and_wait(self.find(By.ID, "publish-button"), "notice")
        self.published = True
        self.shot("node")

    def relation_conflict(self):
        self.open("/admin/graph/relation?" + RELATION)
        version = self.text("relation-version")
        # someone else changes the relation while the page is open
        api("PUT", "/api/v1/admin/graph/relations?" + RELATION, {"properties": {"weight": 3}},
            {"If-Match": f'"{version}"'})
        properties = self.find(By.ID, "relation-props")
        properties.clear()
        properties.send_keys('{"weight": 2}')
        self.click_and_wait(self.find(By.CSS_SELECTOR, "#relation-update button"), "failure")
        assert "Changed by someone else" in self.text("failure")
        self.shot("relation-conflict")

    def audit_and_undo(self):
        """Undoes the other admin's change from the audit page, then deletes the relation from its own page: undoing
        its creation is refused once it changed since (the audit log's version check)."""
        # the walk's own entries: the phone's, since the walk began
        self.open("/admin/audit?" + urllib.parse.urlencode({"entity": "Product:" + PHONE, "from": self.began}))
        update = self.newest_entry("Product:" + PHONE, "update_relation")
        button = self.find(By.CSS_SELECTOR, f"#audit-table form[action='/admin/audit/{update}/undo'] button")
        self.click_and_wait(button, "notice")
        assert "Undone" in self.text("notice")
        self.shot("audit")
        self.open("/admin/graph/relation?" + RELATION)
        self.click_and_wait(self.find(By.CSS_SELECTOR, "#relation-delete button"), "notice")
        self.published = False

    def search_preview(self):
        # one query each, down to its ranking: with the demo catalogue's long titles a whole page runs to 8000 px
        self.preview_searches(SEARCH_QUERIES[0], "preview-search", WIDTH)
        self.preview_searches(SEARCH_QUERIES[1], "preview-search-tablet", TABLET)

    def preview_searches(self, query, name, width):
        self.set_width(width)
        self.open("/admin/graph/node?ref=Product%3A" + PROTECTOR)
        Select(self.find(By.ID, "rel-type")).select_by_value("ACCESSORY_OF")
        self.find(By.ID, "rel-from").send_keys("Product:" + PROTECTOR)
        to = self.find(By.ID, "rel-to")
        to.clear()
        to.send_keys("Product:" + PHONE)
        # the protector's complements and similar products: short lists, the searches are what this picture is for
        self.find(By.ID, "rel-products").send_keys(PROTECTOR)
        self.find(By.ID, "rel-queries").send_keys(query)
        self.click_and_wait(self.find(By.ID, "preview-button"), "search-0")
        assert "ACCESSORY_OF" in self.text("search-0-moves"), f"the edit moves nothing in {query}"
        self.shot(name, width, down_to="search-0")
        self.click_and_wait(self.find(By.ID, "discard-link"), "node-ref")

    def import_dry_run(self):
        self.open("/admin/import")
        # a supplier's feed: the brand exists, the title is new, the two relations are not in the graph yet
        lines = [
            '{"nodes": [',
            '  {"ref": "Brand:amFilm"},',
            '  {"ref": "Product:%s", "properties": {"title": "amFilm tempered glass for iPhone 11 (3 pack)"}}' % PROTECTOR,
            '], "relations": [',
            '  {"type": "ACCESSORY_OF", "from": "Product:%s", "to": "Product:%s"},' % (PROTECTOR, PHONE),
            '  {"type": "COMPATIBLE_WITH", "from": "Product:%s", "to": "Product:%s"}' % (PROTECTOR, PHONE),
            "]}",
        ]
        self.find(By.ID, "import-body").send_keys("\n".join(lines))
        self.click_and_wait(self.find(By.ID, "dry-run-button"), "import-report")
        self.shot("import")

    def operations(self):
        self.open("/admin/operations")
        self.find(By.ID, "evaluation")
        self.shot("operations")

    def api_keys(self):
        self.open("/admin/keys")
        self.find(By.ID, "key-name").send_keys("Storefront: shop.example.com")
        Select(self.find(By.ID, "key-scope")).select_by_value("storefront")
        self.click_and_wait(self.find(By.ID, "create-key-button"), "issued-secret")
        secret = self.text("issued-secret")
        self.keys.append(secret[len("mgp_"):len("mgp_") + 16])
        self.shot("keys")

    def tidy_up(self):
        """Deletes what is still published and revokes the walk's keys, whatever happened before."""
        if self.published:
            try:
                version = api("GET", "/api/v1/admin/graph/relations?" + RELATION)["version"]
                api("DELETE", "/api/v1/admin/graph/relations?" + RELATION, headers={"If-Match": f'"{version}"'})
            except urllib.error.HTTPError as e:
                print(f"  could not delete the walk's relation ({RELATION}): {e.code}", file=sys.stderr)
        for key in self.keys:
            try:
                api("DELETE", f"/api/v1/admin/keys/{key}")
            except urllib.error.HTTPError as e:
                print(f"  could not revoke key {key}: {e.code}", file=sys.stderr)
        self.browser.quit()

    def page_problems(self):
        """The messages the page shows next to fields or as a failure, to say why a step went wrong."""
        found = self.browser.find_elements(By.CSS_SELECTOR, ".field-error, .failure, #failure")
        return [element.text for element in found] or self.browser.find_element(By.TAG_NAME, "main").text[:500]

    @staticmethod
    def newest_entry(entity, operation):
        page = api("GET", "/api/v1/admin/graph/audit?" + urllib.parse.urlencode(
            {"entity": entity, "operation": operation, "size": 1}))
        return page["entries"][0]["id"]


STEPS = ("graph_find", "complements_preview_and_publish", "relation_conflict", "audit_and_undo", "search_preview",
         "import_dry_run", "operations", "api_keys")


def main():
    """Every step in order; named steps only (sign-in always first) when given after the folder."""
    steps = sys.argv[3:] or STEPS
    unknown = set(steps) - set(STEPS)
    if unknown:
        sys.exit(f"unknown steps {sorted(unknown)}; known: {', '.join(STEPS)}")
    os.makedirs(FOLDER, exist_ok=True)
    walk = Walk()
    try:
        walk.sign_in()
        for step in STEPS:
            if step in steps:
                getattr(walk, step)()
    except Exception:
        print(f"  failed on {walk.browser.current_url}: {walk.page_problems()}", file=sys.stderr)
        raise
    finally:
        walk.tidy_up()


if __name__ == "__main__":
    main()
