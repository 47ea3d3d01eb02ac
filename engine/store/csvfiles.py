"""Reading the CSV files teachers bring: UTF-8 with or without BOM, gzip or plain, `,` `;` or tab."""
from __future__ import annotations

import csv
import gzip
import io
from pathlib import Path

from engine.errors import LamplightError


def read_text(path: Path) -> str:
    """The file's text (gunzipped when it is gzip), or a LamplightError naming the line that is not UTF-8."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise LamplightError(f"{path}: cannot read the file ({exc.strerror or exc}).") from exc
    if raw[:2] == b"\x1f\x8b":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError) as exc:
            raise LamplightError(f"{path}: the gzip file is damaged ({exc}).") from exc
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise LamplightError(
            f"{path}, line {line}: not UTF-8 text (save the file as 'CSV UTF-8' and import it again)."
        ) from None


def read_rows(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """(header, [(line number, cells)]) of a delimited file; blank lines are skipped.

    The delimiter (comma, semicolon or tab) is sniffed from the first lines.
    """
    text = read_text(path)
    if not text.strip():
        raise LamplightError(f"{path}: the file is empty.")
    sample = "\n".join(text.splitlines()[:20])
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    header: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    try:
        for cells in reader:
            if not "".join(cells).strip():
                continue
            if header is None:
                header = [c.strip() for c in cells]
                continue
            rows.append((reader.line_num, cells))
    except csv.Error as exc:
        raise LamplightError(f"{path}, line {reader.line_num}: {exc}.") from None
    return header or [], rows


def normalise_header(name: str) -> str:
    """'Student_ID ' -> 'student id' (case, spaces, '_' and '-' do not matter)."""
    return " ".join(name.replace("_", " ").replace("-", " ").casefold().split())
