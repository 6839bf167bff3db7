"""Form widgets that render in Python where Django's template rendering is costly."""

from html import escape

from django import forms
from django.utils.safestring import mark_safe


class QuickSelect(forms.Select):
    """A ``<select>`` with the same markup as Django's, written in Python.

    Django renders every ``<option>`` through two templates (the option and its
    attributes): the catalogue's filters have about 80 options, which cost 160
    template renders on every catalogue, province and search page.
    """

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        groups = "".join(
            group_html(group, options) for group, options, _index in widget["optgroups"]
        )
        name, attrs = escape(widget["name"]), attributes(widget["attrs"])
        return mark_safe(f'<select name="{name}"{attrs}>{groups}</select>')  # all escaped


def attributes(attrs):
    """Django's ``attrs.html``: True gives the bare name, False nothing."""
    return "".join(
        f" {escape(name)}" if value is True else f' {escape(name)}="{escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False
    )


def option_html(option):
    value, label = escape(str(option["value"])), escape(str(option["label"]))
    return f'<option value="{value}"{attributes(option["attrs"])}>{label}</option>'


def group_html(group, options):
    html = "".join(option_html(option) for option in options)
    return f'<optgroup label="{escape(str(group))}">{html}</optgroup>' if group else html
