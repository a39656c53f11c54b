"""`krnews eval`: how well extraction does against gold — mention spans against inline-tagged NER
sentences, initiative records against hand-annotated articles."""
from .initiatives import evaluate_initiatives
from .mentions import KINDS, evaluate_mentions, parse_tag_map
from .records import RecordGoldError, evaluate_records, is_record_gold, read_record_gold
from .tagged import TaggedFileError, TaggedSentence, parse_inline, read_inline_tagged

__all__ = [
    "KINDS", "RecordGoldError", "TaggedFileError", "TaggedSentence", "evaluate_initiatives", "evaluate_mentions",
    "evaluate_records",
    "is_record_gold", "parse_inline", "parse_tag_map", "read_inline_tagged", "read_record_gold",
]
