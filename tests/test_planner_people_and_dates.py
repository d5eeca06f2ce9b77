"""Values as people say them and apps store them: day and month names and times as pickers write them
("Wednesday at 3pm" names "Wed, Mar 6" and "3:00 PM"), a text handed over by "called" or "saying", and a
person's full name typed into a form's first-name and surname fields in two parts."""

from __future__ import annotations

from autodroid.appdoc import Element, parse_doc
from autodroid.planner.choice_rules import dated_lists, item_nouns
from autodroid.planner.planner import PlanConfig, Planner
from autodroid.planner.retrieval import introduced_values, ranked_options, task_values, words
from autodroid.planner.slots import name_fields, name_parts
from picking_model import PickingModel


def test_a_phone_number_names_a_row_only_when_it_is_the_same_number():
    blocked = Element(name="blocked_screen__list", screen="blocked_screen", type="list",
                      options=("800-555-0150", "555-0104", "+1 555 0188"))
    assert ranked_options(blocked, "add 800-555-0188 to my blocked numbers") == ["+1 555 0188"]  # not 800-555-0150
    assert ranked_options(blocked, "unblock 555 0104") == ["555-0104"]
    assert ranked_options(blocked, "block 555-0177") == []


def test_an_unquoted_phone_number_is_typed_first_like_a_quoted_text():
    planner = Planner(model=None, doc=DOC)
    task = "new contact with the number 555-0199"
    lines = planner.choices(task, [c.name for c in planner.candidates(task)])
    assert lines[0] == 'editor_screen__number_input.set_text("555-0199")', lines
    off = Planner(model=None, doc=DOC, config=PlanConfig(phones_given=False))
    lines = off.choices(task, [c.name for c in off.candidates(task)])
    assert lines[0] != 'editor_screen__number_input.set_text("555-0199")', lines

DOC = parse_doc("""\
schema: 1
app: people
package: org.people
start_screen: main_screen
screens:
  main_screen:
    description: the app's start screen
    elements:
      add_button: {type: button, description: New contact, selectors: [{resource_id: fab}], leads_to: editor_screen}
      search_input: {type: input, description: Search, selectors: [{resource_id: search}]}
  editor_screen:
    description: screen opened by 'New contact'
    elements:
      first_name_input: {type: input, description: First name, selectors: [{resource_id: first}]}
      surname_input: {type: input, description: Surname, selectors: [{resource_id: last}]}
      number_input: {type: input, description: Number, selectors: [{resource_id: number}]}
      title_input: {type: input, description: Title, selectors: [{resource_id: job}]}
      save_button: {type: button, description: Save, selectors: [{text: Save}], leads_to: main_screen}
navigation:
- {from: main_screen, action: tap, element: main_screen__add_button, to: editor_screen}
""")


def test_day_month_and_time_words_meet_the_forms_pickers_write():
    assert words("Wednesday") == words("Wed") == ["wed"]
    assert words("in September") == words("Sep")
    assert words("at 3pm") == words("3 p.m.") == words("3:00 PM") == ["3", "00", "pm"]
    assert words("noon") == words("12:00 PM")
    assert words("6:45 am") == ["6", "45", "am"]  # a time with its minutes is left as it is
    assert words("mp3 files") == ["mp3", "file"]


def test_a_day_and_a_time_name_the_pickers_options():
    days = Element(name="date_dialog__list", screen="date_dialog", type="list",
                   options=("Tue, Mar 5", "Wed, Mar 6", "Thu, Mar 7"))
    times = Element(name="time_dialog__list", screen="time_dialog", type="list",
                    options=("2:00 PM", "2:30 PM", "3:00 PM", "3:30 PM"))
    task = "schedule a vet appointment for Wednesday at 3pm"
    assert ranked_options(days, task) == ["Wed, Mar 6"]
    assert ranked_options(times, task)[0] == "3:00 PM"
    assert ranked_options(times, "lunch at noon") == []  # 12:00 PM is not an option here
    assert ranked_options(times, "move it to 2 pm") == ["2:00 PM"]  # not 2:30 PM, nor every "PM"
    assert ranked_options(times, "at 15:00") == ranked_options(times, "at 3:00") == ["3:00 PM"]


