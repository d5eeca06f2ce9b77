"""Which buttons only show a setting's current value (never offered as lines) and which are actions that
happen to say what an action menu also says."""

from __future__ import annotations

from autodroid.appdoc import load_doc, parse_doc
from autodroid.planner.retrieval import value_labels

DOC = parse_doc("""\
schema: 1
app: mail
package: org.mail
start_screen: main_screen
screens:
  main_screen:
    description: the app's start screen
    elements:
      more_button: {type: button, description: More options, selectors: [{desc: More options}], leads_to: more_menu}
      theme_holder_button: {type: button, description: Theme, selectors: [{text: Theme}], leads_to: theme_dialog}
      theme_value_button: {type: button, description: Dark, selectors: [{text: Dark}]}
      archive_button: {type: button, description: Archive, selectors: [{desc: Archive}]}
      delay_button: {type: button, description: 5 minutes, selectors: [{text: 5 minutes}]}
  more_menu:
    description: menu opened by 'More options'
    elements:
      options_list: {type: list, description: menu, selectors: [{resource_id: menu}], options: [Archive, Settings]}
  theme_dialog:
    description: dialog opened by 'Theme'
    elements:
      themes_list: {type: list, description: themes, selectors: [{resource_id: themes}], options: [Light, Dark]}
  archive_screen:
    description: archived mail
    elements: {}
  settings_screen:
    description: settings
    elements: {}
navigation:
- {from: main_screen, action: tap, element: main_screen__more_button, to: more_menu}
- {from: main_screen, action: tap, element: main_screen__theme_holder_button, to: theme_dialog}
- {from: more_menu, action: select, element: more_menu__options_list, option: Archive, to: archive_screen}
- {from: more_menu, action: select, element: more_menu__options_list, option: Settings, to: settings_screen}
- {from: theme_dialog, action: select, element: theme_dialog__themes_list, option: Light, to: main_screen}
- {from: theme_dialog, action: select, element: theme_dialog__themes_list, option: Dark, to: main_screen}
""")


def test_a_settings_choice_and_a_number_are_values_an_action_menus_option_is_not():
    labels = value_labels(DOC)
    assert "main_screen__theme_value_button" in labels  # Dark: a choice of the theme dialog (all picks land home)
    assert "main_screen__delay_button" in labels  # a number
    assert "main_screen__archive_button" not in labels  # the menu's Archive opens its own screen: an action
    assert "main_screen__theme_holder_button" not in labels  # opens the dialog


def test_the_sim_apps_action_buttons_are_offered():
    assert "conversations_item_menu__cab_archive_button" not in value_labels(load_doc("messages"))
    assert "dialpad_screen__call_button" not in value_labels(load_doc("dialer"))
