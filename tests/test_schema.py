"""The JSON Schema shipped with the package is the one the models define, and records validate."""
import json
from importlib.resources import files

import krnews
from krnews.models import SCHEMA_VERSION, json_schema


def test_the_shipped_schema_is_up_to_date():
    shipped = json.loads(files("krnews.models").joinpath("schema.json").read_text(encoding="utf-8"))
    assert shipped == json.loads(json.dumps(json_schema())), "run: python -m krnews.models"


def test_every_record_carries_the_versions():
    [record] = krnews.extract("서울시는 올해 20억원을 투입한다.", published="2024-01-02").records
    assert record.schema_version == SCHEMA_VERSION and record.extractor_version
    required = set(json_schema()["InitiativeRecord"]["required"])
    assert required <= set(record.model_dump())


def test_every_field_of_every_type_is_described():
    schema = json_schema()
    undescribed = [f"{name}.{field}" for name in ("Article", "InitiativeRecord", "Initiative", "Story")
                   for field, spec in schema[name]["properties"].items() if not spec.get("description")]
    undescribed += [f"Mention.{field}" for variant in schema["Mention"]["oneOf"]
                    for field, spec in variant["properties"].items() if not spec.get("description")]
    assert undescribed == []
    assert "initiative's name" in schema["InitiativeRecord"]["properties"]["initiative"]["description"]