def test_a_text_handed_over_by_called_or_saying_is_a_value():
    assert introduced_values("add an event called Pay electricity bill") == ["Pay electricity bill"]
    assert introduced_values("a timer called Pasta for 8 minutes") == ["Pasta"]
    assert introduced_values("text Bob saying I'm running late, then archive it") == ["I'm running late"]
    assert introduced_values("a note named 'Wifi' that says 'x'") == []  # quoted texts are values already
    assert introduced_values("what is it called") == []
    # reported speech: the clause after that/whether, when a telling verb comes first and the clause has a subject
    assert introduced_values("Hugo wants my drill, text him back that it's in the garage") == ["it's in the garage"]
    assert introduced_values("ask Ana by text whether she can come on Monday, then pin her") == \
        ["she can come on Monday"]
    assert introduced_values("text that number 'hi'") == []  # "that" right after the verb points at something
    assert introduced_values("reply to the message that came yesterday") == []  # no subject: a relative clause
    task = "add an event called Pay electricity bill"
    assert task_values(task) == []  # only with names=True
    assert task_values(task, names=True) == ["Pay electricity bill"]  # not also "Pay"
    assert task_values("text Bob saying see you at 5", names=True) == ["see you at 5", "Bob"]  # no "5" alone


def test_a_text_called_something_goes_into_the_name_or_title_field():
    planner = Planner(model=None, doc=DOC)
    task = "add a contact called Dr Who"
    lines = planner.choices(task, [c.name for c in planner.candidates(task)])
    assert 'editor_screen__title_input.set_text("Dr Who")' not in lines or \
        lines.index('editor_screen__first_name_input.set_text("Dr")') < \
        lines.index('editor_screen__title_input.set_text("Dr Who")')


def test_a_full_name_is_split_into_the_first_name_and_surname_fields():
    assert name_parts("Rita Moreno") == ("Rita", "Moreno")
    assert name_parts("Mary-Jane O'Neil") == ("Mary-Jane", "O'Neil")
    assert name_parts("Anna Maria Rossi") == ("Anna", "Maria Rossi")
    for not_a_name in ("Rita", "Pay electricity bill", "Team A", "555-0155 Rita"):
        assert name_parts(not_a_name) is None, not_a_name
    assert name_fields(DOC, "editor_screen__first_name_input") == ("editor_screen__first_name_input",
                                                                  "editor_screen__surname_input")
    assert name_fields(DOC, "editor_screen__number_input") is None
    assert name_fields(DOC, "main_screen__search_input") is None

    task = "add Rita Moreno with the number 555-0155"
    planner = Planner(model=None, doc=DOC)
    lines = planner.choices(task, [c.name for c in planner.candidates(task)])
    assert 'editor_screen__first_name_input.set_text("Rita")' in lines
    assert 'editor_screen__surname_input.set_text("Moreno")' in lines
    assert not any('"Rita Moreno"' in line for line in lines if ".set_text(" in line)
    off = Planner(model=None, doc=DOC, config=PlanConfig(name_split=False))
    assert not any('"Rita"' in line for line in off.choices(task, [c.name for c in off.candidates(task)]))


def test_a_script_does_not_end_before_both_parts_of_a_name_are_typed():
    model = PickingModel(prefer=lambda line: '"Rita"' in line or "set_text" not in line)  # types Rita only
    planner = Planner(model=model, doc=DOC, config=PlanConfig(line_budget=4, max_lines=3))
    script = planner.plan("add Rita Moreno").script.splitlines()
    assert 'editor_screen__first_name_input.set_text("Rita")' in script
    assert 'editor_screen__surname_input.set_text("Moreno")' in script, script


def test_a_name_typed_in_two_fields_counts_two_lines_in_the_budget():
    """"add Rita Moreno with the number 555-0155 and ...": first name, surname, number and the save are four
    lines before anything the task asks after them, as a time typed into hour and minute takes two."""
    task = "add Rita Moreno with the number 555-0155"
    planner = Planner(model=None, doc=DOC, config=PlanConfig(split_names_lines=True))  # measured off by default
    lines = planner.choices(task, [c.name for c in planner.candidates(task)])
    one = Planner(model=None, doc=DOC)
    assert planner.script_lines(task, lines) == one.script_lines(task, lines) + 1 == 5
    unsplit = Planner(model=None, doc=DOC, config=PlanConfig(name_split=False, split_names_lines=True))
    assert unsplit.script_lines(task, unsplit.choices(task, [c.name for c in unsplit.candidates(task)])) == 4


