#!/usr/bin/env python3
"""The browser test of report.html: headless Chromium (Debian's `chromium`, run as root with
--no-sandbox) driven over its DevTools protocol with `websocket-client`.

For every folder given, it opens FOLDER/report.html and checks that
- the page loads with no console error, no uncaught exception and no error log entry;
- it makes no network request (the file itself aside: everything is inline);
- every chart (figure.chart) has its SVG with at least one path whose `d` is not empty;
- a full-page screenshot is not blank (many colours, not all one colour).

Usage: python3 scripts/test-browser.py [--screenshot FILE] FOLDER...
(--screenshot saves the first folder's screenshot, e.g. the README's picture). Exit 0 when every
page passes, 1 otherwise. scripts/test-browser.sh installs what it needs and runs it on the
bundled scenarios and sweeps.
"""
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

import websocket  # websocket-client
from PIL import Image


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Browser:
    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="dtao-chromium-")
        self.port = free_port()
        self.process = subprocess.Popen(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={self.profile}", f"--remote-debugging-port={self.port}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.socket = None
        try:
            deadline = time.time() + 30
            while True:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/json/list", timeout=2) as response:
                        pages = [t for t in json.load(response) if t.get("type") == "page"]
                    if pages:
                        break
                except OSError:
                    pass
                if time.time() > deadline:
                    raise RuntimeError("chromium did not open its DevTools port")
                time.sleep(0.2)
            self.socket = websocket.create_connection(pages[0]["webSocketDebuggerUrl"], timeout=30, suppress_origin=True)
        except BaseException:
            self.close()  # stop the browser this started, even when starting it failed
            raise
        self.next_id = 0
        self.events = []

    def call(self, method, **params):
        self.next_id += 1
        ident = self.next_id
        self.socket.send(json.dumps({"id": ident, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == ident:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def wait_for(self, method, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            for index, event in enumerate(self.events):
                if event.get("method") == method:
                    return self.events.pop(index)
            self.socket.settimeout(max(0.1, deadline - time.time()))
            try:
                self.events.append(json.loads(self.socket.recv()))
            except websocket.WebSocketTimeoutException:
                break
        raise RuntimeError(f"no {method} within {timeout} s")

    def close(self):
        try:
            if self.socket is not None:
                self.socket.close()
        finally:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
            shutil.rmtree(self.profile, ignore_errors=True)


CHART_CHECK = """
(() => {
  const figures = [...document.querySelectorAll('figure.chart')];
  const bad = figures.filter(f => {
    const svg = f.querySelector('svg');
    return !svg || ![...svg.querySelectorAll('path')].some(p => (p.getAttribute('d') || '').trim().length > 0);
  }).map(f => (f.querySelector('h3') || {}).textContent || '(untitled)');
  return JSON.stringify({charts: figures.length, bad: bad, tables: document.querySelectorAll('table').length,
                         scripts: document.querySelectorAll('script').length});
})()
"""


def check(browser, folder, screenshot_to=None):
    path = os.path.abspath(os.path.join(folder, "report.html"))
    problems = []
    if not os.path.isfile(path):
        return [f"{path} does not exist"], None
    url = "file://" + path
    browser.events.clear()
    browser.call("Page.navigate", url=url)
    browser.wait_for("Page.loadEventFired")
    time.sleep(0.3)  # let late console messages arrive
    browser.socket.settimeout(0.2)
    try:
        while True:
            browser.events.append(json.loads(browser.socket.recv()))
    except websocket.WebSocketTimeoutException:
        pass
    browser.socket.settimeout(30)
    for event in browser.events:
        method, params = event.get("method"), event.get("params", {})
        if method == "Network.requestWillBeSent" and params.get("request", {}).get("url") != url:
            problems.append(f"network request: {params['request']['url']}")
        if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            problems.append(f"console {params['type']}: {params.get('args')}")
        if method == "Runtime.exceptionThrown":
            problems.append(f"exception: {params.get('exceptionDetails', {}).get('text')}")
        if method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            problems.append(f"log error: {params['entry'].get('text')} {params['entry'].get('url', '')}")
    result = json.loads(browser.call("Runtime.evaluate", expression=CHART_CHECK, returnByValue=True)["result"]["value"])
    if result["charts"] == 0:
        problems.append("no chart on the page")
    for title in result["bad"]:
        problems.append(f"chart without a drawn path: {title}")
    if result["scripts"]:
        problems.append(f"{result['scripts']} script element(s): the report must need none")
    metrics = browser.call("Page.getLayoutMetrics")
    size = metrics.get("cssContentSize") or metrics["contentSize"]
    width, height = 1000, min(int(size["height"]) + 1, 12000)
    browser.call("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=False)
    shot = base64.b64decode(browser.call("Page.captureScreenshot", format="png", captureBeyondViewport=True)["data"])
    image = Image.open(io.BytesIO(shot)).convert("RGB")
    colours = image.getcolors(maxcolors=1 << 20)
    if colours is None or len(colours) < 8:
        problems.append(f"the screenshot is blank ({0 if colours is None else len(colours)} colours)")
    if screenshot_to:
        top = image.crop((0, 0, width, min(image.height, 1500)))
        top.save(screenshot_to, optimize=True)
    browser.call("Emulation.clearDeviceMetricsOverride")
    return problems, result


def main(argv):
    screenshot = None
    if len(argv) >= 2 and argv[0] == "--screenshot":
        screenshot, argv = argv[1], argv[2:]
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    browser = Browser()
    failed = 0
    try:
        for method in ("Page.enable", "Network.enable", "Runtime.enable", "Log.enable"):
            browser.call(method)
        for index, folder in enumerate(argv):
            problems, result = check(browser, folder, screenshot if index == 0 else None)
            if problems:
                failed += 1
                print(f"FAIL {folder}: " + "; ".join(problems))
            else:
                print(f"ok   {folder}: {result['charts']} charts, {result['tables']} tables, no errors, no network requests")
    finally:
        browser.close()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
