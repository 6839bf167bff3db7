"""Wagtail admin of the catalogue: producers, products and their certification history,
the read-only OCOP taxonomy, and QR label downloads."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import include, path, re_path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    Panel,
    TabbedInterface,
)
from wagtail.admin.ui.tables import BooleanColumn, Column, UpdatedAtColumn
from wagtail.admin.widgets import Button
from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenView,
)
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from catalog import (
    admin_portal,
    admin_scope,
    admin_views,
    permissions,
    portal_hooks,  # noqa: F401 (producer portal: prices, certificates, home)
    qr,
    services,
)
from catalog.models import (
    Producer,
    Product,
    ProductCategory,
    ProductPage,
    ProductSet,
)
from catalog.registry import wagtail_hooks as registry_hooks  # noqa: F401 (registry sync admin)


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """The OCOP taxonomy is fixed by the decisions and loaded by migration: view only."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)


register_permission_policy(ProductCategory, ReadOnlyPermissionPolicy(ProductCategory))
register_permission_policy(ProductSet, ReadOnlyPermissionPolicy(ProductSet))
# The one rule (catalog/permissions.py), registered before the viewsets look it up.
register_permission_policy(Page, permissions.OcopPagePermissionPolicy(Page))
register_permission_policy(Producer, permissions.ProducerPolicy(Producer))
register_permission_policy(Product, permissions.ProductPolicy(Product))


class ScopedChooseMixin:
    """Choosers list (and accept) only the rows the user may see."""

    def get_object_list(self):
        return permissions.visible_rows(self.model_class, self.request.user)


class ScopedChooseView(ScopedChooseMixin, ChooseView):
    pass


class ScopedChooseResultsView(ScopedChooseMixin, ChooseResultsView):
    pass


class ScopedChosenView(SnippetChosenView):
    def get_object(self, pk):
        rows = permissions.visible_rows(self.model_class, self.request.user)
        return get_object_or_404(rows, pk=pk)


class ScopedChooserViewSet(SnippetChooserViewSet):
    choose_view_class = ScopedChooseView
    choose_results_view_class = ScopedChooseResultsView
    chosen_view_class = ScopedChosenView


class ScopedSnippetViewSet(SnippetViewSet):
    """Listings, exports, inspect and edit views of producer-owned rows: officers see
    all, a producer's users their own (read-only), others nothing."""

    chooser_viewset_class = ScopedChooserViewSet
    inspect_view_enabled = True
    inspect_view_class = admin_scope.ScopedInspectView

    def scoped_queryset(self, request, queryset):
        policy = self.permission_policy
        if policy.user_has_permission(request.user, "view") and not permissions.is_producer_user(
            request.user
        ):
            return queryset  # officers (or the model permission): every row
        visible = permissions.visible_rows(self.model, request.user)
        return queryset.filter(pk__in=list(visible.values_list("pk", flat=True)))


def province_name(producer):
    return producer.province.name if producer.province else ""


class ProducerViewSet(ScopedSnippetViewSet):
    model = Producer
    icon = "group"
    menu_label = _("Chủ thể OCOP")
    list_display = [
        "name",
        Column("legal_form", label=_("Loại hình"), accessor="get_legal_form_display"),
        Column("province", label=_("Tỉnh/thành phố"), accessor=province_name),
        BooleanColumn("needs_review", label=_("Cần xem lại")),
        UpdatedAtColumn(),
    ]
    list_filter = ["province_code", "legal_form", "needs_review"]
    ordering = ["name"]

    def get_queryset(self, request):
        return self.scoped_queryset(request, Producer.objects.all())

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("slug"),
                FieldPanel("legal_form"),
                FieldPanel("registration_code"),
                FieldPanel("representative"),
                FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
            ],
            heading=_("Chủ thể"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("street_address"),
                FieldRowPanel(
                    [
                        FieldPanel("province_code"),
                        FieldPanel(
                            "ward_code",
                            help_text=_("Mã xã/phường hiện nay (từ 1/7/2025), ví dụ 13870."),
                        ),
                    ]
                ),
                FieldPanel("original_address"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Địa chỉ"),
        ),
        FieldPanel("story"),
        FieldPanel("logo"),
        FieldPanel("users"),
        MultiFieldPanel(
            [FieldPanel("from_registry", read_only=True), FieldPanel("needs_review")],
            heading=_("Danh sách công nhận"),
        ),
    ]


