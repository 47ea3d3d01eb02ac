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
    """Write translations into the .ts; returns how many messages were filled. A message with a comment (Qt's
    disambiguation) is named "source|comment"."""
    flat = {k: v for k, v in translations.items() if isinstance(v, str)}
    tree = ET.parse(TS_FILE)
    filled = 0
    for context in tree.getroot().iter("context"):
        known = {**flat, **translations.get(context.findtext("name") or "", {})}
        for message in context.iter("message"):
            comment = message.findtext("comment")
            text = known.get(f"{message.findtext('source') or ''}|{comment}" if comment else message.findtext("source") or "")
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


NAME_CHARACTERS = (
    "䶮喆垚堃妘妡妧姞婍婠婤婥婩婫婬婭婰婳婹婻婼婽婾媃媄媅媇媈媊媋媌媍媎媏媐媓媔媕媖媗媘媙媜媝媞媠媡媢媤媥媦媨媩媫媬媭媮媯媰媱媴媶媷媹媺媻媼媽媿嫄嫚嬅嬿宬崟彧旸旻旼昇昉昍昑昒昚昛昞昡昣昤昦昩昪昫昬昮昰昳昷昺"
    "昻昽晅晈晊晍晎晐晙晛晜晞晠晢晥晧晩晪晫晬晭晳晵晸晹晻晼晽晿暀暁暃暅暆暎暐暒暕暘暙暚暛暞暟暠暡暣暤暭暲暳暵暶暸暻曀曁曂曃曈曌曍曎曏曐曒曓曔曕曗曘曚曞曟曡曣曧杺梽梾梿棁棅棆棇棈棊棌棎棏棐棑棓棔棖棗棙棛棜棝"
    "棞棟棡棢棤棥棦棨棩棪棫棬棭棯棲棳棴棶棷棸棻棽棾棿椀椂椃椄椆椇椈椉椊椌椏椑椓椔椕椖椗椘椙椚椛検椝椞椡椢椣椥椦椧椨椩椪椫椬椮椯椱椲椳椵椶椷椸椺椻椼椾楀楁楃楄楅楆楇楈楉楊楋楌楍楎楏楐楑楒楓楕楖楘楙楛楜楟楡楢"
    "楤楥楧楨楩楪楬業楯楰楲楳楴楶楺楻楽楾楿榁榃榅榊榋榌榎榏榐榑榒榓榖榗榙榚榝榞榟榠榡榢榣榤榥榦榩榪榬榯榰榲榳榵榶榸榹榺榼榽榾榿槀槂槃槄槅槆槇槈槉構槍槏槑槒槓槕槖槗様槙槚槜槝槞槡槢槣槤槥槦槧槨槩槪槫槬槮槯槰"
    "槱槳槴槵槶槷槸槹槺槻槼槾樀樁樂樃樄樅樆樇樈樉樋樌樍樎樏樐樑樒樓樔樕樖標樚樛樜樝樞樠樢樣樤樥樦樧権樫樬樭樮樰樲樳樴樶樷樹樺樻樼樿橀橁橂橃橅橆橈橉橊橋橌橍橎橏橑橒橓橔橕橖橗橚橜橝橞機橠橢橣橤橦橧橨橩橪橫橬"
    "橭橮橯橰橲橳橴橵橶橷橸橺橻橽橾橿檁檂檃檅檆檇檈檉檊檋檌檍檏檒檓檔檕檖檘檙檚檛檜檝檞檟檡檢檣檤檥檦檧檨檪檭檮檯檰檱檲檳檴檵檶檷檸檹檺檻檼檽檾檿櫀櫁櫂櫃櫄櫅櫆櫇櫈櫉櫊櫋櫌櫍櫎櫏櫐櫑櫒櫓櫔櫕櫖櫗櫘櫙櫚櫛櫜櫝"
    "櫞櫟櫠櫡櫢櫣櫤櫥櫦櫧櫨櫩櫪櫫櫬櫭櫮櫯櫰櫱櫲櫳櫴櫵櫶櫷櫸櫹櫺櫻櫼櫽櫾櫿沄沇沋沍沒沕沘沚沜沝沞沠沢沨沬沯沰沴沵泃泆泇泈泋泍泎泏泑泒泘泙泚泜泝泟泤泦泧泩泬泭泲泴泹泿洀洂洃洅洆洈洊洍洏洐洑洓洔洕洖洘洜洝洠洡洢"
    "洣洤洦洨洬洭洯洰洴洶洷洸洺洿浀浂浄浉浌浐浕浖浗浘浛浝浟浡浢浤浥浧浨浫浬浭浰浱浲浳浵浶浹浺浻浽浾浿涀涁涃涄涆涇涊涋涍涏涐涒涖涗涘涙涚涜涢涥涬涭涰涱涳涴涶涷涹涺涻涼涽涾淁淂淃淈淉淊淍淎淏淐淒淓淔淕淗淚淛淜"
    "淟淢淣淥淧淨淩淪淭淯淰淲淴淵淶淸淺淽淾淿渀渁渂渃渄渆渇済渋渏渒渓渕渘渙減渜渞渟渢渦渧渨渪渮渰渱渳渵渶渷渹渻渼渽渿湀湁湂湅湆湇湈湉湋湌湏湐湑湒湕湗湙湚湜湝湞湠湡湢湣湤湥湦湧湨湩湪湬湭湯濛炘炤烜烠烡烱烳烵"
    "烶烸烺烻烼焀焃焄焅焆焇焈焌焎焏焒焜焞焟焠焥焩焫焬焮焲焳焴焵焷焸焹焺焻焽焾焿煀煁煂煃煄煇煈煋煍煐煑煒煓煔煕煖煗煚煝煟煠煡煢煣煥煪煫煬煭煯煰煱煴煵煶煷煹煻煼熀熁熂熅熇熈熉熍熐熑熒熓熖熗熚熛熜熝熞熡熤熥熦熭"
    "熯熰熲熴熶熷熸熺熻熼熽熾熿燀燁燂燄燅燆燇燊燋燌燍燏燐燑燓燖燘燚燛燝燡燢燣燤燦燨燫燬燯燰燱燲燳燴燵燶燷燸燺燼燽燿犇玏玓玙玠玤玥玦玶玹珅珋珌珓珝珣珵珶珷珹珺珽琀琁琂琇琎琝琡琤琫琭琯琲瑀瑂瑃瑄瑅瑆瑊瑑瑒瑔瑝"
    "瑢瑥瑦瑧瑨瑫瑮瑯瑱瑳瑴瑸瑺璂璆璈璊璒璕璘璙璟璠璥璪璬璮璯璱璲璵璶璷璹璻璼璿瓀瓁瓃瓅瓈瓊瓋瓏瓑瓔瓖瓘祎翀翾芃赟錡镕雱霙頔骉"
)
"""Characters of given names that GB 2312 lacks (喆 祎 堃 玥 赟 燚 彧 …): on a laptop without a Chinese font they were
boxes (reviews 27 and 31a). Popular name characters and the rest of their families (王, 日, 火, 女, 木, 氵 beside them)."""


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
    chars |= {chr(code) for code in range(0xFF01, 0xFF5F)}  # full-width forms a Chinese keyboard types (review 51c: ／)
    for high in (*range(0xA1, 0xAA), *range(0xB0, 0xF8)):  # GB 2312's symbols (□ ○ △ ≈ ≠ ℃ π ①, rows 1-9) and 16-87
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
