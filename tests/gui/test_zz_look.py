from PySide6.QtGui import QImage
from tests.gui.test_printouts_paper import _press

def test_look(make_window, tmp_path, monkeypatch):
    import pypdfium2
    window = make_window(language="zh_CN")
    store, class_id = window.context.store, window.context.class_id
    store.set_setting("paper_size", "A4")
    for n in range(30 - len(store.list_students(class_id))):
        store.add_student(class_id, f"学生{n + 1:02d}")
    page = window.open_page("reports")
    page.refresh()
    _press(monkeypatch, page.report_pdf_button, tmp_path / "class.pdf")
    doc = pypdfium2.PdfDocument(str(tmp_path / "class.pdf"))
    for i in range(3):
        a = doc[i].render(scale=1.3).to_numpy().copy()
        fmt = QImage.Format.Format_RGB888 if a.shape[2] == 3 else QImage.Format.Format_RGBA8888
        QImage(a.data, a.shape[1], a.shape[0], a.strides[0], fmt).copy().save(f"/tmp/look_cr_{i}.png")
