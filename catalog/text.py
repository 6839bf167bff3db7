"""Text keys for matching names regardless of case, diacritics and spacing."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def strip_diacritics(text):
    """'Bánh gai Hương Cúc' → 'Banh gai Huong Cuc' (đ/Đ become d/D)."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def match_key(text):
    """Lower-case, diacritic-free, single-spaced: the key names are compared by."""
    return _SPACES.sub(" ", strip_diacritics(text or "")).strip().lower()
