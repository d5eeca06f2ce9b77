"""What a task asks after its first part keeps the script going; where unquoted values go (not an address
field, not a search box unless the task looks something up); a weekday goes with the event's texts."""

from __future__ import annotations

from autodroid.appdoc import load_doc, parse_doc
from autodroid.planner.planner import PlanConfig, Planner
from autodroid.planner.retrieval import stem, words
from picking_model import PickingModel

FORM = parse_doc("""\
schema: 1
app: people
package: org.people
start_screen: main_screen
screens:
  main_screen:
    description: the app's start screen
    elements:
      add_button: {type: button, description: New contact, selectors: [{resource_id: fab}], leads_to: edit_screen}
      search_button: {type: button, description: Search contacts, selectors: [{resource_id: search}],
                      leads_to: search_screen}
  search_screen:
    description: screen opened by 'Search contacts'
    elements:
      query_input: {type: input, description: Search contacts, selectors: [{resource_id: query}]}
  edit_screen:
    description: screen opened by 'New contact'
    elements:
      name_input: {type: input, description: Name, selectors: [{resource_id: name}]}
      email_input: {type: input, description: Email, selectors: [{resource_id: email}]}
      company_input: {type: input, description: Company, selectors: [{resource_id: company}]}
      save_button: {type: button, description: Save, selectors: [{resource_id: save}], leads_to: main_screen}
""", "people doc.yaml")


def typed(planner: Planner, task: str) -> list[str]:
    return [line for line in planner.choices(task, [c.name for c in planner.candidates(task)]) if "set_text" in line]


def test_a_value_without_an_at_sign_does_not_go_into_an_email_field():
    lines = typed(Planner(None, FORM), "new contact Tom Hale from Bright Sparks")
    assert 'edit_screen__company_input.set_text("Bright Sparks")' in lines
    assert not any("email_input" in line for line in lines)


def test_an_unquoted_name_goes_into_a_search_box_only_when_the_task_looks_it_up():
    put = typed(Planner(None, FORM), "put Grandpa in my contacts")
    assert put[0] == 'edit_screen__name_input.set_text("Grandpa")'
    assert typed(Planner(None, FORM, config=PlanConfig(search_asked=False)), "put Grandpa in my contacts")[0] == \
        'search_screen__query_input.set_text("Grandpa")'  # "contacts" drew it to the search box
    assert typed(Planner(None, FORM), "search my contacts for Grandpa")[0] == \
        'search_screen__query_input.set_text("Grandpa")'


def test_a_long_ery_word_meets_its_verb():
    assert stem("delivery") == stem("delivered") == stem("deliveries")
    assert stem("every") == "every"  # short words keep their ending
    assert set(words("delivery reports")) & set(words("when my texts have been delivered"))


def test_a_tap_the_task_asks_after_its_text_keeps_the_script_going_past_the_send():
    task = 'tell Ben "Invoice paid" and then archive that conversation'
    planner = Planner(None, load_doc("messages"))
    choices = planner.choices(task, [c.name for c in planner.candidates(task)])
    sent = ['main_screen__conversations_list.select("Ben Okafor")',
            'conversations_item_screen__thread_type_message_input.set_text("Invoice paid")',
            "conversations_item_screen__thread_send_message_button.tap()"]
    assert "conversations_item_menu__cab_archive_button.tap()" in planner._pending_options(task, choices, sent)
    off = Planner(None, load_doc("messages"), config=PlanConfig(taps_later=False))
    assert off._pending_options(task, choices, sent) == []
    # what the script already named is no later step: "... Diary ... as diary.pdf" after typing Diary
    contacts = Planner(None, load_doc("contacts"))
    task = "add the email hugo.bernard@example.fr to Hugo's contact"
    choices = contacts.choices(task, [c.name for c in contacts.candidates(task)])
    done = ['main_screen__contacts_list.select("Hugo Bernard")',
            'new_contact_screen__email_input.set_text("hugo.bernard@example.fr")', "new_contact_screen__save_button.tap()"]
    assert contacts._pending_options(task, choices, done) == []  # not the "Contacts" tab: the app's item noun


