"""`serve`: serve site/ on 127.0.0.1 and rebuild it when content/, templates/ or static/
change. Only site/ is served; a failed rebuild keeps the last good site and says why.
"""

from __future__ import annotations

import functools
import sys
import threading
from collections.abc import Callable
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from archive.errors import ArchiveError, ConfigError
from archive.pipeline import BuildReport, Project, build


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
) -> None:
    """Rebuild after each batch of changes; a failed rebuild prints the error and goes on."""
    from watchfiles import watch

    watched = [p for p in (project.content_dir, project.templates_dir, project.static_dir)]
    for _changes in watch(*[str(p) for p in watched if p.exists()], stop_event=stop):
        try:
            on_rebuild(build(project, output))
        except ArchiveError as error:
            print(str(error), file=sys.stderr)
            print("rebuild failed; still serving the last good site", file=sys.stderr)


def serve(
    project: Project,
    output: Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    watch: bool = True,
    on_rebuild: Callable[[BuildReport], None] = lambda report: None,
) -> None:
    """Serve until interrupted."""
    server = make_server(output, host, port)
    stop = threading.Event()
    if watch:
        watcher = threading.Thread(
            target=watch_and_rebuild, args=(project, output, on_rebuild, stop), daemon=True
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
