"""Compiled templates are kept in the cache folder; a cache that is stale, damaged or cannot be
written never changes a printed map and never stops one printing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sos_assistant.render import environment, template_name, view
from sos_assistant.resources import content_dir
from tests.render_support import TODAY, family_map


def _render(home: Path, map_file: Path, fmt: str) -> bytes:
    done = subprocess.run(
        [sys.executable, "-m", "sos_assistant.cli", "render", str(map_file), "-f", fmt],
        env=os.environ | {"SOS_ASSISTANT_HOME": str(home)},
        capture_output=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == b""
    return done.stdout


@pytest.fixture
def map_file(tmp_path: Path) -> Path:
    path = tmp_path / "map.yaml"
    path.write_text(family_map().to_yaml(), encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_a_damaged_cache_prints_the_same_map(tmp_path: Path, map_file: Path, fmt: str) -> None:
    home = tmp_path / "home"
    first = _render(home, map_file, fmt)
    kept = sorted((home / "cache" / "templates" / fmt).iterdir())
    assert kept, "the compiled templates are kept for the next command"
    assert _render(home, map_file, fmt) == first
    for i, entry in enumerate(kept):  # cut short, emptied, or something else entirely
        entry.write_bytes([entry.read_bytes()[:40], b"", b"not a template\x00" * 9][i % 3])
    assert _render(home, map_file, fmt) == first


def test_a_cache_that_cannot_be_written_prints_the_same_map(tmp_path: Path, map_file: Path) -> None:
    first = _render(tmp_path / "home", map_file, "html")
    blocked = tmp_path / "blocked"
    blocked.mkdir()
    (blocked / "cache").write_text("a file where the cache folder would be", encoding="utf-8")
    assert _render(blocked, map_file, "html") == first


@pytest.mark.skipif(
    not hasattr(os, "getuid"),
    reason="folder permission bits (a folder anyone can write to) exist only on POSIX systems",
)
def test_a_cache_folder_others_can_write_to_is_never_used(tmp_path: Path, map_file: Path) -> None:
    first = _render(tmp_path / "home", map_file, "html")
    shared = tmp_path / "shared"
    folder = shared / "cache" / "templates" / "html"
    folder.mkdir(parents=True)
    folder.chmod(0o777)  # anyone could put code here
    assert _render(shared, map_file, "html") == first
    assert list(folder.iterdir()) == []


def test_an_edited_template_is_compiled_again(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    shutil.copytree(content_dir() / "templates", folder)
    the_map = family_map()

    def rendered() -> str:
        environment.cache_clear()
        try:
            template = environment("md", folder).get_template(template_name("md"))
            return template.render(view(the_map, today=TODAY))
        finally:
            environment.cache_clear()

    before = rendered()
    main = folder / template_name("md")
    main.write_text(main.read_text(encoding="utf-8") + "Edited after it was cached.\n")
    after = rendered()
    assert after == before + "Edited after it was cached.\n"
