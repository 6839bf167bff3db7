"""Print-ready QR label sheets: A4 PDF, a grid of labels, each with the QR of the product's
trace URL, its name, stars, certificate number and producer (reportlab).

The QR is drawn as vector squares (one per dark module, quiet zone kept white), so it
prints sharp at any resolution. Text uses a TrueType font with Vietnamese glyphs: the
first of ``FONT_CANDIDATES`` found (Debian's fonts-dejavu-core), else reportlab's Vera.
"""

import io
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from catalog import qr

COLUMNS, ROWS = 2, 6  # 12 labels of 95 × 46 mm on A4
MARGIN_X, MARGIN_Y = 10 * mm, 10.5 * mm
QR_SIZE = 36 * mm  # symbol plus quiet zone
PADDING = 4 * mm
MAX_LABELS = 600  # 50 pages: a bound for one request

DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans"
LIBERATION = "/usr/share/fonts/truetype/liberation/LiberationSans"
FONT_CANDIDATES = (
    (f"{DEJAVU}.ttf", f"{DEJAVU}-Bold.ttf"),
    (f"{LIBERATION}-Regular.ttf", f"{LIBERATION}-Bold.ttf"),
)
FONT, BOLD = "OcopLabel", "OcopLabel-Bold"


def register_fonts():
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    for regular, bold in FONT_CANDIDATES:
        if Path(regular).exists() and Path(bold).exists():
            break
    else:
        import reportlab

        fonts = Path(reportlab.__file__).parent / "fonts"
        regular, bold = fonts / "Vera.ttf", fonts / "VeraBd.ttf"
    pdfmetrics.registerFont(TTFont(FONT, str(regular)))
    pdfmetrics.registerFont(TTFont(BOLD, str(bold)))


def label_facts(product):
    certification = product.current_certification
    return {
        "url": qr.trace_url(product.trace_code),
        "name": product.name,
        "stars": "★" * certification.stars if certification else "",
        "certificate": certification.certificate_number if certification else "",
        "producer": product.producer.name,
    }


def draw_qr(pdf, url, x, y, size):
    """The symbol (with its quiet zone) in a ``size`` square whose lower-left is (x, y)."""
    symbol = qr.make_qr(url)
    matrix = [list(row) for row in symbol.matrix]
    modules = len(matrix) + 2 * qr.QUIET_ZONE
    step = size / modules
    pdf.setFillColorRGB(1, 1, 1)
    pdf.rect(x, y, size, size, stroke=0, fill=1)
    pdf.setFillColorRGB(0, 0, 0)
    for row_index, row in enumerate(matrix):
        top = y + size - (row_index + qr.QUIET_ZONE + 1) * step
        run_start = None
        for col_index, dark in enumerate([*row, 0]):
            if dark and run_start is None:
                run_start = col_index
            elif not dark and run_start is not None:  # one rectangle per run of dark modules
                left = x + (run_start + qr.QUIET_ZONE) * step
                pdf.rect(left, top, (col_index - run_start) * step, step, stroke=0, fill=1)
                run_start = None


def wrap(text, font, size, width, max_lines):
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if pdfmetrics.stringWidth(candidate, font, size) <= width or not line:
            line = candidate
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1].rstrip(".,") + "…"
    return lines


def draw_label(pdf, facts, x, y, width, height):
    pdf.setStrokeColorRGB(0.8, 0.8, 0.8)
    pdf.setLineWidth(0.3)
    pdf.rect(x, y, width, height, stroke=1, fill=0)  # a light cutting guide
    draw_qr(pdf, facts["url"], x + PADDING / 2, y + (height - QR_SIZE) / 2, QR_SIZE)
    text_x = x + QR_SIZE + PADDING
    text_width = width - QR_SIZE - 1.5 * PADDING
    cursor = y + height - PADDING - 3 * mm
    pdf.setFillColorRGB(0, 0, 0)
    for line in wrap(facts["name"], BOLD, 10, text_width, 3):
        pdf.setFont(BOLD, 10)
        pdf.drawString(text_x, cursor, line)
        cursor -= 4.5 * mm
    if facts["stars"]:
        pdf.setFillColorRGB(0.85, 0.6, 0)
        pdf.setFont(FONT, 12)
        pdf.drawString(text_x, cursor, facts["stars"] + " OCOP")
        pdf.setFillColorRGB(0, 0, 0)
        cursor -= 5 * mm
    pdf.setFont(FONT, 7.5)
    if facts["certificate"]:
        pdf.drawString(text_x, cursor, f"GCN: {facts['certificate']}")
        cursor -= 3.8 * mm
    for line in wrap(facts["producer"], FONT, 7.5, text_width, 2):
        pdf.drawString(text_x, cursor, line)
        cursor -= 3.4 * mm


def label_sheet_pdf(products, title="Nhãn QR OCOP"):
    """The PDF (bytes) of labels for ``products`` (with producer and current certificate)."""
    register_fonts()
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setTitle(title)
    pdf.setAuthor("Chợ OCOP")
    page_width, page_height = A4
    width = (page_width - 2 * MARGIN_X) / COLUMNS
    height = (page_height - 2 * MARGIN_Y) / ROWS
    per_page = COLUMNS * ROWS
    products = list(products)[:MAX_LABELS]
    for index, product in enumerate(products):
        if index and index % per_page == 0:
            pdf.showPage()
        slot = index % per_page
        column, row = slot % COLUMNS, slot // COLUMNS
        x = MARGIN_X + column * width
        y = page_height - MARGIN_Y - (row + 1) * height
        draw_label(pdf, label_facts(product), x, y, width, height)
    if not products:
        pdf.setFont(FONT, 12)
        pdf.drawString(MARGIN_X, page_height - MARGIN_Y - 12, "Không có sản phẩm nào.")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
