#!/usr/bin/env python3
"""kbq serve in a real browser: headless Chromium, driven by Selenium.

Usage: browser_test.py KBQ_BINARY SOURCE_DIR OUTPUT_DIR

Builds a store from examples/ and tests/serve/articles/ (a sentence that
carries <script> and <img onerror> markup), starts `kbq serve --port 0`, then:
types "Ukraine", finds the 2025-05-16 talks on the timeline, clicks them,
reads their Chinese evidence sentences in the panel, finds the 2022 events in
the graph, saves a screenshot; opens the event whose sentence carries markup
and checks it shows as text and runs nothing; reloads a shared URL; and opens
`kbq export --format html` from a file. Prints "skipped: chromium not found"
(CTest counts it as skipped) only when chromium, chromedriver or selenium is
missing. Every wait is bounded; the whole test takes well under a minute.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

kbq, source, out_dir = sys.argv[1], sys.argv[2], sys.argv[3]

chromium = shutil.which("chromium") or shutil.which("chromium-browser")
driver_path = shutil.which("chromedriver")
try:
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:
    webdriver = None
if not chromium or not driver_path or webdriver is None:
    print("skipped: chromium not found (install chromium, chromium-driver and python3-selenium;"
          " .ci/install-deps does)")
    sys.exit(0)

os.makedirs(out_dir, exist_ok=True)
work = tempfile.mkdtemp(prefix="kbq-browser-")
db = os.path.join(work, "kbq.db")


def run(*args):
    r = subprocess.run([kbq, "--db", db, *args], capture_output=True, text=True, timeout=60)
    if r.returncode != 0:
        sys.exit(f"kbq {' '.join(args)} failed ({r.returncode}): {r.stderr}")
    return r.stdout


run("ingest", "-q", os.path.join(source, "examples"))
run("ingest", "-q", "--format", "text", "--published", "2024-03-04",
    os.path.join(source, "tests/serve/articles"))

server = subprocess.Popen([kbq, "--db", db, "serve", "--port", "0"],
                          stderr=subprocess.PIPE, text=True)
failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


try:
    line = server.stderr.readline()
    m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
    if not m:
        sys.exit("kbq serve did not say where it listens: " + line)
    base = f"http://127.0.0.1:{m.group(1)}/"

    def api(command, **params):
        url = base + "api/" + command + "?" + urllib.parse.urlencode(params)
        with urllib.request.urlopen(url, timeout=30) as r:
            return json.loads(r.read().decode("utf-8"))

    # What the page must show, from the endpoints (themselves tested equal to the CLI).
    timeline = api("timeline", query="Ukraine")
    talks = [e for e in timeline if e["type"] == "negotiate" and e["date"]["text"] == "2025-05-16"]
    check(len(talks) == 1, "the Ukraine timeline holds one negotiation on 2025-05-16")
    talks = talks[0]

    options = Options()
    for a in ("--no-sandbox", "--headless=new", "--disable-gpu", "--disable-dev-shm-usage",
              "--window-size=1400,1250", "--lang=en-US"):
        options.add_argument(a)
    options.binary_location = chromium
    browser = webdriver.Chrome(service=Service(driver_path), options=options)
    browser.set_page_load_timeout(60)
    # Generous (CI runs other tests beside it), and a panel the page re-renders
    # between finding an element and reading it is tried again, not a failure.
    from selenium.common.exceptions import StaleElementReferenceException
    wait = WebDriverWait(browser, 45, ignored_exceptions=[StaleElementReferenceException])

    def stable_text(by, selector):
        """The element's text, read again when the page re-rendered it meanwhile."""
        return wait.until(lambda d: d.find_element(by, selector).text or " ")
    try:
        browser.get(base)
        box = browser.find_element(By.ID, "q")
        box.send_keys("Ukraine")
        # Suggestions come from the actors endpoint, with names in both languages.
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, '#suggestions option[value="UKR"]'))
        label = browser.find_element(By.CSS_SELECTOR, '#suggestions option[value="UKR"]').get_attribute("label")
        ukr = [a for a in api("actors", query="Ukraine") if a["id"] == "UKR"][0]
        check(ukr["names"]["en"] in label and ukr["names"]["zh"] in label,
              "the suggestion names UKR in English and Chinese: " + label)
        box.send_keys(Keys.ENTER)
        item = f'.kbq-item[data-event="{talks["id"]}"]'
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, item))
        el = browser.find_element(By.CSS_SELECTOR, item)
        check(el.get_attribute("data-date") == "2025-05-16" and talks["label"] in el.text,
              "the talks are on the timeline: " + el.text)
        check("#/actor/Ukraine" in browser.current_url, "the URL holds the view: " + browser.current_url)
        # Dates at their precision: a day is a box, a year a bar; no date of its own, apart.
        kind_of = ("return Array.from(document.querySelectorAll('.vis-item')).filter(i => "
                   "i.querySelector('[data-event=\"' + arguments[0] + '\"]')).map(i => i.className)[0] || ''")
        check("vis-box" in browser.execute_script(kind_of, talks["id"]), "the talks (a day) are a point")
        years = [e for e in timeline if e["date"]["precision"] == "year" and e["date"]["basis"] != "publication"]
        check(bool(years) and all("vis-range" in browser.execute_script(kind_of, e["id"]) for e in years),
              f"the {len(years)} events dated by a year are bars over it")
        reported = [e["id"] for e in timeline if e["date"]["basis"] == "publication"]
        listed = browser.execute_script(
            "return Array.from(document.querySelectorAll('#undated-list li')).map(li => li.getAttribute('data-event'))")
        check(bool(reported) and sorted(listed) == sorted(reported),
              f"the {len(reported)} events with no date of their own are listed apart")
        el.click()
        wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "#event h2").text == talks["label"])
        panel = stable_text(By.ID, "event")
        shown = api("show", what=talks["id"], lang="en")
        chinese = [m["text"] for m in shown["mentions"] if re.search(r"[\u4e00-\u9fff]", m["text"])]
        check(bool(chinese), "the talks have Chinese evidence")
        check(all(s in panel for s in chinese),
              f"the panel shows all {len(chinese)} Chinese evidence sentences")
        check("2025-05-16" in panel and "explicit" in panel, "the panel gives the date and its basis")
        wait.until(lambda d: d.execute_script("return window.kbqView.cy && window.kbqView.cy.nodes().length") > 1)
        dates = browser.execute_script("return window.kbqView.cy.nodes().map(n => n.data('date'))")
        check(any(d.startswith("2022") for d in dates), "the graph holds the 2022 events: " + ", ".join(dates))
        kinds = browser.execute_script("return window.kbqView.cy.edges().map(e => e.data('kind'))")
        check(len(kinds) > 0, "the graph has links: " + ", ".join(sorted(set(kinds))))
        time.sleep(0.3)  # let the canvas paint
        shot = os.path.join(out_dir, "viewer.png")
        browser.save_screenshot(shot)
        check(os.path.getsize(shot) > 10000, "screenshot saved: " + shot)

        # A graph node moves there.
        other = browser.execute_script(
            "const n = window.kbqView.cy.nodes().filter(n => n.data('date').startsWith('2022'))[0];"
            "n.emit('tap'); return n.id();")
        wait.until(lambda d: "event=" + other in d.current_url)
        wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "#event h2").text != talks["label"])
        check(True, "clicking a graph node opens that event")

        # Markup in an article is text.
        pact = [e for e in api("timeline", query="Finland") if "<script>" in json.dumps(e["mentions"])]
        check(len(pact) == 1, "the markup article gave an event")
        browser.get(base + "#/actor/Finland?event=" + pact[0]["id"])
        browser.refresh()
        try:
            wait.until(lambda d: "<script>" in d.find_element(By.ID, "event").text)
        except TimeoutException:
            pass
        check("<script>window.kbqXss=1</script>" in stable_text(By.ID, "event"),
              "the sentence's <script> shows as text")
        check(browser.execute_script("return window.kbqXss === undefined"), "the markup ran nothing")
        check(not browser.find_elements(By.CSS_SELECTOR, "#event script, #event img, .vis-item script"),
              "no element was made from the markup")

        # A shared URL reloads the same view.
        url = base + "#/actor/Ukraine?from=2022&to=2022&event=" + talks["id"]
        browser.get(url)
        browser.refresh()
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#event h2"))
        count = browser.execute_script("return window.kbqView.events.length")
        check(count == len(api("timeline", query="Ukraine", **{"from": "2022", "to": "2022"})),
              f"a shared URL reloads its filters ({count} events)")

        # The exported page works from a file, with no server.
        html = os.path.join(out_dir, "ukraine.html")
        run("export", "--format", "html", "Ukraine", "-o", html)
        browser.get("file://" + html)
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, item))
        browser.find_element(By.CSS_SELECTOR, item).click()
        wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "#event h2").text == talks["label"])
        check(all(s in stable_text(By.ID, "event") for s in chinese),
              "the exported page shows the evidence without a server")
        errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
        check(not errors, "no errors in the browser console: " + json.dumps(errors)[:500])
    finally:
        browser.quit()
finally:
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
    shutil.rmtree(work, ignore_errors=True)

if failures:
    sys.exit(f"{len(failures)} checks failed")
print("all browser checks passed")
