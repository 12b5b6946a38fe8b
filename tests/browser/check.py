#!/usr/bin/python3
"""The HTML book in a real browser: headless Chromium, driven by chromedriver
through Selenium (Debian's python3-selenium, hence /usr/bin/python3).

usage: tests/browser/check.py HTMLDIR SHOTDIR [PAGE...]

Loads every page of HTMLDIR (or the PAGEs named) at 390 px and 1280 px wide,
in light and in dark mode, and fails on
  - horizontal overflow of the page (it lists the elements that stick out);
  - a console error;
  - a link to a page or an id that does not exist, or an id used twice;
  - the light/dark button off screen or covering the text;
then searches for free_pcppages_bulk and fails unless chapter 9 is found.
It saves a screenshot of each page in each mode in SHOTDIR.
"""
import os
import re
import sys
import tempfile
import time
from urllib.parse import unquote, urlparse

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By

WIDTHS = (390, 1280)
THEMES = ("light", "dark")

OVERFLOW_JS = """
const W = document.documentElement.clientWidth, out = [];
for (const e of document.querySelectorAll('body *')) {
  const r = e.getBoundingClientRect();
  if (r.width === 0 || r.height === 0) continue;
  if (r.right > W + 1 || r.left < -1) {
    let clipped = false;
    for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
      const s = getComputedStyle(p);
      if (s.overflowX !== 'visible' || s.visibility === 'hidden' || s.position === 'fixed') { clipped = true; break; }
    }
    const s = getComputedStyle(e);
    if (s.position === 'fixed' || s.visibility === 'hidden') clipped = true;
    if (!clipped) out.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
                           (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ')[0] : '') +
                           ' ' + Math.round(r.right) + 'px "' + e.textContent.slice(0, 40) + '"');
  }
}
return [document.documentElement.scrollWidth, W, out];
"""

IDS_JS = """
const seen = {}, dup = [];
for (const e of document.querySelectorAll('[id]')) { if (seen[e.id]) dup.push(e.id); seen[e.id] = 1; }
const links = [];
for (const a of document.querySelectorAll('a[href]')) links.push(a.href);
return [Object.keys(seen), dup, links];
"""

BUTTON_JS = """
const b = document.getElementById('theme-toggle');
if (!b) return 'no theme button';
const r = b.getBoundingClientRect(), W = document.documentElement.clientWidth;
if (r.left < 0 || r.right > W || r.top < 0 || r.bottom > innerHeight) return 'theme button off screen: ' + JSON.stringify(r);
const h = document.querySelector('main h1, body > h1, header h1');
if (h) { const range = document.createRange(); range.selectNodeContents(h);
  for (const q of range.getClientRects())
    if (r.left < q.right && q.left < r.right && r.top < q.bottom && q.top < r.bottom) return 'theme button covers the title'; }
return '';
"""


