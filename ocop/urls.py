from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from cms.sitemaps import LocalisedSitemap
from cms.views import set_language

from .api import api_router

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/v2/", api_router.urls),
    path("truy-xuat/", include("catalog.urls")),
    path("", include("marketplace.urls")),
    path("tai-khoan/", include("marketplace.accounts.urls")),
    path("api/", include("marketplace.api")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/tours/", include("tours.api")),
    path("api/livestreams/", include("fairs.api")),
    path("ve-tour/", include("tours.urls")),
    path("tim-kiem/", include("search.urls")),
    path("api/search/", include("search.api")),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": LocalisedSitemap}}, name="sitemap"),
]

if settings.OCOP_BENCH_BARE_VIEW:
    from .bench_views import bare

    urlpatterns.append(path("_bench/bare/", bare))

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's page serving catches everything else, so it comes last. Vietnamese pages
# keep their URLs; English copies are under /en/ (cms/i18n.py, docs/i18n.md).
urlpatterns += i18n_patterns(path("", include(wagtail_urls)), prefix_default_language=False)
