"""Screenshots of the admin console on a running local stack with its demo data (docs/admin/*-live.png).

The console's browser test takes its own screenshots too, but in a test where only kg-service runs, so its
operations page and rankings show what a page looks like when services are missing. These show the pages as an
admin sees them on `./magpie start`. Run through console-screenshots.sh, which installs Selenium in a virtualenv.
"""

import json
import os
import sys
import urllib.parse
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

RUNTIME = os.environ["MAGPIE_RUNTIME_DIR"]
GATEWAY = f"http://127.0.0.1:{8080 + int(os.environ.get('MAGPIE_PORT_OFFSET', '0'))}"
OUT = sys.argv[1]
ADMIN_KEY = open(os.path.join(RUNTIME, "admin-key")).read().strip()


def api(method, path, body=None):
    request = urllib.request.Request(GATEWAY + path, method=method,
                                     data=None if body is None else json.dumps(body).encode(),
                                     headers={"Authorization": f"Bearer {ADMIN_KEY}",
                                              "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=120) as answer:
        return json.loads(answer.read() or b"null")


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1280,900", "--force-device-scale-factor=1"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.implicitly_wait(10)
    driver.set_window_size(1280, 900)
    return driver


def shot(driver, name):
    driver.save_screenshot(os.path.join(OUT, f"{name}-live.png"))
    print(f"{name}-live.png")


def main():
    os.makedirs(OUT, exist_ok=True)
    # a product, and a brand it is not made by whose name is also a query: the edit "P made by B" should lift P
    results = api("GET", "/api/v1/search?" + urllib.parse.urlencode({"q": "phone case", "size": 20}))
    product = results["items"][0]
    brands = [b["value"] for b in results["facets"]["brands"] if b["value"] != product.get("brand")]
    brand = brands[0] if brands else "Acme"
    api("POST", "/api/v1/admin/keys", {"name": "web storefront", "scope": "storefront"})

    driver = browser()
    try:
        driver.get(GATEWAY + "/admin/sign-in")
        driver.find_element(By.ID, "key").send_keys(ADMIN_KEY, Keys.ENTER)
        driver.find_element(By.ID, "q").send_keys("phone case", Keys.ENTER)
        shot(driver, "find")
        driver.get(GATEWAY + "/admin/graph/node?" + urllib.parse.urlencode({"ref": "Product:" + product["id"]}))
        shot(driver, "node")
        Select(driver.find_element(By.ID, "rel-type")).select_by_value("MADE_BY")
        driver.find_element(By.ID, "rel-from").clear()
        driver.find_element(By.ID, "rel-from").send_keys("Product:" + product["id"])
        driver.find_element(By.ID, "rel-to").clear()
        driver.find_element(By.ID, "rel-to").send_keys("Brand:" + brand)
        driver.find_element(By.ID, "rel-queries").send_keys(f"{brand} phone case")
        driver.find_element(By.ID, "preview-button").click()
        shot(driver, "preview-search")
        driver.find_element(By.ID, "discard-link").click()
        driver.get(GATEWAY + "/admin/operations")
        shot(driver, "operations")
        driver.get(GATEWAY + "/admin/keys")
        shot(driver, "keys")
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
