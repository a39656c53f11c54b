"""What a notebook user does: a DataFrame of records straight from extract_many (no store), the
spaCy pipeline as one object, its entities rendered by displaCy, and the type hints shipped."""
from __future__ import annotations

from importlib.resources import files

import pytest
from spacy import displacy

import krnews

SAMPLES = str(files("krnews.data").joinpath("samples"))


def test_extract_many_gives_a_dataframe_in_one_call():
    pandas = pytest.importorskip("pandas")
    frame = krnews.extract_many([SAMPLES], as_dataframe=True)
    assert isinstance(frame, pandas.DataFrame)
    assert list(frame.columns) == krnews.InitiativeRecord.columns()
    assert len(frame) == sum(len(doc.records) for doc in krnews.extract_many([SAMPLES]))
    assert str(frame["amount_krw"].dtype) == "Int64" and str(frame["published"].dtype).startswith("datetime64")
    busan = frame[frame["org"] == "부산광역시"]
    assert 121_400_000_000 in set(busan["amount_krw"])


def test_records_frame_takes_documents_or_records():
    pytest.importorskip("pandas")
    doc = krnews.extract("대전시는 올해 청년 창업 지원 사업에 10억원을 투입한다.", published="2024-03-02")
    by_document = krnews.records_frame([doc])
    by_record = krnews.records_frame(doc.records)
    assert by_document.equals(by_record)
    assert by_document.loc[0, ["org", "amount_krw", "year"]].tolist() == ["대전광역시", 1_000_000_000, 2024]
    assert krnews.records_frame([]).empty


def test_a_dataframe_of_returned_failures_is_refused():
    with pytest.raises(ValueError, match="as_dataframe"):
        krnews.extract_many([SAMPLES], as_dataframe=True, errors="return")


def test_load_is_the_pipeline_with_named_components_and_entities():
    nlp = krnews.load()
    assert nlp is krnews.load()
    assert nlp.pipe_names == ["krnews_amounts", "krnews_years", "krnews_orgs", "krnews_ents"]
    doc = nlp("부산시는 2024년 AI 산업에 1,214억 원을 투입한다고 과기정통부가 밝혔다.")
    assert [(ent.text, ent.label_) for ent in doc.ents] == [
        ("부산시", "ORG"), ("2024년", "DATE"), ("1,214억 원", "MONEY"), ("과기정통부", "ORG")]
    assert doc.ents[2]._.amount.value_krw == 121_400_000_000
    html = displacy.render(doc, style="ent", jupyter=False)
    assert html.count("<mark") == 4 and "1,214억 원" in html and "MONEY" in html


def test_where_mentions_overlap_the_longer_is_the_entity():
    from krnews.entities import set_entities

    doc = krnews.load().make_doc("한빛 재단 2024년 예산")
    doc.spans["orgs"] = [doc.char_span(0, 5)]  # 한빛 재단
    doc.spans["years"] = [doc.char_span(3, 14)]  # 재단 2024년 예산: overlaps the organisation, longer
    doc.spans["amounts"] = []
    assert [(ent.text, ent.label_) for ent in set_entities(doc).ents] == [("재단 2024년 예산", "DATE")]


def test_type_hints_are_shipped():
    assert files("krnews").joinpath("py.typed").is_file()
