"""Report pieces: SVG charts stay inside their canvas and are well-formed; markdown quotes the anchors."""

from __future__ import annotations

from lxml import etree

from autodroid.bench.report import _markdown_to_html, error_kind
from autodroid.bench.svg import grouped_bars, stacked_bars

CHAR_W = 6.2  # the legend's width estimate per character at font-size 11


def _inside(svg: str) -> None:
    root = etree.fromstring(svg.encode())
    width = float(root.get("width"))
    height = float(root.get("height"))
    ns = "{http://www.w3.org/2000/svg}"
    for rect in root.iter(f"{ns}rect"):
        x, w, y = float(rect.get("x")), float(rect.get("width")), float(rect.get("y"))
        assert 0 <= x and x + w <= width + 0.5 and 0 <= y <= height, etree.tostring(rect)
    for text in root.iter(f"{ns}text"):
        x, y = float(text.get("x")), float(text.get("y"))
        assert 0 <= y <= height, text.text
        if text.get("text-anchor") == "start":
            assert x + CHAR_W * 0.8 * len(text.text) <= width + 1, text.text
        if text.get("text-anchor") == "end":
            assert x - CHAR_W * 0.8 * len(text.text) >= -1, text.text


def test_grouped_bars_scale_wrap_their_legend_and_keep_reference_labels_inside():
    series = {f"long agent name number {i} lenient": [0.2 * i, None, 1.0] for i in range(4)}
    svg = grouped_bars("Success", ["applauncher", "camera", "all"], series, max_value=1.0,
                       references=[("AutoDroid-V2 + fine-tuned Llama-3.1-8B", 0.544), ("AutoDroid-V2 + GPT-4o", 0.671),
                                   ("AutoDroid (v1) + GPT-4", 0.615)])
    _inside(svg)
    assert svg.count("not run") == 4 and "67%" in svg
    full = [r for r in etree.fromstring(svg.encode()).iter("{http://www.w3.org/2000/svg}rect")
            if r.find("{http://www.w3.org/2000/svg}title") is not None and r.find(
                "{http://www.w3.org/2000/svg}title").text.endswith("100%")]
    assert len(full) == 4 and len({r.get("width") for r in full}) == 1


def test_stacked_bars_split_each_total():
    svg = stacked_bars("Latency", [("warm", [("prefill", 1.0), ("decode", 3.0)]), ("cold", [("prefix KV", 30.0)])])
    _inside(svg)
    root = etree.fromstring(svg.encode())
    svg_ns = "{http://www.w3.org/2000/svg}"
    bars = [r for r in root.iter(f"{svg_ns}rect") if r.find(f"{svg_ns}title") is not None]
    widths = {r.find("{http://www.w3.org/2000/svg}title").text: float(r.get("width")) for r in bars}
    assert abs(widths["decode: 3 s"] - 3 * widths["prefill: 1 s"]) < 0.2
    assert widths["prefix KV: 30 s"] > widths["decode: 3 s"]


def test_error_kinds_drop_the_details():
    assert error_kind(None) is None
    line = "line 2: x.tap() failed (UnexploredTransition): tap on <button 'Secret'>"
    assert error_kind(line) == "UnexploredTransition"
    assert error_kind("NavigationFailed: no known way to settings") == "NavigationFailed"
    assert error_kind("stuck: tap(10) left the screen unchanged 3 times") == "stuck"
    assert error_kind("crash: KeyError: 'name'") == "crash: KeyError"
    assert error_kind("the script is invalid: unknown name foo") == "PlanError"
    assert error_kind("line 1: a.tap() failed (ElementNotFound): a is documented on b") == "ElementNotFound"
    assert error_kind("line 2: no item of x_list matches 'Secret' (9 items seen)") == "NoSuchItem"
    assert error_kind("something odd with 'Label'") == "other"


def test_markdown_tables_become_html_tables():
    html = _markdown_to_html(["## Title", "", "| a | b |", "|---|---|", "| **1** | `x` |", "", "*note*"])
    assert "<h2>Title</h2>" in html and "<th>a</th>" in html and "<td><b>1</b></td>" in html
    assert "<code>x</code>" in html and "<i>note</i>" in html and "---" not in html
