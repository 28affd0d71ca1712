"""Key figures as people read them: numbers in the active language, a table by year and bar charts."""

from dataclasses import dataclass, field
from decimal import Decimal

from core.numbers import format_percent, format_value


@dataclass
class Cell:
    year: int
    figure: object = None

    @property
    def value_text(self):
        if self.figure is None or self.figure.value is None:
            return ""
        return format_value(self.figure.value, self.figure.indicator.unit)

    @property
    def share_text(self):
        if self.figure is None or self.figure.share_percent is None:
            return ""
        return format_percent(self.figure.share_percent)


@dataclass
class Row:
    indicator: object
    cells: list = field(default_factory=list)


def figure_table(figures):
    """Return ``(years, rows)``: years ascending, one row per indicator with one cell per year."""
    years = sorted({figure.year for figure in figures})
    rows = {}
    for figure in figures:
        row = rows.setdefault(figure.indicator_id, Row(figure.indicator, [Cell(year) for year in years]))
        row.cells[years.index(figure.year)].figure = figure
    ordered = sorted(rows.values(), key=lambda row: (row.indicator.position, row.indicator.pk))
    return years, ordered


# Chart geometry, in SVG user units: the drawing scales to its container.
CHART_WIDTH = 480
YEAR_COLUMN = 64
BAR_SPACE = 280
ROW_HEIGHT = 36
BAR_HEIGHT = 26
TOP = 8


def _coordinate(number):
    """Return an SVG coordinate, never localised (a French comma would break the drawing)."""
    return f"{number:.1f}"


@dataclass
class Bar:
    year: int
    text: str
    y: str
    text_y: str
    width: str = "0"
    text_x: str = ""
    latest: bool = False


@dataclass
class Chart:
    indicator: object
    measure: str
    bars: list
    height: str
    width: str = str(CHART_WIDTH)
    bar_x: str = str(YEAR_COLUMN)
    bar_height: str = str(BAR_HEIGHT)

    @property
    def summary(self):
        return "; ".join(f"{bar.year}: {bar.text}" for bar in self.bars)


def _chart(row, years, measure, no_data_text):
    """Return the bar chart of one measure ("value" or "share") of an indicator, or None without data."""
    numbers = {}
    for cell in row.cells:
        if cell.figure is None:
            continue
        if measure == "value" and cell.figure.value is not None:
            numbers[cell.year] = (cell.figure.value, cell.value_text)
        elif measure == "share" and cell.figure.share_percent is not None:
            numbers[cell.year] = (cell.figure.share_percent, cell.share_text)
    if not numbers:
        return None
    scale = Decimal(100) if measure == "share" else max(number for number, _text in numbers.values())
    scale = scale or Decimal(1)
    bars = []
    for index, year in enumerate(years):
        y = TOP + index * ROW_HEIGHT
        bar = Bar(
            year=year,
            text=no_data_text,
            y=_coordinate(y),
            text_y=_coordinate(y + BAR_HEIGHT / 2),
            text_x=_coordinate(YEAR_COLUMN),
            latest=year == years[-1],
        )
        if year in numbers:
            number, bar.text = numbers[year]
            width = float(number / scale) * BAR_SPACE
            bar.width = _coordinate(width)
            bar.text_x = _coordinate(YEAR_COLUMN + width + 8)
        bars.append(bar)
    return Chart(row.indicator, measure, bars, _coordinate(TOP * 2 + len(years) * ROW_HEIGHT - 8))


def bar_charts(years, rows, *, no_data_text):
    """Return the horizontal bar charts comparing the years of each indicator: its values, then its shares.

    Each chart has its own scale (a count of countries and of publications do not compare);
    shares are drawn against 100 %.
    """
    charts = []
    for row in rows:
        for measure in ("value", "share"):
            chart = _chart(row, years, measure, no_data_text)
            if chart is not None:
                charts.append(chart)
    return charts
