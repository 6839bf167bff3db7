"""QR labels: an A4 PDF sheet of many products, single labels in SVG and PNG; every QR
scans back to the product's trace URL (zxing-cpp; the PDF through poppler's pdftoppm)."""

import io
import re
import shutil
import subprocess

import pytest
import zxingcpp
from django.urls import reverse
from PIL import Image

from catalog import labels, qr
from tests.factories import make_product

pytestmark = pytest.mark.django_db

SHEET = "/admin/ocop-catalog/labels.pdf"


def decode_all(image):
    return sorted(result.text for result in zxingcpp.read_barcodes(image))


def pdf_pages_as_images(pdf, tmp_path, dpi=200):
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    source = tmp_path / "sheet.pdf"
    source.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-png", str(source), str(tmp_path / "page")], check=True
    )
    return [Image.open(path) for path in sorted(tmp_path.glob("page*.png"))]


def trace_url(product):
    return qr.trace_url(product.trace_code)


def test_sheet_of_many_products_scans_back_to_their_trace_urls(market, users, tmp_path):
    producer = market["hai_toan"]
    products = [market["rice"].product] + [
        make_product(name=f"Gạo nếp cái hoa vàng loại {n}", producer=producer) for n in range(13)
    ]
    pdf = labels.label_sheet_pdf(products)
    assert pdf.startswith(b"%PDF")
    pages = pdf_pages_as_images(pdf, tmp_path)
    assert len(pages) == 2  # 12 labels per A4 page
    width_in, height_in = pages[0].size[0] / 200, pages[0].size[1] / 200
    assert abs(width_in * 25.4 - 210) < 1 and abs(height_in * 25.4 - 297) < 1
    found = [text for page in pages for text in decode_all(page)]
    assert sorted(found) == sorted(trace_url(product) for product in products)


def test_sheet_text_names_the_product_stars_certificate_and_producer(market, tmp_path):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    product = market["rice"].product
    source = tmp_path / "one.pdf"
    source.write_bytes(labels.label_sheet_pdf([product]))
    text = subprocess.run(
        ["pdftotext", str(source), "-"], check=True, capture_output=True, text=True
    ).stdout
    certification = product.current_certification
    assert product.name in text and product.producer.name in text
    assert "★" * certification.stars in text
    if certification.certificate_number:
        assert certification.certificate_number in text


def test_admin_sheet_of_own_products_only(client, market, users, tmp_path):
    own, other = market["rice"].product, market["bonsai"].product
    client.force_login(users["hai_toan"])
    response = client.get(SHEET, {"product": own.pk})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert decode_all(pdf_pages_as_images(response.content, tmp_path)[0]) == [trace_url(own)]
    assert client.get(SHEET, {"product": [own.pk, other.pk]}).status_code == 404
    assert client.get(SHEET, {"product": other.pk}).status_code == 404
    assert client.get(SHEET, {"product": "abc"}).status_code == 400
    all_own = client.get(SHEET)
    assert all_own.status_code == 200
    client.force_login(users["editor"])
    assert client.get(SHEET, {"product": own.pk}).status_code in (302, 403)


def test_bulk_action_prints_the_selected_products(client, market, users):
    own = market["rice"].product
    client.force_login(users["hai_toan"])
    response = client.get(f"/admin/bulk/catalog/product/qr_label_sheet/?id={own.pk}")
    assert response.status_code == 302
    assert response["Location"] == reverse("catalog_admin:qr_label_sheet") + f"?product={own.pk}"


@pytest.mark.parametrize("size", qr.LABEL_SIZES_MM)
def test_single_labels_svg_and_png_scan_back(client, market, users, size, tmp_path):
    page = market["rice"]
    client.force_login(users["hai_toan"])
    png = client.get(
        reverse("catalog_admin:qr_label", args=[page.product.pk, "png"]), {"size": size}
    )
    image = Image.open(io.BytesIO(png.content))
    assert decode_all(image) == [trace_url(page.product)]
    # Print resolution: at least 300 dpi for the label width.
    assert image.size[0] >= size / 25.4 * 300 * 0.9
    svg = client.get(reverse("catalog_admin:page_qr_label", args=[page.pk, "svg"]), {"size": size})
    assert svg["Content-Type"] == "image/svg+xml"
    width = re.search(rb'width="([0-9.]+)mm"', svg.content).group(1)
    assert float(width) == size
    if shutil.which("rsvg-convert") is None:
        return  # the PNG above is the same symbol; the SVG is checked by size only
    source = tmp_path / "label.svg"
    source.write_bytes(svg.content)
    target = tmp_path / "label.png"
    subprocess.run(
        ["rsvg-convert", "-b", "white", "-d", "300", "-p", "300", "-o", str(target), str(source)],
        check=True,
    )
    assert decode_all(Image.open(target)) == [trace_url(page.product)]


def test_label_of_a_product_of_another_producer_is_refused(client, market, users):
    client.force_login(users["hai_toan"])
    other = market["bonsai"]
    assert (
        client.get(reverse("catalog_admin:qr_label", args=[other.product.pk, "png"])).status_code
        == 404
    )
    response = client.get(reverse("catalog_admin:page_qr_label", args=[other.pk, "svg"]))
    assert response.status_code in (302, 403, 404)
