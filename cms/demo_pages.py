"""Text of the demo's trust pages: what OCOP is, what the stars mean, how to read a
certificate and a trace page, delivery and returns, contact.

The star table and the delivery fees are blocks that read the rules and settings the
shop applies (cms.blocks.OcopStarsBlock, DeliveryTermsBlock), not copies of them.
"""


def heading(text):
    return ("heading", text)


def paragraph(html):
    return ("paragraph", html)


def bullets(*items):
    return ("paragraph", "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>")


ABOUT = {
    "slug": "gioi-thieu",
    "title": "Giới thiệu",
    "seo_title": "Giới thiệu Chợ OCOP: sản phẩm Mỗi xã một sản phẩm chính hiệu",
    "search_description": (
        "Chợ OCOP bán sản phẩm được công nhận OCOP từ 3 đến 5 sao, với trạng thái chứng "
        "nhận cập nhật và tour thăm làng nghề nơi sản phẩm ra đời."
    ),
    "introduction": (
        "Chợ OCOP đưa các sản phẩm đạt chứng nhận Mỗi xã một sản phẩm đến tay người mua, "
        "và đưa du khách về tận làng nghề làm ra chúng."
    ),
    "show_in_menus": True,
    "body": [
        heading("OCOP là gì?"),
        paragraph(
            "<p>OCOP (<i>One Commune One Product</i>, Mỗi xã một sản phẩm) là chương trình "
            "phát triển kinh tế khu vực nông thôn của Chính phủ, phê duyệt bằng Quyết định "
            "490/QĐ-TTg năm 2018. Mỗi địa phương chọn những sản phẩm đặc trưng của mình — "
            "nông sản, đặc sản chế biến, đồ uống, dược liệu, thủ công mỹ nghệ, hoa, cây cảnh "
            "và dịch vụ du lịch cộng đồng — để hợp tác xã, doanh nghiệp nhỏ và hộ sản xuất "
            "chuẩn hoá, nâng chất lượng và đưa ra thị trường.</p>"
        ),
        paragraph(
            "<p>Sản phẩm được Hội đồng đánh giá theo Bộ tiêu chí tại Quyết định 148/QĐ-TTg "
            "(2023) và các quyết định sửa đổi, chấm trên thang 100 điểm và xếp từ 1 đến 5 "
            "sao. Chỉ sản phẩm từ 3 sao trở lên được công nhận là sản phẩm OCOP.</p>"
        ),
        heading("Chợ OCOP làm gì?"),
        bullets(
            "Chỉ bán sản phẩm đang có chứng nhận OCOP còn hiệu lực, từ 3 sao trở lên.",
            "Cập nhật trạng thái chứng nhận theo danh sách công nhận của tỉnh: sản phẩm "
            "hết hạn hoặc bị thu hồi thôi được bán, và trang sản phẩm nói rõ điều đó.",
            "Mỗi sản phẩm có trang truy xuất nguồn gốc, mở được bằng mã QR trên bao bì.",
            "Một giỏ hàng mua được từ nhiều chủ thể; mỗi chủ thể tự đóng gói và gửi hàng.",
            "Đặt chỗ tour làng nghề để xem tận nơi sản phẩm được làm ra.",
        ),
    ],
}

STARS = {
    "slug": "sao-ocop",
    "title": "Sao OCOP nghĩa là gì?",
    "seo_title": "Hạng sao OCOP: cách chấm điểm, cấp công nhận và thời hạn chứng nhận",
    "search_description": (
        "Sản phẩm OCOP được chấm trên thang 100 điểm và xếp từ 1 đến 5 sao; từ 3 sao trở "
        "lên mới được công nhận. Bảng điểm, cấp công nhận và thời hạn 36 tháng."
    ),
    "introduction": (
        "Số sao cho biết sản phẩm đạt bao nhiêu điểm khi được Hội đồng đánh giá theo Bộ "
        "tiêu chí OCOP, và cấp nào đã công nhận nó."
    ),
    "show_in_menus": False,
    "body": [
        heading("Sản phẩm được chấm điểm thế nào?"),
        paragraph(
            "<p>Theo Bộ tiêu chí đánh giá, phân hạng sản phẩm OCOP (Quyết định 148/QĐ-TTg "
            "và các quyết định sửa đổi), mỗi sản phẩm được chấm trên thang 100 điểm, gồm "
            "ba phần:</p>"
        ),
        bullets(
            "<b>Phần A – Sản phẩm và sức mạnh cộng đồng</b> (40 điểm): tổ chức sản xuất, "
            "liên kết, sử dụng nguyên liệu và lao động địa phương, câu chuyện sản phẩm.",
            "<b>Phần B – Khả năng tiếp thị</b> (25 điểm): bao bì, nhãn mác, kênh bán, "
            "quảng bá, hệ thống phân phối.",
            "<b>Phần C – Chất lượng sản phẩm</b> (35 điểm): chỉ tiêu cảm quan, an toàn "
            "thực phẩm, tiêu chuẩn công bố, chứng nhận chất lượng (VietGAP, HACCP, ISO...).",
        ),
        heading("Hạng sao và cấp công nhận"),
        ("ocop_stars", None),
        paragraph(
            "<p>Sản phẩm 5 sao là sản phẩm OCOP cấp quốc gia, do Hội đồng cấp trung ương "
            "đánh giá và công nhận. Sản phẩm 3 và 4 sao do Ủy ban nhân dân tỉnh công nhận. "
            "Một số chứng nhận 3 sao cấp trước năm 2025 do cấp huyện ban hành; chúng giữ "
            "nguyên cấp công nhận cho đến khi hết hạn.</p>"
        ),
        heading("Chứng nhận hết hạn hoặc bị thu hồi"),
        paragraph(
            "<p>Khi chứng nhận hết hạn mà chưa được công nhận lại, hoặc bị cơ quan có thẩm "
            "quyền thu hồi, sản phẩm thôi được bán trên Chợ OCOP. Trang sản phẩm vẫn mở "
            "được và ghi rõ ngày hết hạn hoặc số, ngày quyết định thu hồi và lý do.</p>"
        ),
    ],
}

