"""The fuzzy buckets shipped in the index are the ones computed from its keys, and give the
same look-ups; their order does not depend on the hash seed."""

from __future__ import annotations

import hashlib
import json
import os
import random
import subprocess
import sys
import zipfile

import pytest

from gazetteer import Gazetteer, _config
from gazetteer.fuzzy import KEYS_MEMBER, LENGTHS_MEMBER, SPANS_MEMBER, BucketTable, FuzzyKeys
from gazetteer.index import PlaceIndex, write_index
from gazetteer.model import PlaceRecord

FUZZY_MEMBERS = (KEYS_MEMBER, LENGTHS_MEMBER, SPANS_MEMBER)


@pytest.fixture(scope="module")
def bundle() -> PlaceIndex:
    return PlaceIndex(_config.BUNDLE_INDEX)


@pytest.fixture(scope="module")
def without_buckets(tmp_path_factory) -> PlaceIndex:
    """The bundled index copied without its fuzzy members (as an index written before them)."""
    path = tmp_path_factory.mktemp("old") / "places.gzi"
    with zipfile.ZipFile(_config.BUNDLE_INDEX) as source, zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            if info.filename not in FUZZY_MEMBERS:
                target.writestr(info, source.read(info.filename))
    return PlaceIndex(path)


def _one_typo(name: str, rng: random.Random) -> str:
    """*name* with one letter after the first replaced (by another of its letters), dropped
    or doubled."""
    i = rng.randrange(1, len(name))
    edit = rng.choice(("replace", "drop", "double"))
    if edit == "replace":
        return name[:i] + rng.choice(name[1:]) + name[i + 1:]
    if edit == "drop":
        return name[:i] + name[i + 1:]
    return name[:i] + name[i] + name[i:]


def test_the_bundle_ships_the_buckets_computed_from_its_keys(bundle, without_buckets):
    ready = bundle.fuzzy_table()
    assert ready is not None
    computed = BucketTable.from_keys(bundle.keys())
    assert ready.keys == computed.keys
    assert ready.lengths.dtype == computed.lengths.dtype
    assert ready.lengths.tolist() == computed.lengths.tolist()
    assert ready.spans == computed.spans
    assert len(ready.lengths) == len(set(bundle.keys())) > 900_000
    # every bucket decodes to its keys by length, each key once
    keys, lengths = FuzzyKeys(bundle).table().bucket("k")
    assert all(k.startswith("k") for k in keys) and lengths == sorted(lengths)
    assert lengths == [len(k) for k in keys] and len(set(keys)) == len(keys)
    # an index without the members computes the same table
    assert without_buckets.fuzzy_table() is None
    fallback = FuzzyKeys(without_buckets).table()
    assert fallback.keys == ready.keys and fallback.spans == ready.spans


def test_ready_made_and_computed_buckets_give_the_same_lookups(bundle, without_buckets):
    ready = Gazetteer([bundle])
    computed = Gazetteer([without_buckets])
    rng = random.Random(15)
    names = rng.sample(sorted({bundle.name(row) for row in range(0, len(bundle), 7)}), 3000)
    queries = [_one_typo(name, rng) for name in names if len(name) >= 5]
    fuzzy = 0
    for query in queries:
        a = ready.lookup(query, limit=5)
        b = computed.lookup(query, limit=5)
        assert [(c.place.id, c.score, c.match, c.reason) for c in a] == \
            [(c.place.id, c.score, c.match, c.reason) for c in b], query
        fuzzy += bool(a) and a[0].fuzzy
    assert len(queries) > 2500 and fuzzy > 1000  # most typos are found by fuzzy matching


def test_a_misspelt_name_is_found_through_the_ready_made_buckets(bundle):
    gaz = Gazetteer([bundle])
    best = gaz.lookup("Zaporizhzhai")[0]
    assert best.fuzzy and best.place.id == "geonames:687700"  # Zaporizhzhia


def test_bucket_order_does_not_depend_on_the_hash_seed(bundle):
    code = ("import hashlib; from gazetteer import _config; "
            "from gazetteer.fuzzy import BucketTable; from gazetteer.index import PlaceIndex; "
            "t = BucketTable.from_keys(PlaceIndex(_config.BUNDLE_INDEX).keys()); "
            "print(hashlib.sha256(t.keys + t.lengths.tobytes()).hexdigest())")
    digests = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        digests.add(subprocess.run([sys.executable, "-c", code], env=env, check=True,
                                   capture_output=True, text=True).stdout.strip())
    shipped = bundle.fuzzy_table()
    assert digests == {hashlib.sha256(shipped.keys + shipped.lengths.tobytes()).hexdigest()}
    with zipfile.ZipFile(_config.BUNDLE_INDEX) as archive:
        spans = json.loads(archive.read(SPANS_MEMBER))["buckets"]
    assert spans == sorted(spans)


def test_a_replaced_index_file_is_not_read_for_buckets(tmp_path):
    """The buckets must match the keys in memory: a file replaced since loading is not
    read for them (the keys of the loaded index are bucketed instead)."""
    path = tmp_path / "user.gzi"
    write_index(path, [_record("Novoselivka")], {"name": "first"})
    index = PlaceIndex(path)
    write_index(path, [_record("Novoselivka"), _record("Kamianka")], {"name": "second"})
    assert index.fuzzy_table() is None
    assert FuzzyKeys(index).match("novoselevka")[0][0] == "novoselivka"
    assert FuzzyKeys(index).table().spans.keys() == {"n"}
    assert PlaceIndex(path).fuzzy_table().spans.keys() == {"k", "n"}


def _record(name: str) -> PlaceRecord:
    return PlaceRecord(id=f"test:{name}", name=name, kind="settlement", lat=48.0, lon=37.0,
                       country="UA", admin1="UA-14", population=100, source="test")
