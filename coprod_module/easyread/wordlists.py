"""The English word lists the checker reads, besides ``words.csv`` (hard words).

``words.csv`` holds the hard words and phrases with a plain word for each
(``word,plain``); it is a file so that staff can add words without touching the code.
The lists here are the checker's own knowledge: acronyms and what they mean, the
everyday words that are shouting when written in capitals, the long words that easy
read uses anyway, and numbers written as words.
"""
import csv
import functools
from pathlib import Path

WORDS_FILE = Path(__file__).with_name("words.csv")

# Acronyms met in health and social care, with what they mean (the suggestion).
ACRONYMS = {
    "ADASS": "Association of Directors of Adult Social Services",
    "AGM": "yearly meeting",
    "AIS": "Accessible Information Standard",
    "AOB": "any other business",
    "ASAP": "as soon as possible",
    "BSL": "British Sign Language",
    "CAMHS": "Child and Adolescent Mental Health Services",
    "CEO": "the person who runs the organisation",
    "CPN": "community nurse",
    "CQC": "Care Quality Commission",
    "DBS": "a check that you are safe to work with people",
    "DOLS": "Deprivation of Liberty Safeguards",
    "EHCP": "Education, Health and Care Plan",
    "FAQ": "questions people often ask",
    "GP": "doctor",
    "HR": "the staff team",
    "ICB": "Integrated Care Board",
    "LD": "learning disability",
    "MCA": "Mental Capacity Act",
    "MP": "Member of Parliament",
    "NHS": "National Health Service",
    "NICE": "National Institute for Health and Care Excellence",
    "OT": "occupational therapist",
    "PA": "personal assistant",
    "PBS": "Positive Behaviour Support",
    "RSVP": "please tell us if you can come",
    "SALT": "speech and language therapy",
    "SEND": "special educational needs and disabilities",
    "TBC": "not decided yet",
}

# Short capitals that everybody reads as words: never flagged. (Capitals that are also
# an everyday word, such as "IT", read as shouting: write "computers" instead.)
FINE_ACRONYMS = frozenset({"OK", "TV", "UK", "AM", "PM", "DVD", "CD", "ID"})

# Everyday words: in capitals they are shouting ("capitals"), not an acronym.
COMMON_WORDS = frozenset("""
a about after again all also always am an and any are as ask at away back bad be been
before best big bring but by bye call came can cannot cake can't car care change check
close closed cold come could day did do does don't done door down drink each early
easy email end even ever every exit fire first food for free from fun get give go
going good got great had happy has have he hello help her here him his home hot how
i if important in info is it its join just keep kind know last late less let like
look love made make many may me meet meeting more most must my name need never new
news next no not note now of off ok on once one only open or other our out over
party phone plan please pull push read ready room safe said sale same say see she
shut so some soon sorry start stay stop sure take talk tea team tell thank thanks
that the their them then there these they thing think this time to today too true
up urgent us use very vote wait want warning was way we well were what when where
who why will with work would yes you your
""".split())

# Long words (4 syllables or more) that easy read uses anyway.
LONG_WORDS_ALLOWED = frozenset("""
activities activity anybody anything celebration comfortable communication community
computer computers conversation difficulty disabilities disability education
electricity everybody everything experience february independent information
interested interesting interpreter interpreters january medication organisation
organisations organization organizations relationship relationships television
understanding university vegetarian
""".split())

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1000000}
NUMBER_WORDS = frozenset(UNITS) | frozenset(SCALES)

# "one" is not a number in "no one", "the one I like", "one another".
ONE_NOT_A_NUMBER_AFTER = frozenset({
    "any", "each", "every", "little", "no", "that", "the", "this", "which",
})
ONE_NOT_A_NUMBER_BEFORE = frozenset({"another"})


@functools.lru_cache(maxsize=1)
def hard_words():
    """``{hard word or phrase (lower case): plain words}`` from ``words.csv``."""
    with WORDS_FILE.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle)
        return {
            row["word"].strip().lower(): row["plain"].strip()
            for row in rows
            if (row.get("word") or "").strip() and (row.get("plain") or "").strip()
        }


def word_forms(word):
    """The usual endings of an English word, for matching the hard-word list:
    ``word_forms("commence")`` -> commence, commences, commenced, commencing;
    ``word_forms("modify")`` -> modify, modifies, modified, modifying."""
    forms = {word, f"{word}s", f"{word}ing"}
    if word.endswith("e"):
        forms |= {f"{word}d", f"{word[:-1]}ing"}
    elif word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        forms |= {f"{word[:-1]}ies", f"{word[:-1]}ied"}
    else:
        forms |= {f"{word}ed", f"{word}es"}
    return forms