def driver(profile):
    o = Options()
    for a in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
              "--disable-background-networking", "--disable-component-update", "--disable-sync",
              "--disable-dev-shm-usage", "--hide-scrollbars", f"--user-data-dir={profile}"):
        o.add_argument(a)
    o.binary_location = "/usr/bin/chromium"
    o.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=o)


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    root, shots = os.path.abspath(argv[0]), os.path.abspath(argv[1])
    os.makedirs(shots, exist_ok=True)
    pages = argv[2:] or sorted(
        os.path.relpath(os.path.join(d, f), root)
        for d, _, fs in os.walk(root) for f in fs if f.endswith(".html"))
    start = time.time()
    errors = []
    ids = {}          # page -> set of ids, from the first load
    links = {}        # page -> links
    with tempfile.TemporaryDirectory() as profile:
        d = driver(profile)
        try:
            for theme in THEMES:
                d.execute_cdp_cmd("Emulation.setEmulatedMedia",
                                  {"features": [{"name": "prefers-color-scheme", "value": theme}]})
                for w in WIDTHS:
                    d.set_window_size(w, 900)
                    # the inner width is what the page sees: make it w exactly
                    inner = d.execute_script("return window.innerWidth") if pages else w
                    if inner != w:
                        d.set_window_size(2 * w - inner, 900)
                    for p in pages:
                        url = "file://" + os.path.join(root, p)
                        d.get(url)
                        where = f"{p} at {w}px, {theme}"
                        for e in d.get_log("browser"):
                            if e["level"] == "SEVERE":
                                errors.append(f"{where}: console: {e['message']}")
                        sw, cw, over = d.execute_script(OVERFLOW_JS)
                        if sw > cw + 1:
                            errors.append(f"{where}: page is {sw}px wide in a {cw}px window; "
                                          f"{len(over)} elements stick out: " + ", ".join(over[:8]))
                        msg = d.execute_script(BUTTON_JS)
                        if msg:
                            errors.append(f"{where}: {msg}")
                        if p not in ids:
                            have, dup, ls = d.execute_script(IDS_JS)
                            ids[p] = set(have)
                            links[p] = ls
                            if dup:
                                errors.append(f"{p}: ids used twice: " + ", ".join(sorted(set(dup))[:10]))
                        if not p.startswith("tests/") or w == 390:
                            name = re.sub(r"[/.]", "-", p[:-5])
                            d.save_screenshot(os.path.join(shots, f"{name}-{w}-{theme}.png"))
            # links, within the book and across its pages
            broken = 0
            for p, ls in links.items():
                for href in ls:
                    u = urlparse(href)
                    if u.scheme != "file":
                        continue
                    target = os.path.relpath(unquote(u.path), root)
                    if not os.path.exists(os.path.join(root, target)):
                        errors.append(f"{p}: link to {target}, which does not exist")
                        broken += 1
                        continue
                    if u.fragment and target.endswith(".html"):
                        if target not in ids:
                            d.get("file://" + os.path.join(root, target))
                            ids[target] = set(d.execute_script(IDS_JS)[0])
                        if unquote(u.fragment) not in ids[target]:
                            errors.append(f"{p}: link to {target}#{u.fragment}, which has no such id")
                            broken += 1
            # the search finds chapter 9
            d.set_window_size(1280, 900)
            d.get("file://" + os.path.join(root, "index.html"))
            hits = []
            for box in d.find_elements(By.ID, "search"):
                box.send_keys("free_pcppages_bulk")
                time.sleep(0.5)
                hits = [a.get_attribute("href")
                        for a in d.find_elements(By.CSS_SELECTOR, "#search-results a")]
            if not any("09-bulk.html" in h for h in hits):
                errors.append("search: free_pcppages_bulk does not find chapter 9 (found: "
                              + ", ".join(os.path.basename(h) for h in hits[:5]) + ")")
            d.save_screenshot(os.path.join(shots, "search-1280.png"))
            # an identifier's pop-up names the chunk that defines it
            if "04-buddy.html" in pages:
                d.get("file://" + os.path.join(root, "04-buddy.html"))
                ids_ = d.find_elements(By.CSS_SELECTOR, "a.nwid")
                if not ids_:
                    errors.append("04-buddy.html: no identifier links")
                else:
                    d.execute_script("arguments[0].scrollIntoView({block: 'center'})", ids_[0])
                    ActionChains(d).move_to_element(ids_[0]).perform()
                    time.sleep(0.3)
                    pops = [e for e in d.find_elements(By.ID, "popup") if e.is_displayed()]
                    if not pops or "defined in" not in pops[0].text:
                        errors.append("04-buddy.html: hovering over an identifier shows no pop-up")
                    else:
                        d.save_screenshot(os.path.join(shots, "popup-1280.png"))
            # the figures, at phone width in both themes
            d.set_window_size(390, 900)
            for theme in THEMES:
                d.execute_cdp_cmd("Emulation.setEmulatedMedia",
                                  {"features": [{"name": "prefers-color-scheme", "value": theme}]})
                for p in pages:
                    if p.startswith("tests/") or p == "book.html":
                        continue
                    d.get("file://" + os.path.join(root, p))
                    for fig in d.find_elements(By.CSS_SELECTOR, "main figure"):
                        fid = fig.get_attribute("id")
                        fig.screenshot(os.path.join(shots, f"{fid}-390-{theme}.png"))
        finally:
            d.quit()
    nlinks = sum(len(v) for v in links.values())
    for e in errors:
        print("browser:", e, file=sys.stderr)
    print(f"browser: {len(pages)} pages x {len(WIDTHS)} widths x {len(THEMES)} themes, "
          f"{nlinks} links, in {time.time() - start:.0f}s; screenshots in {shots}")
    if errors:
        sys.exit(f"browser: {len(errors)} failures")


if __name__ == "__main__":
    main(sys.argv[1:])
