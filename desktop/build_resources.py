"""Regenerate the shipped translation and font files (a developer tool, not used at run time).

    python -m desktop.build_resources [--font-source PATH] [--fill translations.json]

1. ``pyside6-lupdate`` collects every ``tr()``/``translate()`` string of
   ``desktop/`` into ``resources/i18n/lamplight_zh_CN.ts`` (translations
   already there are kept; strings no longer used are dropped);
2. ``--fill`` merges translations from a JSON file, either
   ``{"Context": {"English source": "中文"}}`` or flat ``{"English source": "中文"}``
   (same text in every context), for translators without Qt Linguist;
3. ``pyside6-lrelease`` compiles the ``.ts`` into the ``.qm`` the app loads;
4. the Chinese font is subset with fontTools from Noto Sans CJK SC (Debian's
   ``fonts-noto-cjk``) to ASCII, Chinese punctuation, every character of the
   catalogue, all of GB 2312 and the name characters it lacks
   (:data:`NAME_CHARACTERS`), so student names and exercise texts typed in
   Chinese also show on a laptop with no Chinese font; under 5 MB.
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TS_FILE = ROOT / "resources" / "i18n" / "lamplight_zh_CN.ts"
QM_FILE = TS_FILE.with_suffix(".qm")
FONT_FILE = ROOT / "resources" / "fonts" / "LamplightSansSC-Subset.otf"
DEFAULT_FONT_SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
SC_INDEX_IN_TTC = 2  # JP, KR, SC, TC, HK: Simplified Chinese is the third font of the collection


def tool(name: str) -> str:
    """Path of a PySide6 command-line tool next to this Python (or on PATH)."""
    here = Path(sys.executable).parent / name
    found = str(here) if here.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: install PySide6-Essentials in this environment")
    return found


def update_catalogue() -> None:
    subprocess.run(
        [tool("pyside6-lupdate"), "-extensions", "py", "-no-obsolete", "-locations", "none", str(ROOT / "desktop"), "-ts", str(TS_FILE)],
        check=True,
    )


def read_catalogue(path: Path = TS_FILE) -> dict[tuple[str, str], str | None]:
    """(context, source) -> finished translation, or None when untranslated/unfinished."""
    result: dict[tuple[str, str], str | None] = {}
    root = ET.parse(path).getroot()
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            done = translation is not None and translation.get("type") not in ("unfinished", "vanished", "obsolete")
            text = translation.text if translation is not None else None
            result[(name, source)] = text if done and text else None
    return result


def fill_catalogue(translations: dict[str, Any]) -> int:
    """Write translations into the .ts; returns how many messages were filled."""
    flat = {k: v for k, v in translations.items() if isinstance(v, str)}
    tree = ET.parse(TS_FILE)
    filled = 0
    for context in tree.getroot().iter("context"):
        known = {**flat, **translations.get(context.findtext("name") or "", {})}
        for message in context.iter("message"):
            text = known.get(message.findtext("source") or "")
            if text:
                translation = message.find("translation")
                if translation is None:
                    translation = ET.SubElement(message, "translation")
                translation.text = text
                translation.attrib.pop("type", None)
                filled += 1
    tree.write(TS_FILE, encoding="utf-8", xml_declaration=True)
    return filled


def compile_catalogue() -> None:
    subprocess.run([tool("pyside6-lrelease"), "-silent", str(TS_FILE), "-qm", str(QM_FILE)], check=True)


NAME_CHARACTERS = "喆祎堃玥珺琇瑄昇婍瑢曌晞旻璟暐翀玙瑀䶮"
"""Characters of given names that GB 2312 lacks (喆 祎 堃 玥 …): on a laptop without a Chinese font they were boxes."""


def font_characters() -> str:
    """Every character the bundled font must draw."""
    chars = {chr(c) for c in range(0x20, 0x7F)}
    chars |= set("，。、；：？！“”‘’（）《》【】—…·％＋－×÷＝＜＞～￥０１２３４５６７８９")
    for text in read_catalogue().values():
        chars |= set(text or "")
    shipped = [*ROOT.glob("resources/packs/*.json"), *ROOT.glob("resources/guide/*.html"), ROOT / "engine/store/demo.py"]
    for path in shipped:  # the starter pack's Chinese, the guide, the Chinese demo names
        chars |= {c for c in path.read_text(encoding="utf-8") if ord(c) > 0x7F}
    # All of GB 2312 (levels 1 and 2: 6,763 characters, with the rarer ones of children's names such as 鑫 昊 煜 婕
    # 岚, boxes with level 1 alone in review 27) and name characters GB 2312 lacks. Every ideograph would be 10.9 MB,
    # over the house rule's 5 MB for a tracked file; a laptop's own Chinese font still draws the rest.
    for high in range(0xB0, 0xF8):  # GB 2312 rows 16-87
        for low in range(0xA1, 0xFF):
            try:
                chars.add(bytes([high, low]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    chars |= set(NAME_CHARACTERS)
    return "".join(sorted(c for c in chars if c.isprintable()))


def subset_font(source: Path) -> None:
    from fontTools import subset
    from fontTools.ttLib import TTCollection

    if not source.exists():
        raise SystemExit(f"{source} not found: apt-get install fonts-noto-cjk, or pass --font-source")
    font = TTCollection(str(source)).fonts[SC_INDEX_IN_TTC] if source.suffix == ".ttc" else None
    if font is None:
        from fontTools.ttLib import TTFont

        font = TTFont(str(source))
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False
    options.desubroutinize = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=font_characters())
    subsetter.subset(font)
    for record in font["name"].names:
        if record.nameID in (1, 4, 16):
            record.string = "Lamplight Sans SC"
        elif record.nameID == 6:
            record.string = "LamplightSansSC-Regular"
    FONT_FILE.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(FONT_FILE))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--font-source", type=Path, default=DEFAULT_FONT_SOURCE)
    parser.add_argument("--fill", type=Path, help="JSON {context: {source: translation}} to merge into the catalogue")
    parser.add_argument("--no-font", action="store_true", help="skip the font subset")
    args = parser.parse_args(argv)
    update_catalogue()
    if args.fill:
        print(f"filled {fill_catalogue(json.loads(args.fill.read_text(encoding='utf-8')))} translations")
    missing = [f"{c}: {s}" for (c, s), t in read_catalogue().items() if not t]
    compile_catalogue()
    if not args.no_font:
        subset_font(args.font_source)
        print(f"{FONT_FILE.relative_to(ROOT)}: {FONT_FILE.stat().st_size / 1e6:.2f} MB")
    if missing:
        print(f"{len(missing)} strings still need a Chinese translation:")
        print("\n".join(f"  {m}" for m in missing))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
