"""Train a small stanza NER model offline, with stanza's own trainer.

Official stanza models cannot be downloaded everywhere (CI, air-gapped
machines). This builds a word-vector pretrain from the training text itself
(seeded random vectors in word2vec text format, saved as stanza's ``.pt``)
and runs ``stanza.models.ner_tagger`` on a CoNLL corpus (``token<TAB>tag``,
BIO, blank line between sentences, e.g. ANERcorp). The result loads with
``ner_model_path``/``ner_pretrain_path`` and ``tokenize_pretokenized=True``
(see docs/stanza.md). It is a test and benchmark fixture, not a good model.
"""

from __future__ import annotations

import json
import logging
import random
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from kg.errors import DataError, error
from kg.nlp.models import require_stanza


@dataclass
class TinyNer:
    model: Path
    pretrain: Path
    seconds: float
    sentences: int


def read_conll(path: Path) -> list[list[tuple[str, str]]]:
    """Sentences of (token, tag) from a two-column CoNLL file."""
    sents: list[list[tuple[str, str]]] = []
    cur: list[tuple[str, str]] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            if cur:
                sents.append(cur)
            cur = []
            continue
        cols = line.split("\t") if "\t" in line else line.split()
        if len(cols) < 2:
            raise error(DataError, "E600", path=str(path), line=n, detail="expected: token<TAB>tag")
        cur.append((cols[0], cols[-1]))
    if cur:
        sents.append(cur)
    return sents


def write_vectors(sents: list[list[tuple[str, str]]], path: Path, dim: int, seed: int) -> int:
    """Seeded random vectors for every word of the corpus, word2vec text format."""
    rng = random.Random(seed)
    words = [w for w, _ in Counter(w for s in sents for w, _ in s).most_common()]
    with path.open("w", encoding="utf-8") as f:
        f.write(f"{len(words)} {dim}\n")
        for w in words:
            f.write(w + " " + " ".join(f"{rng.gauss(0, 0.1):.4f}" for _ in range(dim)) + "\n")
    return len(words)


def train_stanza_ner(conll: Path, out_dir: Path, *, max_steps: int = 150, dim: int = 32,
                     hidden: int = 64, seed: int = 7, lang: str = "ar") -> TinyNer:
    """Train a tiny stanza NER model on ``conll``; returns the model and pretrain paths."""
    require_stanza()
    import torch
    from stanza.models import ner_tagger
    from stanza.models.common.pretrain import Pretrain

    t0 = time.perf_counter()
    out_dir.mkdir(parents=True, exist_ok=True)
    sents = read_conll(conll)
    data = [[{"text": w, "ner": t} for w, t in s] for s in sents]
    train_file, dev_file = out_dir / "train.json", out_dir / "dev.json"
    train_file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    dev_file.write_text(json.dumps(data[: max(1, len(data) // 10)], ensure_ascii=False), encoding="utf-8")
    vec = out_dir / "vectors.txt"
    write_vectors(sents, vec, dim, seed)
    pretrain = out_dir / "pretrain.pt"
    Pretrain(str(pretrain), str(vec)).load()  # reads the text vectors, saves the .pt
    model = out_dir / "ner.pt"
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # tiny model: threads only add contention
    level = logging.getLogger("stanza").level
    logging.getLogger("stanza").setLevel(logging.WARNING)
    try:
        ner_tagger.main([
            "--mode", "train", "--shorthand", f"{lang}_kgtiny",
            "--train_file", str(train_file), "--eval_file", str(dev_file),
            "--wordvec_pretrain_file", str(pretrain),
            "--save_dir", str(out_dir), "--save_name", model.name,
            "--max_steps", str(max_steps), "--eval_interval", str(max_steps),
            "--hidden_dim", str(hidden), "--word_emb_dim", str(dim),
            "--char_hidden_dim", "32", "--char_emb_dim", "32",
            "--batch_size", "32", "--optim", "adam", "--lr", "0.01",
            "--train_scheme", "bio", "--scheme", "bioes", "--seed", str(seed), "--log_step", str(max_steps),
        ])
    finally:
        logging.getLogger("stanza").setLevel(level)
        torch.set_num_threads(threads)
    return TinyNer(model=model, pretrain=pretrain, seconds=time.perf_counter() - t0, sentences=len(sents))
