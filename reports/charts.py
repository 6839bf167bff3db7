"""Charts drawn on the server as SVG with pygal: no JavaScript, no CDN.

pygal writes the SVG itself (its text escaped as XML). Its tooltip script, loaded from a
CDN by default, is turned off (``js=[]``), and the inline config script it always adds
is taken out of the tree before the SVG is written (``without_scripts``). The SVG is
put inline in the admin page (the admin's CSP allows the chart's own <style>), with the
same figures in the table beside it.
"""

import pygal
from pygal.style import Style

from cms.formatting import format_vnd as vnd

CHART_CLASSES = {"bar": pygal.Bar, "hbar": pygal.HorizontalBar, "line": pygal.Line}
STYLE = Style(
    background="white",
    plot_background="white",
    foreground="#1f2933",
    foreground_strong="#1f2933",
    foreground_subtle="#52606d",
    colors=("#00676a", "#c05621", "#2b6cb0"),
    font_family="system-ui, sans-serif",
    label_font_size=12,
    major_label_font_size=12,
    value_font_size=11,
    title_font_size=14,
)
POINTS = 15  # bars or points drawn; the table has every row


def without_scripts(root):
    """pygal's XML filter: drop every <script> element (the charts are static) and the
    comments (pygal's credits)."""
    for parent in list(root.iter()):
        for child in list(parent):
            is_comment = not isinstance(child.tag, str)
            if is_comment or child.tag.rsplit("}", 1)[-1] == "script":
                parent.remove(child)
    return root


def render(table, limit=POINTS):
    """The table's chart as an SVG string, or "" when it has no chart or no rows."""
    if not table.chart or not table.rows:
        return ""
    points = table.chart_points(limit)
    money = next((column.money for column in table.columns if column.key == table.value), False)
    chart = CHART_CLASSES[table.chart](
        style=STYLE,
        js=[],
        disable_xml_declaration=True,
        width=640,
        height=320 if table.chart != "hbar" else max(200, 28 * len(points) + 80),
        show_legend=False,
        x_label_rotation=30 if table.chart == "line" else 0,
        value_formatter=vnd if money else (lambda value: f"{value:,.0f}".replace(",", ".")),
        print_values=table.chart != "line",
        truncate_label=40,
        margin=8,
    )
    labels = [label for label, _value in points]
    values = [value for _label, value in points]
    if table.chart == "hbar":  # drawn bottom-up: reverse so the first row is on top
        labels, values = labels[::-1], values[::-1]
    chart.add_xml_filter(without_scripts)
    chart.x_labels = labels
    chart.add(str(table.title), values)
    return chart.render(is_unicode=True)
