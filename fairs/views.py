"""Livestream page routes: the .ics download and the "remind me" form."""

from django.contrib import messages
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from tours.clients import client_key

from .services import calendar, reminders


def livestream_calendar(request, livestream):
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    body = calendar.livestream_ics(
        livestream, page_url=livestream.get_full_url(request), host=request.get_host()
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="livestream-{livestream.pk}.ics"'
    return response


def livestream_reminder(request, livestream):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        reminders.subscribe(
            livestream,
            request.POST.get("email"),
            client=client_key(request),
            language=get_language() or "vi",
        )
    except reminders.ReminderError as error:
        messages.error(request, str(error))
        return redirect(livestream.url + "#nhac-toi")
    messages.success(request, _("Chúng tôi sẽ gửi e-mail nhắc 30 phút trước giờ bắt đầu."))
    return redirect(livestream.url + "#nhac-toi")
