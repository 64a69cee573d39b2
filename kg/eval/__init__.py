"""Scoring an extraction against hand-made gold annotations (`kg eval`).

Modules, one job each:

- ``articles``: read a dev-set article (header lines + body) into a Document;
- ``gold``: load and check a gold JSON file;
- ``normalize``: the text keys used to compare names and mentions;
- ``match``: one-to-one (maximum bipartite) matching;
- ``score``: precision, recall and F1 for entities, events and relations;
- ``run``: pair gold files with articles, run the extractor, collect scores;
- ``report``: print the scores as a table or JSON.
"""

from kg.eval.articles import read_article
from kg.eval.gold import Gold, load_gold
from kg.eval.score import ArticleScores, PRF, score_extraction

__all__ = ["ArticleScores", "Gold", "PRF", "load_gold", "read_article", "score_extraction"]
