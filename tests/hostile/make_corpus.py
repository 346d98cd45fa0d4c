"""Write the hostile regression corpus of issue 17 into this folder (run once; the
files are committed). Every text is written here; none comes from real reporting.

    python tests/hostile/make_corpus.py
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPORT = ("Russia's defence ministry said on Tuesday that its forces had taken control of "
          "the village of Gornal in the Kursk region. Kyiv did not comment.\n")


def articles(folder: Path) -> None:
    """A folder corpus: hostile files beside ordinary ones (see README "Bad input")."""
    folder.mkdir(exist_ok=True)
    dated = "---\npublished: 2025-04-15\nsource: Example Wire\n---\n"
    (folder / "ordinary.md").write_text(dated + REPORT, encoding="utf-8")
    (folder / "brackets.md").write_text(
        dated + "(" * 8000 + "Sudzha." + ")" * 8000 + "\n" + REPORT, encoding="utf-8")
    (folder / "quotes.md").write_text(dated + '"' * 4000 + "\n" + REPORT, encoding="utf-8")
    (folder / "emoji.md").write_text(dated + "\U0001F525" * 4000 + "\n" + REPORT,
                                     encoding="utf-8")
    bomb = "---\n" + "a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
    bomb += "".join(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 8) + "]\n"
                    for i in range(1, 9))
    bomb += "title: *a8\n---\n" + REPORT
    (folder / "yaml_bomb.md").write_text(bomb, encoding="utf-8")
    for name in ("d01 dup.md", "d01 dup.txt", "d01_dup.md", "d01_dup.txt"):
        (folder / name).write_text(dated + REPORT.replace("Gornal", "Belgorod")
                                   .replace("village", "city"), encoding="utf-8")
    utf16 = ("Ukrainian forces said on Monday that they had pushed Russian troops out of "
             "Sudzha, a town in the Kursk region.\n")
    (folder / "utf16_bom.txt").write_bytes(utf16.encode("utf-16"))
    (folder / "utf16_nobom.txt").write_bytes(utf16.encode("utf-16-le"))
    (folder / "utf32.txt").write_bytes(utf16.encode("utf-32"))
    (folder / "ancient.md").write_text(
        "---\npublished: 0001-01-01\n---\nLast week Russian forces captured Gornal, the "
        "Russian defence ministry said.\n", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    (folder / "manifest_dated.txt").write_text(REPORT, encoding="utf-8")
    (folder / "manifest.csv").write_text(
        "file;published;publisher\nmanifest_dated.txt;-1;Example Wire\n", encoding="utf-8")


def jsonl(path: Path) -> None:
    """A JSON Lines corpus with a deep line, lone surrogates, NaN and an ordinary line."""
    lines = [
        json.dumps({"id": "fine", "text": REPORT, "published": "2025-04-15"}),
        "[" * 100_000 + "]" * 100_000,
        '{"id": "surrogate", "text": "' + REPORT.strip() + '", "title": "\\ud800 bad", '
        '"source": "\\udfff", "published": "2025-04-15"}',
        '{"id": "nan", "text": "' + REPORT.strip() + '", "title": NaN}',
        '{"id": "fine", "text": "duplicate id"}',
        "not json at all",
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def manifests(folder: Path) -> None:
    """Malformed manifests, one per file."""
    folder.mkdir(exist_ok=True)
    (folder / "no_file_column.csv").write_text("name,published\na.txt,2025-01-01\n")
    (folder / "empty.csv").write_bytes(b"")
    (folder / "semicolon.csv").write_text("file;published;publisher\na.txt;2025-01-02;Wire\n")
    (folder / "cp1251.csv").write_bytes("file,published,publisher\na.txt,2025-01-03,Вести\n"
                                        .encode("cp1251"))
    (folder / "utf16.csv").write_bytes("file,published\na.txt,2025-01-04\n".encode("utf-16"))
    (folder / "binary.csv").write_bytes(b"\x00\x01\x02\x03PK\x03\x04" * 64)
    (folder / "too_many_fields.csv").write_text("file,published\na.txt,2025-01-06,extra\n")


if __name__ == "__main__":
    articles(HERE / "articles")
    jsonl(HERE / "hostile.jsonl")
    manifests(HERE / "manifests")
