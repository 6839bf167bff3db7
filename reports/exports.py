"""Every report table as CSV (UTF-8 with BOM, so spreadsheet programs read the accents)
or XLSX (openpyxl). Money is exported as whole đồng numbers; text that starts like a
formula is kept as text."""

import csv
import io
from datetime import date

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from marketplace.admin_export import spreadsheet_text

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, (int, date)):
        return value
    return spreadsheet_text(value)


def csv_bytes(table):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([str(column.title) for column in table.columns])
    for row in table.rows:
        writer.writerow([_cell(value) for value in table.values(row)])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _xlsx_cell(sheet, value):
    if value is None or isinstance(value, (int, date)):
        return value
    cell = WriteOnlyCell(sheet, value=str(value))
    cell.data_type = "s"  # text stays text, even when it starts with "="
    return cell


def xlsx_bytes(table):
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=str(table.key)[:31])
    sheet.append([str(column.title) for column in table.columns])
    for row in table.rows:
        sheet.append([_xlsx_cell(sheet, value) for value in table.values(row)])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def response(table, file_format):
    if file_format == "xlsx":
        content, content_type = xlsx_bytes(table), XLSX_TYPE
    else:
        content, content_type = csv_bytes(table), CSV_TYPE
    filename = f"{table.key}-{timezone.localdate():%Y%m%d}.{file_format}"
    answer = HttpResponse(content, content_type=content_type)
    answer["Content-Disposition"] = f'attachment; filename="{filename}"'
    return answer
