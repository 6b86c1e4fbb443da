"""coprod's easy-read core: plain Python (Babel and the standard library), no Odoo.

Easy read is for people who read little, often people with learning disabilities.
This package holds two things the reports and forms need, so their rules can be
tested fast and read in one place::

    from coprod_module.easyread import say_when, to_local, check_text, readability

    start = to_local(meeting_start_utc, "Europe/London")
    say_when(start, start + timedelta(hours=2), "en_GB")
    # "Tuesday 2 March 2027, 2pm to 4pm"
    say_date(start, "fr_FR")        # "mardi 2 mars 2027"
    say_time(start, "de_DE")        # "14 Uhr"
    say_duration(90, "en_GB")       # "1 hour 30 minutes"

    check_text("We will commence at 2pm.")
    # [Finding(code="hard_word", message='"commence" is a hard word. Try "start".', ...)]
    readability("We meet on Tuesday. Bring a friend.").level    # "good"

``dates``: dates, times and lengths of time as people say them, in the person's
language (Babel). ``checker``: warnings about what facilitators write in easy-read
fields (long sentences, several ideas, capitals, acronyms, hard and long words,
numbers as words, per cent), and a readability badge. Neither raises on odd text.
"""
from .checker import (
    CODES,
    LEVELS,
    MAX_WORDS,
    MESSAGES,
    Finding,
    Score,
    check_text,
    count_syllables,
    count_words,
    in_tens,
    readability,
    split_sentences,
)
from .dates import (
    DEFAULT_LOCALE,
    resolve_locale,
    say_date,
    say_duration,
    say_time,
    say_when,
    to_local,
    day_bounds_utc,
)

__all__ = [
    "CODES",
    "DEFAULT_LOCALE",
    "LEVELS",
    "MAX_WORDS",
    "MESSAGES",
    "Finding",
    "Score",
    "check_text",
    "count_syllables",
    "count_words",
    "in_tens",
    "readability",
    "resolve_locale",
    "say_date",
    "say_duration",
    "say_time",
    "say_when",
    "split_sentences",
    "to_local",
    "day_bounds_utc",
]
