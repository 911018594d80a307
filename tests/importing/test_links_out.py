"""A link in content/ whose target lies outside the project is refused with its target named,
and nothing is written; links within the project still work."""

from __future__ import annotations

from archive.cli.main import main


def test_a_link_out_of_the_project_is_refused(make_project, tmp_path, capsys) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    project = make_project({"statements/a.md": "---\ndate: 2017-01-01\n---\nA statement.\n"})
    link = project / "content" / "statements" / "passwd.md"
    link.symlink_to(secret)
    assert main(["--project", str(project), "build"]) == 1
    errors = capsys.readouterr().err.splitlines()
    assert errors[0] == (
        f"content/statements/passwd.md: is a link to {secret}, outside the project; a build "
        "publishes only the project's own files: copy the file into the project instead"
    )
    assert not (project / "site").exists()


def test_a_linked_about_page_out_of_the_project_is_refused(make_project, tmp_path, capsys):
    secret = tmp_path / "notes.md"
    secret.write_text("Private notes.\n", encoding="utf-8")
    project = make_project({"statements/a.md": "---\ndate: 2017-01-01\n---\nA statement.\n"})
    (project / "content" / "about.md").symlink_to(secret)
    assert main(["--project", str(project), "check"]) == 1
    assert "content/about.md: is a link to" in capsys.readouterr().err


def test_links_within_the_project_still_work(make_project, capsys) -> None:
    project = make_project({"statements/a.md": "---\ndate: 2017-01-01\n---\nA statement.\n"})
    kept = project / "drafts" / "b.md"
    kept.parent.mkdir()
    kept.write_text("---\ndate: 2018-01-01\n---\nAnother statement.\n", encoding="utf-8")
    (project / "content" / "statements" / "b.md").symlink_to(kept)
    assert main(["--project", str(project), "build"]) == 0
    assert (project / "site" / "statements" / "b" / "index.html").exists()