def test_a_full_name_takes_both_name_fields_so_a_later_name_goes_elsewhere():
    planner = Planner(model=None, doc=DOC)
    task = "add Tom Hale from Bright Sparks"
    lines = planner.choices(task, [c.name for c in planner.candidates(task)])
    assert 'editor_screen__first_name_input.set_text("Tom")' in lines
    assert 'editor_screen__surname_input.set_text("Hale")' in lines
    assert not any('"Bright' in line and "name_input" in line for line in lines), lines


THREAD_DOC = parse_doc("""\
schema: 1
app: texts
package: org.texts
start_screen: main_screen
screens:
  main_screen:
    description: the app's start screen
    elements:
      conversations_list: {type: list, description: conversations, options: [Anna Kowalski, Ben Okafor], selectors: [{resource_id: list}], leads_to: thread_screen}
      dialpad_input: {type: input, description: Enter a number, selectors: [{resource_id: dial}]}
  thread_screen:
    description: screen opened by 'Anna Kowalski'
    elements:
      thread_type_message_input: {type: input, description: Type a message, selectors: [{resource_id: message}]}
      thread_send_message_button: {type: button, description: Send, risk: sensitive, selectors: [{resource_id: send}]}
      thread_attach_button: {type: button, description: Attach, selectors: [{resource_id: attach}]}
      navigate_up_button: {type: button, description: Navigate up, selectors: [{resource_id: up}], leads_to: main_screen}
navigation:
- {from: main_screen, action: select, element: main_screen__conversations_list, to: thread_screen}
""")


def test_a_typed_message_is_offered_with_the_button_that_sends_it():
    from autodroid.planner.slots import input_commit

    message = THREAD_DOC.elements["thread_screen__thread_type_message_input"]
    assert input_commit(THREAD_DOC, message).name == "thread_screen__thread_send_message_button"
    assert input_commit(THREAD_DOC, THREAD_DOC.elements["main_screen__dialpad_input"]) is None  # says no subject
    assert input_commit(DOC, DOC.elements["editor_screen__title_input"]) is None  # a form with a Save
    task = 'text Anna "See you at 10!"'
    planner = Planner(model=None, doc=THREAD_DOC)
    lines = planner.choices(task, [c.name for c in planner.candidates(task)])
    assert "thread_screen__thread_send_message_button.tap()" in lines  # sensitive, but the task asks for it
    off = Planner(model=None, doc=THREAD_DOC, config=PlanConfig(input_commits=False))
    assert "thread_screen__thread_send_message_button.tap()" not in off.choices(task, [c.name for c in off.candidates(task)])
    nothing_typed = "show me Anna's conversation"  # no text to send: Send stays unasked for
    assert "thread_screen__thread_send_message_button.tap()" not in planner.choices(
        nothing_typed, [c.name for c in planner.candidates(nothing_typed)])


def test_an_input_named_by_its_type_alone_is_carried_out_by_the_one_sensitive_button_beside_it():
    from autodroid.appdoc import load_doc
    from autodroid.planner.slots import input_commit

    def dial_doc(buttons: str, inputs: str = "") -> object:
        return parse_doc(f"""\
schema: 1
app: phone
package: org.phone
start_screen: dial_screen
screens:
  dial_screen:
    description: the app's start screen
    elements:
      input: {{type: input, description: Enter a number, selectors: [{{resource_id: digits}}]}}
      backspace_button: {{type: button, description: Backspace, selectors: [{{resource_id: back}}]}}
{buttons}{inputs}""")

    call = "      call_button: {type: button, description: Call, risk: sensitive, selectors: [{resource_id: call}]}\n"
    video = "      video_button: {type: button, description: Video call, risk: sensitive, selectors: [{resource_id: v}]}\n"
    note = "      note_input: {type: input, description: Add a note, selectors: [{resource_id: note}]}\n"
    doc = dial_doc(call)
    assert input_commit(doc, doc.elements["dial_screen__input"]).name == "dial_screen__call_button"
    doc = dial_doc(call + video)  # two ways to carry it out: neither is the one
    assert input_commit(doc, doc.elements["dial_screen__input"]) is None
    doc = dial_doc(call, note)  # two inputs: which one the button carries out is unclear
    assert input_commit(doc, doc.elements["dial_screen__input"]) is None
    dialer = load_doc("dialer")  # the shipped sim doc: its dialpad's Call
    assert input_commit(dialer, dialer.elements["dialpad_screen__input"]).name == "dialpad_screen__call_button"


