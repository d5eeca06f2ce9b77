"""Lexical API ranking: word stems, intent priors, options. No word lists copied from task sentences:
number words and hand-written synonyms are not matched (they were fitted to the measured tasks); a glued or
misspelled word counts only as the doc's own words it spells (``LexicalIndex.query``); the only synonyms are
a general English thesaurus's, for words the doc never uses (``tests/test_thesaurus.py``)."""

from __future__ import annotations

from planner_helpers import demo_doc

from autodroid.planner.retrieval import LexicalIndex, best_option, quoted_values, stem, text_similarity, words

DOC = demo_doc()


def test_words_split_names_and_drop_stopwords():
    assert words("settings_screen__autosave_checkbox") == ["sett", "screen", "autosav", "checkbox"]
    assert words("Turn off the sorting of notes") == ["turn", "off", "sort", "note"]
    assert stem("vibration") == stem("vibrate") and stem("created") == stem("creation") == stem("create")
    assert stem("glass") == "glass" and stem("categories") == "category" and stem("notes") == "note"
    assert words("five images") == ["five", "imag"]  # no number-word table


def test_a_checkbox_ranks_first_for_a_toggle_task():
    ranked = LexicalIndex(DOC).rank("disable autosave")
    assert ranked[0].name == "settings_screen__autosave_checkbox"
    assert "autosav" in ranked[0].matched


def test_no_hand_written_synonyms_only_the_task_own_words_match():
    for task in ("remove the note", "make a new note"):
        ranked = LexicalIndex(DOC).rank(task)
        assert all(set(c.matched) <= set(words(task)) for c in ranked), task
    plain = LexicalIndex(DOC, spelling=False)
    assert "settings_screen__font_size_label_button" not in [c.name for c in plain.rank("fontsize")]


def test_run_together_and_misspelled_words_count_as_the_doc_words_they_spell():
    index = LexicalIndex(DOC)
    assert index.query("change the fontsize") == ["chang", "font", "size"]  # the doc says "Font size"
    assert "settings_screen__font_size_label_button" in [c.name for c in index.rank("fontsize")]
    assert index.query("disable the autosaev") == ["disabl", "autosav"]  # one letter off
    assert index.query("turn off autosvae") == ["turn", "off", "autosav"]  # two letters swapped
    # a quoted text stays as written; short words are never respelled ("short" is not "sort");
    # two doc words that never stand side by side are no compound
    assert index.query("type 'fontsize'") == ["type", "fontsiz"]
    assert index.query("record a short note") == ["record", "short", "note"]
    assert index.query("sortnotes") == ["sortnot"]
    # options are matched on the same words
    assert index.spelled("Set the fontsize to 'fontsize' now") == "Set the font size to 'fontsize' now"
    order = DOC.elements["sort_dialog__order_list"]
    assert best_option(order, index.spelled("sort them desending")) == "Descending"
    assert best_option(order, "sort them desending") is None
    assert LexicalIndex(DOC, spelling=False).spelled("the fontsize") == "the fontsize"


def test_options_and_screen_names_count():
    names = [c.name for c in LexicalIndex(DOC).rank("sort notes in descending order", 3)]
    assert names[0] == "sort_dialog__order_list"
    assert "main_screen__sort_button" in names


def test_scrollables_and_texts_rank_low_and_unmatched_elements_are_left_out():
    ranked = LexicalIndex(DOC).rank("notes")
    assert ranked[-1].name == "main_screen__pager_scroll"
    assert all(c.score > 0 for c in ranked)
    assert LexicalIndex(DOC).rank("xyzzy") == []


def test_helpers():
    assert quoted_values("""rename 'Diary' to "events" """) == ["Diary", "events"]
    assert quoted_values("Dad's birthday is on Saturday, I don't need a reminder") == []  # apostrophes
    assert quoted_values("rename 'Dad's birthday' to 'Mum's'") == ["Dad's birthday", "Mum's"]
    assert best_option(DOC.elements["font_size_dialog__radio_list"], "make the font large") == "Large"
    assert best_option(DOC.elements["font_size_dialog__radio_list"], "make it huge") is None
    assert text_similarity("turn off autosave", "disable autosave notes") > text_similarity("turn off autosave", "sort")