READING = {
    "slug": "doc-chung-nhan",
    "title": "Cách đọc chứng nhận và trang truy xuất",
    "seo_title": "Kiểm tra chứng nhận OCOP: đọc giấy chứng nhận và trang truy xuất QR",
    "search_description": (
        "Số chứng nhận, số quyết định, cấp công nhận, hạng sao và hạn hiệu lực: cách đọc "
        "chứng nhận OCOP và kiểm tra trạng thái hôm nay bằng mã QR trên bao bì."
    ),
    "introduction": (
        "Mỗi sản phẩm trên Chợ OCOP hiện chứng nhận của nó, và có một trang truy xuất "
        "cho biết chứng nhận hôm nay còn hiệu lực hay không."
    ),
    "show_in_menus": False,
    "body": [
        heading("Các mục trên chứng nhận"),
        bullets(
            "<b>Hạng sao và điểm</b>: tổng điểm đánh giá (thang 100) và hạng sao tương "
            "ứng. Xem <a href='/sao-ocop/'>Sao OCOP nghĩa là gì?</a>",
            "<b>Số chứng nhận</b>: mã giấy chứng nhận do cơ quan công nhận cấp.",
            "<b>Số và ngày quyết định</b>: quyết định công nhận của Ủy ban nhân dân tỉnh "
            "(3–4 sao) hoặc của cấp trung ương (5 sao). Thời hạn tính từ ngày này.",
            "<b>Cấp công nhận</b>: cấp trung ương, cấp tỉnh, hoặc cấp huyện với các chứng "
            "nhận trước năm 2025.",
            "<b>Hiệu lực đến</b>: 36 tháng sau ngày quyết định.",
        ),
        heading("Trạng thái hôm nay"),
        bullets(
            "<b>Còn hiệu lực</b>: sản phẩm đang là sản phẩm OCOP và được bán.",
            "<b>Sắp hết hạn (đang đánh giá lại)</b>: chứng nhận vẫn còn hiệu lực, chủ thể "
            "đang được đánh giá lại trong 180 ngày cuối.",
            "<b>Hết hiệu lực</b>: quá 36 tháng mà chưa có chứng nhận mới; sản phẩm thôi được bán.",
            "<b>Đã thu hồi</b>: cơ quan có thẩm quyền đã thu hồi chứng nhận; trang hiện số, "
            "ngày quyết định thu hồi và lý do.",
        ),
        heading("Trang truy xuất nguồn gốc"),
        paragraph(
            "<p>Quét mã QR trên bao bì (hoặc ở cuối mỗi trang sản phẩm) để mở trang truy "
            "xuất. Trang này đọc trạng thái chứng nhận ngay lúc bạn mở, không phải lúc in "
            "bao bì, và cho thấy:</p>"
        ),
        bullets(
            "tên sản phẩm, bộ sản phẩm và chủ thể sản xuất;",
            "địa chỉ của chủ thể theo địa giới hành chính hiện nay, kèm địa chỉ theo hồ sơ "
            "gốc nếu khác (ví dụ: tỉnh Nam Định cũ nay thuộc tỉnh Ninh Bình);",
            "chứng nhận hiện hành và toàn bộ lịch sử chứng nhận, kể cả lần thu hồi.",
        ),
        paragraph(
            "<p>Nếu trang truy xuất báo chứng nhận hết hiệu lực hay đã thu hồi trong khi "
            "bao bì vẫn in logo OCOP, xin báo cho chúng tôi qua trang "
            "<a href='/lien-he/'>Liên hệ</a>.</p>"
        ),
    ],
}

