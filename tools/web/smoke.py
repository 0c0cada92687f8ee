#!/usr/bin/python3
"""Smoke test of the web edition in a real browser (headless Chromium over the DevTools protocol).

Run through tools/web/smoke.sh, which builds dist/web first when it is missing. Serves dist/web
on 127.0.0.1 with Python's http.server, opens it in headless Chromium (WebGL by SwiftShader) and
checks, as a new user would see it:

  1. the page loads without console errors or exceptions, and the map is drawn (the app logs
     "first map drawn … ms" once; the time is printed);
  2. the canvas shows the province: prefecture fills and the sea's blue in the map's area, not
     the blank page;
  3. a frame time at province view (pointer moves; `?timing` lines from the app);
  4. Copy link copies the page's address with the view, and that link reopens the same map;
  5. presentation mode (F11) puts the page in full screen;
  6. files dropped on the page (a GBK table of county figures, a CSV of points with a Chinese
     file name) become a thematic map and a layer;
  7. a link with a view (index.html#gd-atlas:v1;…), loaded afresh, opens that view: the region
     it selects is named in the tab title, the map is at its zoom;
  8. a changed link in the same tab (only the fragment changes: no reload) opens its view, here a
     census theme drawn in the theme's colours;
  9. a click on the map selects the region under the pointer (the tab title names it);
 10. an exported PNG is downloaded (the export dialog driven by clicks) and is a PNG of the size
     asked for.

Widgets are found at their places in a 1280×800 page (constants below): a canvas has no DOM
for them, and eframe's web runner builds no accessibility tree. A moved button fails the check
that uses it, with a screenshot saying where it went.
Screenshots go to the folder given by --shots (default /tmp/gd-atlas-web-shots). Needs Debian's
chromium, python3-websocket and python3-pil. Exit status 0 when every check passed.
"""

import argparse
import base64
import io
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

import websocket  # Debian: python3-websocket
from PIL import Image  # Debian: python3-pil

WIDTH, HEIGHT = 1280, 800


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


