"""The Chinese register rows on the Chinese development set: which rows match, how often, in how many
readouts; and what the word-boundary rule turns away (a form found as a substring but not on jieba
word boundaries). Rerun: ``/work/main/.venv/bin/python bench/chinese_register_count.py``."""
from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from framing.analyses.register import bundled_lexicon_zh, match_register_zh
from framing.text.chinese import clean_zh, to_simplified

DEVSET = Path(__file__).resolve().parent / "devsets" / "chinese"


def main() -> None:
    lexicon = bundled_lexicon_zh()
    forms = {to_simplified(f): e.phrase for e in lexicon.entries for f in (e.phrase, *e.variants)}
    phrases, readouts, turned_away, n_sentences, negated = Counter(), Counter(), [], 0, 0
    for path in sorted(DEVSET.glob("*.json")):
        sentences = json.loads(path.read_text(encoding="utf-8"))["original"]["sentences"]
        seen = set()
        for sentence in sentences:
            n_sentences += 1
            matches = match_register_zh(sentence)
            for m in matches:
                phrases[m.phrase] += 1
                negated += m.negated
                seen.add(m.phrase)
            simple = to_simplified(clean_zh(sentence).text)
            covered = [to_simplified(clean_zh(m.matched).text) for m in matches]
            for form, phrase in forms.items():
                if re.search(re.escape(form), simple) and not any(form in c for c in covered):
                    turned_away.append((path.stem, form, sentence))
        readouts.update(seen)
    print(f"{len(lexicon.entries)} Chinese rows ({lexicon.summary()['sourced']} sourced); {n_sentences} sentences "
          f"in {len(list(DEVSET.glob('*.json')))} readouts; {sum(phrases.values())} matches ({negated} negated) "
          f"of {len(phrases)} rows")
    for phrase, n in phrases.most_common():
        print(f"  {phrase}: {n} matches in {readouts[phrase]} readouts")
    print(f"substring hits turned away by the word-boundary rule (not inside a longer match): {len(turned_away)}")
    for stem, form, sentence in turned_away:
        print(f"  {form} in {stem}: {sentence}")


if __name__ == "__main__":
    main()
