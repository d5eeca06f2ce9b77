"""About and FAQ screens, shared by the simulated apps (each passes its own name and questions)."""

from __future__ import annotations

from typing import Sequence

from autodroid.device.sim.app import Page, SimApp
from autodroid.device.sim.chrome import (
    BODY, CONTENT, RECYCLER, VIEW_GROUP, ScrollState, link_row, plain_row, scroll_list, section_label, toolbar,
)
from autodroid.device.sim.widgets import View, layout


class AboutPage(Page):
    def __init__(self, app: SimApp, faq: Sequence[tuple[str, str]]):
        super().__init__(app)
        self.kind = f"{app.name}.about"
        self.faq = faq
        self.scroll = ScrollState()

    def build(self) -> list[View | None]:
        items = [
            plain_row(self.app.label, "about_app_name", 147),
            plain_row("Version 1.0.0 (simulated)", "about_version"),
            section_label("Support", "about_support_label"),
            link_row("Frequently asked questions", lambda: self.app.push(FaqPage(self.app, self.faq)), "about_faq"),
            section_label("Other", "about_other_label"),
            plain_row("Licensed under the Apache License 2.0", "about_license"),
        ]
        bar = toolbar("About", rid="about_toolbar", up=self.close)
        body = scroll_list("android.widget.ScrollView", "about_scrollview", BODY, items, self.scroll,
                           holder_rid="about_holder")
        return [layout(VIEW_GROUP, CONTENT, bar, body, rid="about_coordinator")]


class FaqPage(Page):
    def __init__(self, app: SimApp, faq: Sequence[tuple[str, str]]):
        super().__init__(app)
        self.kind = f"{app.name}.faq"
        self.faq = faq
        self.scroll = ScrollState()

    def build(self) -> list[View | None]:
        items = []
        for question, answer in self.faq:
            items.append(plain_row(question, "faq_title"))
            items.append(plain_row(answer, "faq_text", 189))
        bar = toolbar("Frequently asked questions", rid="faq_toolbar", up=self.close)
        body = scroll_list(RECYCLER, "faq_list", BODY, items, self.scroll)
        return [layout(VIEW_GROUP, CONTENT, bar, body, rid="faq_coordinator")]
