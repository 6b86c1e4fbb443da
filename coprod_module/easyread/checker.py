"""A checker for easy-read text: what facilitators write for people who read little.

``check_text()`` reads a text and warns; it never changes the text and never raises,
whatever it is given (``None``, ``False``, bytes, HTML, any unicode, any length: only
the first ``MAX_CHARS`` characters are read). HTML tags are read as spaces, and
paragraphs, line breaks and list items as new lines, so an HTML field can be checked
as it is. Each finding has a ``code``, a short plain ``message``, the ``excerpt`` it is
about, maybe a ``suggestion``, and where the excerpt starts in the text (``start``).

Sentences end at ".", "!", "?" or "..." followed by a space, and at every new line
(easy read puts one idea on each line); a list mark at the start of a line ("-", "*",
"1.") is not a word; "e.g." and "Dr." do not end a sentence. A word is letters or
digits, joined by "'", "-", ".", ":", "," or "/" ("don't", "2:30pm", "1,000" are one
word each).

The rules, in ``CODES`` order:

``long_sentence``
    A sentence of more than 15 words (``MAX_WORDS``).
``several_ideas``
    A sentence that seems to hold more than one idea. A heuristic, since there is no
    grammar here: a ";"; 3 commas or more (``MANY_COMMAS``, not counting "1,000");
    and in English a joining word before a new subject or verb ("and we",
    "but they", "so you", "because it", "and will": two main verbs joined), a
    joining word that starts another clause ("which", "whereas", "although",
    "whilst", "however", "unless"), or "and" twice ("... and ... and ...").
``capitals``
    Shouting: everyday words in capitals ("PLEASE COME", "NOT"), and any word of 6
    capital letters or more. Words next to each other make one finding.
``acronym``
    Other words of 2 to 5 capital letters ("CQC", "NHS"): write them in full or
    explain them; the meaning is suggested for acronyms of care (``ACRONYMS``).
    Capitals everybody reads as words ("OK", "TV", "UK") are fine.
``hard_word``
    A word or phrase from ``words.csv`` ("commence", "in order to"), in its usual
    forms ("commenced", "commencing"), with the plain words to use instead.
``long_word``
    A word of 4 syllables or more (``LONG_WORD_SYLLABLES``, counted by
    ``count_syllables()``), unless easy read uses it anyway ("information"). Names
    (a capital letter inside a sentence) are left alone.
``number_words``
    Numbers written as words: easy read writes "3", not "three"; "twenty-five" and
    "two hundred and fifty" are suggested as "25" and "250". "one" is left alone in
    "no one", "the one", "one another".
``percent``
    "%", "per cent", "percent" or "percentage": few people understand them; the
    suggestion says it in tens ("45%" -> "about 5 in 10").

The word rules (``hard_word``, ``long_word``, ``number_words``, the English parts of
``several_ideas``, the everyday words of ``capitals``, and "per cent" in words) are
English: for another language only the rules on sentences, capitals and "%" apply.
Messages are plain English; ``MESSAGES`` holds them by code, for translation.

A word-level finding is given once for each word or phrase (its first place), a
sentence-level finding once for each sentence; findings come in the order of the text.
"""
import functools
import re
import unicodedata
from dataclasses import dataclass

from .dates import resolve_locale
from .wordlists import (
    ACRONYMS,
    COMMON_WORDS,
    FINE_ACRONYMS,
    LONG_WORDS_ALLOWED,
    NUMBER_WORDS,
    ONE_NOT_A_NUMBER_AFTER,
    ONE_NOT_A_NUMBER_BEFORE,
    SCALES,
    UNITS,
    hard_words,
    word_forms,
)

MAX_WORDS = 15
MANY_COMMAS = 3
LONG_WORD_SYLLABLES = 4
SHOUTING_LENGTH = 6
HARD_LONGEST = 25
MAX_CHARS = 100000
EXCERPT_CHARS = 80

CODES = (
    "long_sentence", "several_ideas", "capitals", "acronym",
    "hard_word", "long_word", "number_words", "percent",
)
LEVELS = ("good", "fair", "hard")

