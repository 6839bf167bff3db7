"""A report's result: titled columns and rows of plain values, ready to show, chart and export."""

from dataclasses import dataclass, field

SHOWN_ROWS = 50  # long tables show their first rows on the page; the exports hold them all


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    money: bool = False  # whole đồng: shown as 150.000 ₫, exported as a number


@dataclass
class Table:
    key: str
    title: str
    columns: list
    rows: list  # each a dict: column key → value (str, int, date)
    chart: str = ""  # "bar", "hbar", "line", or "" for a list without a chart
    label: str = ""  # the column naming each bar / point
    value: str = ""  # the column charted
    note: str = ""
    filters: tuple = ()  # the filters this table obeys: "province", "product_set", ...
    extra: dict = field(default_factory=dict)

    def values(self, row):
        return [row.get(column.key) for column in self.columns]

    def chart_points(self, limit=15):
        return [(str(row[self.label]), row[self.value] or 0) for row in self.rows[:limit]]
