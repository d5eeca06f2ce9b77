"""A named item's page: a message for a conversation is typed after its row is picked (``rows_lead_typed``;
the input is also on the new-conversation screen, so without it the runtime could type there or in the
conversation the crawl recorded),
the row is picked in the start screen's list rather than the same list's search results or selection mode
(``nearest_lists``), and a person's row is named by the first name as written (``first_names``)."""

from __future__ import annotations

from autodroid.appdoc import parse_doc
from autodroid.planner.planner import PlanConfig, Planner
from picking_model import PickingModel

ROWS = "{selector: {cls: android.widget.RelativeLayout}, fields: {title: {type: text, selector: {resource_id: title}}}}"
PEOPLE = "[Anna Kowalski, Ben Okafor, Mum]"
DOC = parse_doc(f"""\
schema: 1
app: chat
package: org.chat
start_screen: main_screen
screens:
  main_screen:
    description: the app's start screen
    elements:
      conversations_list: {{type: list, description: conversations list, selectors: [{{resource_id: conversations}}],
        options: {PEOPLE}, item: {ROWS}, leads_to: thread_screen}}
      search_button: {{type: button, description: Search, selectors: [{{desc: Search}}], leads_to: search_screen}}
      new_button: {{type: button, description: New conversation, selectors: [{{desc: New}}], leads_to: new_thread_screen}}
  search_screen:
    description: screen opened by 'Search'
    elements:
      conversations_list: {{type: list, description: conversations list, selectors: [{{resource_id: conversations}}],
        options: {PEOPLE}, item: {ROWS}, leads_to: thread_screen}}
  new_thread_screen:
    description: screen opened by 'New conversation'
    elements: {{}}
  thread_screen:
    description: screen opened by 'Mum'
    elements:
      type_message_input: {{type: input, description: Type a message, selectors: [{{resource_id: thread_type_message}}],
        also_on: [new_thread_screen]}}
      send_message_button: {{type: button, description: Send, selectors: [{{resource_id: thread_send_message}}],
        risk: sensitive}}
navigation:
- {{from: main_screen, action: tap, element: main_screen__search_button, to: search_screen}}
- {{from: main_screen, action: tap, element: main_screen__new_button, to: new_thread_screen}}
- {{from: main_screen, action: select, element: main_screen__conversations_list, option: Mum, to: thread_screen}}
- {{from: main_screen, action: select, element: main_screen__conversations_list, option: Ben Okafor, to: thread_screen}}
- {{from: search_screen, action: select, element: search_screen__conversations_list, option: Mum, to: thread_screen}}
- {{from: search_screen, action: select, element: search_screen__conversations_list, option: Ben Okafor,
    to: thread_screen}}
""")
ANNA = 'main_screen__conversations_list.select("Anna Kowalski")'
TYPED = 'thread_screen__type_message_input.set_text("See you at 10!")'


def test_a_row_the_start_screens_list_offers_is_not_offered_again_in_its_search_results():
    planner = Planner(None, DOC)
    task = 'text Anna Kowalski "See you at 10!"'
    lines = planner.choices(task, [c.name for c in planner.candidates(task)])
    assert ANNA in lines
    assert 'search_screen__conversations_list.select("Anna Kowalski")' not in lines
    unfiltered = Planner(None, DOC, config=PlanConfig(nearest_lists=False))
    assert 'search_screen__conversations_list.select("Anna Kowalski")' in unfiltered.choices(
        task, [c.name for c in unfiltered.candidates(task)])


def test_a_message_for_a_named_conversation_is_typed_after_its_row_is_picked():
    model = PickingModel(lambda line: "set_text" in line)  # a model that would type first if it could
    plan = Planner(model, DOC).plan('text Anna "See you at 10!"')
    assert plan.script.splitlines()[:2] == [ANNA, TYPED]
    assert TYPED not in model.offered[0]
    typing_first = Planner(PickingModel(lambda line: "set_text" in line), DOC,
                           config=PlanConfig(rows_lead_typed=False)).plan('text Anna "See you at 10!"')
    assert typing_first.script.splitlines()[0] == TYPED


def test_a_first_name_names_a_persons_row_only_where_no_other_row_shares_it():
    planner = Planner(None, DOC)
    anna = planner._named_option("text Anna", _parsed(ANNA))
    assert anna
    assert not Planner(None, DOC, config=PlanConfig(first_names=False))._named_option("text Anna", _parsed(ANNA))
    assert not planner._named_option("text anna", _parsed(ANNA))  # a name is written capitalized
    assert not planner._named_option("text Kowalski", _parsed(ANNA))  # the first name, not the surname


def _parsed(line: str):
    from autodroid.planner.postprocess import parse_line
    return parse_line(line)
