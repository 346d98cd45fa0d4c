"""Toponym candidates and place slots (geomap.nlp.toponyms) on sentences written here."""

from __future__ import annotations

import pytest

from geomap.nlp.toponyms import PlaceSlot, ToponymSpan, cap_run, find_slots

MONTHS_AND_DAYS = {"january", "february", "march", "april", "may", "june", "july", "august",
                   "september", "october", "november", "december", "monday", "tuesday",
                   "wednesday", "thursday", "friday", "saturday", "sunday"}


def by_text(spans: list[ToponymSpan]) -> dict[str, ToponymSpan]:
    return {s.text: s for s in spans}


def test_two_word_name_is_one_span(candidates):
    spans = by_text(candidates(
        "Russian assault units captured the village of Malaya Loknya, the North group said."))
    assert "Malaya Loknya" in spans
    assert not {"Loknya", "Malaya"} & set(spans)
    assert spans["Malaya Loknya"].slot == "settlements-of"


def test_cap_run_takes_the_longest_run(docs_of):
    doc = docs_of("Fighting went on near Malaya Loknya overnight.")[0][1]
    sent = next(iter(doc.sents))
    start = next(t.i for t in doc if t.text == "Malaya")
    a, b = cap_run(sent, start)
    assert doc[a:b].text == "Malaya Loknya"
    assert cap_run(sent, start - 1) is None  # "near" is not capitalised


def test_hyphenated_name_is_one_span(candidates):
    spans = by_text(candidates("Air defences were active over Ivano-Frankivsk on Sunday."))
    assert "Ivano-Frankivsk" in spans
    assert not {"Ivano", "Frankivsk"} & set(spans)


def test_settlements_of_a_b_and_c(candidates):
    spans = by_text(candidates(
        "Ukrainian units withdrew from the settlements of Pogrebki, Orlovka and "
        "Zeleny Shlyakh, the General Staff said."))
    for name in ("Pogrebki", "Orlovka", "Zeleny Shlyakh"):
        assert spans[name].slot == "settlements-of", name
        assert spans[name].hint == "settlement", name


def test_regions_of_a_and_b_hint_admin1(candidates):
    spans = by_text(candidates("Air raid alerts sounded in the regions of Kursk and Belgorod."))
    for name in ("Kursk", "Belgorod"):
        assert (spans[name].slot, spans[name].hint) == ("region-of", "admin1")
        assert spans[name].query == f"{name} region"


@pytest.mark.parametrize(("text", "name", "slot"), [
    ("Heavy fighting continued near Pokrovsk, the General Staff said.", "Pokrovsk", "near"),
    ("Units of the Vostok group liberated Kurakhove, the Russian defence ministry said.",
     "Kurakhove", "object"),
    ("Officials met in Kharkiv to discuss repairs.", "Kharkiv", "in"),
])
def test_the_words_around_a_name_give_its_slot(candidates, text, name, slot):
    assert by_text(candidates(text))[name].slot == slot


def test_relative_slot_with_bearing_and_distance(candidates):
    spans = by_text(candidates(
        "Geolocated footage shows Russian forces advanced 12 km northeast of Sudzha."))
    sudzha = spans["Sudzha"]
    assert sudzha.slot == "relative"
    assert sudzha.bearing == 45.0
    assert sudzha.distance_km == 12.0


def test_relative_slot_in_miles_is_converted_to_km(candidates):
    sudzha = by_text(candidates("The column stopped 3 miles west of Sudzha."))["Sudzha"]
    assert sudzha.bearing == 270.0
    assert sudzha.distance_km == pytest.approx(3 * 1.609)


def test_relative_slot_without_distance(candidates):
    spans = by_text(candidates("Russian forces are attacking northwest of Pokrovsk, ISW said."))
    assert (spans["Pokrovsk"].slot, spans["Pokrovsk"].bearing) == ("relative", 315.0)
    assert spans["Pokrovsk"].distance_km is None


def test_region_word_extends_the_span(candidates):
    spans = by_text(candidates("Drones hit a fuel depot in the Kursk region overnight."))
    assert "Kursk" not in spans
    kursk = spans["Kursk region"]
    assert kursk.hint == "admin1"
    assert kursk.query == "Kursk region"  # no second "region"
    assert "Drones hit a fuel depot in the Kursk region"[kursk.start:kursk.end] == "Kursk region"


def test_a_name_alone_on_its_line_is_a_tag(candidates):
    spans = candidates("Pokrovsk\nThe city was shelled again overnight.")
    assert [(s.text, s.slot) for s in spans if s.text == "Pokrovsk"] == [("Pokrovsk", "tag")]


@pytest.mark.parametrize("text", [
    "Monday",
    "Tuesday",
    "March",
    "Tuesday's shelling hit Sumy.",
    "March 3 saw heavy fighting near Pokrovsk.",
    "In August, Ukrainian troops entered Sudzha.",
    "Sunday\nShelling resumed in Kherson on Saturday and Sunday.",
    "On Tuesday, Russian troops shelled Kherson.",
])
@pytest.mark.parametrize("pipeline", ["candidates", "fast_candidates"])
def test_months_and_weekdays_are_never_spans(request, pipeline, text):
    spans = request.getfixturevalue(pipeline)(text)
    words = [(s.text, w.lower().removesuffix("'s")) for s in spans for w in s.text.split()]
    assert not [span for span, word in words if word in MONTHS_AND_DAYS]


def test_demonyms_are_never_spans(candidates):
    texts = {s.text for s in candidates(
        "Russian, Polish and Ukrainian officials traded accusations over shelling near "
        "Kupiansk.")}
    assert "Kupiansk" in texts
    assert not {"Russian", "Polish", "Ukrainian"} & texts


def test_offsets_point_into_the_text(candidates):
    text = "Ukrainian forces repelled an attack near Vovchansk, the General Staff said."
    for span in candidates(text):
        assert text[span.start:span.end] == span.text


@pytest.mark.parametrize(("text", "hint", "query"), [
    ("Kursk", "admin1", "Kursk region"),
    ("Kursk oblast", "admin1", "Kursk oblast"),
    ("Sudzha", "settlement", "Sudzha settlement"),
    ("Sudzha town", "settlement", "Sudzha town"),
    ("Sudzha", None, "Sudzha"),
])
def test_query_adds_the_hinted_kind(text, hint, query):
    span = ToponymSpan(0, 0, 1, 0, len(text), text, 0, hint=hint)
    assert span.query == query


def test_find_slots_returns_named_place_slots(docs_of):
    doc = docs_of("Russian troops advanced 5 km south of Kostiantynivka and near Toretsk.")[0][1]
    slots = find_slots(next(iter(doc.sents)))
    assert slots and all(isinstance(s, PlaceSlot) for s in slots)
    named = {doc[s.start:s.end].text: s for s in slots}
    relative = named["Kostiantynivka"]
    assert (relative.slot, relative.bearing, relative.distance_km) == ("relative", 180.0, 5.0)
    assert relative.hint is None
    assert named["Toretsk"].slot == "near"
    assert named["Toretsk"].bearing is None and named["Toretsk"].distance_km is None
