"""The one folding rule for Vietnamese text, used for stored text and queries alike.

NFC, lowercase, drop the tone and vowel marks, fold đ/Đ to d (Unicode decomposition
leaves đ alone: it is a letter of its own, not d plus a mark). Punctuation becomes a
space, so words are what is left between spaces.
"""

import re
import unicodedata

_NOT_WORD = re.compile(r"[^0-9a-z]+")


def lower(text):
    """NFC and lowercase, marks kept: 'Bánh GAI' → 'bánh gai' (ranks exact accents)."""
    return " ".join(unicodedata.normalize("NFC", text or "").lower().split())


def fold(text):
    """'Bánh gai Đồng Hới' → 'banh gai dong hoi'."""
    text = unicodedata.normalize("NFC", text or "").lower().replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _NOT_WORD.sub(" ", stripped).strip()


def words(text):
    """The folded words of ``text``, in order."""
    return fold(text).split()


ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"


def one_edit_away(word):
    """Every string one edit from ``word`` (a letter dropped, added, changed, or two
    neighbours swapped) over the folded alphabet: a few hundred, looked up exactly."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    found = {left + right[1:] for left, right in splits if right}
    found |= {left + right[1] + right[0] + right[2:] for left, right in splits if len(right) > 1}
    found |= {left + char + right[1:] for left, right in splits if right for char in ALPHABET}
    found |= {left + char + right for left, right in splits for char in ALPHABET}
    found.discard(word)
    return found


def edit_distance(a, b, limit=2):
    """Optimal string alignment distance (a swap of neighbours counts one), capped at
    ``limit + 1`` so long words are not compared to the end."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2, previous = None, list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


# A word of five letters or more may carry one typo; a dropped letter leaves four.
TYPO_MIN_LENGTH = 5


def typo_limit(word):
    """Edits a typed word may carry and still find what was meant (one, or none)."""
    return 1 if len(word) >= TYPO_MIN_LENGTH - 1 else 0


def may_correct(typed, term):
    """A correction is offered for words of five letters or more (typed or meant)."""
    return max(len(typed), len(term)) >= TYPO_MIN_LENGTH
