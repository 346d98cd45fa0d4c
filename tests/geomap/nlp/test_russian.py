"""Russian posts written for these tests in the styles of the Defence Ministry, governors and
military bloggers: claimant side, event type, place (10 km or approximate at its region)
and date, through the real pipeline (pymorphy3, the real gazetteer)."""

from __future__ import annotations

import datetime as dt

import pytest

from geomap.extract import Extractor
from tests.geomap.nlp import slavic_cases
from tests.geomap.nlp.slavic_cases import check_post, run

extractor = slavic_cases.extractor  # the shared fixture
PUB = dt.date(2025, 3, 13)  # a Thursday

CASES = [
    ("Подразделения группировки войск «Север» в результате активных действий освободили "
     "населённый пункт Горналь Курской области.",
     dict(side="RU", event="control", place="Gornal", date="2025-03-13", actor="RU")),
    ("Минобороны России: минувшей ночью ВСУ пытались атаковать позиции под Суджей, атака "
     "отражена.", dict(side="RU", event="repelled", place="Sudzha", date="2025-03-12")),
    ("В районе Малой Локни продолжаются ожесточённые бои, сообщает Рыбарь.",
     dict(side="RU", event="fighting", place="Malaya Loknya", date="2025-03-13")),
    ("Губернатор Курской области: вчера ВСУ нанесли удар беспилотником по Курску, "
     "повреждён жилой дом.",
     dict(side="RU", event="strike", place="Kursk", date="2025-03-12", actor="UA")),
    ("Подразделения группировки войск «Центр» улучшили положение по переднему краю и "
     "продвинулись западнее Покровска.",
     dict(side="RU", event="advance", place="Pokrovsk", date="2025-03-13", actor="RU")),
    ("Минобороны РФ: за минувшие сутки отражены 5 атак штурмовых групп ВСУ в районах "
     "населённых пунктов Мирноград и Покровск.",
     dict(side="RU", event="repelled", place="Myrnohrad", date="2025-03-12", count=5)),
    ("Два майора: в четверг штурмовые отряды вошли в Торецк и закрепились в центре. "
     "Российские войска продвинулись у Торецка на 800 метров.",
     dict(side="RU", event="advance", place="Toretsk", date="2025-03-13", actor="RU")),
    ("Во вторник подразделения группировки «Юг» освободили населённый пункт Часов Яр.",
     dict(side="RU", event="control", place="Chasiv Yar", date="2025-03-11")),
    ("Губернатор Белгородской области Гладков: на прошлой неделе противник обстрелял "
     "Белгород из РСЗО.",
     dict(side="RU", event="strike", place="Belgorod", date="2025-03-03", actor="UA")),
    ("Военный осведомитель: ВСУ предпринимают контратаки у Суджи, противник пытался "
     "вклиниться в нашу оборону.",
     dict(side="RU", event="attack", place="Sudzha", date="2025-03-13", actor="UA")),
    ("Минобороны России: информация о захвате ВСУ Горнали не соответствует "
     "действительности.", dict(side="RU", event="denial", place="Gornal",
                                date="2025-03-13")),
    ("В ночь на 12 марта подразделения ВС РФ нанесли удар по пунктам дислокации ВСУ в "
     "Сумской области.", dict(side="UNKNOWN", event="strike", place=None, region="UA-59",
                              date="2025-03-11")),
    ("МО РФ: 10 марта группировка войск «Запад» освободила Купянск.",
     dict(side="RU", event="control", place="Kupiansk", date="2025-03-10", actor="RU")),
    ("Подразделения группировки войск «Восток» овладели населённым пунктом Великая "
     "Новоселка.", dict(side="RU", event="control", place="Velyka Novosilka",
                        date="2025-03-13")),
    ("Рыбарь: под Волчанском ВСУ продолжают попытки атаковать позиции наших войск.",
     dict(side="RU", event="attack", place="Vovchansk", date="2025-03-13", actor="UA")),
    ("WarGonzo: российские штурмовики продвинулись в районе Курахово, ведутся бои за "
     "промзону.", dict(side="RU", event="advance", place="Kurakhove", date="2025-03-13",
                       actor="RU")),
    ("Минобороны России: три дня назад подразделения группировки «Центр» взяли под "
     "контроль населённый пункт Лиман.",
     dict(side="RU", event="control", place="Lyman", date="2025-03-10")),
    ("Губернатор Курской области: минувшей ночью противник атаковал дронами Суджанский "
     "район, в Судже повреждены дома.",
     dict(side="RU", event="strike", place="Sudzha", date="2025-03-12")),
    ("Юрий Подоляка: на Константиновском направлении идут бои у Часова Яра.",
     dict(side="RU", event="fighting", place="Chasiv Yar", date="2025-03-13")),
    ("Юрий Подоляка: на Северском направлении идут бои у Северска.",
     dict(side="RU", event="fighting", place="Siversk", date="2025-03-13")),
    ("Минобороны России: 8 марта отражены две атаки ВСУ в районе Гуляйполя Запорожской "
     "области.", dict(side="RU", event="repelled", place="Huliaipole", date="2025-03-08",
                      count=2)),
    ("Подразделения группировки войск «Север» освободили населённый пункт Новая Сорочина "
     "Курской области.", dict(side="RU", event="control", place=None, region="RU-KRS",
                              date="2025-03-13")),
    ("**Срочно** 🔥 #Суджа: российские войска освободили Сyджу! https://t.me/example/1",
     dict(side="UNKNOWN", event="control", place="Sudzha", date="2025-03-13", actor="RU")),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[str(k) for k in range(len(CASES))])
def test_russian_post(extractor, text, expected):
    check_post(extractor, text, "ru", PUB, expected)


def test_inflected_two_word_names_are_lemmatised(extractor):
    rows = run(extractor, "В районе Малой Локни и под Суджей Курской области идут бои.",
               "ru", PUB)
    labels = {r["place_label"] for r in rows}
    assert {"Malaya Loknya", "Sudzha"} <= labels
    assert all(r["country"] == "RU" for r in rows)


def test_accusative_sudzha_is_not_suzhou(extractor):
    rows = run(extractor, "ВСУ захватили Суджу.", "ru", PUB)
    assert [r["place_label"] for r in rows] == ["Sudzha"]


def test_english_pipeline_not_loaded_for_russian(gaz):
    fresh = Extractor(gazetteer=gaz)
    run(fresh, "Бои идут у Суджи.", "ru", PUB)
    assert fresh.pipelines() == "pymorphy3-ru"


def test_village_missing_from_gazetteer_is_kept_beside_a_known_one(extractor):
    """Like the English rule: a listed village the gazetteer lacks stays, approximate at the
    region the post names, instead of being dropped as the region's "container"."""
    rows = run(extractor, "Минобороны России сообщило, что подразделения группировки «Север» "
               "освободили населённые пункты Малая Локня и Кривоярцевка Курской области.",
               "ru", PUB)
    by_name = {r["place_name"]: r for r in rows}
    assert set(by_name) == {"Малая Локня", "Кривоярцевка"}
    assert not by_name["Малая Локня"]["approximate"]
    missing = by_name["Кривоярцевка"]
    assert missing["approximate"] and missing["place_id"] == "ne:RU-KRS"
    assert "not in the gazetteer" in missing["place_reason"]
    assert all(r["event_type"] == "control" and r["claimant_side"] == "RU" for r in rows)
