"""`serve`: serve site/ on 127.0.0.1 and rebuild it when content/, templates/ or static/
change. Only site/ is served; a failed rebuild keeps the last good site and says why.
"""

from __future__ import annotations

import functools
import gc
import sys
import threading
import time
from collections.abc import Callable
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from archive.edit_preview import edited_pages, write_pages
from archive.errors import ArchiveError, ConfigError
from archive.link import Archive
from archive.model import SiteFile
from archive.pipeline import BuildReport, Project, build
from archive.render import page_renderer


class SiteRequestHandler(SimpleHTTPRequestHandler):
    """Serves files from site/ only (SimpleHTTPRequestHandler already refuses ".." in paths;
    send_head refuses symlinks out of it), quietly, with the site's own 404 page."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        pass

    def send_head(self):  # noqa: ANN201 - the stdlib's untyped signature
        # The stdlib refuses ".." but follows symlinks: serve nothing whose real path is not
        # inside site/, so a link in site/ cannot expose the rest of the disk.
        root = Path(self.directory).resolve()
        try:
            real = Path(self.translate_path(self.path)).resolve()
        except (OSError, RuntimeError):
            real = None
        if real is None or not real.is_relative_to(root):
            self.send_error(404, "Not found")
            return None
        return super().send_head()

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
        super().send_error(code, message, explain)


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
    last_build: list[BuildReport] | None = None,
    on_edited: Callable[[list[SiteFile], float], None] = lambda pages, seconds: None,
) -> None:
    """Rebuild after each batch of changes; a failed rebuild prints the error and goes on.

    `last_build` holds the report of the build serve started with; this function takes its
    archive out (so that nothing else keeps it alive). While the last build's archive is
    known, an edit of a statement's text alone puts that statement's new page into site/
    first (see archive.edit_preview), then the rebuild brings the rest of the site up to date.
    """
    from watchfiles import watch

    watched = [p for p in (project.content_dir, project.templates_dir, project.static_dir)]
    archive = _taken(last_build.pop()) if last_build else None
    _settled()
    render = None
    for changes in watch(*[str(p) for p in watched if p.exists()], stop_event=stop):
        if archive is not None:
            started = time.perf_counter()
            render = render or page_renderer(project.templates_dir)
            pages = edited_pages(archive, project.root, {Path(p) for _, p in changes}, render)
            if pages:
                write_pages(output, pages)
                on_edited(pages, time.perf_counter() - started)
        # The rebuild links a new archive: holding the old one meanwhile would double serve's
        # memory. Templates may change in this batch, so the renderer is made again after it.
        archive, render = None, None
        try:
            report = build(project, output)
        except ArchiveError as error:
            print(str(error), file=sys.stderr)
            print("rebuild failed; still serving the last good site", file=sys.stderr)
            continue
        archive = _taken(report)
        on_rebuild(report)
        _settled()


def _settled() -> None:
    """What the last build left (its archive above all) is kept out of the cyclic garbage
    collector's passes until the next build, which unfreezes it: a pass over a
    100,000-statement archive took two seconds in the middle of an edited page's rendering.
    Objects are still freed when nothing refers to them."""
    gc.freeze()


def _taken(report: BuildReport) -> Archive | None:
    """The report's archive, which the report then no longer holds."""
    archive, report.archive = report.archive, None
    return archive


def serve(
    project: Project,
    output: Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    watch: bool = True,
    on_rebuild: Callable[[BuildReport], None] = lambda report: None,
    last_build: list[BuildReport] | None = None,
    on_edited: Callable[[list[SiteFile], float], None] = lambda pages, seconds: None,
) -> None:
    """Serve until interrupted."""
    server = make_server(output, host, port)
    stop = threading.Event()
    if watch:
        watcher = threading.Thread(
            target=watch_and_rebuild,
            args=(project, output, on_rebuild, stop, last_build, on_edited),
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