class CertificationHistoryPanel(Panel):
    """The product's certification history, read-only, with links to add or revoke."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "catalog/admin/certification_history_panel.html"

        def is_shown(self):
            return self.instance.pk is not None

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            product = self.instance
            certifications = list(product.certifications.all())
            for certification in certifications:
                certification.current_status = certification.status()
            context.update(
                product=product,
                certifications=certifications,
                current_id=product.current_certification_id,
                status=product.certificate_status(),
                sellable=product.is_certified(),
                add_url=reverse("catalog_admin:add_certification", args=[product.pk]),
                trace_url=qr.trace_path(product.trace_code),
                labels=[
                    (size, [(kind, label_url(product, kind, size)) for kind in ("svg", "png")])
                    for size in qr.LABEL_SIZES_MM
                ],
            )
            return context


def label_url(product, kind, size=qr.DEFAULT_LABEL_SIZE_MM):
    return reverse("catalog_admin:qr_label", args=[product.pk, kind]) + f"?size={size}"


def page_label_url(page, kind, size=qr.DEFAULT_LABEL_SIZE_MM):
    return reverse("catalog_admin:page_qr_label", args=[page.pk, kind]) + f"?size={size}"


def current_stars(product):
    certification = product.current_certification
    return f"{certification.stars} ★" if certification else "—"


def current_status(product):
    status = product.certificate_status()
    return status.label if status else _("Chưa có chứng nhận")


def current_valid_until(product):
    certification = product.current_certification
    return certification.valid_until if certification else None


class ProductViewSet(ScopedSnippetViewSet):
    model = Product
    icon = "tag"
    menu_label = _("Sản phẩm OCOP")
    list_display = [
        "name",
        "producer",
        "product_set",
        Column("stars", label=_("Hạng sao"), accessor=current_stars),
        Column("status", label=_("Trạng thái chứng nhận"), accessor=current_status),
        Column("valid_until", label=_("Hiệu lực đến"), accessor=current_valid_until),
        BooleanColumn("needs_review", label=_("Cần xem lại")),
    ]
    list_filter = ["product_set", "needs_review", "from_registry"]
    search_fields = ["name"]
    ordering = ["name"]
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("name"),
                    FieldPanel("producer"),
                    FieldPanel("product_set"),
                    FieldPanel("registry_code"),
                    FieldPanel("needs_review"),
                ],
                heading=_("Sản phẩm"),
            ),
            ObjectList(
                [CertificationHistoryPanel(heading=_("Lịch sử chứng nhận OCOP"))],
                heading=_("Chứng nhận và truy xuất"),
            ),
        ]
    )

    def get_queryset(self, request):
        queryset = Product.objects.select_related(
            "producer", "product_set", "current_certification"
        )
        return self.scoped_queryset(request, queryset)


class ProductSetViewSet(SnippetViewSet):
    model = ProductSet
    icon = "list-ol"
    menu_label = _("Bộ sản phẩm")
    list_display = ["number", "name", "name_en", "category"]
    list_filter = ["category"]
    list_per_page = 30  # all 26 on one page
    ordering = ["number"]
    inspect_view_enabled = True
    copy_view_enabled = False

    def get_queryset(self, request):
        return ProductSet.objects.select_related("category")


class ProductCategoryViewSet(SnippetViewSet):
    model = ProductCategory
    icon = "folder-open-inverse"
    menu_label = _("Ngành sản phẩm")
    list_display = ["name", "name_en", "slug"]
    ordering = ["sort_order"]
    inspect_view_enabled = True
    copy_view_enabled = False


class CatalogViewSetGroup(SnippetViewSetGroup):
    items = (ProducerViewSet, ProductViewSet, ProductSetViewSet, ProductCategoryViewSet)
    menu_icon = "tag"
    menu_label = _("Danh mục OCOP")
    menu_name = "ocop-catalog"
    menu_order = 210


register_snippet(CatalogViewSetGroup)


@hooks.register("register_admin_urls")
def register_catalog_admin_urls():
    urls = [
        path(
            "products/<int:product_id>/certifications/new/",
            admin_views.AddCertificationView.as_view(),
            name="add_certification",
        ),
        path(
            "certifications/<int:certification_id>/revoke/",
            admin_views.RevokeCertificationView.as_view(),
            name="revoke_certification",
        ),
        re_path(
            r"^products/(?P<product_id>\d+)/qr\.(?P<kind>svg|png)$",
            admin_views.qr_label,
            name="qr_label",
        ),
        re_path(
            r"^pages/(?P<page_id>\d+)/qr\.(?P<kind>svg|png)$",
            admin_views.qr_label_for_page,
            name="page_qr_label",
        ),
        path("prices/", admin_portal.PriceIndexView.as_view(), name="prices"),
        path("prices/<int:pk>/", admin_portal.SetPriceView.as_view(), name="set_price"),
        path("certificates/", admin_portal.CertificatesView.as_view(), name="certificates"),
        path("invite/", admin_portal.InviteView.as_view(), name="invite"),
        path("labels.pdf", admin_views.qr_label_sheet, name="qr_label_sheet"),
    ]
    return [path("ocop-catalog/", include((urls, "catalog_admin"), namespace="catalog_admin"))]


QR_LABELS = {"svg": _("Tải nhãn QR (SVG)"), "png": _("Tải nhãn QR (PNG)")}


@hooks.register("register_snippet_listing_buttons")
def product_qr_buttons(snippet, user, next_url=None):
    if isinstance(snippet, Product):
        for priority, (kind, label) in enumerate(QR_LABELS.items(), start=90):
            yield Button(
                label, url=label_url(snippet, kind), icon_name="download", priority=priority
            )
        sheet = reverse("catalog_admin:qr_label_sheet") + f"?product={snippet.pk}"
        yield Button(_("In nhãn QR (PDF, A4)"), url=sheet, icon_name="doc-full", priority=92)


@hooks.register("register_page_listing_more_buttons")
def product_page_qr_buttons(page, user, next_url=None):
    if page.specific_class is ProductPage:
        for priority, (kind, label) in enumerate(QR_LABELS.items(), start=90):
            yield Button(
                label, url=page_label_url(page, kind), icon_name="download", priority=priority
            )


class QRLabelMenuItem(ActionMenuItem):
    """Downloads the QR label from the ProductPage editor's action menu."""

    icon_name = "download"

    def __init__(self, kind, order):
        super().__init__(order=order)
        self.kind = kind
        self.label = QR_LABELS[kind]
        self.name = f"action-qr-{kind}"

    def is_shown(self, context):
        return context["view"] == "edit" and isinstance(context.get("page"), ProductPage)

    def get_url(self, parent_context):
        return page_label_url(parent_context["page"], self.kind)


