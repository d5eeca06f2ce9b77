"""A row's long-press menu (selection mode's Pin, Archive) acts on the row the task names; a tap labelled with
the task's verb alone carries the command out; buttons that repeat a menu's options are actions, not values."""

from __future__ import annotations

from autodroid.appdoc import Element, load_doc, parse_doc
from autodroid.bench.simtasks import snapshot
from autodroid.device import open_device
from autodroid.planner.planner import PlanConfig, Planner
from autodroid.planner.postprocess import parse_line
from autodroid.planner.retrieval import ranked_options, value_labels
from autodroid.runtime import run_on_device
from picking_model import PickingModel

BAR = parse_doc("""\
schema: 1
app: inbox
package: org.inbox
start_screen: main_screen
screens:
  main_screen:
    description: the app's start screen
    elements:
      more_button: {type: button, description: More options, selectors: [{desc: More options}], leads_to: menu_screen}
      theme_button: {type: button, description: Dark, selectors: [{resource_id: theme_value}]}
      theme_label_button: {type: button, description: Theme, selectors: [{resource_id: theme}], leads_to: theme_dialog}
  selection_bar:
    description: menu of the conversations row tapped
    elements:
      archive_button: {type: button, description: Archive, selectors: [{resource_id: cab_archive}]}
      delete_button: {type: button, description: Delete, selectors: [{resource_id: cab_delete}]}
  menu_screen:
    description: screen opened by 'More options'
    elements:
      menu_list: {type: list, description: Menu, selectors: [{resource_id: menu}], options: [Settings, Archive, Delete]}
  theme_dialog:
    description: dialog opened by 'Theme'
    elements:
      themes_list: {type: list, description: Theme, selectors: [{resource_id: themes}], options: [Light, Dark]}
""", "inbox doc.yaml")


def test_buttons_showing_two_options_of_one_list_are_actions_not_values():
    labels = value_labels(BAR)
    assert "main_screen__theme_button" in labels  # the one current value of the theme list
    assert "selection_bar__archive_button" not in labels and "selection_bar__delete_button" not in labels


class EndingModel(PickingModel):
    """A picking model that records, per step, whether it was allowed to end the script."""

    def __init__(self, prefer):
        super().__init__(prefer)
        self.may_end: list[bool] = []

    def choose(self, prompt, options, *, allow_end=False, prefix_cache_key=None):
        self.may_end.append(allow_end)
        return super().choose(prompt, options, allow_end=allow_end, prefix_cache_key=prefix_cache_key)


def test_after_a_rows_long_press_only_its_menu_is_offered_and_the_script_goes_on():
    task = "archive the conversation with Olivia Brown"
    press = 'main_screen__conversations_list.match("Olivia Brown").long_tap()'
    model = EndingModel(lambda line: line == press or "archive_button" in line)
    plan = Planner(model, load_doc("messages")).plan(task)
    assert plan.script.splitlines()[:2] == [press, "conversations_item_menu__cab_archive_button.tap()"]
    assert all(load_doc("messages").elements[parse_line(line).name].screen == "conversations_item_menu"
               for line in model.offered[1])
    assert model.may_end[1] is False
    off = EndingModel(lambda line: line == press)
    Planner(off, load_doc("messages"), config=PlanConfig(pressed_acts=False)).plan(task)
    assert any("more_options_screen" in line for line in off.offered[1])  # another screen: the press is lost


def test_no_line_of_a_named_rows_menu_comes_before_its_press():
    task = "ring Hannah, she's in my favourites"
    press = 'main_screen__contacts_list.match("Hannah Cohen").long_tap()'
    model = PickingModel(lambda line: False)  # takes the first line offered
    plan = Planner(model, load_doc("dialer")).plan(task)
    assert press in model.offered[0]
    assert not any(line.startswith("contacts_item_menu__") for line in model.offered[0])
    assert plan.script.splitlines()[:2] == [press, 'contacts_item_menu__listview_list.select("Call")']
    off = PickingModel(lambda line: False)
    Planner(off, load_doc("dialer"), config=PlanConfig(press_first=False)).plan(task)
    assert off.offered[0][0] == 'contacts_item_menu__listview_list.select("Call")'  # the runtime would press any row


def test_a_conversation_named_by_its_first_name_is_long_pressed_and_pinned_on_the_sim():
    model = PickingModel(lambda line: "long_tap" in line or "Pin" in line or "pin_button_2" in line)
    plan = Planner(model, load_doc("messages")).plan("pin my chat with David to the top")
    pin = plan.script.splitlines()[:2]  # (this stand-in never ends a script: it would tap Unpin next)
    assert pin == ['main_screen__conversations_list.match("David Nguyen").long_tap()',
                   "conversations_item_menu__cab_pin_button_2.tap()"]
    with open_device("sim:messages") as device:
        report = run_on_device("\n".join(pin) + "\n", load_doc("messages"), device, auto_yes=True)
        assert report.ok, report.error_text
        pinned = {c["title"]: c["pinned"] for c in snapshot(device, "messages")["conversations"]}
        assert pinned["David Nguyen"] is True


def test_a_tap_labelled_with_the_tasks_verb_ends_the_script_unless_the_task_says_more():
    call = 'contacts_item_menu__listview_list.select("Call")'

    def planned(task, config=None):  # presses the row, then its menu's Call, then anything offered
        model = PickingModel(lambda line: "long_tap" in line or line == call)
        return Planner(model, load_doc("dialer"), config=config).plan(task).script.splitlines()

    assert planned("call Julia Santos") == ['main_screen__contacts_list.match("Julia Santos").long_tap()', call]
    assert len(planned("call Julia Santos", PlanConfig(verb_ends=False))) > 2  # End call and the like follow
    # the verb is the task's first unquoted word that is not a function word (``retrieval.task_verb``),
    # also when the task opens with a quote
    assert planned('"Julia Santos": call her') == ['main_screen__contacts_list.match("Julia Santos").long_tap()', call]
    muted = planned("call Elena and mute my microphone")
    assert call in muted and "contacts_item_screen__call_toggle_microphone_checkbox.tap()" in muted


def test_what_the_task_says_comes_after_too_is_not_named():
    sizes = Element(name="font_dialog__list", screen="font_dialog", type="list",
                    options=("Small", "Medium", "Large", "Extra large"))
    assert ranked_options(sizes, "the text is too small, make it large") == ["Large"]
    assert ranked_options(sizes, "make the text small") == ["Small"]

