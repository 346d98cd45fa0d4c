"""Generated short reports for tests and benchmarks of scale (never real article text).

Templates are filled with place names that the gazetteer resolves, claimants of
both sides and of independent analysts, and relative dates ("on Tuesday")
consistent with each report's publication date.
"""

from __future__ import annotations

import datetime as dt
import random

from geomap.ingest.corpus import Article

PLACES = [
    ("Sudzha", "Kursk"), ("Gornal", "Kursk"), ("Malaya Loknya", "Kursk"),
    ("Snagost", "Kursk"), ("Glushkovo", "Kursk"), ("Plyokhovo", "Kursk"),
    ("Korenevo", "Kursk"), ("Lgov", "Kursk"), ("Rylsk", "Kursk"), ("Sumy", "Sumy"),
    ("Krasnopillia", "Sumy"), ("Vovchansk", "Kharkiv"), ("Kupiansk", "Kharkiv"),
    ("Lyptsi", "Kharkiv"), ("Pokrovsk", "Donetsk"), ("Toretsk", "Donetsk"),
    ("Chasiv Yar", "Donetsk"), ("Siversk", "Donetsk"), ("Velyka Novosilka", "Donetsk"),
    ("Vuhledar", "Donetsk"), ("Huliaipole", "Zaporizhzhia"), ("Orikhiv", "Zaporizhzhia"),
    ("Robotyne", "Zaporizhzhia"), ("Belgorod", "Belgorod"), ("Shebekino", "Belgorod"),
]
CLAIMANTS = {
    "RU": ["Russia's defence ministry", "Russian military bloggers"],
    "UA": ["Ukraine's general staff", "Ukraine's military"],
    "INDEPENDENT": ["The Institute for the Study of War"],
}
VERBS = ["captured", "liberated", "advanced near", "repelled an attack on", "struck targets in"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
START = dt.date(2024, 8, 6)


def generate_articles(n: int, *, seed: int = 2024) -> list[Article]:
    """*n* short dated reports, deterministic for a given *seed*."""
    rng = random.Random(seed)
    out = []
    for k in range(n):
        published = START + dt.timedelta(days=rng.randrange(0, 270))
        back = rng.randrange(1, 6)
        weekday = WEEKDAYS[(published - dt.timedelta(days=back)).weekday()]
        side = rng.choice(list(CLAIMANTS))
        claimant = rng.choice(CLAIMANTS[side])
        place, region = rng.choice(PLACES)
        other, other_region = rng.choice(PLACES)
        lines = [f"{claimant} said on {weekday} that forces had {rng.choice(VERBS)} {place} "
                 f"in the {region} region."]
        if rng.random() < 0.5:
            lines.append(f"Fighting was also reported near {other} in the {other_region} "
                         "region, according to local officials.")
        if side == "RU" and rng.random() < 0.3:
            lines.append("Ukraine's general staff denied the claim.")
        out.append(Article(doc_id=f"gen-{k:05d}", text="\n".join(lines), published=published,
                           source="geomap synthetic", url=f"https://example.org/gen/{k}"))
    return out