def test_a_phone_number_is_one_value_and_goes_where_a_number_goes():
    from autodroid.planner.slots import shape

    assert task_values("can you call 555 0142 for me") == ["555 0142"]
    assert task_values("call +1 800 555 0188 now") == ["+1 800 555 0188"]
    assert task_values("resize to 1280 720") == ["1280", "720"]  # not a phone number's groups
    assert [shape(v) for v in ("555-0199", "555 0142", "1000", "72345")] == ["phone", "phone", "number", "number"]
    planner = Planner(model=None, doc=THREAD_DOC)
    task = "dial the number 555-0199"
    assert 'main_screen__dialpad_input.set_text("555-0199")' in planner.choices(
        task, [c.name for c in planner.candidates(task)])


def test_an_option_in_the_task_s_word_order_beats_the_same_words_reordered():
    people = Element(name="main_screen__contacts_list", screen="main_screen", type="list",
                     options=("Santos Julia", "Julia Santos", "Julia Roberts"))
    assert ranked_options(people, "call Julia Santos") == ["Julia Santos"]
    assert ranked_options(people, "call Santos") == ["Santos Julia", "Julia Santos"]  # no order said: both


def test_a_weekday_the_task_says_offers_the_date_pickers_day_even_when_it_ranks_low():
    from autodroid.appdoc import load_doc

    calendar = load_doc("calendar")
    task = 'add "Team lunch" on Friday at noon, then switch to the week view'
    friday = 'start_date_dialog__dialog_radio_group_list.select("Fri, Mar 8")'
    planner = Planner(None, calendar)
    assert friday in planner.choices(task, [c.name for c in planner.candidates(task)])
    off = Planner(None, calendar, config=PlanConfig(dated_lists=False))
    assert friday not in off.choices(task, [c.name for c in off.candidates(task)])
    # a list of bare day names is a setting ("start the week on"), not a date: not added for a weekday
    assert dated_lists(calendar, "start the week on Friday") == ["start_date_dialog__dialog_radio_group_list"]


def test_a_name_part_the_task_says_goes_into_that_part_s_field():
    """"her last name is Conti": the Surname field (last, surname and family name one part), not First name,
    though both fields say "name" and First name comes first on the form."""
    planner = Planner(model=None, doc=DOC)
    for task, field in (("her last name is Conti now", "surname"), ("his family name is Conti", "surname"),
                        ("her first name is Ana", "first_name")):
        filled = planner._slot_inputs(task, [c.name for c in planner.candidates(task)])
        assert filled[0][1][0] == f"editor_screen__{field}_input", (task, filled)


def test_last_name_or_family_name_names_a_surname_option():
    sorting = Element(name="sort_dialog__list", screen="sort_dialog", type="list",
                      options=("First name", "Surname", "Last modified"))
    assert ranked_options(sorting, "sort my contacts by last name") == ["Surname"]
    assert ranked_options(sorting, "order them by family name") == ["Surname"]
    assert ranked_options(sorting, "sort by last modified") == ["Last modified"]  # "last" alone is no surname


def test_a_button_labelled_with_another_phone_number_is_not_offered():
    from autodroid.appdoc import load_doc

    dialer = load_doc("dialer")
    holder = "view_details_screen__contact_number_holder_button.tap()"  # shows a contact's "555-0134"
    assert dialer.elements[holder[:-len(".tap()")]].description == "555-0134"
    for config, offered in ((PlanConfig(), False), (PlanConfig(phone_labels=False), True)):
        planner = Planner(None, dialer, config=config)
        assert (holder in planner.choices("dial 555-0199", [c.name for c in planner.candidates("dial 555-0199")])) \
            == offered
    planner = Planner(None, dialer)
    assert holder in planner.choices("tap 555-0134", [c.name for c in planner.candidates("tap 555-0134")])


