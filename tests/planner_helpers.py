"""A small hand-written app doc for the planner's unit tests: a main screen, a settings screen, a sort
dialog with a choice list and OK, a create dialog with an input and OK, a radio dialog that applies at
once, and a sensitive delete dialog. Small enough to read, real enough to exercise every rule."""

from __future__ import annotations

from autodroid.appdoc import AppDoc, parse_doc

DOC_YAML = """\
schema: 1
app: demo
package: org.demo
start_screen: main_screen
screens:
  main_screen:
    description: the app's start screen
    elements:
      sort_button: {type: button, description: Sort by, selectors: [{resource_id: sort}], leads_to: sort_dialog}
      new_button: {type: button, description: Create a new note, selectors: [{resource_id: new}], leads_to: create_dialog}
      settings_button: {type: button, description: Settings, selectors: [{resource_id: settings}], leads_to: settings_screen}
      delete_button: {type: button, description: Delete note, risk: sensitive, selectors: [{resource_id: del}], leads_to: delete_dialog}
      title_text: {type: text, description: My notes, selectors: [{resource_id: title}]}
      pager_scroll: {type: scrollable, description: notes, selectors: [{resource_id: pager}]}
  settings_screen:
    description: screen titled 'Settings'
    elements:
      autosave_checkbox: {type: checkbox, description: Autosave notes, selectors: [{resource_id: autosave}]}
      font_size_label_button: {type: button, description: Font size, selectors: [{resource_id: font}], leads_to: font_size_dialog}
  font_size_dialog:
    description: dialog opened by 'Font size'
    elements:
      radio_list: {type: list, description: font sizes, options: [Small, Medium, Large], selectors: [{resource_id: radios}]}
      ok_button: {type: button, description: OK, selectors: [{text: OK}], leads_to: settings_screen}
  sort_dialog:
    description: dialog opened by 'Sort by'
    elements:
      order_list: {type: list, description: sort order, options: [Ascending, Descending], selectors: [{resource_id: order}]}
      cancel_button: {type: button, description: Cancel, selectors: [{text: Cancel}], leads_to: main_screen}
      ok_button: {type: button, description: OK, selectors: [{text: OK}], leads_to: main_screen}
  create_dialog:
    description: dialog opened by 'Create a new note'
    elements:
      title_input: {type: input, description: Label, selectors: [{resource_id: label}]}
      checklist_checkbox: {type: checkbox, description: Checklist, selectors: [{resource_id: checklist}]}
      ok_button: {type: button, description: OK, selectors: [{text: OK}]}
  delete_dialog:
    description: dialog opened by 'Delete note'
    elements:
      keep_checkbox: {type: checkbox, description: Keep a copy, risk: sensitive, selectors: [{resource_id: keep}]}
      yes_button: {type: button, description: "Yes", risk: sensitive, selectors: [{text: "Yes"}], leads_to: main_screen}
navigation:
- {from: main_screen, action: tap, element: main_screen__sort_button, to: sort_dialog}
- {from: main_screen, action: tap, element: main_screen__new_button, to: create_dialog}
- {from: main_screen, action: tap, element: main_screen__settings_button, to: settings_screen}
- {from: main_screen, action: tap, element: main_screen__delete_button, to: delete_dialog}
- {from: settings_screen, action: tap, element: settings_screen__font_size_label_button, to: font_size_dialog}
- {from: font_size_dialog, action: select, element: font_size_dialog__radio_list, option: Large, to: settings_screen}
- {from: sort_dialog, action: tap, element: sort_dialog__ok_button, to: main_screen}
"""


def demo_doc() -> AppDoc:
    return parse_doc(DOC_YAML, "demo doc.yaml")
