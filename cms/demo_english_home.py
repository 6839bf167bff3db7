"""The demo's English home page: the Vietnamese home's blocks with their text in English
and their links to the English copies where there are some (docs/i18n.md)."""

from wagtail.models import Locale, Page

from .demo import HERO_TEXT

ENGLISH_TEXT = {
    "Sản phẩm OCOP chính hiệu, từ làng nghề đến bàn ăn": (
        "Genuine OCOP products, from craft village to table"
    ),
    HERO_TEXT: (
        "Buy specialities certified 3 to 5 OCOP stars, check their certificates live, and "
        "book a tour of the craft villages where they are made."
    ),
    "Xem sản phẩm OCOP": "See OCOP products",
    "Đặt tour làng nghề": "Book a craft village tour",
    "Mua hàng OCOP yên tâm": "Buy OCOP with confidence",
    "3 đến 5 sao OCOP": "3 to 5 OCOP stars",
    "Chỉ bán sản phẩm được công nhận từ 3 sao, chứng nhận còn hiệu lực.": (
        "Only products certified 3 stars or more, with a valid certificate, are sold."
    ),
    "Kiểm tra chứng nhận": "Check the certificate",
    "Quét mã QR trên bao bì để xem trạng thái chứng nhận hôm nay.": (
        "Scan the QR code on the pack to see the certificate's status today."
    ),
    "Đổi trả 7 ngày": "7-day returns",
    "Hàng lỗi, vỡ khi vận chuyển hay giao nhầm được đổi hoặc hoàn tiền.": (
        "Faulty items, items broken in delivery or sent by mistake are exchanged or refunded."
    ),
    "Mùa đào Tết ở làng hoa Vị Khê": "Tết peach blossom season in Vị Khê flower village",
    (
        "Đặt cành đào thế trước Tết và về thăm vườn: tour cuối tuần cùng nghệ nhân "
        "cây cảnh, từ nay đến rằm tháng Giêng."
    ): (
        "Order a shaped peach branch before Tết and visit the gardens: weekend tours with "
        "bonsai artisans until the full moon of the first lunar month."
    ),
    "Xem tour Vị Khê": "See the Vị Khê tour",
    "Sản phẩm OCOP mới lên kệ": "New OCOP products",
    "Mua theo bộ sản phẩm": "Shop by product set",
    "Về làng nghề, xem tận nơi làm ra sản phẩm": (
        "Visit the craft villages and see the products being made"
    ),
    "Tour làng nghề đang nhận khách": "Craft village tours open for booking",
    "Mua theo tỉnh, thành phố": "Shop by province",
}


def arrange_english_home(home, stdout):
    """The English home's blocks, unless an editor has arranged them already."""
    english = Locale.objects.filter(language_code="en").first()
    copy = home.get_translation_or_none(english) if english else None
    if copy is None:
        return
    copy = copy.specific.get_latest_revision_as_object()
    if any(block.block_type != "hero" for block in copy.body):
        return
    copy.body = _in_english(home.body.get_prep_value(), english)
    copy.save_revision().publish()
    stdout.write("Arranged the English home page.")


def _in_english(value, english, key=None):
    if isinstance(value, str):
        return ENGLISH_TEXT.get(value, value)
    if isinstance(value, list):
        return [_in_english(item, english) for item in value]
    if isinstance(value, dict):
        return {name: _in_english(item, english, name) for name, item in value.items()}
    if key == "page" and isinstance(value, int):
        page = Page.objects.filter(pk=value).first()
        translated = page.get_translation_or_none(english) if page else None
        return translated.pk if translated else value
    return value
