"""The claimant registry (geomap.nlp.claimants): names, sides, coreference, user files."""

from __future__ import annotations

import pytest

from geomap.exc import SchemaError
from geomap.nlp.claimants import load_registry


@pytest.fixture(scope="module")
def registry():
    return load_registry()


@pytest.mark.parametrize(("phrase", "name", "side"), [
    ("Russia’s Defence Ministry", "Russian Defence Ministry", "RU"),
    ("the ‘North’ group of forces", "North Group of Forces", "RU"),
    ("Ukraine's top commander", "Oleksandr Syrskyi", "UA"),
    ("the Kremlin spokesman", "Dmitry Peskov", "RU"),
    ("Kursk governor Alexei Smirnov", "Alexei Smirnov", "RU"),
    ("ISW", "Institute for the Study of War", "INDEPENDENT"),
    ("DeepState", "DeepState", "INDEPENDENT"),
])
def test_names_and_titles(registry, phrase, name, side):
    entry = registry.claimant_of(phrase)
    assert entry is not None and (entry.name, entry.side) == (name, side)


def test_acronyms_only_in_capitals(registry):
    assert registry.claimant_of("the cit was quiet") is None
    assert registry.claimant_of("CIT said") is not None


def test_coreference_picks_the_latest_compatible(registry):
    text = "Kursk governor Alexei Smirnov spoke after Russia's Defence Ministry reported."
    named = registry.find(text)
    assert registry.resolve_reference("the ministry", named).claimant.side == "RU"
    assert registry.resolve_reference("he", named).text == "Alexei Smirnov"
    assert registry.resolve_reference("it", named).text == "Russia's Defence Ministry"
    assert registry.resolve_reference("the statement", named).text == \
        "Russia's Defence Ministry"
    assert registry.resolve_reference("the governor", []) is None
    assert registry.resolve_reference("Russian forces", named) is None


def test_publishers(registry):
    assert registry.publisher_side("The Moscow Times") == "INDEPENDENT"
    assert registry.publisher_side("RBC-Ukraine") == "INDEPENDENT"
    assert registry.publisher_side("TASS") == "RU"
    assert registry.publisher_side("Unknown Daily") == "UNKNOWN"
    assert registry.is_outlet_only("RBC-Ukraine") and not registry.is_outlet_only("TASS")


def test_user_file_adds_and_replaces(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("name,side,kind,variants,refs\n"
                    "Vadym Example,UA,person,vadym example|example,spokesman\n"
                    "Rybar,UNKNOWN,group,rybar,channel\n", encoding="utf-8")
    registry = load_registry(str(path))
    assert registry.claimant_of("Vadym Example said").side == "UA"
    assert registry.claimant_of("Rybar wrote").side == "UNKNOWN"


def test_user_file_with_a_bad_side(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("name,side,kind,variants,refs\nX,BLUE,person,x,\n", encoding="utf-8")
    with pytest.raises(SchemaError, match="BLUE"):
        load_registry(str(path))


def _variant_texts(registry, shared) -> list[str]:
    """The seeds, generated articles, and variants written in the ways text varies
    (capitals, curly apostrophes, line breaks, cut short, glued to words and hyphens)."""
    from geomap.ingest.corpus import Article, iter_corpus
    from geomap.ingest.synthetic import generate_articles

    texts = [a.text for a in iter_corpus(shared / "corpus" / "seeds")
             if isinstance(a, Article)]
    texts += [a.text for a in generate_articles(100)]
    variants = sorted(registry._by_variant) + sorted(registry._outlets)
    for k, variant in enumerate(variants):
        other = variants[(k * 7 + 3) % len(variants)]
        texts += [f"{variant.upper()}, {other}-{variant} x{variant} {variant[:-2]}",
                  f"“{variant.title().replace(' ', chr(10))}’s {other.replace(chr(39), '’')}”"]
    return texts


def test_finder_matches_as_the_whole_pattern(registry, shared):
    """The registry tries its pattern only where a variant can start: the matches are
    exactly those of the whole pattern's finditer (claimants and outlets)."""
    texts = _variant_texts(registry, shared)
    for finder in (registry._claimant_re, registry._outlet_re):
        for text in texts:
            assert [(m.span(), m.group(0)) for m in finder.finditer(text)] == \
                [(m.span(), m.group(0)) for m in finder.pattern.finditer(text)], text[:80]
    assert any(registry._claimant_re.finditer(text) for text in texts[:5])
