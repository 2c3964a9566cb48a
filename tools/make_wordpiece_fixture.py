"""Build the WordPiece parity fixture that `nbs/03_wordpiece.ipynb` tests against, without transformers at test time.

The reference is transformers' pure-Python BERT tokenizer (`BertTokenizerLegacy` in transformers 5, the class that
was `BertTokenizer` before the tokenizers-backed one took its name): Google's BERT `BasicTokenizer` +
`WordpieceTokenizer` rewritten in Python, and transformers' own `longest_first` truncation of pairs. It shares no
code with the `tokenizers` library that `augpro.wordpiece` uses, which is the point of the comparison.

Needs transformers, which is NOT a project dependency. Use a separate virtual environment:

    python3 -m venv /tmp/refenv
    /tmp/refenv/bin/pip install transformers tokenizers numpy
    /tmp/refenv/bin/python tools/make_wordpiece_fixture.py     # writes tests/fixtures/wordpiece_tiny/

What it writes (about 30 kB):
- tests/fixtures/wordpiece_tiny/vocab.txt: a hand-made vocabulary of a few hundred tokens in BERT's layout
  ([PAD] 0, then [unused0..3], then [UNK] [CLS] [SEP] [MASK]); ASCII punctuation, digits, letters and their
  `##` continuations, whole words and suffixes, a few capitalised and accented words for the cased tokenizer,
  and three CJK characters;
- tests/fixtures/wordpiece_tiny/expected.json:
    cases:   one text or a pair, lowercase true/false, an optional max_length (truncation='longest_first');
             the reference's input_ids, token_type_ids and tokens;
    batches: columns of texts (one or two), max_length, lowercase; padding='max_length' input_ids,
             token_type_ids, attention_mask, and which rows lost tokens.
"""
from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

import transformers

try:                                   # transformers 5: the pure-Python tokenizer kept under a new name
    from transformers.models.bert.tokenization_bert_legacy import BertTokenizerLegacy as PythonBertTokenizer
except ImportError:                    # transformers 4: BertTokenizer is the pure-Python one
    from transformers import BertTokenizer as PythonBertTokenizer

ROOT = Path(__file__).resolve().parents[1]

