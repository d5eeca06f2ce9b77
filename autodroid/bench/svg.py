"""Inline SVG bar charts for the self-contained HTML report (no JavaScript, no external files)."""

from __future__ import annotations

from html import escape

PALETTE = ("#2f6db5", "#e08a2c", "#5a9e4b", "#b04a6f", "#7a5cb8", "#8c8c8c")
LABEL_W, BAR_H, GAP, PAD = 170, 14, 8, 10


def _text(x: float, y: float, text: str, *, anchor: str = "start", size: int = 11, weight: str = "normal",
          fill: str = "#222") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" font-weight="{weight}" '
            f'fill="{fill}">{escape(text)}</text>')


def _legend(names: list[str], colours: list[str], top: float, width: int) -> tuple[list[str], float]:
    """Legend entries left to right, wrapping before the right edge; (svg parts, height used)."""
    parts, x, y = [], float(LABEL_W), top
    for name, colour in zip(names, colours):
        item_w = 24 + 6.2 * len(name)
        if x + item_w > width - PAD and x > LABEL_W:
            x, y = float(LABEL_W), y + 16
        parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="10" height="10" fill="{colour}"/>')
        parts.append(_text(x + 14, y + 9, name))
        x += item_w
    return parts, y - top + 18


def grouped_bars(title: str, categories: list[str], series: dict[str, list[float | None]], *,
                 max_value: float | None = None, fmt=lambda v: f"{v:.0%}", width: int = 760,
                 references: list[tuple[str, float]] = ()) -> str:
    """Horizontal bars: one group per category, one bar per series; ``references`` draws labelled
    vertical lines (e.g. published success rates)."""
    names = list(series)
    values = [v for vs in series.values() for v in vs if v is not None] + [v for _, v in references]
    top = max_value if max_value is not None else (max(values) if values else 1.0) or 1.0
    plot_w = width - LABEL_W - 90
    group_h = len(names) * BAR_H + GAP
    legend, legend_h = _legend(names, [PALETTE[i % len(PALETTE)] for i in range(len(names))], PAD + 22, width)
    ref_h = 14 * len(references)
    height = PAD * 2 + 20 + legend_h + ref_h + len(categories) * group_h
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height:.0f}" role="img" '
             f'aria-label="{escape(title)}">', _text(PAD, PAD + 12, title, size=13, weight="bold"), *legend]
    y0 = PAD + 20 + legend_h + ref_h
    for c, category in enumerate(categories):
        y = y0 + c * group_h
        parts.append(_text(LABEL_W - 6, y + group_h / 2, category, anchor="end"))
        for i, name in enumerate(names):
            value = series[name][c]
            by = y + i * BAR_H
            if value is None:
                parts.append(_text(LABEL_W + 2, by + BAR_H - 3, "not run", size=10, fill="#888"))
                continue
            w = max(0.0, min(1.0, value / top)) * plot_w
            tip = f"{escape(name)}: {escape(fmt(value))}"
            parts.append(f'<rect x="{LABEL_W}" y="{by:.1f}" width="{w:.1f}" height="{BAR_H - 2}" '
                         f'fill="{PALETTE[i % len(PALETTE)]}"><title>{tip}</title></rect>')
            parts.append(_text(LABEL_W + w + 4, by + BAR_H - 3, fmt(value), size=10))
    bottom = y0 + len(categories) * group_h
    for r, (label, value) in enumerate(references):
        rx = LABEL_W + min(1.0, value / top) * plot_w
        ly = PAD + 20 + legend_h + 14 * r + 10
        parts.append(f'<line x1="{rx:.1f}" y1="{ly + 2}" x2="{rx:.1f}" y2="{bottom}" stroke="#c33" '
                     f'stroke-dasharray="4 3" stroke-width="1"/>')
        text = f"{label} {fmt(value)}"
        if rx + 3 + 5.6 * len(text) > width:  # keep the label inside: put it left of the line
            parts.append(_text(rx - 3, ly, text, anchor="end", size=10, fill="#c33"))
        else:
            parts.append(_text(rx + 3, ly, text, size=10, fill="#c33"))
    parts.append("</svg>")
    return "\n".join(parts)


def stacked_bars(title: str, rows: list[tuple[str, list[tuple[str, float]]]], *, unit: str = "s",
                 width: int = 760) -> str:
    """Horizontal stacked bars: each row a total split into named segments (same names share a colour)."""
    names: list[str] = []
    for _, segments in rows:
        for name, _ in segments:
            if name not in names:
                names.append(name)
    colour = {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(names)}
    top = max((sum(v for _, v in segments) for _, segments in rows), default=1.0) or 1.0
    plot_w = width - LABEL_W - 90
    legend, legend_h = _legend(names, [colour[n] for n in names], PAD + 22, width)
    height = PAD * 2 + 20 + legend_h + len(rows) * (BAR_H + GAP + 4)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height:.0f}" role="img" '
             f'aria-label="{escape(title)}">', _text(PAD, PAD + 12, title, size=13, weight="bold"), *legend]
    y = PAD + 20 + legend_h + 4
    for label, segments in rows:
        parts.append(_text(LABEL_W - 6, y + BAR_H - 3, label, anchor="end"))
        x = LABEL_W
        for name, value in segments:
            w = max(0.0, value / top) * plot_w
            parts.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{BAR_H}" fill="{colour[name]}">'
                         f'<title>{escape(name)}: {value:.3g} {unit}</title></rect>')
            x += w
        parts.append(_text(x + 4, y + BAR_H - 3, f"{sum(v for _, v in segments):.3g} {unit}", size=10))
        y += BAR_H + GAP + 4
    parts.append("</svg>")
    return "\n".join(parts)
