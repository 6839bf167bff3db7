"""The sample recognition list rewritten as XLSX and as national-system JSON pages."""

from datetime import date

from openpyxl import Workbook

from .conftest import sample_rows


def _iso(text):
    """'18/07/2024' → '2024-07-18', kept as text so impossible dates stay impossible."""
    if not text:
        return None
    day, month, year = text.split("/")
    return f"{year}-{month}-{day}"


def _excel_date(text):
    """A real spreadsheet date where the day exists, the original text where it does not."""
    day, month, year = (int(part) for part in text.split("/"))
    try:
        return date(year, month, day)
    except ValueError:
        return text


def write_sample_xlsx(path):
    """The sample as a province would send it: a title row, dates as dates, scores as numbers."""
    header, *rows = sample_rows()
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["DANH SÁCH SẢN PHẨM OCOP ĐƯỢC CÔNG NHẬN (kèm theo Quyết định)"])
    sheet.append(header)
    for row in rows:
        cells = list(row)
        cells[0] = int(cells[0])
        cells[6] = float(cells[6])  # score
        cells[7] = f"{cells[7]} sao"
        cells[10] = _excel_date(cells[10])
        if cells[13]:
            cells[13] = _excel_date(cells[13])
        sheet.append([cell if cell != "" else None for cell in cells])
    workbook.save(path)
    return path


def sample_json_items():
    header, *rows = sample_rows()
    items = []
    for row in rows:
        cell = dict(zip(header, row, strict=True))
        revoked = cell["Trạng thái"] == "Thu hồi"
        item = {
            "id": int(cell["STT"]),
            "name": cell["Tên sản phẩm"],
            "type": "food",
            "ocop_star": int(cell["Hạng sao"]),
            "ocop_certificate_number": cell["Số giấy chứng nhận"],
            "decision_number": cell["Số quyết định"],
            "issued_on": _iso(cell["Ngày quyết định"]),
            "is_national": cell["Cấp công nhận"] == "Trung ương",
            "score": float(cell["Điểm"]),
            "product_set": int(cell["Bộ sản phẩm"]),
            "status": "revoked" if revoked else "active",
            "manufacturer": {
                "name": cell["Chủ thể"],
                "representative": "",
                "address": cell["Địa chỉ"],
                "phone_number": "",
                "email": "",
            },
        }
        if revoked:
            item["revoked_on"] = _iso(cell["Ngày thu hồi"])
            item["revocation_reason"] = cell["Lý do thu hồi"]
        items.append(item)
    return items


def json_pages(items, page_size, url_for_page):
    """Paginated bodies {count, next, results}; ``url_for_page(n)`` gives page n's URL."""
    pages = [items[i : i + page_size] for i in range(0, len(items), page_size)]
    return [
        {
            "count": len(items),
            "next": url_for_page(number + 2) if number + 1 < len(pages) else None,
            "results": page,
        }
        for number, page in enumerate(pages)
    ]
