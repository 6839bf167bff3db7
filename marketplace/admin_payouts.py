"""Admin: the producers' payout ledgers and monthly statements.

Officers see every producer's ledger and record payouts (and reverse a wrong one); a
producer's users see only their own producers' ledgers (``catalog.permissions.ledgers_for``:
another producer's ledger or statement is a 404). Entries are never edited here: the
ledger has no edit or delete view at all. The rules are in ``marketplace.services.payouts``.
"""

import csv
import io

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from catalog import permissions
from marketplace.admin_export import local_time_text, spreadsheet_text
from marketplace.models import EntryKind, PayoutEntry
from marketplace.services import payouts

MAX_PAYOUT = 10**12
RECENT_ENTRIES = 200


class PayoutForm(forms.Form):
    amount = forms.IntegerField(
        label=gettext_lazy("Số tiền (đồng)"), min_value=1, max_value=MAX_PAYOUT
    )
    bank_reference = forms.CharField(label=gettext_lazy("Mã chuyển khoản ngân hàng"), max_length=64)
    note = forms.CharField(label=gettext_lazy("Ghi chú"), max_length=255, required=False)


class ReverseForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Lý do đảo"), max_length=255)


def _may_see_ledgers(user):
    return user.is_authenticated and (
        permissions.is_officer(user) or permissions.is_producer_user(user)
    )


def _producer_for(request, producer_id):
    """The producer whose ledger this user may read, else 404 (never "forbidden": the
    answer must not tell that the producer exists)."""
    if not _may_see_ledgers(request.user):
        raise PermissionDenied
    return get_object_or_404(permissions.ledgers_for(request.user), pk=producer_id)


def ledger_index(request):
    if not _may_see_ledgers(request.user):
        raise PermissionDenied
    return render(
        request,
        "marketplace/admin/payouts/index.html",
        {
            "producers": payouts.ledgers_for(request.user),
            "is_officer": permissions.is_officer(request.user),
        },
    )


def ledger(request, producer_id, payout_form=None):
    producer = _producer_for(request, producer_id)
    entries = (
        PayoutEntry.objects.filter(producer=producer)
        .select_related("sub_order__order", "reverses", "created_by")
        .order_by("-created_at", "-pk")
    )
    reversed_ids = set(
        PayoutEntry.objects.filter(producer=producer, reverses__isnull=False).values_list(
            "reverses_id", flat=True
        )
    )
    may_record = permissions.may_record_payouts(request.user)
    today = timezone.localdate()
    return render(
        request,
        "marketplace/admin/payouts/ledger.html",
        {
            "producer": producer,
            "balance": payouts.balance(producer),
            "entries": entries[:RECENT_ENTRIES],
            "reversed_ids": reversed_ids,
            "may_record": may_record,
            "payout_form": payout_form or (PayoutForm() if may_record else None),
            "months": _recent_months(today),
            "payout_kind": EntryKind.PAYOUT,
        },
    )


def _recent_months(today, count=12):
    months, year, month = [], today.year, today.month
    for _index in range(count):
        months.append((year, month))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return months


@require_POST
def record_payout(request, producer_id):
    producer = _producer_for(request, producer_id)
    if not permissions.may_record_payouts(request.user):
        raise PermissionDenied
    form = PayoutForm(request.POST)
    if form.is_valid():
        try:
            payouts.record_payout(producer, user=request.user, **form.cleaned_data)
        except payouts.PayoutError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Đã ghi chuyển khoản."))
            return redirect("marketplace_payouts:ledger", producer.pk)
    response = ledger(request, producer_id, payout_form=form)
    response.status_code = 400
    return response


@require_POST
def reverse_entry(request, entry_id):
    if not permissions.may_record_payouts(request.user):
        raise PermissionDenied
    entry = get_object_or_404(PayoutEntry, pk=entry_id)
    form = ReverseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Hãy ghi lý do đảo bút toán."))
    else:
        try:
            payouts.reverse_payout(entry, user=request.user, reason=form.cleaned_data["reason"])
        except payouts.PayoutError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Đã ghi bút toán đảo."))
    return redirect("marketplace_payouts:ledger", entry.producer_id)


def statement(request, producer_id, year, month, file_format="html"):
    producer = _producer_for(request, producer_id)
    if not 1 <= month <= 12 or not 2000 <= year <= 2100:
        raise Http404
    sheet = payouts.statement(producer, year, month)
    if file_format == "csv":
        return _statement_csv(sheet)
    return render(request, "marketplace/admin/payouts/statement.html", {"statement": sheet})


def entry_order_number(entry):
    return entry.sub_order.order.number if entry.sub_order_id else ""


def _statement_csv(sheet):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([sheet.producer.name, f"{sheet.year:04d}-{sheet.month:02d}"])
    writer.writerow(
        [_("Ghi lúc"), _("Loại"), _("Đơn hàng"), _("Mã chuyển khoản"), _("Ghi chú"),
         _("Số tiền (đồng)"), _("Số dư (đồng)")]
    )  # fmt: skip
    writer.writerow(["", _("Số dư đầu kỳ"), "", "", "", "", sheet.opening])
    for entry in sheet.entries:
        writer.writerow(
            [
                local_time_text(entry.created_at),
                entry.get_kind_display(),
                entry_order_number(entry),
                spreadsheet_text(entry.bank_reference),
                spreadsheet_text(entry.note),
                entry.amount,
                entry.running_balance,
            ]
        )
    writer.writerow(["", _("Số dư cuối kỳ"), "", "", "", "", sheet.closing])
    response = HttpResponse(
        ("\ufeff" + buffer.getvalue()).encode("utf-8"), content_type="text/csv; charset=utf-8"
    )
    filename = f"sao-ke-{sheet.producer.slug}-{sheet.year:04d}-{sheet.month:02d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
