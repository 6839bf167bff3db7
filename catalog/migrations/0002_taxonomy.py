"""The 6 OCOP categories, 26 product sets (docs/domain.md) and common quality standards."""

from django.db import migrations

CATEGORIES = [
    ("thuc-pham", "Thực phẩm", "Food"),
    ("do-uong", "Đồ uống", "Beverages"),
    ("duoc-lieu", "Dược liệu", "Herbal products"),
    ("thu-cong-my-nghe", "Thủ công mỹ nghệ", "Handicrafts"),
    ("sinh-vat-canh", "Sinh vật cảnh", "Ornamental plants and animals"),
    ("dich-vu-du-lich", "Dịch vụ du lịch", "Tourism services"),
]

PRODUCT_SETS = [
    (1, "rau-cu-qua-hat-tuoi", "Rau, củ, quả, hạt tươi", "Fresh vegetables, fruits and nuts", "thuc-pham"),
    (2, "thit-thuy-san-trung-sua-tuoi", "Thịt, thủy sản, trứng, sữa tươi", "Meat, seafood, eggs and fresh milk", "thuc-pham"),
    (3, "gao-ngu-coc-hat-so-che", "Gạo, ngũ cốc, hạt sơ chế khác", "Rice, cereals and other processed grains", "thuc-pham"),
    (4, "mat-ong-nong-san-khac", "Mật ong, mật khác, nông sản thực phẩm khác", "Honey, syrups and other farm foods", "thuc-pham"),
    (5, "do-an-nhanh", "Đồ ăn nhanh", "Convenience foods", "thuc-pham"),
    (6, "che-bien-tu-gao-ngu-coc", "Chế biến từ gạo, ngũ cốc", "Rice and cereal products", "thuc-pham"),
    (7, "che-bien-tu-rau-cu-qua-hat", "Chế biến từ rau, củ, quả, hạt", "Processed vegetables, fruits and nuts", "thuc-pham"),
    (8, "che-bien-tu-thit-trung-sua-thuy-san-mat-ong", "Chế biến từ thịt, trứng, sữa, thủy sản, mật ong", "Processed meat, eggs, dairy, seafood and honey", "thuc-pham"),
    (9, "tuong-nuoc-mam-gia-vi-long", "Tương, nước mắm, gia vị lỏng", "Sauces, fish sauce and liquid seasonings", "thuc-pham"),
    (10, "gia-vi-khac", "Gia vị khác", "Other seasonings", "thuc-pham"),
    (11, "che-tuoi-che-che-bien", "Chè tươi, chè chế biến", "Fresh and processed tea", "thuc-pham"),
    (12, "tra-tu-thuc-vat-khac", "Trà từ thực vật khác", "Herbal teas", "thuc-pham"),
    (13, "ca-phe-ca-cao", "Cà phê, ca cao", "Coffee and cocoa", "thuc-pham"),
    (14, "ruou-trang", "Rượu trắng", "White spirits", "do-uong"),
    (15, "do-uong-co-con-khac", "Đồ uống có cồn khác", "Other alcoholic drinks", "do-uong"),
    (16, "nuoc-khoang-nuoc-uong-dong-chai", "Nước khoáng, nước uống đóng chai", "Mineral and bottled water", "do-uong"),
    (17, "do-uong-khong-con-khac", "Đồ uống không cồn khác", "Other soft drinks", "do-uong"),
    (18, "thuc-pham-chuc-nang-thuoc-duoc-lieu", "Thực phẩm chức năng, thuốc dược liệu, thuốc y học cổ truyền", "Supplements, herbal and traditional medicines", "duoc-lieu"),
    (19, "my-pham-tu-duoc-lieu", "Mỹ phẩm có thành phần từ dược liệu", "Cosmetics with herbal ingredients", "duoc-lieu"),
    (20, "tinh-dau-duoc-lieu-khac", "Tinh dầu, dược liệu khác", "Essential oils and other herbal products", "duoc-lieu"),
    (21, "thu-cong-my-nghe-gia-dung-trang-tri", "Thủ công mỹ nghệ gia dụng, trang trí", "Household and decorative handicrafts", "thu-cong-my-nghe"),
    (22, "vai-may-mac", "Vải, may mặc", "Textiles and garments", "thu-cong-my-nghe"),
    (23, "hoa", "Hoa", "Flowers", "sinh-vat-canh"),
    (24, "cay-canh", "Cây cảnh", "Ornamental plants", "sinh-vat-canh"),
    (25, "dong-vat-canh", "Động vật cảnh", "Ornamental animals", "sinh-vat-canh"),
    (26, "du-lich-cong-dong-sinh-thai-diem-du-lich", "Du lịch cộng đồng, du lịch sinh thái, điểm du lịch", "Community tourism, ecotourism and destinations", "dich-vu-du-lich"),
]

QUALITY_STANDARDS = [
    ("vietgap", "VietGAP"),
    ("globalgap", "GlobalGAP"),
    ("haccp", "HACCP"),
    ("iso-22000", "ISO 22000"),
    ("iso-9001", "ISO 9001"),
    ("fssc-22000", "FSSC 22000"),
    ("huu-co", "Hữu cơ (TCVN 11041)"),
    ("organic-usda-eu", "Organic (USDA / EU)"),
    ("gmp", "GMP"),
    ("vsattp", "Đủ điều kiện ATTP"),
]


def load(apps, schema_editor):
    Category = apps.get_model("catalog", "ProductCategory")
    ProductSet = apps.get_model("catalog", "ProductSet")
    QualityStandard = apps.get_model("catalog", "QualityStandard")
    categories = {}
    for order, (slug, name, name_en) in enumerate(CATEGORIES, start=1):
        categories[slug], _ = Category.objects.update_or_create(
            slug=slug, defaults={"name": name, "name_en": name_en, "sort_order": order}
        )
    for number, slug, name, name_en, category in PRODUCT_SETS:
        ProductSet.objects.update_or_create(
            number=number,
            defaults={"slug": slug, "name": name, "name_en": name_en, "category": categories[category]},
        )
    for order, (slug, name) in enumerate(QUALITY_STANDARDS, start=1):
        QualityStandard.objects.update_or_create(slug=slug, defaults={"name": name, "sort_order": order})


def unload(apps, schema_editor):
    apps.get_model("catalog", "QualityStandard").objects.filter(
        slug__in=[slug for slug, _ in QUALITY_STANDARDS]
    ).delete()
    apps.get_model("catalog", "ProductSet").objects.all().delete()
    apps.get_model("catalog", "ProductCategory").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
