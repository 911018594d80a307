"""`serve`: serve site/ on 127.0.0.1 and rebuild it when content/, templates/ or static/
change. Only site/ is served; a failed rebuild keeps the last good site and says why.
"""

from __future__ import annotations

import functools
import gc
import sys
import threading
import time
import urllib.parse
from collections.abc import Callable
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from archive.build.pipeline import BuildReport, Project, build
from archive.build.resident import ResidentSite
from archive.errors import ArchiveError, ConfigError
from archive.link import Archive


class SiteRequestHandler(SimpleHTTPRequestHandler):
    """Serves files from site/ only (SimpleHTTPRequestHandler already refuses ".." in paths;
    send_head refuses symlinks out of it), quietly, with the site's own 404 page."""

    #: What a request line that cannot be parsed is answered as: HTTP/0.9, the stdlib's
    #: default, has no status line, so such an answer reads as a dropped connection.
    default_request_version = "HTTP/1.0"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        pass

    def send_head(self):  # noqa: ANN201 - the stdlib's untyped signature
        # A path no file can have (a NUL byte, a control character, bytes that are not UTF-8)
        # is refused here: the file system calls below would raise, and the stdlib then drops
        # the connection without an answer.
        if not _plausible(self.path):
            self.send_error(400, "Bad request")
            return None
        # The stdlib refuses ".." but follows symlinks: serve nothing whose real path is not
        # inside site/, so a link in site/ cannot expose the rest of the disk.
        root = Path(self.directory).resolve()
        try:
            real = Path(self.translate_path(self.path)).resolve()
        except (OSError, RuntimeError, ValueError):
            real = None
        if real is None or not real.is_relative_to(root):
            self.send_error(404, "Not found")
            return None
        try:
            return super().send_head()
        except ValueError:  # what the check above missed, still a request's fault
            self.send_error(400, "Bad request")
            return None

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code == 404 and page.is_file():
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        if code == 501:  # a method the server does not know: the request's fault, so 4xx
            self.send_response(405, "Method not allowed")
            self.send_header("Allow", "GET, HEAD")
            self.send_header("Content-Length", "0")
            self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True
            return
        super().send_error(code, message, explain)


#: The longest path served: no page of the site comes near it, and the file system refuses
#: names longer than 255 bytes anyway.
MAX_PATH = 2048


def _plausible(target: str) -> bool:
    """Whether a request's path could name a file of the site: UTF-8 after percent-decoding,
    no control character, not over-long."""
    path = target.split("?", 1)[0].split("#", 1)[0]
    if len(path) > MAX_PATH:
        return False
    try:
        decoded = urllib.parse.unquote(path, errors="strict")
    except UnicodeDecodeError:
        return False
    return not any(ord(character) < 32 or ord(character) == 127 for character in decoded)


def make_server(output: Path, host: str = "127.0.0.1", port: int = 8000) -> ThreadingHTTPServer:
    handler = functools.partial(SiteRequestHandler, directory=str(output))
    try:
        return ThreadingHTTPServer((host, port), handler)
    except OSError as error:
        raise ConfigError(
            f"cannot listen on {host}:{port}: {error.strerror or error}; stop the program "
            "using that port, or choose another with --port N"
        ) from None


def watch_and_rebuild(
    project: Project,
    output: Path,
    on_rebuild: Callable[[BuildReport], None],
    stop: threading.Event,
    first_build: BuildReport | None = None,
    on_ready: Callable[[float], None] = lambda seconds: None,
) -> None:
    """Rebuild after each batch of changes; a failed rebuild prints the error and goes on.

    From `first_build` (the build serve started with) and from each good build after it, a
    ResidentSite is made in the background (`on_ready` is told when), which takes the
    report's archive. It brings in edits of statement files, and a statement added after
    the others, in a fraction of a second; anything else is built whole.
    """
    from watchfiles import watch

    watched = [p for p in (project.content_dir, project.templates_dir, project.static_dir)]
    resident = _Resident(project, output, first_build, on_ready) if first_build else None
    for changes in watch(*[str(p) for p in watched if p.exists()], stop_event=stop):
        paths = {Path(p) for _, p in changes}
        site = resident.site() if resident else None
        report = None
        if site is not None:
            try:
                report = site.rebuild(paths)
            except Exception as error:  # noqa: BLE001 - a fault in the quick path: build whole
                message = f"the quick rebuild failed ({error!r}); building the whole site"
                print(message, file=sys.stderr)
        if report is not None:
            on_rebuild(report)
            continue
        # The whole build links a new archive: holding the resident one meanwhile would
        # double serve's memory.
        resident = site = None
        try:
            report = build(project, output)
        except ArchiveError as error:
            print(str(error), file=sys.stderr)
            print("rebuild failed; still serving the last good site", file=sys.stderr)
            continue
        on_rebuild(report)
        resident = _Resident(project, output, report, on_ready)


class _Resident:
    """A ResidentSite made from a build's report in a thread, so that watching starts at once;
    `site()` waits for it (an edit saved meanwhile is brought in as soon as it is made). The
    report's archive is taken out of it, so that only the ResidentSite keeps it alive."""

    def __init__(
        self,
        project: Project,
        output: Path,
        report: BuildReport,
        on_ready: Callable[[float], None],
    ) -> None:
        archive, report.archive = report.archive, None
        self._site: ResidentSite | None = None
        self._thread = threading.Thread(
            target=self._make, args=(project, output, archive, report.files, on_ready), daemon=True
        )
        self._thread.start()

    def _make(
        self,
        project: Project,
        output: Path,
        archive: Archive | None,
        files: int,
        on_ready: Callable[[float], None],
    ) -> None:
        if archive is None:
            return
        started = time.perf_counter()
        try:
            self._site = ResidentSite(project, output, archive, files)
        except Exception as error:  # noqa: BLE001 - serve goes on, with whole builds only
            message = f"quick rebuilds are off ({error!r}): every change builds the whole site"
            print(message, file=sys.stderr)
            return
        _settled()
        on_ready(time.perf_counter() - started)

    def site(self) -> ResidentSite | None:
        self._thread.join()
        return self._site


def _settled() -> None:
    """What the last build left (its archive above all) is kept out of the cyclic garbage
    collector's passes until the next build, which unfreezes it: a pass over a
    100,000-statement archive took two seconds in the middle of an edit's quick rebuild.
    Objects are still freed when nothing refers to them."""
    gc.freeze()


def serve(
    project: Project,
    output: Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    watch: bool = True,
    on_rebuild: Callable[[BuildReport], None] = lambda report: None,
    first_build: BuildReport | None = None,
    on_ready: Callable[[float], None] = lambda seconds: None,
) -> None:
    """Serve until interrupted."""
    server = make_server(output, host, port)
    stop = threading.Event()
    if watch:
        watcher = threading.Thread(
            target=watch_and_rebuild,
            args=(project, output, on_rebuild, stop, first_build, on_ready),
            daemon=True,
        )
        watcher.start()
    bound_host, bound_port = server.server_address[:2]
    print(f"serving {output} at http://{bound_host}:{bound_port}/ (Ctrl+C to stop)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("stopped")
    finally:
        stop.set()
        server.server_close()
