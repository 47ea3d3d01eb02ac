"""The bundle's self-test: ``lamplight-smoke OUTDIR`` (a console program shipped next to ``lamplight``).

It walks the path a teacher's first session takes, with the modules frozen
into the bundle, and fails loudly if any piece is missing from it:

1. a fresh data folder under ``OUTDIR`` with the demo class (SQLite store,
   starter pack from ``resources/packs``);
2. the class's model loaded from ``resources/models`` and calibrated, then
   one student adapted to five answers and predictions made (torch);
3. one meta-learning step through ``torch.func`` (``grad`` inside ``vmap``),
   the code path of ``lamplight-engine model train``;
4. one written question marked by the shipped marking model
   (``resources/models/marking``, engine.marking): six answers grouped, two
   marked by the teacher, a mark with its confidence suggested for the rest;
5. the worksheet PDF of that student, made by the desktop's own worksheet
   and PDF functions (Qt, offscreen) into ``OUTDIR/worksheet.pdf``;
6. a second data folder encrypted with SQLCipher (Settings → "Encrypt the
   data…") and opened again with its key.

Prints one line per step and ``smoke test passed``; exits 0, or 1 with the
error.
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from engine.classroom import Classroom


def _step(message: str, began: float) -> None:
    print(f"[{time.perf_counter() - began:6.2f} s] {message}", flush=True)


def check_meta_learning() -> float:
    """One second-order MAML step on tiny logistic-regression tasks; returns the query loss."""
    import torch

    from engine.model.meta import MAML

    def loss(fast, shared, batch):
        logits = batch["x"] @ fast["w"]
        return torch.nn.functional.binary_cross_entropy_with_logits(logits, batch["y"])

    generator = torch.Generator().manual_seed(0)
    x = torch.randn(4, 8, 3, generator=generator)
    y = (x[..., 0] > 0).float()
    init = {"w": torch.zeros(3, requires_grad=True)}
    value = MAML(loss, inner_lr=0.5, steps=2).meta_backward(init, {}, {"x": x, "y": y}, {"x": x, "y": y})
    if init["w"].grad is None or not torch.isfinite(init["w"].grad).all():
        raise RuntimeError("torch.func meta-gradient missing or not finite")
    return value


# One small written question, as a class would answer it: a duplicate (after normalisation), clearly right and clearly
# wrong answers. The teacher marks two; the shipped model suggests the rest.
MARKING_PROMPT = "What does a plant make in photosynthesis, and from what?"
MARKING_REFERENCE = "Plants use light energy to make food (sugar) from carbon dioxide and water."
MARKING_ANSWERS = [
    "Plants make food from sunlight",          # 0: marked right by the teacher
    "plants eat soil",                         # 1: marked wrong by the teacher
    "PLANTS MAKE FOOD FROM SUNLIGHT!",         # 2: the same as 0 after normalisation
    "It makes sugar from light, water and carbon dioxide",
    "they sleep at night",
    "plants use sunlight to make their food",
]
MARKING_RIGHT, MARKING_WRONG = (2, 3, 5), (4,)


def check_marking() -> str:
    """The shipped marking model (resources/models/marking) marks one question from two teacher marks; a summary."""
    from engine.marking.marker import MarkingSession, default_marker_path

    session = MarkingSession(MARKING_PROMPT, [MARKING_REFERENCE], MARKING_ANSWERS)
    groups = session.groups()
    if [0, 2] not in groups or len(groups) != len(MARKING_ANSWERS) - 1:
        raise RuntimeError(f"answers not grouped as expected: {groups}")
    session.mark(0, 1.0)
    session.mark(1, 0.0)
    suggestions = {s.index: s for s in session.suggestions()}
    if sorted(suggestions) != [2, 3, 4, 5]:
        raise RuntimeError(f"suggestions for the wrong answers: {sorted(suggestions)}")
    if not all(0.0 <= s.confidence <= 1.0 and 0.0 <= s.p_right <= 1.0 for s in suggestions.values()):
        raise RuntimeError(f"confidences out of range: {suggestions}")
    # The duplicate of a right answer is right; every right answer ranks above every wrong one.
    if suggestions[2].score != 1.0 or min(suggestions[i].p_right for i in MARKING_RIGHT) <= max(
            suggestions[i].p_right for i in MARKING_WRONG):
        raise RuntimeError(f"the marking model ranks a wrong answer above a right one: {suggestions}")
    marks = ", ".join(f"{i}:{'right' if s.score else 'wrong'} ({s.confidence:.2f})" for i, s in sorted(suggestions.items()))
    return f"{type(session.marker).__name__} from {default_marker_path().name} suggested {marks}"


def check_encryption(folder: Path) -> str:
    """A one-student store encrypted (SQLCipher inside the bundle), then opened again; a summary."""
    from engine.security import encryption
    from engine.security.passwords import Credentials, new_recovery_key
    from engine.store import Store

    password = "smoke-test-lantern-42"
    with Store.open(folder) as store:
        store.add_student(store.create_class("Encrypted class"), "Li Xiaoming")
        Credentials(store.get_setting, store.set_setting).setup(password)
    encryption.enable(folder, password, new_recovery_key())
    if not encryption.is_encrypted(folder):
        raise RuntimeError("the data folder is not encrypted after turning encryption on")
    with Store.open(folder) as store:
        names = [s.name for c in store.list_classes() for s in store.list_students(c.id)]
    if names != ["Li Xiaoming"]:
        raise RuntimeError(f"the encrypted store reads back {names}")
    return "one class encrypted and read back"


def run(out_dir: Path) -> None:
    """Everything above; raises on the first failure."""
    import numpy as np

    began = time.perf_counter()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    out_dir.mkdir(parents=True, exist_ok=True)
    data_dir = out_dir / "data"
    if data_dir.exists() and any(data_dir.iterdir()):
        raise RuntimeError(f"{data_dir} is not empty: the smoke test needs a fresh data folder")

    from desktop import pdf
    from desktop.app import create_application
    from desktop.views.reports import printout_texts, worksheet_sections
    from engine import __version__
    from engine.store import Store
    from engine.store.demo import create_demo_class

    _step(f"lamplight {__version__}, python {sys.version.split()[0]}, frozen={getattr(sys, 'frozen', False)}", began)
    app = create_application([sys.argv[0]])
    with Store.open(data_dir) as store:
        class_id = create_demo_class(store)
        _step(f"demo class {class_id} created in {data_dir}", began)

        service = Classroom(store).service(class_id)
        model = service.model()
        items = list(dict.fromkeys(service.log().item_ids))[:20]
        state = model.adapt(items[:5], [1.0, 0.0, 1.0, 1.0, 0.0])
        predictions = np.asarray(model.predict(state, items), dtype=float)
        if predictions.shape != (len(items),) or not np.all((predictions > 0) & (predictions < 1)):
            raise RuntimeError(f"predictions out of range: {predictions}")
        _step(f"model calibrated, one student adapted, {len(items)} predictions in (0, 1)", began)

        query_loss = check_meta_learning()
        _step(f"torch.func meta-learning step ok (query loss {query_loss:.3f})", began)

        _step(f"written answers marked: {check_marking()}", began)

        student = store.list_students(class_id)[0]
        overviews = Classroom(store).overviews(class_id, [student.id], steps=5, worksheets=True)
        texts = printout_texts()
        sections = worksheet_sections(overviews, texts, "Demo class")
        target = pdf.write_pdf(out_dir / "worksheet.pdf", "Worksheet", sections, "A4", pdf.CHILD, texts["page"])
        head = Path(target).read_bytes()[:5]
        if head != b"%PDF-" or Path(target).stat().st_size < 1000:
            raise RuntimeError(f"{target} is not a PDF")
        _step(f"worksheet PDF written: {target} ({Path(target).stat().st_size} bytes)", began)
    _step(f"encryption: {check_encryption(out_dir / 'encrypted')}", began)
    app.quit()


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or args[0].startswith("-"):
        print("usage: lamplight-smoke OUTDIR   (OUTDIR gets a fresh data folder and worksheet.pdf)", file=sys.stderr)
        return 2
    try:
        run(Path(args[0]))
    except Exception as exc:  # a smoke test reports every failure the same way
        import traceback

        traceback.print_exc()
        print(f"smoke test FAILED: {exc}", file=sys.stderr, flush=True)
        return 1
    print("smoke test passed", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