def test_an_option_picked_in_other_case_than_the_task_says_it_still_marks_what_is_left():
    """"set the font size to small and don't show contact thumbnails": after Small and its OK, the
    thumbnails box is what the task still asks (the option's capital S did not hide where "small" ends)."""
    task = "set the font size to small and don't show contact thumbnails"
    planner = Planner(None, load_doc("contacts"))
    done = ['font_size_dialog__dialog_radio_group_list.select("Small")', "font_size_dialog__ok_button.tap()"]
    assert planner._words_after_done(task, done) == set(words("don't show contact thumbnails"))
    choices = planner.choices(task, [c.name for c in planner.candidates(task)])
    assert "settings_screen__show_contact_thumbnails_checkbox.tap()" in planner._pending_options(task, choices, done)


def test_the_weekday_of_an_event_is_offered_with_its_title():
    task = 'add "Team lunch" on Friday at noon, then switch to the week view'
    planner = Planner(None, load_doc("calendar"))
    lines = planner.choices(task, [c.name for c in planner.candidates(task)])
    assert lines.index('start_date_dialog__dialog_radio_group_list.select("Fri, Mar 8")') < 3
    late = Planner(None, load_doc("calendar"), config=PlanConfig(dated_first=False))
    assert late.choices(task, [c.name for c in late.candidates(task)]).index(
        'start_date_dialog__dialog_radio_group_list.select("Fri, Mar 8")') > 3
    week = "my week starts on Sunday, not Monday"  # no event: the setting's Sunday comes first
    model = PickingModel(lambda line: False)
    assert "Sunday" in Planner(model, load_doc("calendar")).plan(week).script.splitlines()[0]


def test_what_the_task_says_is_no_longer_to_be_names_the_docs_un_word_and_not_the_option():
    from autodroid.appdoc import Element
    from autodroid.planner.retrieval import LexicalIndex, ranked_options

    task = "Anna's conversation doesn't need to be pinned anymore"
    index = LexicalIndex(load_doc("messages"))
    assert "unpin" in index.query(task) and "unpin" not in words(task)
    assert "conversations_item_menu__cab_pin_button" in [c.name for c in index.rank(task, 5)]  # "Unpin"
    assert "unpin" not in index.query("pin my chat with David")
    rows = Element(name="main_screen__list", screen="main_screen", type="list", options=("Pinned", "Anna Kowalski"))
    assert ranked_options(rows, task) == ["Anna Kowalski"]  # the "Pinned" header is what it is not to be
    model = PickingModel(lambda line: "long_tap" in line or "cab_pin_button.tap" in line)
    assert Planner(model, load_doc("messages")).plan(task).script.splitlines()[:2] == [
        'main_screen__conversations_list.match("Anna Kowalski").long_tap()', "conversations_item_menu__cab_pin_button.tap()"]


def test_the_line_budget_counts_the_ok_of_each_dialog_a_pick_is_made_in():
    task = 'add "Team lunch" on Friday at noon, then switch to the week view'
    planner = Planner(None, load_doc("calendar"), config=PlanConfig(dialog_oks=True))
    choices = planner.choices(task, [c.name for c in planner.candidates(task)])
    without = Planner(None, load_doc("calendar"))  # off by default (measured)
    assert planner.script_lines(task, choices) == 8 > without.script_lines(task, choices)


def test_what_a_look_up_verb_names_is_typed_into_the_search_box():
    from autodroid.planner.retrieval import looked_up

    assert looked_up("use search to find my margherita order in my texts") == ("margherita", True)
    assert looked_up("search my messages for drill") == ("drill", False)  # after "for": what is sought
    assert looked_up("find the file") == ("file", False) and looked_up("open the file") is None
    planner = Planner(None, FORM)
    assert typed(planner, "find my Grandpa contact")[0] == 'search_screen__query_input.set_text("Grandpa")'
    assert "contact" not in planner.values("find the contact")  # a word the app uses: the kind, not which one
    messages = load_doc("messages")
    task = "use search to find my margherita order in my texts"
    assert 'search_screen__input.set_text("margherita")' in typed(Planner(None, messages), task)
    assert not typed(Planner(None, messages, config=PlanConfig(looked_up=False)), task)
