"""A short demonstration of the gazetteer: ``python -m gazetteer.demo``."""

from __future__ import annotations

from gazetteer import Gazetteer

EXAMPLES = (
    ("Суджа", {}), ("Sudja", {}), ("Kharkov", {}), ("Zaporozhye", {}), ("Київ", {}),
    ("Kursk region", {}), ("the Sumy Oblast", {}), ("Kurskaya oblast", {}),
    ("Belaya", {"admin1": "RU-KRS"}), ("Malaya Loknya", {}), ("Artemovsk", {}),
    ("Enerhodar village", {}), ("Donetsk International airport", {}), ("Zaporozyhe", {}),
)


def main() -> None:
    """Print how a few hard names resolve."""
    gaz = Gazetteer.default()
    print(f"{'query':32} {'resolved to':28} {'kind':10} {'admin1':7} {'lat':>9} {'lon':>9}")
    for name, hints in EXAMPLES:
        label = name + (f" [{', '.join(f'{k}={v}' for k, v in hints.items())}]" if hints else "")
        found = gaz.lookup(name, limit=1, **hints)
        if not found:
            print(f"{label:32} (no match)")
            continue
        c = found[0]
        print(f"{label:32} {c.name:28} {c.kind:10} {c.admin1 or '':7} {c.lat:9.4f} {c.lon:9.4f}")
    doc = ["Kursk region", "Sudzha", "Belaya", "Gornal"]
    print("\nJoint resolution of one document's places:", ", ".join(doc))
    for res in gaz.resolve(doc):
        c = res.candidate
        print(f"  {res.mention:14} -> {c.name} ({c.admin1}) {c.lat:.4f}, {c.lon:.4f}"
              f"  [{res.reason}]")


if __name__ == "__main__":
    main()
