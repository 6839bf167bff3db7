import pytest

from cms.models import NavigationSettings, SiteSettings, StandardPage

pytestmark = pytest.mark.django_db


def test_home_page_renders_in_vietnamese(client, home_page):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert "Chuyển đến nội dung chính" in html
    assert "<h1>Chợ OCOP</h1>" in html  # a home page without blocks: its title


def test_header_menu_lists_pages_marked_for_menus(client, home_page):
    home_page.add_child(
        instance=StandardPage(title="Giới thiệu", slug="gioi-thieu", show_in_menus=True)
    )
    home_page.add_child(instance=StandardPage(title="Bí mật", slug="bi-mat", show_in_menus=False))
    html = client.get("/").content.decode()
    assert '<a href="/gioi-thieu/">Giới thiệu</a>' in html
    assert "Bí mật" not in html


def test_standard_page_marks_itself_current_in_menu(client, home_page):
    home_page.add_child(
        instance=StandardPage(
            title="Liên hệ", slug="lien-he", introduction="Gọi cho chúng tôi", show_in_menus=True
        )
    )
    response = client.get("/lien-he/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Gọi cho chúng tôi" in html
    assert '<a href="/lien-he/" aria-current="page">Liên hệ</a>' in html


def test_footer_shows_site_settings_and_footer_links(client, home_page):
    policy = home_page.add_child(instance=StandardPage(title="Chính sách đổi trả", slug="doi-tra"))
    site = home_page.get_site()
    SiteSettings.objects.update_or_create(
        site=site, defaults={"hotline": "1900 1234", "contact_email": "hotro@example.vn"}
    )
    navigation = NavigationSettings.for_site(site)
    navigation.footer_links = [("link", {"label": "Đổi trả", "page": policy, "url": ""})]
    navigation.save()
    html = client.get("/").content.decode()
    assert 'href="tel:19001234"' in html
    assert "mailto:hotro@example.vn" in html
    assert '<a href="/doi-tra/">Đổi trả</a>' in html


def test_language_switch_to_english_and_back(client, home_page):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert "Skip to main content" in html
    assert "Chuyển đến nội dung chính" not in html

    client.post("/i18n/setlang/", {"language": "vi", "next": "/"})
    assert "Chuyển đến nội dung chính" in client.get("/").content.decode()


def test_unknown_page_is_a_friendly_404(client, home_page):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_admin_login_page(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert 'name="username"' in response.content.decode()


def test_admin_dashboard_for_staff(admin_client, home_page):
    assert admin_client.get("/admin/").status_code == 200


def test_vietnamese_is_the_default_whatever_the_browser_asks(client, home_page):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="vi">' in html
    client.cookies["django_language"] = "fr"  # not a site language
    assert '<html lang="vi">' in client.get("/").content.decode()