class Cdp:
    """A minimal DevTools-protocol client: calls wait for their answer; events are kept."""

    def __init__(self, ws_url):
        self.ws = websocket.create_connection(ws_url, timeout=120)
        self.next_id = 0
        self.events = []

    def call(self, method, **params):
        self.next_id += 1
        call_id = self.next_id
        self.ws.send(json.dumps({"id": call_id, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == call_id:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get("result", {})
            if "method" in msg:
                self.events.append(msg)

    def pump(self, seconds):
        """Collects events for `seconds`."""
        end = time.time() + seconds
        while time.time() < end:
            self.ws.settimeout(max(0.05, end - time.time()))
            try:
                msg = json.loads(self.ws.recv())
            except websocket.WebSocketTimeoutException:
                break
            if "method" in msg:
                self.events.append(msg)
        self.ws.settimeout(120)

    def wait_console(self, needle, timeout):
        """Waits for a console line containing `needle`; returns it (or None on timeout)."""
        end = time.time() + timeout
        while time.time() < end:
            for line in self.console_lines():
                if needle in line:
                    return line
            self.pump(0.25)
        return None

    def console_lines(self):
        lines = []
        for e in self.events:
            if e["method"] == "Runtime.consoleAPICalled":
                args = e["params"].get("args", [])
                lines.append(" ".join(str(a.get("value", a.get("description", ""))) for a in args))
        return lines

    def errors(self):
        """Console errors, uncaught exceptions and browser log errors seen so far."""
        out = []
        for e in self.events:
            p = e["params"]
            if e["method"] == "Runtime.exceptionThrown":
                out.append("exception: " + p["exceptionDetails"].get("exception", {}).get("description", p["exceptionDetails"].get("text", "")))
            elif e["method"] == "Runtime.consoleAPICalled" and p.get("type") == "error":
                out.append("console.error: " + " ".join(str(a.get("value", a.get("description", ""))) for a in p.get("args", [])))
            elif e["method"] == "Log.entryAdded" and p["entry"].get("level") == "error":
                out.append(f"log: {p['entry'].get('text')} ({p['entry'].get('url', '')})")
        return out

    def title(self):
        return self.call("Runtime.evaluate", expression="document.title", returnByValue=True)["result"]["value"]

    def screenshot(self, path):
        data = base64.b64decode(self.call("Page.captureScreenshot", format="png")["data"])
        with open(path, "wb") as f:
            f.write(data)
        return Image.open(io.BytesIO(data)).convert("RGB")

    def click(self, x, y):
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left" if kind != "mouseMoved" else "none", clickCount=1 if kind != "mouseMoved" else 0)
            self.pump(0.05)

    def key(self, key, code, vk, text=None):
        for kind in ("keyDown", "keyUp"):
            params = dict(type=kind, key=key, code=code, windowsVirtualKeyCode=vk)
            if text and kind == "keyDown":
                params["text"] = text
            self.call("Input.dispatchKeyEvent", **params)
            self.pump(0.05)

    def navigate(self, url):
        self.events.clear()
        self.call("Page.navigate", url=url)


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, ok, what):
        print(("PASS " if ok else "FAIL ") + what, flush=True)
        if ok:
            self.passed += 1
        else:
            self.failed += 1
        return ok


def colour_share(img, box, predicate):
    """The share of pixels in `box` (x0, y0, x1, y1) for which `predicate(r, g, b)` holds
    (every 4th pixel each way)."""
    x0, y0, x1, y1 = box
    px = img.load()
    hits = total = 0
    for y in range(y0, y1, 4):
        for x in range(x0, x1, 4):
            total += 1
            if predicate(*px[x, y]):
                hits += 1
    return hits / max(total, 1)


def distinct_colours(img, box):
    x0, y0, x1, y1 = box
    px = img.load()
    return {px[x, y] for y in range(y0, y1, 4) for x in range(x0, x1, 4)}


def changed_share(a, b, box):
    x0, y0, x1, y1 = box
    pa, pb = a.load(), b.load()
    diff = total = 0
    for y in range(y0, y1, 4):
        for x in range(x0, x1, 4):
            total += 1
            if sum(abs(p - q) for p, q in zip(pa[x, y], pb[x, y])) > 30:
                diff += 1
    return diff / max(total, 1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dist", default="dist/web")
    ap.add_argument("--shots", default="/tmp/gd-atlas-web-shots")
    ap.add_argument("--chromium", default=shutil.which("chromium") or "chromium")
    args = ap.parse_args()
    os.makedirs(args.shots, exist_ok=True)
    checks = Checks()

    http_port, cdp_port = free_port(), free_port()
    server = subprocess.Popen([sys.executable, "-m", "http.server", str(http_port), "--bind", "127.0.0.1", "--directory", args.dist],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    profile = tempfile.mkdtemp(prefix="gd-atlas-chromium-")
    downloads = tempfile.mkdtemp(prefix="gd-atlas-downloads-")
    browser = subprocess.Popen([
        args.chromium, "--headless=new", "--no-sandbox", "--no-first-run", "--no-default-browser-check",
        f"--remote-debugging-port={cdp_port}", "--remote-allow-origins=*", f"--user-data-dir={profile}",
        f"--window-size={WIDTH},{HEIGHT}", "--use-angle=swiftshader", "--enable-unsafe-swiftshader",
        "--ignore-gpu-blocklist", "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
        "about:blank"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{http_port}/index.html"
        cdp, browser_cdp = connect(cdp_port)
        cdp.call("Runtime.enable")
        cdp.call("Log.enable")
        cdp.call("Page.enable")
        cdp.call("Emulation.setDeviceMetricsOverride", width=WIDTH, height=HEIGHT, deviceScaleFactor=1, mobile=False)
        browser_cdp.call("Browser.setDownloadBehavior", behavior="allow", downloadPath=downloads, eventsEnabled=True)

        # 1. Loads, draws, no errors.
        cdp.navigate(base + "?timing")
        line = cdp.wait_console("first map drawn", 90)
        loaded = next((l for l in cdp.console_lines() if "atlas loaded" in l), "")
        checks.check(line is not None, f"the map is drawn after load: {line}; {loaded}")
        cdp.pump(2.0)
        province = cdp.screenshot(os.path.join(args.shots, "province.png"))
        errors = cdp.errors()
        checks.check(not errors, "no console errors or exceptions" + ("" if not errors else ": " + " | ".join(errors[:5])))

        # 2. The province in the canvas: in the map's area (between the side panels, below the
        # top bar) the prefecture cities' pastel fills and the sea's blue, not the page's blank
        # background; and many colours (labels, borders, markers).
        blank = colour_share(province, MAP_BOX, lambda r, g, b: (r, g, b) == (0xf4, 0xf3, 0xee) or (r, g, b) == (0, 0, 0))
        colours = len(distinct_colours(province, MAP_BOX))
        checks.check(blank < 0.05 and colours > 200, f"the canvas shows a map ({colours} colours, {blank:.0%} blank page)")
        fills = colour_share(province, PROVINCE_BOX, is_prefecture_fill)
        sea = colour_share(province, MAP_BOX, is_sea)
        checks.check(fills > 0.3 and sea > 0.05, f"the province is drawn: prefecture fills cover {fills:.0%} of its box, sea {sea:.0%} of the map")

        # 7. Frame time at province view: the pointer moves over the map; the app prints the
        # mean of 30 frames (`?timing`).
        # The first report holds the start's frames (scene built, fonts uploaded); the second,
        # 30 frames of pointer moves over a drawn map, is the steady state quoted.
        for k in range(100):
            cdp.call("Input.dispatchMouseEvent", type="mouseMoved", x=450 + (k % 40) * 10, y=300 + (k % 7) * 20)
            cdp.pump(0.03)
        cdp.pump(1.0)
        reports = [line for line in cdp.console_lines() if "frames: whole frame mean" in line]
        checks.check(len(reports) >= 2, f"frame time at province view (steady, 30 frames of pointer moves): {reports[-1] if reports else None}")

        # 8. Copy link (Saved views) copies the page's address with the view; opened in a new
        # load it shows the same map.
        browser_cdp.call("Browser.grantPermissions", permissions=["clipboardReadWrite", "clipboardSanitizedWrite"], origin=f"http://127.0.0.1:{http_port}")
        cdp.click(*COPY_LINK_BUTTON)
        cdp.pump(1.0)
        copied = cdp.call("Runtime.evaluate", expression="navigator.clipboard.readText()", awaitPromise=True, returnByValue=True)["result"].get("value", "")
        is_link = copied.startswith(base) and "#gd-atlas:v1;" in copied
        checks.check(is_link, f"Copy link copies the page's address with the view: {copied[:110]}…")
        if is_link:
            cdp.navigate("about:blank")
            cdp.pump(0.5)
            cdp.navigate(copied)
            cdp.wait_console("first map drawn", 90)
            cdp.pump(2.0)
            reopened = cdp.screenshot(os.path.join(args.shots, "copied-link-reopened.png"))
            moved = changed_share(province, reopened, PROVINCE_BOX)
            checks.check(moved < 0.05, f"the copied link reopens the same map ({moved:.1%} of the province's pixels differ)")

        # 9. Presentation mode (F11) asks the browser for full screen; Esc leaves it.
        cdp.key("F11", "F11", 122)
        cdp.pump(1.5)
        full = cdp.call("Runtime.evaluate", expression="document.fullscreenElement !== null", returnByValue=True)["result"]["value"]
        cdp.screenshot(os.path.join(args.shots, "presentation.png"))
        checks.check(full, "presentation mode puts the page in full screen")
        cdp.key("Escape", "Escape", 27)
        cdp.pump(1.0)

        # 10. Files dropped on the page: a GBK table of county figures becomes a thematic map, a
        # CSV of points with a Chinese name a layer (read through the browser, no paths).
        before_drop = cdp.screenshot(os.path.join(args.shots, "before-drop.png"))
        points = os.path.join(downloads, "企业点位.csv")
        with open(points, "w", encoding="utf-8") as f:
            f.write("名称,经度,纬度\n广州塔,113.3245,23.1064\n肇庆站,112.4650,23.0510\n汕头站,116.6820,23.3540\n")
        drop_files = [os.path.abspath(DROPPED_TABLE), points]
        for kind in ("dragEnter", "dragOver", "drop"):
            cdp.call("Input.dispatchDragEvent", type=kind, x=MAP_CENTRE[0], y=MAP_CENTRE[1],
                     data={"items": [], "files": drop_files, "dragOperationsMask": 1})
            cdp.pump(0.2)
        cdp.pump(3.0)
        dropped = cdp.screenshot(os.path.join(args.shots, "dropped-table-and-layer.png"))
        strong = colour_share(dropped, PROVINCE_BOX, lambda r, g, b: max(r, g, b) - min(r, g, b) > 80)
        panel = changed_share(before_drop, dropped, LAYERS_PANEL_BOX)
        checks.check(strong > 0.1 and panel > 0.05, f"dropped files: the table's theme colours the map ({strong:.0%} strong colours), the panel lists them ({panel:.0%} of it changed)")
        checks.check(not cdp.errors(), "no errors reading dropped files" + ("" if not cdp.errors() else ": " + " | ".join(cdp.errors()[:3])))

        # 3. A view from a link, opened in a new page load: Gaoyao District selected at zoom 10.
        view = "gd-atlas:v1;n=Gaoyao;c=112.46000,23.05000;z=10.00;l=cities,counties,towns,labels;s=region:441204"
        cdp.navigate("about:blank")
        cdp.pump(0.5)
        cdp.navigate(base + "#" + view)
        cdp.wait_console("first map drawn", 90)
        cdp.pump(2.0)
        linked = cdp.screenshot(os.path.join(args.shots, "view-from-link.png"))
        title = cdp.title()
        checks.check("Gaoyao" in title or "高要" in title, f"the link's view selects its region (title {title!r})")
        # At zoom 10 the map is mostly Zhaoqing's counties and towns: far fewer sea pixels than
        # the province view, and a different picture.
        checks.check(changed_share(province, linked, MAP_BOX) > 0.3 and colour_share(linked, LINKED_MAP_BOX, is_sea) < 0.02,
                     "the link's view is drawn at its centre and zoom (no sea in the map, unlike the province view)")
        checks.check(not cdp.errors(), "no errors opening the link")

        # 4. A themed map from a link pasted into the same tab (only the fragment changes: no
        # reload): county population density, a census theme, over the province.
        theme = b64url(json.dumps({"source": {"from": "builtin", "level": "county", "builtin": {"kind": "census", "id": "density"}}}, separators=(",", ":")).encode())
        themed_view = f"gd-atlas:v1;n=Density;c=113.40000,23.30000;z=7.00;l=cities,counties,labels;t={theme}"
        cdp.call("Page.navigate", url=base + "#" + themed_view)
        cdp.pump(3.0)
        themed = cdp.screenshot(os.path.join(args.shots, "themed-density.png"))
        strong = colour_share(themed, PROVINCE_BOX, lambda r, g, b: max(r, g, b) - min(r, g, b) > 80)
        checks.check(strong > 0.1 and changed_share(province, themed, PROVINCE_BOX) > 0.15, f"the themed map from a changed link is drawn in the theme's colours ({strong:.0%} strong colours)")
        checks.check(cdp.title().startswith("Guangdong Atlas"), f"the changed link's view has no selection (title {cdp.title()!r})")

        # 5. A click selects the region under the pointer: a view with no selection at zoom 10 on
        # Zhaoqing, then a click at the map's centre.
        plain = "gd-atlas:v1;n=Zhaoqing;c=112.46000,23.05000;z=10.00;l=cities,counties,towns,labels"
        cdp.call("Page.navigate", url=base + "#" + plain)
        cdp.pump(2.0)
        before = cdp.title()
        cx, cy = MAP_CENTRE
        cdp.click(cx, cy)
        cdp.pump(2.0)
        after = cdp.title()
        cdp.screenshot(os.path.join(args.shots, "click-selects.png"))
        checks.check(before.startswith("Guangdong Atlas") and " — Guangdong Atlas" in after, f"a click on the map selects a region (title {before!r} → {after!r})")

        # 6. Export a PNG: the export dialog opens from the top bar's Export button; Enter in
        # its path field... is not needed: its Export button is clicked.
        ok = export_png(cdp, args.shots, downloads)
        checks.check(ok[0], ok[1])
        checks.check(not cdp.errors(), "no errors while clicking and exporting" + ("" if not cdp.errors() else ": " + " | ".join(cdp.errors()[:5])))
    finally:
        browser.terminate()
        server.terminate()
        browser.wait(10)
        server.wait(10)
        shutil.rmtree(profile, ignore_errors=True)
    print(f"{checks.passed} passed, {checks.failed} failed")
    return 0 if checks.failed == 0 else 1


# The layout at 1280×800 CSS pixels: the layers panel ends at x = 344, the details panel (shown
# even with nothing selected: "Click the map") starts at x = 880, the top bar ends at y = 24.
MAP_BOX = (350, 30, 875, 795)
MAP_CENTRE = ((344 + 880) // 2, (24 + 800) // 2)
# Where the province lies in the start view (its framing keeps it clear of the furniture).
PROVINCE_BOX = (360, 220, 860, 540)
# The map's area when a selection's details panel is open (it is wider).
LINKED_MAP_BOX = (350, 30, 690, 720)
# The left panel (layers, saved views, my layers, thematic map).
LAYERS_PANEL_BOX = (0, 30, 340, 795)
# Dropped on the page by the drop test with a points CSV it writes: the 2020 census population
# of every county in China, GBK-encoded as Excel on a Chinese Windows saves it.
DROPPED_TABLE = "tests/fixtures/theme/national_counties_gbk.csv"
# Copy link in the Saved views section, at the start view (nothing selected).
COPY_LINK_BUTTON = (300, 336)
# The export dialog's Export button at 1280×800 (the dialog opens at the map's top left; with a
# town selected it lists the extent choices, sizes, title, what to show, format and the
# download's name, then Export).
EXPORT_BUTTON_TOP_BAR = (571, 12)
EXPORT_BUTTON_DIALOG = (408, 606)


def is_sea(r, g, b):
    """The sea's light blue."""
    return b > g > r and b - r > 20


def is_prefecture_fill(r, g, b):
    """A prefecture city's pastel fill: light, tinted, not the sea or the grey neighbours."""
    return min(r, g, b) > 150 and max(r, g, b) - min(r, g, b) >= 12 and not is_sea(r, g, b)


def connect(port):
    """The page's and the browser's DevTools connections, once Chromium answers."""
    end = time.time() + 30
    while True:
        try:
            version = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/version", timeout=2))
            pages = [t for t in json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=2)) if t["type"] == "page"]
            if pages:
                return Cdp(pages[0]["webSocketDebuggerUrl"]), Cdp(version["webSocketDebuggerUrl"])
        except OSError:
            pass
        if time.time() > end:
            raise RuntimeError("Chromium's DevTools endpoint did not answer")
        time.sleep(0.3)


def export_png(cdp, shots, downloads):
    """Opens the export dialog from the top bar, presses its Export (a 1920×1080 PNG by
    default) and waits for the download. Returns (ok, words)."""
    cdp.click(*EXPORT_BUTTON_TOP_BAR)
    cdp.pump(1.5)
    cdp.screenshot(os.path.join(shots, "export-dialog.png"))
    started = time.time()
    cdp.click(*EXPORT_BUTTON_DIALOG)
    path = os.path.join(downloads, "guangdong-atlas-map.png")
    end = time.time() + 120
    while time.time() < end and not os.path.exists(path):
        cdp.pump(0.5)
    seconds = time.time() - started
    cdp.pump(1.0)
    cdp.screenshot(os.path.join(shots, "export-done.png"))
    if not os.path.exists(path):
        return False, f"no PNG downloaded (the dialog's Export button is expected at {EXPORT_BUTTON_DIALOG}: see export-dialog.png)"
    with Image.open(path) as png:
        size, fmt = png.size, png.format
    shutil.copy(path, os.path.join(shots, "exported.png"))
    return fmt == "PNG" and size == (1920, 1080), f"an exported PNG is downloaded: {fmt} {size[0]}×{size[1]}, {os.path.getsize(path)} bytes, {seconds:.1f} s after the click"


if __name__ == "__main__":
    sys.exit(main())
