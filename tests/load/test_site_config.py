"""Reading the `outcomes` entry of mkdocs.yml without MkDocs: tags, forms, inheritance."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from outcomes.load.site_config import plugin_entry
from outcomes.settings import SettingsError


def entry(root: Path, text: str, name: str = "mkdocs.yml") -> dict[str, object] | None:
    (root / name).write_text(text, encoding="utf-8")
    found = plugin_entry(root)
    return None if found is None else found.options


def test_no_config_or_no_plugin_is_none(tmp_path: Path) -> None:
    assert plugin_entry(tmp_path) is None
    assert entry(tmp_path, "site_name: x\nplugins: [search]\n") is None


@pytest.mark.parametrize(
    "plugins",
    [
        "plugins:\n  - search\n  - outcomes:\n      nav: false\n",
        "plugins:\n  search: {}\n  outcomes:\n    nav: false\n",
    ],
)
def test_list_and_mapping_forms(tmp_path: Path, plugins: str) -> None:
    assert entry(tmp_path, plugins) == {"nav": False}


def test_a_bare_entry_has_no_options(tmp_path: Path) -> None:
    assert entry(tmp_path, "plugins: [search, outcomes]\n", "mkdocs.yaml") == {}


def test_mkdocs_tags_are_read_safely(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ROADMAP_DAY", "2026-11-22")
    monkeypatch.delenv("NOT_SET", raising=False)
    text = """\
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
  - evil: !!python/object/apply:os.system ["echo owned"]
hooks: [!relative $config_dir/hooks.py]
plugins:
  - outcomes:
      as_of: !ENV ROADMAP_DAY
      nav: !ENV [NOT_SET, false]
      history: !ENV NOT_SET
"""
    # A variable's value is typed like a YAML scalar, as MkDocs types it.
    day = datetime.date(2026, 11, 22)
    assert entry(tmp_path, text) == {"as_of": day, "nav": False, "history": None}


def test_inherit_merges_like_mkdocs(tmp_path: Path) -> None:
    (tmp_path / "base.yml").write_text(
        "plugins:\n  outcomes:\n    nav: false\n    dot_timeout: 5\n", encoding="utf-8"
    )
    text = "INHERIT: base.yml\nplugins:\n  outcomes:\n    dot_timeout: 20\n"
    assert entry(tmp_path, text) == {"nav": False, "dot_timeout": 20}


def test_broken_yaml_is_a_located_settings_error(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match=r"mkdocs\.yml:[0-9]+:[0-9]+: .*expected"):
        entry(tmp_path, "plugins:\n  - outcomes: [\n")


def test_yaml_1_1_words_mean_what_they_mean_to_mkdocs(tmp_path: Path) -> None:
    # MkDocs reads mkdocs.yml with PyYAML, whose `off` and `yes` are booleans.
    text = "plugins:\n  - outcomes:\n      nav: off\n      history: yes\n      as_of: '2026-11-22'"
    assert entry(tmp_path, text) == {"nav": False, "history": True, "as_of": "2026-11-22"}
