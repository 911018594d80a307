"""Every built page is valid HTML: zero errors from the Nu HTML Checker (vnu.jar)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from webcheck import VNU_JAR, java_available, require


def test_every_page_is_valid_html(real_site: Path) -> None:
    require(java_available(), "java (Debian: default-jre-headless)")
    require(VNU_JAR.is_file(), "node_modules/vnu-jar (npm ci)")
    pages = sorted(str(p) for p in real_site.rglob("*.html"))
    assert pages
    # One JVM for all pages: starting Java is most of the cost.
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *pages],
        capture_output=True,
        text=True,
        timeout=600,
    )
    report = json.loads(result.stderr or result.stdout)  # vnu writes its report to stderr
    errors = [
        f"{m.get('url', '?').removeprefix('file:')}:{m.get('lastLine', '?')}: {m['message']}"
        for m in report["messages"]
        if m.get("type") != "info"
    ]
    assert errors == []
    assert result.returncode == 0, result.stderr[-2000:]
