"""Render a sample worksheet page and a sample quiz page to PNG (pictures for the README).

    python -m desktop.print_samples --out docs/ [--language en|zh_CN] [--paper A4|Letter] [--keep-pdf]

Makes the demo class in a temporary data folder, prints the worksheets of its
first student and a quiz with two exercises of every kind through the same
functions the app's buttons use, and renders the first page of each PDF to
``worksheet-page.png`` and ``quiz-page.png`` in ``--out`` (names get a
``-zh_CN`` / ``-Letter`` suffix for another language or paper). Rendering the
PDF needs ``pypdfium2`` (the ``dev`` extra); nothing else is downloaded.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import Any
from engine.classroom import Classroom


def render_png(pdf_path: Path, png_path: Path, page: int = 0, dpi: int = 110) -> Path:
    """Draw one page of a PDF as a PNG picture (white background)."""
    try:
        import pypdfium2
    except ImportError as exc:  # a developer tool: say what to install
        raise SystemExit("rendering needs pypdfium2: pip install -e '.[dev]'") from exc
    from PySide6.QtGui import QImage

    document = pypdfium2.PdfDocument(str(pdf_path))
    try:
        bitmap = document[page].render(scale=dpi / 72, rev_byteorder=True)
        pixels = bitmap.to_numpy()
        height, width = pixels.shape[:2]
        image = QImage(pixels.tobytes(), width, height, pixels.strides[0], QImage.Format.Format_RGB888).copy()
    finally:
        document.close()
    png_path.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(png_path), "PNG"):
        raise SystemExit(f"cannot write {png_path}")
    return png_path


def sample_quiz_exercises(store: Any, per_kind: int = 2, language: str | None = None) -> list[Any]:
    """A few exercises of every kind (numbers, short text, choices, teacher-marked) from the bank, in ``language``."""

    chosen: list[Any] = []
    for kind in ("numeric", "short_text", "multiple_choice", "teacher_marked"):
        chosen += [e for e in store.list_exercises(language) if e.kind == kind][:per_kind]
    return chosen


def make_samples(out: Path, language: str = "en", paper: str = "A4", keep_pdf: bool = False) -> list[Path]:
    """Write the sample PDFs' first pages as PNG into ``out``; returns the PNG paths."""
    from desktop import pdf
    from desktop.app import create_application
    from desktop.i18n import install_language
    from desktop.views.quiz import quiz_labels, quiz_sections
    from desktop.views.reports import printout_texts, worksheet_sections
    from engine.choices import quiz_paper
    from engine.store import Store
    from engine.store.demo import create_demo_class

    app = create_application([sys.argv[0]])
    install_language(app, language)
    suffix = ("" if language == "en" else f"-{language}") + ("" if paper == "A4" else f"-{paper}")
    written = []
    with tempfile.TemporaryDirectory(prefix="lamplight-samples-") as scratch, Store.open(Path(scratch) / "data") as store:
        class_id = create_demo_class(store, language=language)
        class_name = next(c.name for c in store.list_classes(include_archived=True) if c.id == class_id)
        student = store.list_students(class_id)[0]
        overviews = Classroom(store, language).overviews(class_id, [student.id], steps=8, worksheets=True)
        texts = printout_texts()
        sheets = pdf.write_pdf(Path(scratch) / "worksheets.pdf", texts["worksheet"], worksheet_sections(overviews, texts, class_name), paper, pdf.CHILD, texts["page"])
        labels = quiz_labels()
        title = "Quiz 1" if language == "en" else "小测验 1"
        sections = quiz_sections(title, quiz_paper(sample_quiz_exercises(store, language=language), 1), False, labels, class_name)  # choices as quiz 1 prints them
        quiz = pdf.write_pdf(Path(scratch) / "quiz.pdf", title, sections, paper, pdf.CHILD, labels["page"])
        for source, name in ((sheets, "worksheet-page"), (quiz, "quiz-page")):
            written.append(render_png(source, out / f"{name}{suffix}.png"))
            if keep_pdf:
                target = out / f"{name}{suffix}.pdf"
                target.write_bytes(source.read_bytes())
                written.append(target)
    install_language(app, "en")
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m desktop.print_samples", description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path("docs"), help="folder for the PNG files (default: docs)")
    parser.add_argument("--language", default="en", choices=["en", "zh_CN"])
    parser.add_argument("--paper", default="A4", choices=["A4", "Letter"])
    parser.add_argument("--keep-pdf", action="store_true", help="also copy the PDFs next to the pictures")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    for path in make_samples(args.out, args.language, args.paper, args.keep_pdf):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