DELIVERY = {
    "slug": "chinh-sach-doi-tra",
    "title": "Giao hàng và đổi trả",
    "seo_title": "Chính sách giao hàng, đổi trả và hoàn tiền của Chợ OCOP",
    "search_description": (
        "Mỗi chủ thể gửi phần hàng của mình; phí giao hàng theo từng chủ thể. Đổi trả "
        "trong 7 ngày với hàng lỗi, hỏng khi vận chuyển hoặc giao nhầm; hoàn tiền."
    ),
    "introduction": (
        "Đổi trả trong 7 ngày với sản phẩm lỗi do nhà sản xuất hoặc hỏng khi vận chuyển."
    ),
    "show_in_menus": False,
    "body": [
        heading("Giao hàng"),
        paragraph(
            "<p>Một đơn hàng trên Chợ OCOP có thể gồm sản phẩm của nhiều chủ thể. Mỗi chủ "
            "thể xác nhận, đóng gói và gửi phần hàng của mình, nên bạn có thể nhận nhiều "
            "kiện vào các ngày khác nhau. Trang đơn hàng cho biết trạng thái từng phần và "
            "mã vận đơn khi hàng đã gửi.</p>"
        ),
        ("delivery_terms", None),
        bullets(
            "Thời gian giao thường từ 2 đến 5 ngày làm việc sau khi chủ thể xác nhận; hàng "
            "tươi và hoa được giao theo lịch chủ thể báo khi xác nhận đơn.",
            "Thanh toán bằng thẻ hoặc khi nhận hàng (COD). Tour làng nghề trả tại điểm hẹn.",
        ),
        heading("Đổi trả trong 7 ngày"),
        paragraph("<p>Bạn được đổi hoặc trả hàng trong 7 ngày kể từ khi nhận, khi:</p>"),
        bullets(
            "sản phẩm lỗi do nhà sản xuất (hư hỏng, sai quy cách, hết hạn sử dụng);",
            "sản phẩm vỡ, bẹp, rò rỉ do vận chuyển;",
            "giao nhầm sản phẩm, thiếu số lượng so với đơn.",
        ),
        paragraph(
            "<p>Không áp dụng đổi trả vì đổi ý với thực phẩm đã mở bao bì, hàng tươi sống, "
            "hoa và cây cảnh đã nhận đúng mô tả. Chụp ảnh kiện hàng và sản phẩm ngay khi "
            "nhận, rồi gửi cho chúng tôi qua trang <a href='/lien-he/'>Liên hệ</a> kèm mã "
            "đơn hàng.</p>"
        ),
        heading("Hoàn tiền"),
        bullets(
            "Đơn trả bằng thẻ: hoàn về chính thẻ đó, thường trong 5–10 ngày làm việc tuỳ "
            "ngân hàng.",
            "Đơn trả khi nhận hàng: hoàn bằng chuyển khoản vào tài khoản bạn cung cấp.",
            "Chúng tôi hoàn cả phí giao hàng khi lỗi thuộc về chủ thể hoặc đơn vị vận chuyển.",
        ),
        heading("Huỷ tour làng nghề"),
        paragraph(
            "<p>Mỗi tour ghi rõ thời hạn huỷ miễn phí (ví dụ 24 giờ trước giờ khởi hành). "
            "Trước thời hạn đó bạn tự huỷ được trên trang vé; sau đó xin liên hệ đơn vị tổ "
            "chức tour.</p>"
        ),
    ],
}

STANDARD_PAGES = [ABOUT, STARS, READING, DELIVERY]

CONTACT = {
    "slug": "lien-he",
    "title": "Liên hệ",
    "seo_title": "Liên hệ Chợ OCOP: đơn hàng, đổi trả, chứng nhận, tour",
    "search_description": (
        "Gọi đường dây nóng hoặc gửi tin nhắn: đơn hàng, đổi trả, chứng nhận OCOP, tour "
        "làng nghề, đăng ký bán hàng. Chúng tôi trả lời trong ngày làm việc."
    ),
    "introduction": "Gọi đường dây nóng hoặc gửi tin nhắn: chúng tôi trả lời trong ngày.",
    "show_in_menus": True,
    "body": [
        paragraph(
            "<p>Giờ làm việc: 8:00–17:00 từ thứ Hai đến thứ Bảy. Khi hỏi về một đơn hàng "
            "hoặc một vé tour, xin ghi kèm mã đơn hoặc mã đặt tour để chúng tôi tra nhanh.</p>"
        ),
    ],
}