@hooks.register("register_page_action_menu_item")
def qr_svg_menu_item():
    return QRLabelMenuItem("svg", order=60)


@hooks.register("register_page_action_menu_item")
def qr_png_menu_item():
    return QRLabelMenuItem("png", order=61)


@hooks.register("before_delete_snippet")
def refuse_deleting_what_is_still_used(request, instances):
    """A producer or product still in use is not deleted: say why instead of failing.

    Runs before the confirmation page and before the deletion itself, for one snippet
    or a bulk selection; one blocked item stops the whole deletion.
    """
    refused = [
        (instance, reasons)
        for instance in instances
        if isinstance(instance, (Producer, Product))
        and (reasons := services.deletion_blockers(instance))
    ]
    if not refused:
        return None
    for instance, reasons in refused:
        messages.error(
            request,
            _("Không thể xóa “%(object)s” vì vẫn còn %(reasons)s. Không có dữ liệu nào bị xóa.")
            % {"object": instance, "reasons": "; ".join(reasons)},
        )
    viewset = type(refused[0][0]).snippet_viewset
    if len(instances) == 1:
        return redirect(viewset.get_url_name("edit"), instances[0].pk)
    return redirect(viewset.get_url_name("list"))


@hooks.register("before_copy_page")
def refuse_copying_product_pages(request, page):
    """A product has one page and SKUs are unique: a copy (or alias) could not be saved."""
    if page.specific_class is not ProductPage:
        return None
    messages.error(
        request,
        _(
            "Không thể sao chép trang sản phẩm: mỗi sản phẩm OCOP chỉ có một trang và mã SKU "
            "không được trùng. Hãy thêm trang mới cho sản phẩm khác."
        ),
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


# --- Product pages: only the user's own, in every page listing of the admin ---------------


@hooks.register("construct_explorer_page_queryset")
def hide_foreign_product_pages_in_explorer(parent_page, pages, request):
    if permissions.is_officer(request.user):
        return pages
    return pages.exclude(pk__in=permissions.foreign_product_page_ids(request.user))


@hooks.register("construct_page_chooser_queryset")
def hide_other_peoples_drafts(pages, request):
    return permissions.pages_for_chooser(request.user, pages)


@hooks.register("construct_page_chooser_queryset")
def hide_foreign_product_pages_in_chooser(pages, request):
    # Editors link products from content pages: only producer users are narrowed.
    if not permissions.is_producer_user(request.user):
        return pages
    return pages.exclude(pk__in=permissions.foreign_product_page_ids(request.user))


@hooks.register("construct_image_chooser_queryset")
def hide_other_producers_photos_in_chooser(images, request):
    return permissions.images_for_chooser(request.user, images)


# Registered after Wagtail's own (order): the same action types, scoped.
for _action_class in admin_scope.BULK_ACTIONS:
    hooks.register("register_bulk_action", _action_class, order=100)
