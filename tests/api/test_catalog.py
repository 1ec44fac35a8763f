"""Catalogs in every shape contract.md allows read into the same entries; the disk cache survives restarts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from booth.api.catalog import CatalogCache, parse_catalog
from booth.api.models import CatalogEntry

ENTRIES = [
    CatalogEntry(3, "Comic ink", "Art", "https://cdn.example.com/3.jpg"),
    CatalogEntry("5b0c2f9e-1c1a-4e0f-9d53-3b8e1f0a7c11", "Our custom look", None, None),
]


def _rows(id_key: str, name_key: str) -> list[dict[str, object]]:
    return [
        {id_key: 3, name_key: "Comic ink", "category": "Art", "preview": "https://cdn.example.com/3.jpg"},
        {id_key: "5b0c2f9e-1c1a-4e0f-9d53-3b8e1f0a7c11", name_key: "Our custom look"},
    ]


@pytest.mark.parametrize("id_key", ["id", "filter_id", "workflow_id", "style_id"])
@pytest.mark.parametrize("name_key", ["name", "title", "label"])
@pytest.mark.parametrize("wrap", [None, "filters", "workflows", "styles", "items", "data"])
def test_list_shapes_read_the_same(id_key: str, name_key: str, wrap: str | None) -> None:
    rows = _rows(id_key, name_key)
    assert parse_catalog(rows if wrap is None else {wrap: rows}) == ENTRIES


def test_mapping_of_id_to_name() -> None:
    entries = parse_catalog({"3": "Comic ink", "12": "Noir"})
    assert [(e.id, e.name) for e in entries] == [(3, "Comic ink"), (12, "Noir")]


def test_digit_string_ids_become_ints_and_unreadable_items_are_skipped() -> None:
    entries = parse_catalog([{"id": "7", "title": "Seven"}, {"title": "no id"}, "junk", {"style_id": 0}])
    assert entries == [CatalogEntry(7, "Seven"), CatalogEntry(0, "0")]


def test_cache_round_trip_per_service_and_kind(tmp_path: Path) -> None:
    cache = CatalogCache(tmp_path)
    cache.save("https://api.example.com", "filters", ENTRIES)
    assert cache.load("https://api.example.com", "filters") == ENTRIES
    assert cache.load("https://api.example.com", "styles") is None
    assert cache.load("https://other.example.org", "filters") is None
    # the local engine moves ports between starts but keeps one cache
    cache.save("http://127.0.0.1:41234", "styles", ENTRIES[:1])
    assert cache.load("http://127.0.0.1:50000", "styles") == ENTRIES[:1]


def test_a_damaged_cache_file_is_ignored_not_fatal(tmp_path: Path) -> None:
    cache = CatalogCache(tmp_path)
    cache.path("https://api.example.com", "filters").write_text("{not json", encoding="utf-8")
    assert cache.load("https://api.example.com", "filters") is None


@pytest.mark.parametrize(
    ("bad", "skipped"),
    [
        ({"id": "²", "name": "superscript two: isdigit() says yes, int() says no"}, False),
        ({"id": "9" * 5000, "name": "more digits than int() converts"}, False),
        ({"name": "no id at all"}, True),
        ("not an object", True),
        (None, True),
    ],
)
def test_one_bad_entry_never_costs_the_rest(bad: object, skipped: bool, caplog: pytest.LogCaptureFixture) -> None:
    rows = _rows("id", "name")
    entries = parse_catalog([rows[0], bad, rows[1]])
    assert [entry for entry in entries if entry in ENTRIES] == ENTRIES
    if skipped:
        assert len(entries) == 2 and "skipping a catalog entry" in caplog.text
    else:  # an odd id stays a string id, as a custom filter's UUID does
        assert len(entries) == 3 and entries[1].id == bad["id"]  # type: ignore[index]


def test_one_bad_cached_entry_keeps_the_rest(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    cache = CatalogCache(tmp_path)
    cache.save("https://api.example.com", "filters", ENTRIES)
    target = cache.path("https://api.example.com", "filters")
    saved = json.loads(target.read_text(encoding="utf-8"))
    target.write_text(json.dumps([saved[0], {"name": "lost its id"}, "junk", saved[1]]), encoding="utf-8")
    assert cache.load("https://api.example.com", "filters") == ENTRIES
    assert "skipping an unreadable entry" in caplog.text
