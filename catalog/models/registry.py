"""Records of registry sync runs, their problems, and certificate reminders sent."""

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from catalog.registry.storage import private_storage


class SyncFormat(models.TextChoices):
    CSV = "csv", "CSV"
    XLSX = "xlsx", "XLSX"
    JSON = "json", "JSON"


class SyncStatus(models.TextChoices):
    PENDING = "pending", _("Đang chờ")
    RUNNING = "running", _("Đang chạy")
    SUCCEEDED = "succeeded", _("Hoàn tất")
    FAILED = "failed", _("Không đọc được nguồn")


class SyncTrigger(models.TextChoices):
    COMMAND = "command", _("Lệnh quản trị")
    ADMIN = "admin", _("Trang quản trị")
    SCHEDULE = "schedule", _("Lịch tự động")


class SyncRun(models.Model):
    """One reading of a registry source, real or dry-run, with what it did."""

    COUNTERS = (
        "created",
        "updated",
        "unchanged",
        "renewed",
        "upgraded",
        "downgraded",
        "revoked",
        "errors",
        "warnings",
    )

    source = models.CharField(_("nguồn"), max_length=500)
    format = models.CharField(_("định dạng"), max_length=10, choices=SyncFormat.choices, blank=True)
    trigger = models.CharField(
        _("khởi chạy từ"),
        max_length=20,
        choices=SyncTrigger.choices,
        default=SyncTrigger.COMMAND,
    )
    dry_run = models.BooleanField(_("chạy thử"), default=False)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=SyncStatus.choices, default=SyncStatus.PENDING
    )
    # The source as read, so a reviewed dry run can be applied to exactly the same data.
    # Private: it holds producers' personal data. Deleted once applied.
    snapshot = models.FileField(
        _("bản lưu nguồn"), upload_to="registry/", storage=private_storage, blank=True
    )
    applied_from = models.ForeignKey(
        "self",
        verbose_name=_("áp dụng từ lần chạy thử"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications",
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người chạy"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    started_at = models.DateTimeField(_("bắt đầu"), null=True, blank=True)
    finished_at = models.DateTimeField(_("kết thúc"), null=True, blank=True)
    rows_total = models.PositiveIntegerField(_("số dòng"), default=0)
    rows_rejected = models.PositiveIntegerField(_("số dòng bị loại"), default=0)
    created = models.PositiveIntegerField(_("tạo mới"), default=0)
    updated = models.PositiveIntegerField(_("cập nhật"), default=0)
    unchanged = models.PositiveIntegerField(_("không đổi"), default=0)
    renewed = models.PositiveIntegerField(_("cấp lại"), default=0)
    upgraded = models.PositiveIntegerField(_("tăng hạng"), default=0)
    downgraded = models.PositiveIntegerField(_("giảm hạng"), default=0)
    revoked = models.PositiveIntegerField(_("thu hồi"), default=0)
    errors = models.PositiveIntegerField(_("lỗi"), default=0)
    warnings = models.PositiveIntegerField(_("cảnh báo"), default=0)
    error_vi = models.TextField(_("lỗi đọc nguồn (tiếng Việt)"), blank=True)
    error_en = models.TextField(_("lỗi đọc nguồn (tiếng Anh)"), blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("lần đồng bộ danh sách công nhận")
        verbose_name_plural = _("lần đồng bộ danh sách công nhận")

    def __str__(self):
        kind = _("chạy thử") if self.dry_run else _("đồng bộ")
        return f"{kind} #{self.pk} – {self.source}"

    @property
    def error_message(self):
        return localized(self.error_vi, self.error_en)

    @property
    def is_finished(self):
        return self.status in (SyncStatus.SUCCEEDED, SyncStatus.FAILED)

    def can_be_applied(self):
        """A successful dry run with its data kept, not applied yet (failed tries aside)."""
        return (
            self.dry_run
            and self.status == SyncStatus.SUCCEEDED
            and bool(self.snapshot)
            and not self.applications.exclude(status=SyncStatus.FAILED).exists()
        )

    def counts(self):
        return {name: getattr(self, name) for name in self.COUNTERS}

    @property
    def changes(self):
        """What each applied (or, in a dry run, applicable) row changes, in row order."""
        return list(self.change_rows.values_list("data", flat=True))


class SyncChange(models.Model):
    """One row's change in a run: the diff editors review (a row each, so a run of
    200,000 rows is written and read a page at a time)."""

    run = models.ForeignKey(SyncRun, on_delete=models.CASCADE, related_name="change_rows")
    position = models.PositiveIntegerField()
    data = models.JSONField()

    class Meta:
        ordering = ["run", "position"]
        constraints = [
            models.UniqueConstraint(fields=["run", "position"], name="one_change_per_position")
        ]
        verbose_name = _("thay đổi")
        verbose_name_plural = _("thay đổi")

    def __str__(self):
        return f"{self.run_id}:{self.position}"


class Severity(models.TextChoices):
    ERROR = "error", _("Lỗi")
    WARNING = "warning", _("Cảnh báo")


class SyncProblem(models.Model):
    """A bad or doubtful row (or the whole source) found by a sync run."""

    run = models.ForeignKey(
        SyncRun, verbose_name=_("lần đồng bộ"), on_delete=models.CASCADE, related_name="problems"
    )
    row_number = models.PositiveIntegerField(_("dòng"), null=True, blank=True)
    record_id = models.CharField(_("mã bản ghi (STT, id)"), max_length=64, blank=True)
    column = models.CharField(_("cột"), max_length=100, blank=True)
    severity = models.CharField(_("mức độ"), max_length=10, choices=Severity.choices)
    code = models.SlugField(_("mã lỗi"), max_length=50)
    value = models.TextField(_("giá trị"), blank=True)
    message_vi = models.TextField(_("thông báo (tiếng Việt)"))
    message_en = models.TextField(_("thông báo (tiếng Anh)"))

    class Meta:
        ordering = ["run", "row_number", "pk"]
        verbose_name = _("vấn đề khi đồng bộ")
        verbose_name_plural = _("vấn đề khi đồng bộ")

    def __str__(self):
        return f"{self.row_number or '-'} {self.column}: {self.message_vi}"

    @property
    def message(self):
        return localized(self.message_vi, self.message_en)


class CertificateReminder(models.Model):
    """A reminder e-mailed to a producer about a certificate's expiry; sent once each."""

    certification = models.ForeignKey(
        "catalog.Certification",
        verbose_name=_("chứng nhận"),
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    days_before = models.SmallIntegerField(_("số ngày trước khi hết hạn"))
    sent_at = models.DateTimeField(_("gửi lúc"), auto_now_add=True)
    recipients = models.TextField(_("người nhận"), blank=True)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("nhắc gia hạn chứng nhận")
        verbose_name_plural = _("nhắc gia hạn chứng nhận")
        constraints = [
            models.UniqueConstraint(
                fields=["certification", "days_before"], name="one_reminder_per_threshold"
            )
        ]

    def __str__(self):
        return f"{self.certification} – {self.days_before}"


def localized(vietnamese, english):
    if (get_language() or "").startswith("en") and english:
        return english
    return vietnamese
