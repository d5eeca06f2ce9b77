"""English synonyms for task words an app's doc never uses (WordNet's seen senses, shipped as package data):
"ring" finds the doc's Call, "bigger" its Large; the grammar of a request ("make", "called") and stray
senses ("check" and "stop") find nothing; a synonym counts half as much as the word itself; only the verb's
synonyms rank elements, another word's name options unless they are common words."""

from __future__ import annotations

import pytest

from autodroid.appdoc import parse_doc
from autodroid.planner import thesaurus
from autodroid.planner.planner import PlanConfig, Planner
from autodroid.planner.retrieval import LexicalIndex, ranked_options

PHONE_TEXT = """\
schema: 1
app: phone
package: org.phone
start_screen: main_screen
screens:
  main_screen:
    description: the app's start screen
    elements:
      people_list: {type: list, description: Contacts, selectors: [{resource_id: people}],
                    options: [Farid Haddad, Hannah Cohen], leads_to: person_screen}
      settings_button: {type: button, description: Settings, selectors: [{resource_id: settings}],
                        leads_to: settings_screen}
  person_screen:
    description: screen opened by a contact
    elements:
      call_button: {type: button, description: Call, selectors: [{resource_id: call}]}
      message_button: {type: button, description: Send message, selectors: [{resource_id: sms}]}
  settings_screen:
    description: screen opened by 'Settings'
    elements:
      font_size_list: {type: list, description: Font size, selectors: [{resource_id: font}],
                       options: [Small, Medium, Large, Extra large]}
      stop_checkbox: {type: checkbox, description: Stop playback at the end, selectors: [{resource_id: stop}]}
      hidden_checkbox: {type: checkbox, description: Show hidden contacts, selectors: [{resource_id: hidden}]}
"""
PHONE = parse_doc(PHONE_TEXT, "phone doc.yaml")


def test_the_table_knows_common_synonyms_and_their_inflections():
    assert "call" in thesaurus.synonyms("ring") and "call" in thesaurus.synonyms("rang")
    assert "large" in thesaurus.synonyms("bigger")  # an irregular comparative: bigger -> big
    assert "big" in thesaurus.base_forms("bigger") and "ring" in thesaurus.base_forms("rings")
    assert thesaurus.synonyms("make") == set()  # the grammar of requests: too common to read as a synonym
    assert "stop" not in thesaurus.synonyms("check")  # a sense neither word is mostly used in
    assert thesaurus.synonyms("xyzzy") == set()


def test_a_word_the_doc_never_uses_ranks_the_doc_word_it_means():
    index = LexicalIndex(PHONE)
    assert index.synonyms("ring") == ["call"] and "call" in index.query("ring Farid Haddad")
    assert "person_screen__call_button" in [c.name for c in index.rank("ring Farid Haddad")]
    assert index.synonyms("call") == []  # a word the doc uses keeps its own meaning only
    assert "call" not in index.query("type 'ring'")  # a quoted text is as written
    off = LexicalIndex(PHONE, synonyms=False)
    assert "person_screen__call_button" not in [c.name for c in off.rank("ring Farid Haddad")]


def test_a_synonym_counts_half_as_much_as_the_word_itself():
    index = LexicalIndex(PHONE)
    said = index.scores("call")["person_screen__call_button"].score
    meant = index.scores("ring")["person_screen__call_button"].score
    assert meant == pytest.approx(said / 2)
    both = index.scores("ring call")["person_screen__call_button"].score  # said too: full weight, once
    assert both == pytest.approx(said)


def test_options_are_named_through_a_synonym():
    index = LexicalIndex(PHONE)
    task = "the text is too small for me, make it bigger"
    assert "large" in index.spelled(task).split()
    assert ranked_options(PHONE.elements["settings_screen__font_size_list"], index.spelled(task)) == ["Large"]
    choices = Planner(None, PHONE).choices(task, ["settings_screen__font_size_list"])
    assert 'settings_screen__font_size_list.select("Large")' in choices
    plain = Planner(None, PHONE, config=PlanConfig(synonyms=False)).choices(task, ["settings_screen__font_size_list"])
    assert 'settings_screen__font_size_list.select("Large")' not in plain


def test_a_missing_table_says_how_to_get_it_back(monkeypatch, tmp_path):
    thesaurus._table.cache_clear()
    monkeypatch.setattr(thesaurus, "_DATA", tmp_path / "wordnet_synonyms.json")
    try:
        with pytest.raises(RuntimeError, match="reinstall autodroid or rebuild it"):
            thesaurus.synonyms("ring")
    finally:
        thesaurus._table.cache_clear()


def test_only_the_verbs_synonyms_rank_and_a_common_synonym_names_options_only_for_the_verb():
    index = LexicalIndex(PHONE)
    assert index.synonyms("display") == ["showing"] and "show" in index.query("display hidden contacts")
    assert "show" not in index.query("change the display of hidden contacts")  # not the verb: no ranking
    assert "larg" not in index.query("make it bigger") and "large" in index.spelled("make it bigger").split()
    assert "showing" in index.spelled("display hidden contacts").split()  # the verb: every synonym
    assert "showing" not in index.spelled("change the display of hidden contacts").split()  # "show": too common
    assert "call" in index.spelled("Please ring Farid").split()


def test_the_tasks_verb_is_its_first_unquoted_word_that_is_not_a_function_word():
    from autodroid.planner.choice_rules import verb_only_boxes_out
    from autodroid.planner.retrieval import task_verb

    for task, verb in [("Please ring Farid", "ring"), ("can you ring Farid for me", "ring"),
                       ('"Running late" text it to Hannah', "text"), ("my week starts on Sunday", "week")]:
        assert task_verb(task).group(0) == verb, task
    assert task_verb('"only a quote"') is None
    index = LexicalIndex(PHONE)
    assert "call" in index.query("can you ring Farid") and "call" in index.spelled("can you ring Farid").split()
    # a box sharing only the verb is not ticked for a task about a row, however politely it is asked
    doc = parse_doc(PHONE_TEXT.replace("Stop playback at the end", "Ask before a call"))
    box, row = "settings_screen__stop_checkbox.tap()", 'main_screen__people_list.select("Farid Haddad")'
    assert verb_only_boxes_out(doc, "can you call Farid Haddad", [row, box]) == [row]