MESSAGES = {
    "long_sentence": "This sentence has {words} words. Try to use 15 or fewer.",
    "several_ideas": "This sentence may have more than 1 idea. Try to split it.",
    "capitals": "Words in capitals are hard to read. Use small letters.",
    "acronym": 'Not everyone knows "{excerpt}". Write it in full or explain it.',
    "hard_word": '"{excerpt}" is a hard word. Try "{suggestion}".',
    "long_word": '"{excerpt}" is a long word. Try a shorter word.',
    "number_words": 'Write numbers as digits: "{suggestion}", not "{excerpt}".',
    "percent": 'Per cent is hard to understand. Try "{suggestion}".',
    "percent_words": 'Per cent is hard to understand. Try "most people" or "3 in 10".',
}


@dataclass(frozen=True)
class Finding:
    """One warning about a text: what (``code``), why (``message``), where."""

    code: str
    message: str
    excerpt: str
    suggestion: str = ""
    start: int = 0


@dataclass(frozen=True)
class Score:
    """How easy a text is to read, for a badge, with the counts behind it.

    ``level`` is "good" when the checker has nothing to say (an empty text is good:
    nothing is hard to read); "hard" when the sentences are over 15 words on average,
    when one sentence is over 25 words (``HARD_LONGEST``), or when there are more
    findings than sentences; "fair" otherwise.
    """

    level: str
    sentences: int = 0
    words: int = 0
    average_words: float = 0.0
    longest: int = 0
    long_sentences: int = 0
    hard_words: int = 0
    findings: int = 0


# TEXT, SENTENCES, WORDS ---------------------------------------------------------------

_TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)\b[^<>]*>|&(?:[a-zA-Z]+|#[0-9]+|#x[0-9a-fA-F]+);")
_BLOCK_TAGS = frozenset({
    "blockquote", "br", "div", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "ol",
    "p", "section", "table", "td", "th", "tr", "ul",
})
_LINE = re.compile(r"[^\n\r\u2028\u2029]+")
_LIST_MARK = re.compile(r"\s*(?:[-*>\u2022\u2023\u25e6\u2013\u2014]|\d{1,3}[.)])\s+")
_SENTENCE_END = re.compile(r"[.!?\u2026]+[\"'\u201d\u2019)\]]*(?=\s|$)")
_NO_BREAK = frozenset({"e.g.", "i.e.", "mr.", "mrs.", "ms.", "dr.", "st.", "approx.", "vs."})
_COUNTED = re.compile(r"[^\W_]+(?:['\u2019\-.:,/][^\W_]+)*")
_WORD = re.compile(r"[^\W_]+(?:['\u2019\-][^\W_]+)*")
_POSSESSIVE = re.compile(r"['\u2019][sS]$")


def _blank(match):
    """A tag or entity as blanks of the same length, so offsets stay true."""
    text = match.group()
    if (match.group(1) or "").lower() in _BLOCK_TAGS:
        return "\n" + " " * (len(text) - 1)
    return " " * len(text)


def as_text(text):
    """Any value as the text the checker reads: ``None``, ``False`` -> ""; bytes are
    read as UTF-8; HTML tags become blanks; cut at ``MAX_CHARS``."""
    if text is None or text is False:
        return ""
    if isinstance(text, (bytes, bytearray)):
        text = bytes(text[:MAX_CHARS * 4]).decode("utf-8", "replace")
    elif not isinstance(text, str):
        try:
            text = str(text)
        except Exception:  # pylint: disable=broad-except
            return ""  # the checker never raises, even on a value that cannot print
    text = text[:MAX_CHARS]
    return _TAG.sub(_blank, text) if "<" in text or "&" in text else text


def count_words(text):
    """The words in ``text`` ("2:30pm", "don't" and "1,000" are one word each)."""
    return len(_COUNTED.findall(as_text(text)))


def _add_sentence(out, start, piece):
    stripped = piece.lstrip()
    start += len(piece) - len(stripped)
    stripped = stripped.rstrip()
    if _COUNTED.search(stripped):
        out.append((start, stripped))


def split_sentences(text):
    """``[(start, sentence), ...]``: the sentences of ``text`` and where they start.

    A sentence ends at ".", "!", "?" or "..." before a space, and at a new line; a
    list mark at the start of a line is left out; "e.g.", "i.e.", "Dr." and the like
    do not end a sentence. Pieces with no word in them are not sentences.
    """
    text = as_text(text)
    out = []
    for line in _LINE.finditer(text):
        body, offset = line.group(), line.start()
        mark = _LIST_MARK.match(body)
        if mark:
            body, offset = body[mark.end():], offset + mark.end()
        begin = 0
        for end in _SENTENCE_END.finditer(body):
            window = body[max(begin, end.end() - 10):end.end()].split()
            if window and window[-1].lstrip("(\"'\u201c\u2018[").lower() in _NO_BREAK:
                continue
            _add_sentence(out, offset + begin, body[begin:end.end()])
            begin = end.end()
        _add_sentence(out, offset + begin, body[begin:])
    return out


def count_syllables(word):
    """A rough count of the syllables of an English word, for ``long_word``.

    Groups of vowels (a, e, i, o, u, y), less a silent "e" at the end ("time", but
    not "café"), in
    "-es" and "-ed" ("makes", "helped", but not "places", "wanted"), before "-ment",
    "-ful", "-less", "-ly", "-ness" ("statement", "lately"), in "some-" and "every";
    a "y" at the start is a consonant. At least 1 for a word with letters, 0 without.
    Accents are ignored. Good enough to warn; it can be 1 out either way.
    """
    letters = unicodedata.normalize("NFKD", str(word)).encode("ascii", "ignore").decode()
    letters = re.sub(r"[^a-z]", "", letters.lower())
    if not letters:
        return 0
    if len(letters) <= 3:
        return 1
    stem = letters
    if not str(word).lower().endswith("\u00e9"):       # "café": a spoken e
        stem = re.sub(r"(?<=[^laeiouysxzhcg])es$|(?<=[^laeiouytd])ed$|(?<=[^laeiouy])e$",
                      "", stem)
    stem = re.sub(r"^y", "", stem)
    count = len(re.findall(r"[aeiouy]+", stem))
    count -= len(re.findall(r"[^aeiouy]e(?:ment|ful|less|ly|ness)", stem))
    count -= stem.count("every")
    if stem.startswith("some") and len(stem) > 4:
        count -= 1
    return max(1, count)


def _excerpt(text):
    text = " ".join(text.split())
    if len(text) <= EXCERPT_CHARS:
        return text
    return text[:EXCERPT_CHARS - 1].rstrip() + "\u2026"


def _finding(code, excerpt, start, suggestion="", **values):
    template = MESSAGES[code]
    message = template.format(excerpt=excerpt, suggestion=suggestion, **values)
    code = "percent" if code == "percent_words" else code
    return Finding(code, message, _excerpt(excerpt), suggestion, start)


# SENTENCE RULES -----------------------------------------------------------------------

_JOINED = re.compile(
    r"\b(?:and|but|or|so|because|then)\s+(?:you|he|she|it|we|they|there|will|can|could"
    r"|should|must|might|would|shall)\b", re.IGNORECASE)
_CLAUSE = re.compile(r"\b(?:which|whereas|although|whilst|however|unless)\b", re.IGNORECASE)
_AND = re.compile(r"\band\b", re.IGNORECASE)
_COMMA = re.compile(r",(?!\d)")
_JOINING_START = re.compile(
    r"(?:\W*\b(?:and|but|or|so|because|then|however)\b)*\W*", re.IGNORECASE)


def several_ideas(sentence, english=True):
    """Why ``sentence`` seems to hold more than one idea, as a suggestion; or ``None``.

    The heuristic of ``several_ideas`` (see the module): ";", then in English a
    joining word before a new subject or verb, a joining word that starts another
    clause, "and" twice, then 3 commas or more. Joining words that start the
    sentence ("However, ...", "And then we ...") are fine: it is already split.
    """
    if ";" in sentence:
        return 'Start a new sentence instead of ";".'
    if english:
        for regex in (_JOINED, _CLAUSE):
            for joined in regex.finditer(sentence):
                if _JOINING_START.fullmatch(sentence[:joined.start()]) is None:
                    return f'Start a new sentence at "{joined.group()}".'
        if len(_AND.findall(sentence)) >= 2:
            return 'Try 2 sentences, or a list.'
    if len(_COMMA.findall(sentence)) >= MANY_COMMAS:
        return "Try a list, with 1 thing on each line."
    return None


# WORD RULES ---------------------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def _hard_index():
    """``(regex, {form: (word, plain)})`` for the hard words, built once: each word
    of ``words.csv`` in its usual forms (``word_forms()``), and each phrase."""
    forms = {}
    for word, plain in hard_words().items():
        if word.isalpha():
            for form in word_forms(word):
                forms.setdefault(form, (word, plain))
    for word, plain in hard_words().items():
        forms[" ".join(word.split())] = (word, plain)
    alternatives = sorted(forms, key=lambda form: (-len(form), form))
    pattern = "|".join(r"\s+".join(map(re.escape, form.split())) for form in alternatives)
    regex = re.compile(rf"(?<![\w'\u2019-])(?:{pattern})(?![\w'\u2019-])", re.IGNORECASE)
    return regex, forms


def _known_word(low):
    """An everyday English word, or one the lists know (for capitals)."""
    return (low in COMMON_WORDS or low in NUMBER_WORDS or low in LONG_WORDS_ALLOWED
            or low in _hard_index()[1])


def _parts(sentence, sentence_start):
    """``(start, part, first)`` for each word of a sentence, split at hyphens, with
    "'s" taken off; ``first`` is true for the first word of the sentence."""
    first = True
    for word in _WORD.finditer(sentence):
        offset = 0
        for part in word.group().split("-"):
            core = _POSSESSIVE.sub("", part)
            if core:
                yield sentence_start + word.start() + offset, core, first
            offset += len(part) + 1
        first = False


def _capitals_kind(core, english):
    """"capitals", "acronym" or ``None`` for a word written all in capitals."""
    letters = core.replace("'", "").replace("\u2019", "")
    if len(letters) < 2 or not letters.isalpha() or not letters.isupper():
        return None
    upper = letters.upper()
    if upper in FINE_ACRONYMS:
        return None
    if english and _known_word(core.lower().replace("\u2019", "'")):
        return "capitals"
    if upper in ACRONYMS:
        return "acronym"
    return "capitals" if len(letters) >= SHOUTING_LENGTH else "acronym"


def _capitals(text, sentence, start, english):
    """Acronyms, and runs of shouting words (words next to each other make one run)."""
    findings, runs = [], []
    for at, core, _first in _parts(sentence, start):
        kind = _capitals_kind(core, english)
        if kind == "acronym":
            findings.append(_finding("acronym", core, at, ACRONYMS.get(core.upper(), "")))
        elif kind == "capitals":
            if runs and not re.search(r"\w", text[runs[-1][1]:at]):
                runs[-1] = (runs[-1][0], at + len(core))
            else:
                runs.append((at, at + len(core)))
    for begin, end in runs:
        words = text[begin:end]
        findings.append(_finding("capitals", words, begin, words.lower()))
    return findings


def _hard_words(sentence, start):
    regex, forms = _hard_index()
    for match in regex.finditer(sentence):
        said = match.group()
        word, plain = forms.get(" ".join(said.lower().split()), (said.lower(), ""))
        yield word, _finding("hard_word", said, start + match.start(), plain)


def _long_words(sentence, start):
    forms = _hard_index()[1]
    for at, core, first in _parts(sentence, start):
        low = core.lower().replace("\u2019", "'")
        if (not core.isalpha() or core.isupper() or (core[0].isupper() and not first)
                or low in LONG_WORDS_ALLOWED or low in forms or low in COMMON_WORDS):
            continue
        if count_syllables(core) >= LONG_WORD_SYLLABLES:
            yield low, _finding("long_word", core, at)


def _number_value(words):
    """The value of number words: ["two", "hundred", "and", "fifty"] -> 250."""
    total = current = 0
    for word in words:
        for part in word.lower().split("-"):
            if part in UNITS:
                current += UNITS[part]
            elif part == "hundred":
                current = max(current, 1) * 100
            elif part in SCALES:
                total += max(current, 1) * SCALES[part]
                current = 0
    return total + current


def _is_number(word):
    parts = word.lower().split("-")
    return all(part in NUMBER_WORDS for part in parts)


def _number_words(sentence, start):
    words = list(_WORD.finditer(sentence))
    index = 0
    while index < len(words):
        if not _is_number(words[index].group()):
            index += 1
            continue
        last = index
        while last + 1 < len(words):
            following = words[last + 1].group()
            if _is_number(following):
                last += 1
            elif (following.lower() == "and" and last + 2 < len(words)
                  and words[last].group().lower().split("-")[-1] in SCALES
                  and _is_number(words[last + 2].group())):
                last += 2
            else:
                break
        run = [word.group() for word in words[index:last + 1]]
        before = words[index - 1].group().lower() if index else ""
        after = words[last + 1].group().lower() if last + 1 < len(words) else ""
        if not (run[0].lower() == "one" and len(run) == 1 and (
                before in ONE_NOT_A_NUMBER_AFTER or after in ONE_NOT_A_NUMBER_BEFORE)):
            said = sentence[words[index].start():words[last].end()]
            yield said.lower(), _finding("number_words", said, start + words[index].start(),
                                         f"{_number_value(run):,}")
        index = last + 1


_PERCENT = re.compile(r"(?:([0-9]+(?:[.,][0-9]+)?)\s*)?%")
_PERCENT_WORDS = re.compile(
    r"(?:([0-9]+(?:[.,][0-9]+)?)\s*)?\b(?:per\s*cent|percent(?:age)?)\b", re.IGNORECASE)


def in_tens(percent):
    """A percentage in words people use: 50 -> "half", 45 -> "about 5 in 10",
    3 -> "fewer than 1 in 10", 98 -> "nearly all", 0 -> "none", 100 -> "all"."""
    if percent <= 0:
        return "none"
    if percent >= 100:
        return "all"
    if percent == 50:
        return "half"
    tens = int(percent / 10 + 0.5)
    if tens == 0:
        return "fewer than 1 in 10"
    if tens == 10:
        return "nearly all"
    return f"about {tens} in 10"


def _percents(sentence, start, english):
    regexes = (_PERCENT, _PERCENT_WORDS) if english else (_PERCENT,)
    for regex in regexes:
        for match in regex.finditer(sentence):
            said = match.group().strip()
            if match.group(1):
                value = float(match.group(1).replace(",", "."))
                yield said.lower(), _finding("percent", said, start + match.start(),
                                             in_tens(value))
            else:
                yield said.lower(), _finding("percent_words", said, start + match.start())


# CHECKING -----------------------------------------------------------------------------

def _english(locale):
    return resolve_locale(locale).language == "en"


def _analyse(text, locale):
    """``(sentences, findings)``: ``[(start, sentence, words)]`` and the findings."""
    text = as_text(text)
    english = _english(locale)
    sentences, findings, seen = [], [], set()

    def once(key, finding):
        if (finding.code, key) not in seen:
            seen.add((finding.code, key))
            findings.append(finding)

    for start, sentence in split_sentences(text):
        words = len(_COUNTED.findall(sentence))
        sentences.append((start, sentence, words))
        if words > MAX_WORDS:
            findings.append(_finding("long_sentence", sentence, start, words=words))
        suggestion = several_ideas(sentence, english)
        if suggestion:
            findings.append(_finding("several_ideas", sentence, start, suggestion))
        for finding in _capitals(text, sentence, start, english):
            once(finding.excerpt.lower() if finding.code == "acronym" else finding.excerpt,
                 finding)
        for key, finding in _percents(sentence, start, english):
            once(key, finding)
        if english:
            for rule in (_hard_words, _long_words, _number_words):
                for key, finding in rule(sentence, start):
                    once(key, finding)
    findings.sort(key=lambda finding: (finding.start, CODES.index(finding.code)))
    return sentences, findings


def check_text(text, locale="en"):
    """The findings about ``text``, in the order of the text; ``[]`` when it reads
    easily. Never raises. See the module for the rules."""
    return _analyse(text, locale)[1]


def readability(text, locale="en"):
    """A ``Score`` for ``text``: its level ("good", "fair" or "hard") and the counts
    behind it. Never raises. See ``Score`` for the rule."""
    sentences, findings = _analyse(text, locale)
    counts = [words for _start, _sentence, words in sentences]
    total = sum(counts)
    average = round(total / len(counts), 1) if counts else 0.0
    longest = max(counts, default=0)
    if not findings:
        level = "good"
    elif average > MAX_WORDS or longest > HARD_LONGEST or len(findings) > len(counts):
        level = "hard"
    else:
        level = "fair"
    return Score(
        level=level,
        sentences=len(counts),
        words=total,
        average_words=average,
        longest=longest,
        long_sentences=sum(1 for words in counts if words > MAX_WORDS),
        hard_words=sum(1 for finding in findings
                       if finding.code in ("hard_word", "long_word")),
        findings=len(findings),
    )
