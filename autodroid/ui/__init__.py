"""Screen model: one immutable tree type for uiautomator dumps and DroidTask states."""

from autodroid.ui.screen import Bounds, Node, Screen

__all__ = ["Bounds", "Node", "Screen", "parse_u2_xml", "parse_droidtask_html", "load_screen"]


def __getattr__(name: str):
    if name == "parse_u2_xml":
        from autodroid.ui.u2xml import parse_u2_xml

        return parse_u2_xml
    if name == "parse_droidtask_html":
        from autodroid.ui.droidtask_html import parse_droidtask_html

        return parse_droidtask_html
    if name == "load_screen":
        from autodroid.ui.load import load_screen

        return load_screen
    raise AttributeError(name)
