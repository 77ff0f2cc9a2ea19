"""Screenshots of the reader site for a reviewer: `make screenshots` (which starts the development
server on the demo database with `--serve`), or `python -m cms.screenshots --base-url
http://127.0.0.1:8000` against any running server.

Home, a guide chapter, a practice sheet, a testimony and a search with results, each at 390 px
(a phone) and 1280 px (a laptop), as full-page PNGs; plus the practice sheet printed to A4 (PDF),
to check the print stylesheet. The pages are found through the public API, so the script needs
nothing but the server's address. Debian's Chromium through Playwright; nothing is committed
(var/ is ignored by git).
"""

import argparse
import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM = "/usr/bin/chromium"
WIDTHS = (390, 1280)
SEARCH = "/recherche/?q=participation+des+habitants"
# (file name, page type in the API) of the pages found through /api/v2/pages/.
PAGE_TYPES = [
    ("chapitre", "knowledge.GuideChapterPage"),
    ("fiche", "knowledge.PracticeSheetPage"),
    ("remontee", "knowledge.TestimonyPage"),
]


def wait_for(base_url, server=None, seconds=60):
    """Wait until the server answers /health/ (it may still be starting); a server this script
    started must still be running, or another one answered on its port."""
    deadline = time.monotonic() + seconds
    while True:
        if server is not None and server.poll() is not None:
            raise SystemExit(f"Le serveur n'a pas démarré sur {base_url} (port déjà pris ?).")
        try:
            with urllib.request.urlopen(f"{base_url}/health/", timeout=5):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            if time.monotonic() > deadline:
                raise SystemExit(f"Le serveur {base_url} ne répond pas.") from None
            time.sleep(0.5)


def start_server(address, log_path):
    """`manage.py runserver` on ``address`` (host:port), its output in ``log_path``. A port
    already taken is an error: the pictures would show another server's site."""
    host, _sep, port = address.rpartition(":")
    with socket.socket() as probe:
        try:
            probe.bind((host, int(port)))
        except OSError:
            raise SystemExit(f"Le port {address} est déjà pris : SCREENSHOTS_PORT=…") from None
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("wb") as log:
        return subprocess.Popen(
            [sys.executable, "manage.py", "runserver", address, "--noreload"],
            stdout=log,
            stderr=subprocess.STDOUT,
        )


def first_page_path(base_url, page_type):
    """Path of the first published page of a type, from the API's html_url."""
    url = f"{base_url}/api/v2/pages/?type={page_type}&limit=1"
    with urllib.request.urlopen(url, timeout=10) as response:
        items = json.load(response)["items"]
    if not items:
        raise SystemExit(f"Aucune page publiée de type {page_type} : chargez la démo (make setup).")
    return urlsplit(items[0]["meta"]["html_url"]).path


def pages(base_url):
    found = [("accueil", "/")]
    found += [(name, first_page_path(base_url, page_type)) for name, page_type in PAGE_TYPES]
    found.append(("recherche", SEARCH))
    return found


def capture(base_url, output):
    from playwright.sync_api import sync_playwright  # a dev dependency, only for this tool

    output.mkdir(parents=True, exist_ok=True)
    targets = pages(base_url)
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        context = browser.new_context(locale="fr-FR")
        page = context.new_page()
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 844 if width < 1000 else 900})
            for name, path in targets:
                page.goto(base_url + path)
                target = output / f"{name}-{width}.png"
                page.screenshot(path=target, full_page=True)
                written.append(target)
        sheet = dict(targets)["fiche"]
        page.goto(base_url + sheet)
        target = output / "fiche-impression.pdf"
        page.pdf(path=target, format="A4")
        written.append(target)
        browser.close()
    return written


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000", help="adresse du serveur")
    parser.add_argument(
        "--serve", metavar="HOTE:PORT", help="démarre le serveur de développement à cette adresse"
    )
    parser.add_argument("--output", default="var/screenshots", help="dossier des captures")
    args = parser.parse_args(argv)
    output = Path(args.output)
    server = None
    if args.serve:
        base_url = f"http://{args.serve}"
        server = start_server(args.serve, output / "serveur.log")
    else:
        base_url = args.base_url.rstrip("/")
    try:
        wait_for(base_url, server)
        for path in capture(base_url, output):
            sys.stdout.write(f"  {path}\n")
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
