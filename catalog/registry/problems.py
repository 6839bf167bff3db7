"""Problems found in a registry source, with messages in Vietnamese and English.

Messages are gettext msgids in Vietnamese (the English is in the catalogue);
each problem is rendered in both languages when it is stored.
"""

from dataclasses import dataclass, field

from django.utils import translation

from catalog.models import Severity


@dataclass
class Problem:
    code: str
    message: object  # a gettext_lazy msgid with %(name)s placeholders
    params: dict = field(default_factory=dict)
    severity: str = Severity.ERROR
    column: str = ""
    value: str = ""
    row_number: int | None = None
    record_id: str = ""

    @property
    def is_error(self):
        return self.severity == Severity.ERROR

    def render(self, language):
        with translation.override(language):
            params = {name: str(value) for name, value in self.params.items()}
            text = str(self.message)
            return text % params if params else text

    def as_model_fields(self):
        return {
            "row_number": self.row_number,
            "record_id": self.record_id[:64],
            "column": str(self.column)[:100],
            "severity": self.severity,
            "code": self.code,
            "value": str(self.value)[:1000],
            "message_vi": self.render("vi"),
            "message_en": self.render("en"),
        }


def warning(code, message, **params):
    return Problem(code=code, message=message, params=params, severity=Severity.WARNING)


def error(code, message, **params):
    return Problem(code=code, message=message, params=params, severity=Severity.ERROR)


class SourceError(Exception):
    """The source cannot be read at all: nothing is changed and the run is marked failed."""

    def __init__(self, code, message, **params):
        self.problem = error(code, message, **params)
        super().__init__(self.problem.render("en"))


class InvalidValue(Exception):
    """A cell value that cannot be understood; becomes a row problem for its column."""

    def __init__(self, code, message, **params):
        self.code = code
        self.message = message
        self.params = params
        super().__init__(code)
