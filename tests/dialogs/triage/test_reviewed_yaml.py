"""Reviewed content files refuse a key given twice (PyYAML alone would keep the last one)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from dialogs.triage.red_flags import load_reviewed_yaml


def test_a_key_given_twice_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "twice.yaml"
    path.write_text("flags:\n  cauda: [a]\n  cauda: [b]\n", encoding="utf-8")
    with pytest.raises(yaml.YAMLError, match="key given twice: cauda"):
        load_reviewed_yaml(path)


def test_a_reviewed_file_loads_as_plain_data(tmp_path: Path) -> None:
    path = tmp_path / "ok.yaml"
    path.write_text("flags:\n  cauda: [a, b]\n  trauma: {level: urgent}\n", encoding="utf-8")
    assert load_reviewed_yaml(path) == {
        "flags": {"cauda": ["a", "b"], "trauma": {"level": "urgent"}}
    }