def test_a_number_that_opens_the_screen_the_task_names_is_how_that_page_calls():
    from autodroid.appdoc import load_doc

    contacts = load_doc("contacts")
    number = "contacts_item_screen__contact_number_holder_button"  # a contact's "555-0142", opens the call screen
    assert contacts.elements[number].leads_to == "call_caller_screen"
    for task in ("call Mum", "ring Farid Haddad"):  # "ring": the doc's "call" through the thesaurus
        planner = Planner(None, contacts)
        assert f"{number}.tap()" in planner.choices(task, [c.name for c in planner.candidates(task)]), task
        off = Planner(None, contacts, config=PlanConfig(calling_numbers=False))
        assert f"{number}.tap()" not in off.choices(task, [c.name for c in off.candidates(task)]), task
    planner = Planner(None, contacts)  # a task that names no screen it opens leaves it out
    assert f"{number}.tap()" not in planner.choices("delete Mum", [c.name for c in planner.candidates("delete Mum")])
    lines = planner.choices("call Mum", [c.name for c in planner.candidates("call Mum")])
    assert lines.index(f"{number}.tap()") < lines.index("call_caller_screen__end_button.tap()")  # it opens that screen


def test_a_task_about_a_row_it_names_ticks_no_box_sharing_only_its_verb():
    from autodroid.appdoc import load_doc

    contacts = load_doc("contacts")
    box = "settings_screen__show_call_confirmation_checkbox.tap()"  # "Show a call confirmation dialog"
    for task, offered in (("call Mum", False), ("ring Farid Haddad", False), ("call confirmation for Mum", True)):
        planner = Planner(None, contacts)
        assert (box in planner.choices(task, [c.name for c in planner.candidates(task)])) == offered, task
    off = Planner(None, contacts, config=PlanConfig(verb_boxes_out=False))
    assert box in off.choices("call Mum", [c.name for c in off.candidates("call Mum")])
    planner = Planner(None, contacts)  # no row named: the box may be what the task is about
    assert box in planner.choices("call confirmation", [c.name for c in planner.candidates("call confirmation")])


def test_an_imperatives_object_the_app_never_names_is_the_new_items_title():
    from autodroid.appdoc import load_doc
    from autodroid.planner.retrieval import object_phrase

    assert object_phrase("schedule a vet appointment for Wednesday at 3pm") == "vet appointment"
    assert object_phrase("Book a haircut tomorrow at 10") == "haircut"
    assert object_phrase("set an alarm for 7 am") == "alarm" and object_phrase("call Mum") is None
    calendar = load_doc("calendar")
    planner = Planner(None, calendar)
    task = "schedule a vet appointment for Wednesday at 3pm"
    assert planner.values(task)[-1] == "vet appointment"
    assert planner.choices(task, [c.name for c in planner.candidates(task)])[0] == \
        'edit_event_screen__title_input.set_text("vet appointment")'
    assert "vet appointment" not in Planner(None, calendar, config=PlanConfig(object_titles=False)).values(task)
    assert "event" not in planner.values("add an event on Friday")  # the app's own noun names no title
    assert "quick note" not in Planner(None, load_doc("notes")).values(
        "save a quick note with the title 'Parking'")  # a quoted text is the title it gives


def test_the_text_after_a_created_items_noun_is_its_title():
    from autodroid.appdoc import load_doc
    from autodroid.planner.retrieval import item_texts

    nouns = {"event", "task"}
    assert item_texts("new event Piano lesson, it happens every week", nouns) == ["Piano lesson"]
    assert item_texts("add a task to buy milk", nouns) == ["buy milk"]
    assert item_texts("add a task to call mom at 5", nouns) == ["call mom"]  # the clause ends at "at"
    assert item_texts("add a task to the list", nouns) == []  # "to the ...": where, not what
    assert item_texts("show the events I added", nouns) == []
    calendar = load_doc("calendar")
    planner = Planner(None, calendar)
    assert item_nouns(calendar) == {"event"}  # from its "New event" button
    task = "new event Piano lesson, it happens every week"
    assert planner.values(task) == ["Piano lesson"]  # not also "Piano" alone
    assert planner.choices(task, [c.name for c in planner.candidates(task)])[0] == \
        'edit_event_screen__title_input.set_text("Piano lesson")'
    assert Planner(None, calendar, config=PlanConfig(item_texts=False)).values(task) == ["Piano"]
