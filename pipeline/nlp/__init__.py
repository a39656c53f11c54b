"""The NLP stage: a spaCy Language for Korean on MeCab-ko, with amount, year and organisation components."""