SPECIALS = ["[PAD]", "[unused0]", "[unused1]", "[unused2]", "[unused3]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
PUNCT = list("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~") + ["¡", "¿", "«", "»", "—"]
DIGITS = list("0123456789")
LOWER = list("abcdefghijklmnopqrstuvwxyz")
WORDS = """the a an and of to in is was it this that film movie story plot cast good bad great very really not
    quick brown fox jumps over lazy dog hello world un cafe tres elegant paris at be been have has do does did
    he she they we you i my his her their what who how why when where there here with for on by from as but or
    no yes all one two three new old day time year man woman people think say said like just more most some
    much funny dull long charming made make play played playing sentence pair first second""".split()
SUFFIXES = ["##es", "##ed", "##ing", "##ly", "##er", "##est", "##ness", "##able", "##aff", "##happi",
            "##ful", "##less", "##tion", "##ment", "##ish"]
CASED = ["The", "A", "It", "Paris", "Hello", "World", "He", "She", "café", "très", "élégant", "à", "é", "##é"]
CJK = ["北", "京", "爱"]


def vocabulary() -> list[str]:
    "The fixture's vocabulary, one token per id, without duplicates."
    tokens = (SPECIALS + PUNCT + DIGITS + ["##" + d for d in DIGITS] + LOWER + ["##" + c for c in LOWER]
              + [w for w in WORDS if len(w) > 1] + SUFFIXES + CASED + CJK)
    assert len(tokens) == len(set(tokens)), [t for t in tokens if tokens.count(t) > 1]
    return tokens


LONG_WORD = "a" * 101      # over max_input_chars_per_word (100): one [UNK]
TEXTS = [
    ("lower-casing", "The Quick BROWN fox JUMPS over the lazy dog"),
    ("accents", "Un café très élégant à Paris"),
    ("accents-decomposed", "Un cafe\u0301 tre\u0300s e\u0301le\u0301gant"),
    ("punctuation", "Hello, world! (It's 2023-11-30.) \"quick\"?... ¿what? «the» a—b"),
    ("pieces", "unaffable unhappiness playing played plays sadly greatest funnyish"),
    ("unknown", "the Ωmega fox xq zebra-like ψ"),
    ("cjk", "我爱北京 the 北京's 京都"),
    ("control-and-space", "a\tb\u00a0c\x00d\u200be\r\nf\ufffdg  \u3000h"),
    ("long-word", f"the {LONG_WORD} dog {'b' * 100}"),
    ("specials-in-text", "the [MASK] is good [SEP] ok [unused0]"),
    ("empty", ""),
    ("digits", "1999 was 2 good 42nd"),
]
PAIRS = [
    ("pair", "The film was great.", "It was a really great film, the best!"),
    ("pair-empty-second", "a good film", ""),
]
# longest_first truncation: pairs of unequal lengths, ties with even and odd budgets, a cut of the longer one
# only, a cut of both, and single texts
TRUNCATED = [
    ("trunc-longer-only", "the dog", "the quick brown fox jumps over the lazy dog again and again", 10),
    ("trunc-both-odd", "a b c d e f g h", "i j k l m n o p q r", 12),
    ("trunc-both-even", "a b c d e f g h", "i j k l m n o p q r", 13),
    ("trunc-tie-odd", "a b c d e f", "g h i j k l", 12),
    ("trunc-tie-even", "a b c d e f", "g h i j k l", 11),
    ("trunc-first-longer", "one two three four five six seven eight nine", "yes no", 9),
    ("trunc-pieces", "unaffable unhappiness", "playing", 7),
    ("trunc-to-specials", "a b", "c d", 3),
    ("trunc-single", "the quick brown fox jumps over the lazy dog", None, 6),
    ("no-trunc-needed", "a b", "c", 16),
]
BATCHES = [
    ("single-padded", [["The film was great.", "bad", "", "the quick brown fox jumps over the lazy dog again"]], 10),
    ("pairs-padded", [["a good film", "a b c d e f", "Hello, world!", "x"],
                      ["It was bad.", "g h i j k l", "", "the quick brown fox jumps over the lazy dog"]], 11),
]


def reference(vocab_file: Path, lowercase: bool):
    "transformers' pure-Python BERT tokenizer for the vocabulary."
    tok = PythonBertTokenizer(str(vocab_file), do_lower_case=lowercase)
    assert not tok.is_fast, f"{type(tok).__name__} is tokenizers-backed; the reference must be the Python one"
    return tok


def case(tok, name, text, pair, max_length, lowercase):
    "The reference's encoding of one text (or pair)."
    kw = dict(truncation="longest_first", max_length=max_length) if max_length else {}
    kw["return_token_type_ids"] = True
    enc = tok(text, pair, **kw) if pair is not None else tok(text, **kw)
    full = tok(text, pair) if pair is not None else tok(text)
    return dict(name=name, text=text, text_pair=pair, lowercase=lowercase, max_length=max_length,
                input_ids=enc["input_ids"], token_type_ids=enc["token_type_ids"],
                tokens=tok.convert_ids_to_tokens(enc["input_ids"]),
                truncated=len(enc["input_ids"]) < len(full["input_ids"]))


def build(folder: Path) -> dict:
    "Write vocab.txt into `folder` and return the expected encodings."
    tokens = vocabulary()
    (folder / "vocab.txt").write_text("".join(t + "\n" for t in tokens), encoding="utf-8")
    toks = {lc: reference(folder / "vocab.txt", lc) for lc in (True, False)}
    cases = []
    for lc in (True, False):
        tok = toks[lc]
        cases += [case(tok, name, text, None, None, lc) for name, text in TEXTS]
        cases += [case(tok, name, a, b, None, lc) for name, a, b in PAIRS]
    cases += [case(toks[True], name, a, b, m, True) for name, a, b, m in TRUNCATED]
    batches = []
    for name, columns, max_length in BATCHES:
        tok = toks[True]
        args = columns if len(columns) == 2 else columns[:1]
        enc = tok(*args, truncation="longest_first", max_length=max_length, padding="max_length",
                  return_token_type_ids=True, return_attention_mask=True)
        full = tok(*args)
        batches.append(dict(name=name, columns=columns, max_length=max_length, lowercase=True,
                            input_ids=enc["input_ids"], token_type_ids=enc["token_type_ids"],
                            attention_mask=enc["attention_mask"],
                            truncated=[sum(m) < len(f) for m, f in zip(enc["attention_mask"], full["input_ids"])]))
    return dict(reference=f"transformers {transformers.__version__} {PythonBertTokenizer.__name__} (pure Python)",
                vocab_size=len(tokens), cases=cases, batches=batches)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=ROOT / "tests" / "fixtures" / "wordpiece_tiny")
    args = ap.parse_args(argv)
    shutil.rmtree(args.out, ignore_errors=True)
    args.out.mkdir(parents=True)
    expected = build(args.out)
    (args.out / "expected.json").write_text(json.dumps(expected, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    size = sum(p.stat().st_size for p in args.out.iterdir())
    print(json.dumps({"written": [str(p.relative_to(ROOT)) for p in sorted(args.out.iterdir())],
                      "vocab_size": expected["vocab_size"], "cases": len(expected["cases"]),
                      "batches": len(expected["batches"]), "total_bytes": size}, indent=1))
    assert size < 200_000, f"fixture is {size} bytes; keep it small"


if __name__ == "__main__":
    main()
