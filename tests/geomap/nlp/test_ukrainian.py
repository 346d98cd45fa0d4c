"""Ukrainian posts written for these tests in the styles of the General Staff, regional
military administrations and Ukrainian commanders: claimant side, event type, place (10 km
or approximate at its region) and date, through the real pipeline."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.geomap.nlp import slavic_cases
from tests.geomap.nlp.slavic_cases import check_post, run

extractor = slavic_cases.extractor  # the shared fixture
PUB = dt.date(2025, 3, 13)  # a Thursday

CASES = [
    ("Генштаб ЗСУ: упродовж минулої доби Сили оборони відбили 12 атак в районі населених "
     "пунктів Покровськ, Мирноград та Лисівка.",
     dict(side="UA", event="repelled", place="Myrnohrad", date="2025-03-12", count=12,
          actor="UA")),
    ("Генштаб ЗСУ: тривають бої поблизу Торецька.",
     dict(side="UA", event="fighting", place="Toretsk", date="2025-03-13")),
    ("Генштаб ЗСУ: ворог намагався просунутися біля Часового Яру у вівторок.",
     dict(side="UA", event="attack", place="Chasiv Yar", date="2025-03-11", actor="RU")),
    ("Олександр Сирський: на Курщині наші підрозділи утримують позиції поблизу Суджі.",
     dict(side="UA", event="control", place="Sudzha", date="2025-03-13", actor="UA")),
    ("Сумська ОВА: минулої ночі ворог обстріляв Суми з артилерії, пошкоджено будинки.",
     dict(side="UA", event="strike", place="Sumy", date="2025-03-12", actor="RU")),
    ("Харківська ОВА: учора росіяни завдали удару КАБами по Вовчанську.",
     dict(side="UA", event="strike", place="Vovchansk", date="2025-03-12", actor="RU")),
    ("Генштаб ЗСУ: на Покровському напрямку ворог 15 разів атакував позиції наших військ "
     "поблизу Покровська.",
     dict(side="UA", event="attack", place="Pokrovsk", date="2025-03-13", actor="RU")),
    ("Сили оборони звільнили Малу Локню Курської області, повідомив Сирський.",
     dict(side="UA", event="control", place="Malaya Loknya", date="2025-03-13", actor="UA")),
    ("Генштаб ЗСУ: минулого тижня окупанти просунулися біля Курахового.",
     dict(side="UA", event="advance", place="Kurakhove", date="2025-03-03", actor="RU")),
    ("ДПСУ: 10 березня прикордонники відбили штурм поблизу Вовчанська.",
     dict(side="UA", event="repelled", place="Vovchansk", date="2025-03-10", actor="UA")),
    ("Генштаб ЗСУ спростовує заяву Міноборони РФ про захоплення Горналі.",
     dict(side="UA", event="denial", place="Gornal", date="2025-03-13")),
    ("Генштаб ЗСУ: у середу на Лиманському напрямку тривали бої в районі Лимана.",
     dict(side="UA", event="fighting", place="Lyman", date="2025-03-12")),
    ("Зеленський: наші воїни продовжують утримувати Суджу, росіяни не змогли її захопити.",
     dict(side="UA", event="control", place="Sudzha", date="2025-03-13", actor="UA")),
    ("Запорізька ОВА: ворог 5 разів обстріляв Гуляйполе, поранено двох людей.",
     dict(side="UA", event="strike", place="Huliaipole", date="2025-03-13", actor="RU")),
    ("Повітряні сили ЗСУ: цієї ночі ворог атакував Харків ударними БпЛА типу Shahed.",
     dict(side="UA", event="strike", place="Kharkiv", date="2025-03-12", actor="RU")),
    ("Генштаб ЗСУ: на Куп'янському напрямку ворог тричі намагався наступати біля Куп'янська.",
     dict(side="UA", event="attack", place="Kupiansk", date="2025-03-13", actor="RU")),
    ("Генштаб ЗСУ: два дні тому Сили оборони відбили дві атаки біля Великої Новосілки.",
     dict(side="UA", event="repelled", place="Velyka Novosilka", date="2025-03-11",
          count=2)),
    ("Сирський: 12 березня підрозділи ЗСУ просунулися біля Торецька на 1,5 км.",
     dict(side="UA", event="advance", place="Toretsk", date="2025-03-12", actor="UA")),
    ("Генштаб ЗСУ: ворог намагався вклинитися в нашу оборону під Часовим Яром.",
     dict(side="UA", event="attack", place="Chasiv Yar", date="2025-03-13", actor="RU")),
    ("Сили оборони відбили атаку на Новосорочине Курської області, повідомив Генштаб ЗСУ.",
     dict(side="UA", event="repelled", place=None, region="RU-KRS", date="2025-03-13")),
    ("Генштаб ЗСУ: бої тривають у Курській області.",
     dict(side="UA", event="fighting", place=None, region="RU-KRS", date="2025-03-13")),
    ("__Генштаб ЗСУ__ 🇺🇦 #Покровськ: за добу ворог 20 разів атакував поблизу Пoкровська. "
     "https://t.me/example/2",
     dict(side="UA", event="attack", place="Pokrovsk", date="2025-03-12", actor="RU")),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[str(k) for k in range(len(CASES))])
def test_ukrainian_post(extractor, text, expected):
    check_post(extractor, text, "uk", PUB, expected)


def test_at_least_twenty_posts_per_language():
    from tests.geomap.nlp.test_russian import CASES as RUSSIAN

    assert len(CASES) >= 20 and len(RUSSIAN) >= 20


def test_kursk_region_in_ukrainian_and_its_nickname(extractor):
    for text in ("Бої тривають на Курщині.", "Бої тривають у Курській області."):
        rows = run(extractor, text, "uk", PUB)
        assert [r["admin1"] for r in rows] == ["RU-KRS"], text


def test_homoglyph_sudzha(extractor):
    rows = run(extractor, "Сили оборони утримують Сyджу.", "uk", PUB)
    assert [r["place_label"] for r in rows] == ["Sudzha"]
    assert "Latin look-alike" in rows[0]["notes"]
