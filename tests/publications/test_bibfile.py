"""Tolerant BibTeX reading: every entry that can be read is read."""

from pathlib import Path

from pelican_scholar.publications.bibfile import parse_bib_text

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "bib"


def parse(text):
    return parse_bib_text(text, "x.bib")


def test_entries_keep_file_order_and_line_numbers():
    entries, problems = parse("\n@article{a, title={A}}\n\n@book{b, title={B}}\n")
    assert [(e.key, e.entry_type, e.line) for e in entries] == [("a", "article", 2), ("b", "book", 4)]
    assert problems == []


def test_at_sign_in_comment_prose_is_ignored():
    entries, problems = parse("% the @misc would be blank\nuse me@example.org\n@misc{a, title={A}}")
    assert [e.key for e in entries] == ["a"] and problems == []


def test_yaml_front_matter_is_ignored():
    entries, _ = parse("---\n---\n@misc{a, title={A}}")
    assert [e.key for e in entries] == ["a"]


def test_bare_true_is_taken_literally():
    entries, problems = parse("@misc{a, selected = true, bibtex_show=True}")
    assert entries[0].fields == {"selected": "true", "bibtex_show": "True"}
    assert problems == []


def test_undefined_macro_is_used_as_text_with_a_warning():
    entries, problems = parse("@misc{a, journal = jacs}")
    assert entries[0].fields["journal"] == "jacs"
    assert "undefined macro 'jacs'" in problems[0].message


def test_string_macros_and_months_are_expanded():
    entries, _ = parse('@string{nat = "Nature"}\n@article{a, journal = nat, month = mar}')
    assert entries[0].fields == {"journal": "Nature", "month": "March"}


def test_duplicate_field_keeps_the_first_and_warns():
    entries, problems = parse("@misc{a,\n title={One},\n title={Two}}")
    assert entries[0].fields["title"] == "One"
    assert (problems[0].line, problems[0].key) == (3, "a")  # the repeated field's line
    assert "duplicate field 'title'" in problems[0].message


def test_duplicate_key_gets_a_new_key_and_a_warning():
    entries, problems = parse("@misc{a, title={One}}\n@misc{a, title={Two}}")
    assert [e.key for e in entries] == ["a", "a-2"]
    assert problems[0].line == 2 and "duplicate key" in problems[0].message


def test_identical_duplicate_is_skipped_with_a_warning():
    entries, problems = parse("@misc{a, title={One}}\n@misc{a, title={One}}")
    assert [e.key for e in entries] == ["a"]
    assert "identical" in problems[0].message


def test_missing_closing_brace_ends_at_the_next_entry():
    entries, problems = parse("@misc{a,\n title={One},\n\n@misc{b, title={Two}}")
    assert [(e.key, e.fields["title"]) for e in entries] == [("a", "One"), ("b", "Two")]
    assert problems[0].key == "a" and "not closed" in problems[0].message


def test_malformed_entry_recovers_its_fields():
    entries, problems = parse("@misc{a,\n title = {One} year = {2020},\n}")
    assert entries[0].fields == {"title": "One", "year": "2020"}
    assert problems[0].line == 2 and "malformed" in problems[0].message


def test_commented_out_field_lines_are_skipped():
    entries, problems = parse("@misc{a,\n title={One},\n % url={x},\n year={2020}}")
    assert entries[0].fields == {"title": "One", "year": "2020"}
    assert problems == []


def test_garbage_is_not_an_entry():
    entries, _ = parse("this is not bibtex { at all")
    assert entries == []


def test_entry_without_key_gets_one_and_a_warning():
    entries, problems = parse("@misc{title={One}}\n@misc{b, title={Two}}")
    assert [e.key for e in entries] == ["x-line-1", "b"]
    assert entries[0].fields == {"title": "One"}
    assert problems[0].line == 1 and "no key" in problems[0].message


def test_repeated_keyword_fields_are_merged_without_warning():
    entries, problems = parse("@misc{a, keyword={x}, keyword={y}, keyword={z}}")
    assert entries[0].fields["keyword"] == "x, y, z"
    assert problems == []


def test_a_field_repeated_many_times_warns_once():
    entries, problems = parse("@misc{a, note={x}, note={y}, note={z}}")
    assert len(problems) == 1 and "2 more times" in problems[0].message


def test_entry_right_after_a_closing_brace_is_read():
    entries, _ = parse("@misc{a, title={A}}@misc{b, title={B}}")
    assert [e.key for e in entries] == ["a", "b"]


TRICKY = r'''@string{foo = "Foo"}
@misc{a, title = "x {"} y", author = foo # " and " # {Bar}, month = MAR, n = 12, x = {}, y = ""}
@misc{b, title = "x } y"}
@misc{c, title = {a}, , note = {b}}
@misc{d title = {a}}
@misc{e, year = 2024a}
@misc{f, ti.tle = {a}}
@misc{g, title = {a} # }
@misc{h, title = {\"{u}ber {$x^{2}$}}, journal = undefined}
'''


def test_fast_reader_agrees_with_pybtex_or_leaves_the_entry_to_it():
    from pybtex.database.input.bibtex import month_names
    from pybtex.scanner import PybtexSyntaxError
    from pybtex.utils import CaseInsensitiveDict

    from pelican_scholar.publications import bibfile

    texts = [(FIXTURES / name).read_text(encoding="utf-8") for name in ("papers.bib", "broken.bib")]
    read_fast = 0
    for text in [*texts, TRICKY]:
        macros = CaseInsensitiveDict(month_names)
        for chunk in bibfile._find_chunks(text)[0]:
            body = bibfile._blank_comment_lines(text[chunk.start : chunk.end])
            pybtex = bibfile._EntryParser(body, macros=macros, filename="x.bib")
            try:
                results = list(pybtex.parse_bibliography())
            except PybtexSyntaxError:
                results = None
            if chunk.entry_type in ("string", "comment", "preamble"):
                continue
            fast = bibfile._read_simple_entry(body, macros)
            if fast is None:
                continue
            read_fast += 1
            key, fields = results[0][1]
            assert fast == (key, [(name, "".join(parts)) for name, parts in fields], pybtex.undefined)
    assert read_fast > 10
