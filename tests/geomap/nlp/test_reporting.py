"""Extraction on short reports written in the styles of real outlets (issue 12).

Every text here is written for these tests (wire copy with datelines, state-agency
lists, analysts' assessments, General Staff posts, governors' strike reports,
machine-translated pages); none is copied from an article. Each case names the claims
it must give, each as (claimant contains, side, event type, place as written, first
day, date precision); ``kind`` is ``claim`` unless a case says ``background``.
Publication day: Friday 2025-03-14 ("Tuesday" is 03-11, "yesterday" 03-13).
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

FRI = "2025-03-14"
TUE = "2025-03-11"
WED = "2025-03-12"
THU = "2025-03-13"


@dataclass(frozen=True)
class Want:
    """One claim a text must give."""

    claimant: str  # a part of the claimant as written
    side: str
    event: str
    place: str | None  # the place as written in the text
    date: str | None = FRI
    precision: str = "day"
    kind: str = "claim"


def _case(name, text, *wants, publisher="Reuters"):
    return pytest.param(text, publisher, wants, id=name)


CASES = [
    # --- 1. claimants: registry, titles, coreference, publishers, datelines -------------
    _case("trailing-ministry", "Russian forces repelled a Ukrainian attack near Lyubimovka, "
          "Russia's defence ministry said on Tuesday.",
          Want("defence ministry", "RU", "repelled", "Lyubimovka", TUE)),
    _case("the-ministry-two-sentences-later",
          "Russia's Defence Ministry published a video of its artillery on Wednesday. "
          "Drone crews were praised in the video. The ministry said its units captured "
          "Nikolaevka.",
          Want("Russia's Defence Ministry", "RU", "control", "Nikolaevka")),
    _case("it-said-chain", "Russia's Defence Ministry reported heavy losses among Ukrainian "
          "units. It said Russian troops advanced near Toretsk.",
          Want("Russia's Defence Ministry", "RU", "advance", "Toretsk")),
    _case("the-statement-added", "Ukraine's General Staff issued its morning update. "
          "The statement said Ukrainian troops repelled 14 attacks near Pokrovsk.",
          Want("General Staff", "UA", "repelled", "Pokrovsk")),
    _case("he-is-the-commander", "Oleksandr Syrskyi met brigade commanders on Tuesday. "
          "He said Ukrainian forces held their positions near Kupiansk.",
          Want("Oleksandr Syrskyi", "UA", "control", "Kupiansk")),
    _case("the-governor", "Kursk governor Alexei Smirnov visited a shelter. The governor said "
          "Ukrainian drones struck Rylsk overnight.",
          Want("Smirnov", "RU", "strike", "Rylsk")),
    _case("title-top-commander", "Ukrainian troops pushed into Russian territory near "
          "Tyotkino, Ukraine's top commander said.",
          Want("top commander", "UA", "advance", "Tyotkino")),
    _case("kremlin-spokesman", "The Kremlin spokesman said Russian forces had recaptured "
          "Sudzha on Wednesday.",
          Want("Kremlin spokesman", "RU", "control", "Sudzha", WED)),
    _case("alaudinov", "Apti Alaudinov said Akhmat fighters repelled an attack near "
          "Plekhovo.",
          Want("Alaudinov", "RU", "repelled", "Plekhovo")),
    _case("gladkov-governor", "Belgorod governor Vyacheslav Gladkov said Ukrainian shelling "
          "hit Shebekino on Tuesday.",
          Want("Gladkov", "RU", "strike", "Shebekino", TUE)),
    _case("kovalenko", "Andriy Kovalenko said Ukrainian units were still fighting near "
          "Sudzha.",
          Want("Kovalenko", "UA", "fighting", "Sudzha")),
    _case("rybar", "Russian troops advanced near Velyka Novosilka, Rybar said.",
          Want("Rybar", "RU", "advance", "Velyka Novosilka")),
    _case("two-majors", "Two Majors wrote that Russian units advanced near Kurakhove.",
          Want("Two Majors", "RU", "advance", "Kurakhove")),
    _case("milbloggers", "Russian military bloggers claimed that Russian forces advanced "
          "near Chasiv Yar.",
          Want("military bloggers", "RU", "advance", "Chasiv Yar")),
    _case("deepstate", "DeepState said Russian forces advanced near Pokrovsk.",
          Want("DeepState", "INDEPENDENT", "advance", "Pokrovsk")),
    _case("cit", "The Conflict Intelligence Team said Russian troops advanced near "
          "Kurakhove.",
          Want("Conflict Intelligence Team", "INDEPENDENT", "advance", "Kurakhove")),
    _case("isw-relayed-by-outlet", "Russian forces advanced near Pokrovsk, the Institute "
          "for the Study of War said, RBC-Ukraine reports.",
          Want("Institute for the Study of War", "INDEPENDENT", "advance", "Pokrovsk"),
          publisher="RBC-Ukraine"),
    _case("independent-outlet-narrative", "Russian forces recaptured Sudzha on Tuesday.",
          Want("The Moscow Times", "INDEPENDENT", "control", "Sudzha", TUE),
          publisher="The Moscow Times"),
    _case("state-agency-narrative", "Russian troops liberated Kurakhove on Wednesday.",
          Want("TASS", "RU", "control", "Kurakhove", WED), publisher="TASS"),
    _case("dateline-is-not-a-claimant", "MOSCOW, March 11 (Reuters) - Russian forces "
          "recaptured Sudzha, the defence ministry said.",  # session 9: Russia's
          Want("defence ministry", "RU", "control", "Sudzha", TUE)),
    _case("dateline-with-a-named-ministry", "MOSCOW, March 11 (Reuters) - Russia's defence "
          "ministry said its forces recaptured Sudzha on Tuesday.",
          Want("Russia's defence ministry", "RU", "control", "Sudzha", TUE)),
    _case("according-to-general-staff", "According to Ukraine's General Staff, Russian "
          "forces attacked near Pokrovsk 40 times.",
          Want("General Staff", "UA", "attack", "Pokrovsk")),
    _case("appositive-general-staff", "Ukrainian troops foiled attacks near Vovchansk, "
          "Ukraine's General Staff said.",
          Want("General Staff", "UA", "repelled", "Vovchansk")),
    _case("zelensky-alias", "Zelenskiy said Ukrainian troops held Chasiv Yar.",
          Want("Zelenskiy", "UA", "control", "Chasiv Yar")),
    _case("user-registry-name-after-first-name", "Vadym Filashkin said Russian shelling hit "
          "Kostiantynivka on Thursday.",
          Want("Filashkin", "UA", "strike", "Kostiantynivka", THU)),
    # --- 2. every item of a list --------------------------------------------------------
    _case("settlements-of-three", "Russian forces liberated the settlements of Malaya "
          "Loknya, Cherkasskoye Porechnoye and Kositsa, the North group said.",
          Want("North group", "RU", "control", "Malaya Loknya"),
          Want("North group", "RU", "control", "Cherkasskoye Porechnoye"),
          Want("North group", "RU", "control", "Kositsa")),
    _case("list-ends-before-claimant", "Ukrainian forces liberated the settlements of "
          "Sverdlikovo, Zaoleshenka and Malaya Loknya, Syrskyi said.",
          Want("Syrskyi", "UA", "control", "Sverdlikovo"),
          Want("Syrskyi", "UA", "control", "Zaoleshenka"),
          Want("Syrskyi", "UA", "control", "Malaya Loknya")),
    _case("object-list", "Russian troops captured Nikolaevka, Lebedevka and Sverdlikovo "
          "on Tuesday, Russia's defence ministry said.",
          Want("defence ministry", "RU", "control", "Nikolaevka", TUE),
          Want("defence ministry", "RU", "control", "Lebedevka", TUE),
          Want("defence ministry", "RU", "control", "Sverdlikovo", TUE)),
    _case("counted-colon-list-mt", "The North group of forces liberated 4 settlements: "
          "Agronomist, Bogdanovka, Cossack Village and Zaoleshenka.",
          Want("North group", "RU", "control", "Agronomist"),
          Want("North group", "RU", "control", "Bogdanovka"),
          Want("North group", "RU", "control", "Cossack Village"),
          Want("North group", "RU", "control", "Zaoleshenka")),
    _case("near-two-places", "Fighting continued near Vovchansk and Lyptsi, Ukraine's "
          "General Staff said.",
          Want("General Staff", "UA", "fighting", "Vovchansk"),
          Want("General Staff", "UA", "fighting", "Lyptsi")),
    _case("unknown-village-at-region", "Russian forces took the village of Qzhelnovka in "
          "the Kursk region, the ministry said.",  # session 9: Russia's ministry
          Want("ministry", "RU", "control", "Qzhelnovka")),
    _case("repelled-list", "Russian units repelled attacks near Kruglenkoye, Nikolaevka and "
          "Lebedevka, Russia's defence ministry said.",
          Want("defence ministry", "RU", "repelled", "Kruglenkoye"),
          Want("defence ministry", "RU", "repelled", "Nikolaevka"),
          Want("defence ministry", "RU", "repelled", "Lebedevka")),
    _case("route-split", "Russian units pushed along the Rylsk-Lgov-Kursk road, Rybar said.",
          Want("Rybar", "RU", "advance", "Rylsk"), Want("Rybar", "RU", "advance", "Lgov")),
    # --- 3. event typing ----------------------------------------------------------------
    _case("foiled-is-repelled", "Russian forces foiled Ukrainian attacks near Komarovka, "
          "the ministry said.",  # session 9: Russia's ministry
          Want("ministry", "RU", "repelled", "Komarovka")),
    _case("thwarted-is-repelled", "Ukrainian defenders thwarted a Russian assault on "
          "Kurakhove, Syrskyi said.",
          Want("Syrskyi", "UA", "repelled", "Kurakhove")),
    _case("repulsed-passive", "Twelve Russian attacks were repulsed near Pokrovsk, "
          "Ukraine's General Staff said.",
          Want("General Staff", "UA", "repelled", "Pokrovsk")),
    _case("attack-stays-attack", "Ukrainian troops attacked Russian positions near "
          "Lyubimovka, the Russian defence ministry said.",
          Want("Russian defence ministry", "RU", "attack", "Lyubimovka")),
    _case("denial-of-encirclement", "Reports of an encirclement of Ukrainian troops near "
          "Sudzha are untrue, Ukraine's General Staff said.",
          Want("General Staff", "UA", "denial", "Sudzha")),
    _case("denial-of-capture", "Ukraine's General Staff denied that Russian forces had "
          "captured Dachne.",
          Want("General Staff", "UA", "denial", "Dachne")),
    _case("denial-fake", "Claims that Russian troops took Kostiantynivka are fake, "
          "Kovalenko said.",
          Want("Kovalenko", "UA", "denial", "Kostiantynivka")),
    _case("advancing-not-strike", "Our troops have been advancing near Toretsk with drone "
          "support, Syrskyi said.",
          Want("Syrskyi", "UA", "advance", "Toretsk")),
    _case("regained-control", "Russian forces regained control of Lebedevka, the Russian "
          "defence ministry said.",
          Want("Russian defence ministry", "RU", "control", "Lebedevka")),
    _case("retook", "Ukrainian troops retook Kruglenkoye on Tuesday, Syrskyi said.",
          Want("Syrskyi", "UA", "control", "Kruglenkoye", TUE)),
    _case("took-the-village", "Russian troops took the village of Berdin, Russia's defence "
          "ministry said.",
          Want("defence ministry", "RU", "control", "Berdin")),
    _case("struck-a-city", "Russian missiles struck Ivano-Frankivsk overnight, the "
          "Ukrainian Air Force said.",
          Want("Ukrainian Air Force", "UA", "strike", "Ivano-Frankivsk")),
    _case("strike-on-kyiv-overnight", "Russia launched missile strikes on Kyiv overnight, "
          "Zelensky said.",
          Want("Zelensky", "UA", "strike", "Kyiv")),
    _case("liberation-of", "The liberation of Sudzha was completed on Wednesday, the "
          "Kremlin said.",
          Want("Kremlin", "RU", "control", "Sudzha", WED)),
    # --- 4. captions, furniture and background -----------------------------------------
    _case("caption-masked", "Photo: Ukrainian incursion into the Kursk region as of "
          "August 23\nRussian troops advanced near Pokrovsk, Rybar said.",
          Want("Rybar", "RU", "advance", "Pokrovsk")),
    _case("read-more-misspelt", "RAED MORE: Russian forces recapture Sudzha\nUkrainian "
          "forces repelled attacks near Toretsk, Syrskyi said.",
          Want("Syrskyi", "UA", "repelled", "Toretsk")),
    _case("background-start-of-invasion", "Russia briefly occupied parts of the Sumy "
          "region at the start of its invasion in 2022.",
          Want("Reuters", "INDEPENDENT", "control", "Sumy region", "2022-01-01", "year",
               "background")),
    _case("background-last-august", "Last August, Ukraine launched an incursion into the "
          "Kursk region.",
          Want("Reuters", "INDEPENDENT", "advance", "Kursk region", "2024-08-01", "month",
               "background")),
    _case("current-after-background", "Ukraine's incursion began last August. Russian "
          "forces recaptured Sudzha on Wednesday, the Russian defence ministry said.",
          Want("Russian defence ministry", "RU", "control", "Sudzha", WED)),
    # --- 5. places in their sentence ----------------------------------------------------
    _case("anchor-over-the-border", "Ukrainian troops attacked Basivka, just over the "
          "border from Sudzha, the Russian defence ministry said.",
          Want("Russian defence ministry", "RU", "attack", "Basivka")),
    _case("village-in-country", "Russian forces captured the village of Qxyzovka in "
          "Russia, Rybar said.",
          Want("Rybar", "RU", "control", "Qxyzovka")),
    _case("border-region-is-oblast", "Ukrainian forces were fighting in the Kursk border "
          "region, Kovalenko said.",
          Want("Kovalenko", "UA", "fighting", "Kursk border region")),
    _case("person-not-place", "Governor Smirnov said Ukrainian drones hit Lgov on "
          "Tuesday.",
          Want("Smirnov", "RU", "strike", "Lgov", TUE)),
    _case("northeast-of", "Russian forces advanced in three areas northeast of Sudzha, "
          "the Institute for the Study of War said.",
          Want("Institute for the Study of War", "INDEPENDENT", "advance", "Sudzha")),
    # --- 6. dates with honest precision -------------------------------------------------
    _case("mid-month", "Russian forces struck Kharkiv in mid-February, the Kharkiv "
          "governor said.",
          Want("Kharkiv governor", "UA", "strike", "Kharkiv", "2025-02-11", "week")),
    _case("early-month", "Ukrainian troops advanced near Tyotkino in early March, "
          "Syrskyi said.",
          Want("Syrskyi", "UA", "advance", "Tyotkino", "2025-03-01", "week")),
    _case("yesterday", "Russian forces shelled Kherson yesterday, Oleksandr Prokudin said.",
          Want("Prokudin", "UA", "strike", "Kherson", THU)),
    _case("last-week", "Ukrainian forces repelled attacks near Pokrovsk last week, the "
          "General Staff said.",
          Want("General Staff", "UA", "repelled", "Pokrovsk", "2025-03-03", "week")),
    _case("month-with-year", "Russian forces captured Vuhledar in October 2024, the "
          "Russian defence ministry said.",
          Want("Russian defence ministry", "RU", "control", "Vuhledar", "2024-10-01",
               "month", "background")),
]


def _matches(claim, want: Want) -> bool:
    place = claim.mention.span.text if claim.mention else None
    return (want.claimant in claim.claimant and claim.claimant_side == want.side
            and claim.event_type == want.event and place == want.place
            and (claim.date_start.isoformat() if claim.date_start else None) == want.date
            and claim.date_precision == want.precision and claim.kind == want.kind)


def assert_wants(claims, wants) -> None:
    """Every wanted claim is among *claims*."""
    for want in wants:
        assert any(_matches(c, want) for c in claims), (want, _show(claims))


def _show(claims) -> list[tuple]:
    return [(c.claimant, c.claimant_side, c.event_type,
             c.mention.span.text if c.mention else None,
             c.date_start and c.date_start.isoformat(), c.date_precision, c.kind)
            for c in claims]


@pytest.mark.parametrize(("text", "publisher", "wants"), CASES)
def test_report(analyse, text, publisher, wants):
    _, claims = analyse(text, publisher=publisher)
    for want in wants:
        assert any(_matches(c, want) for c in claims), (want, _show(claims))


def test_at_least_sixty_cases():
    assert sum(len(case.values[2]) for case in CASES) >= 60


# --- what must not become a claim -----------------------------------------------------

@pytest.mark.parametrize("text", [
    "Photo: Ukrainian soldiers near Sudzha in the Kursk region on August 23",
    "READ MORE: Russian forces advance near Pokrovsk",
    "Read also: Ukraine strikes an airfield in the Kursk region",
    "Image by Reuters: Russian troops attacked near Toretsk",
])
def test_furniture_gives_no_claim(analyse, text):
    _, claims = analyse(text)
    assert claims == [], _show(claims)


def test_publisher_and_datelines_are_never_claimants(analyse):
    _, claims = analyse("KYIV, March 11 (Reuters) - Ukrainian forces repelled attacks near "
                        "Toretsk.\ndate 2025-03-09 MOSCOW\nRussian troops advanced near "
                        "Pokrovsk.")
    assert claims and all(c.claimant == "Reuters" for c in claims), _show(claims)
    assert not any("KYIV" in c.claimant or "MOSCOW" in c.claimant for c in claims)


def test_listed_names_are_never_claimants(analyse):
    _, claims = analyse("The North group of forces liberated 3 settlements: Agronomist, "
                        "Cossack Village and Bogdanovka.")
    assert {c.claimant for c in claims} == {"The North group of forces"}, _show(claims)


def test_anchor_is_not_a_claim_place(analyse):
    _, claims = analyse("Ukrainian troops attacked Basivka, just over the border from "
                        "Sudzha, the Russian defence ministry said.")
    assert "Sudzha" not in {c.mention.span.text for c in claims if c.mention}, _show(claims)


def test_unknown_list_item_is_approximate_at_the_implied_region(analyse):
    _, claims = analyse("Ukrainian forces liberated the settlements of Malaya Loknya and "
                        "Qzhelnovka, Syrskyi said.")
    item = next(c for c in claims if c.mention and c.mention.span.text == "Qzhelnovka")
    loknya = next(c for c in claims if c.mention and c.mention.span.text == "Malaya Loknya")
    assert item.mention.approximate
    assert item.mention.place.admin1 == loknya.mention.place.admin1
    assert "not in the gazetteer" in item.mention.reason


def test_relayed_outlet_is_not_the_claimant_of_a_governor(analyse):
    _, claims = analyse("Babel.ua reported that Syrskyi said Ukrainian troops held "
                        "positions near Sudzha.", publisher="Babel")
    claim = next(c for c in claims if c.event_type == "control")
    assert (claim.claimant, claim.claimant_side) == ("Syrskyi", "UA")


def test_region_named_in_the_sentence_constrains_the_village(analyse):
    mentions, claims = analyse(
        "Sudzha and Sverdlikovo are in the Kursk region. Russian forces attacked Kreminna "
        "and Chasiv Yar in Ukraine's Luhansk and Donetsk regions, the General Staff said.")
    regions = {m.span.text: m.place.admin1 for m in mentions if m.place is not None}
    assert regions["Kreminna"] == regions["Luhansk"]
    assert regions["Chasiv Yar"] == regions["Donetsk regions"]
    attacked = {c.mention.span.text for c in claims if c.event_type == "attack"}
    assert {"Kreminna", "Chasiv Yar"} <= attacked
