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


# Vietnamese alphabetical order: ă, â, đ, ê, ô, ơ and ư are letters of their own
# (after a, a, d, e, o, o, u); the five tone marks only break ties, in the order
# of the dictionaries (none, grave, hook, tilde, acute, dot below).
ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {letter: rank for rank, letter in enumerate(ALPHABET)}
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
# Marks that make a letter of the alphabet rather than a tone.
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}


def vietnamese_sort_key(text):
    """A key that sorts names in Vietnamese dictionary order.

    "Cà Mau" < "Cao Bằng" < "Cần Thơ" < "Đà Nẵng" ("Đ" after every "D"). Each letter
    weighs by its place in the Vietnamese alphabet (case and tone ignored), then the
    tones decide; characters outside the alphabet (spaces, digits) come before letters,
    so a shorter word sorts before a longer one.
    """
    letters, tones = [], []
    for char in unicodedata.normalize("NFC", (text or "").lower()):
        decomposed = unicodedata.normalize("NFD", char)
        base = decomposed[0]
        marks = decomposed[1:]
        letter = unicodedata.normalize(
            "NFC", base + "".join(m for m in marks if m in _LETTER_MARKS)
        )
        rank = _LETTER_RANK.get(letter)
        letters.append((1, rank) if rank is not None else (0, ord(letter[0])))
        tones.append(sum(_TONES.get(mark, 0) for mark in marks))
    return tuple(letters), tuple(tones)