def test_every_option_the_task_names_in_full_is_kept_more_named_words_first():
    from autodroid.appdoc import Element
    from autodroid.planner.retrieval import ranked_options

    files = Element(name="main__items_list", screen="main", type="list",
                    options=("Alarms", "Download", "Movies", "Diary.pdf", "Diary.txt"))
    assert ranked_options(files, "go to 'download' folder and open Diary.pdf") == ["Diary.pdf", "Download"]
    minutes = Element(name="dialog__radio_list", screen="dialog", type="list",
                      options=("1 minute", "5 minutes", "10 minutes"))
    assert ranked_options(minutes, "set the snooze to 5 minute") == ["5 minutes"]  # partly named ones stay out


def test_with_evidence_an_option_is_named_only_by_a_word_the_lists_own_name_does_not_say():
    from autodroid.appdoc import Element
    from autodroid.planner.retrieval import ranked_options

    notes = Element(name="main_screen__notes_list", screen="main_screen", type="list",
                    options=("Meeting notes", "Books to read", "Diary"))
    task = "switch the notes app to dark mode"
    assert ranked_options(notes, task) == ["Meeting notes"]  # "notes" names the list, not a row
    assert ranked_options(notes, task, evidence=True) == []  # and "to" is no evidence either
    assert ranked_options(notes, "open my meeting notes", evidence=True) == ["Meeting notes"]
    menu = Element(name="menu__listview_list", screen="menu", type="list", options=("Copy to", "Move to"))
    assert ranked_options(menu, "move the photo to the trash", evidence=True) == ["Move to"]
    assert ranked_options(menu, "add it to favorites", evidence=True) == []


def test_addresses_and_file_names_are_values_by_their_shape():
    from autodroid.planner.retrieval import shaped_values, task_values

    task = "add Ana with the e-mail ana.b@example.com, save it as ana.vcf and open www.example.org. Then stop."
    assert shaped_values(task) == ["ana.b@example.com", "ana.vcf", "www.example.org"]
    assert task_values(task) == []  # only with shaped=True
    assert task_values(task, shaped=True) == ["ana.b@example.com", "ana.vcf", "www.example.org"]
    for prose in ("e.g. this one", "the end. Then go", "it's ok.Then go", "version 1.2"):
        assert shaped_values(prose) == [], prose


def test_an_option_named_in_full_covers_the_options_made_of_its_words():
    from autodroid.appdoc import Element
    from autodroid.planner.retrieval import ranked_options

    sizes = Element(name="font_size_dialog__radio_list", screen="font_size_dialog", type="list",
                    options=("Small", "Medium", "Large", "Extra large"))
    assert ranked_options(sizes, "use the extra large font") == ["Extra large"]  # not also "Large"
    assert ranked_options(sizes, "use the large font") == ["Large"]
    sorts = Element(name="sort_dialog__radio_list", screen="sort_dialog", type="list",
                    options=("Alarm time", "Day and alarm time", "Date created"))
    assert ranked_options(sorts, "sort the alarms by day and time") == ["Day and alarm time"]


def test_an_option_saying_not_or_no_is_named_only_by_a_negated_mention():
    from autodroid.appdoc import load_doc
    from autodroid.planner.retrieval import ranked_options
    doc = load_doc("calendar")
    repeat = next(e for e in doc.elements.values() if "Does not repeat" in e.options)
    reminder = doc.elements["reminder_dialog__dialog_radio_group_list"]
    assert ranked_options(repeat, "the standup shouldn't repeat anymore") == ["Does not repeat"]
    assert ranked_options(reminder, "add it, and I don't need a reminder") == ["No reminder"]
    assert "No reminder" not in ranked_options(reminder, "remind me a day before")
    # and only by one: a task that says "reminder" without denying it names the reminder it gives
    assert ranked_options(reminder, "remind me a day ahead with a reminder by default") == ["1 day before"]
    assert ranked_options(repeat, "make it repeat") == []
