"""Rewrite schema.json from the models: python -m krnews.models"""
import json
from pathlib import Path

from . import json_schema

path = Path(__file__).with_name("schema.json")
path.write_text(json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
print(path)
