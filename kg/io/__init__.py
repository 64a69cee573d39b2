"""Input readers: article files, directories and JSONL → ``Document`` (errors as values)."""

from kg.io.readers import count_inputs, detect_lang, expand, read_inputs, read_jsonl, read_text_file

__all__ = ["count_inputs", "detect_lang", "expand", "read_inputs", "read_jsonl", "read_text_file"]
