"""Dates, times and lengths of time as people say them, in the person's language.

Easy read writes "Tuesday 2 March 2027" and "2pm", never "02/03/2027 14:00". The
words come from Babel (CLDR) in the person's language; this module only picks the
longest, plainest forms and takes out what people do not say:

- dates use the language's full pattern (weekday, day, month name, year) with the day
  never padded ("5", not "05") and no ordinal ("5", not "5th"); in English the weekday
  is not followed by a comma;
- English times are said on a 12-hour clock ("2pm", "2:30pm", "12 noon",
  "12 midnight"), or as a clock face ("half past 2") with ``style="spoken"``; French
  and German use their own everyday clock ("14 h 30", "14:30 Uhr"); other languages
  use their short time pattern, with hours never padded;
- lengths of time are hours and minutes ("1 hour 30 minutes"), never "1.5 hours".

Spaces are plain spaces: Babel's no-break spaces ("1\u00a0heure") are replaced, so
the words wrap and compare like any other text.

Times are naive local wall-clock times: the caller converts from UTC with the
person's timezone first (``to_local()``), so this module never guesses a timezone.

A locale is a string such as "en_GB", "fr_FR", "es-ES" or Odoo's "sr@latin" (or a
``babel.Locale``). ``None``, an empty string and unknown locales fall back to the
language alone ("fr_XX" -> "fr"), then to British English; "en" alone is British
English too, since coprod follows British easy-read guidance.
"""
import datetime
import functools
import re
from numbers import Real
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_time, get_date_format, get_time_format
from babel.units import format_unit

DEFAULT_LOCALE = "en_GB"
# Babel's no-break spaces ("1\u00a0heure", "1\u202f000") become plain spaces.
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " "})
STYLES = ("clock", "spoken")

# "from 2pm to 4pm" on one day, as each language says it; others use the locale's own
# interval pattern ("14:00 – 16:00").
TIME_RANGES = {
    "en": "{start} to {stop}",
    "fr": "de {start} à {stop}",
    "es": "de {start} a {stop}",
    "de": "von {start} bis {stop}",
    "it": "dalle {start} alle {stop}",
    "nl": "van {start} tot {stop}",
    "pt": "das {start} às {stop}",
}
# From one day to another: "du vendredi 5 mars 2027, 14 h au samedi 6 mars 2027, 11 h".
DAY_RANGES = {
    "en": "{start} to {stop}",
    "fr": "du {start} au {stop}",
    "es": "del {start} al {stop}",
    "de": "von {start} bis {stop}",
    "it": "da {start} a {stop}",
    "nl": "van {start} tot {stop}",
    "pt": "de {start} a {stop}",
}


# LOCALES ------------------------------------------------------------------------------

def _parse(code):
    try:
        return Locale.parse(code)
    except (UnknownLocaleError, ValueError, TypeError):
        return None


@functools.lru_cache(maxsize=64)
def _resolve(text):
    code = text.strip().split(".")[0]                     # "fr_FR.UTF-8" -> "fr_FR"
    code, _at, modifier = code.partition("@")            # Odoo's "sr@latin"
    code = code.replace("-", "_").strip("_")
    if not code or code.lower() in ("en", "c", "posix"):
        return Locale.parse(DEFAULT_LOCALE)
    if modifier.lower() == "latin":
        code = f"{code}_Latn"
    found = _parse(code)
    if found is None:
        language = code.split("_")[0]
        found = _parse(DEFAULT_LOCALE if language.lower() == "en" else language)
    return found or Locale.parse(DEFAULT_LOCALE)


def resolve_locale(locale=None):
    """The ``babel.Locale`` for ``locale``, falling back as the module says; never fails.

    ``resolve_locale("fr_FR")`` -> fr_FR; ``resolve_locale("fr_XX")`` -> fr;
    ``resolve_locale("xx")``, ``resolve_locale(None)`` and ``resolve_locale("en")``
    -> en_GB.
    """
    if isinstance(locale, Locale):
        return locale
    if not isinstance(locale, str):
        locale = ""
    return _resolve(locale)


def _english(locale):
    return locale.language == "en"


# DATES --------------------------------------------------------------------------------

def _unpadded(pattern):
    """A Babel pattern without leading zeros: "dd" -> "d", "HH" -> "H", "hh" -> "h"."""
    return re.sub(r"d{2,}", "d", re.sub(r"H{2,}", "H", re.sub(r"h{2,}", "h", pattern)))


def say_date(day, locale=None):
    """The date as people say it: weekday, day, month name and year.

    en_GB "Tuesday 2 March 2027", en_US "Tuesday March 2, 2027",
    fr "mardi 2 mars 2027", es "martes, 2 de marzo de 2027", de "Dienstag, 2. März 2027".
    The language's full date pattern, with the day never padded; English drops the
    comma after the weekday. A ``datetime`` gives its date; ``None`` gives "".
    """
    if day is None:
        return ""
    if isinstance(day, datetime.datetime):
        day = day.date()
    if not isinstance(day, datetime.date):
        raise TypeError(f"say_date() needs a date, not {day!r}.")
    locale = resolve_locale(locale)
    pattern = _unpadded(get_date_format("full", locale=locale).pattern)
    if _english(locale):
        pattern = re.sub(r"(E{4,}),\s*", r"\1 ", pattern)
    return format_date(day, pattern, locale=locale).translate(_SPACES)


# TIMES --------------------------------------------------------------------------------

def _as_time(value):
    """A ``time`` from a time, a datetime, or hours as a number (Odoo's float_time:
    14.5 is 2:30pm), to the minute."""
    if isinstance(value, datetime.datetime):
        value = value.time()
    elif isinstance(value, Real) and not isinstance(value, bool):
        minutes = round(float(value) * 60) % (24 * 60)
        value = datetime.time(minutes // 60, minutes % 60)
    if not isinstance(value, datetime.time):
        raise TypeError(f"say_time() needs a time, not {value!r}.")
    return value.replace(second=0, microsecond=0, tzinfo=None)


def _twelve(hour):
    return hour % 12 or 12


def _english_clock(moment):
    """12-hour clock: "2pm", "2:30pm", "12 noon", "12 midnight", "12:15am"."""
    hour, minute = moment.hour, moment.minute
    if minute == 0 and hour == 12:
        return "12 noon"
    if minute == 0 and hour == 0:
        return "12 midnight"
    suffix = "am" if hour < 12 else "pm"
    if minute == 0:
        return f"{_twelve(hour)}{suffix}"
    return f"{_twelve(hour)}:{minute:02d}{suffix}"


def _english_spoken(moment):
    """A clock face: "2 o'clock", "quarter past 2", "half past 2", "quarter to 3",
    "10 past 2", "25 to 3"; noon and midnight as on the clock; other minutes as on the
    clock ("2:17pm"), since nobody says "17 past 2"."""
    hour, minute = moment.hour, moment.minute
    if minute == 0:
        return _english_clock(moment) if hour in (0, 12) else f"{_twelve(hour)} o'clock"
    if minute % 5:
        return _english_clock(moment)
    words = {15: "quarter", 30: "half", 45: "quarter"}
    if minute <= 30:
        return f"{words.get(minute, minute)} past {_twelve(hour)}"
    return f"{words.get(minute, 60 - minute)} to {_twelve(hour + 1)}"


def say_time(moment, locale=None, style="clock"):
    """The time as people say it in the person's language.

    English: "2pm" on the hour, "2:30pm" otherwise, "12 noon", "12 midnight";
    ``style="spoken"`` says the clock face: "2 o'clock", "quarter past 2",
    "half past 2", "quarter to 3" (it does not say am or pm: use it where the part of
    the day is clear). French: "14 h", "14 h 30"; German: "14 Uhr", "14:30 Uhr";
    other languages: their short time pattern without a leading zero ("9:30", "14:00").
    ``style="spoken"`` is English only; other languages keep their clock. Seconds are
    dropped. ``moment`` is a ``time``, a ``datetime`` or hours as a number (14.5);
    ``None`` gives "".
    """
    if style not in STYLES:
        raise ValueError(f"style must be one of {STYLES}, not {style!r}.")
    if moment is None:
        return ""
    moment = _as_time(moment)
    locale = resolve_locale(locale)
    if _english(locale):
        return _english_spoken(moment) if style == "spoken" else _english_clock(moment)
    hour, minute = moment.hour, moment.minute
    if locale.language == "fr":
        return f"{hour} h" if minute == 0 else f"{hour} h {minute:02d}"
    if locale.language == "de":
        return f"{hour} Uhr" if minute == 0 else f"{hour}:{minute:02d} Uhr"
    pattern = _unpadded(get_time_format("short", locale=locale).pattern)
    return format_time(moment, pattern, locale=locale).translate(_SPACES)


# LENGTHS OF TIME ----------------------------------------------------------------------

def _pair_pattern(locale):
    """How the language joins "1 hour" and "30 minutes": CLDR's unit list pattern with
    no comma ("{0} {1}" in English, French, Spanish), else its plain "and" pattern
    ("1 Stunde und 30 Minuten"), else whatever it has."""
    found = []
    for style in ("unit-narrow", "unit", "standard"):
        try:
            pattern = locale.list_patterns[style]["2"]
        except (KeyError, TypeError):
            continue
        if "{0}" in pattern and "{1}" in pattern:
            found.append(pattern)
    for pattern in found:
        if not re.search(r"[,،、()]", pattern):
            return pattern
    return found[0] if found else "{0} {1}"


def say_duration(minutes, locale=None):
    """A length of time in hours and minutes, in words.

    en: 45 -> "45 minutes", 60 -> "1 hour", 90 -> "1 hour 30 minutes",
    120 -> "2 hours"; fr: "1 heure 30 minutes"; es: "1 hora 30 minutos";
    de: "1 Stunde und 30 Minuten". Minutes round to the nearest whole minute; long
    times stay in hours ("25 hours", "1,000 hours"); 0 is "0 minutes". A ``timedelta`` is read as its
    minutes; a negative length raises ``ValueError``; ``None`` gives "".
    """
    if minutes is None:
        return ""
    if isinstance(minutes, datetime.timedelta):
        minutes = minutes.total_seconds() / 60
    if isinstance(minutes, bool) or not isinstance(minutes, Real):
        raise TypeError(f"say_duration() needs a number of minutes, not {minutes!r}.")
    if minutes < 0:
        raise ValueError(f"A length of time cannot be negative ({minutes} minutes).")
    locale = resolve_locale(locale)
    hours, rest = divmod(round(minutes), 60)
    said_hours = format_unit(hours, "duration-hour", length="long",
                             locale=locale).translate(_SPACES)
    said_minutes = format_unit(rest, "duration-minute", length="long",
                               locale=locale).translate(_SPACES)
    if not hours:
        return said_minutes
    if not rest:
        return said_hours
    return _pair_pattern(locale).replace("{0}", said_hours).replace("{1}", said_minutes)


# WHEN ---------------------------------------------------------------------------------

def _date_and_time(locale, day, times):
    """The date, then the times, joined as the language joins them ("{1}, {0}")."""
    pattern = str((locale.datetime_formats or {}).get("medium") or "{1}, {0}")
    if "{0}" not in pattern or "{1}" not in pattern:
        pattern = "{1}, {0}"
    return pattern.replace("{1}", day, 1).replace("{0}", times, 1)


def _range(templates, locale, start, stop):
    template = templates.get(locale.language)
    if template:
        return template.format(start=start, stop=stop)
    interval = (locale.interval_formats or {}).get(None) or "{0} – {1}"
    return interval.replace("{0}", start).replace("{1}", stop)


def say_when(start, stop=None, locale=None, style="clock"):
    """When a meeting is, in one line: the date, then the times.

    The date and the times are joined as the language joins a date and a time (CLDR's
    medium date-time pattern: "{date}, {time}" in most languages).

    en_GB: "Tuesday 2 March 2027, 2pm to 4pm"; fr: "mardi 2 mars 2027, de 14 h à 16 h";
    de: "Dienstag, 2. März 2027, von 14 Uhr bis 16 Uhr"; with no stop,
    "Tuesday 2 March 2027, 2pm". Over two days each end has its date:
    "Tuesday 2 March 2027, 2pm to Wednesday 3 March 2027, 11am". ``start`` and
    ``stop`` are naive local datetimes (see ``to_local()``); a stop before the start
    raises ``ValueError``; a ``None`` start gives "".
    """
    if start is None:
        return ""
    if not isinstance(start, datetime.datetime) or not (
            stop is None or isinstance(stop, datetime.datetime)):
        raise TypeError("say_when() needs a start (and a stop) datetime.")
    if stop is not None and stop.replace(tzinfo=None) < start.replace(tzinfo=None):
        raise ValueError(f"The stop ({stop}) is before the start ({start}).")
    locale = resolve_locale(locale)
    day = say_date(start, locale)
    begins = say_time(start, locale, style)
    if stop is None:
        return _date_and_time(locale, day, begins)
    ends = say_time(stop, locale, style)
    if stop.date() == start.date():
        return _date_and_time(locale, day, _range(TIME_RANGES, locale, begins, ends))
    return _range(DAY_RANGES, locale, _date_and_time(locale, day, begins),
                  _date_and_time(locale, say_date(stop, locale), ends))


# TIMEZONES ----------------------------------------------------------------------------

def to_local(utc_naive_dt, tz_name):
    """A naive UTC datetime (as Odoo stores it) as naive wall-clock time in ``tz_name``.

    ``to_local(datetime(2027, 7, 1, 13, 0), "Europe/London")`` -> 14:00 (summer time).
    An aware datetime is converted from its own timezone. An empty or unknown
    ``tz_name`` (Odoo's ``tz`` may be False) keeps UTC; ``None`` gives ``None``.
    """
    if utc_naive_dt is None:
        return None
    if not isinstance(utc_naive_dt, datetime.datetime):
        raise TypeError(f"to_local() needs a datetime, not {utc_naive_dt!r}.")
    zone = datetime.timezone.utc
    if tz_name and isinstance(tz_name, str):
        try:
            zone = ZoneInfo(tz_name)
        except (ZoneInfoNotFoundError, ValueError):
            zone = datetime.timezone.utc
    moment = utc_naive_dt
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.timezone.utc)
    return moment.astimezone(zone).replace(tzinfo=None)


def day_bounds_utc(first_day, last_day, tz_name):
    """The naive UTC datetimes (as Odoo stores them) from midnight at the start of
    ``first_day`` to the last moment of ``last_day``, both in ``tz_name``: a period of
    days as the people in that time zone live it. An empty or unknown ``tz_name``
    reads the days in UTC.

    ``day_bounds_utc(date(2027, 7, 1), date(2027, 7, 31), "Europe/London")`` ->
    (30 June 2027 23:00, 31 July 2027 22:59:59.999999).
    """
    zone = datetime.timezone.utc
    if tz_name and isinstance(tz_name, str):
        try:
            zone = ZoneInfo(tz_name)
        except (ZoneInfoNotFoundError, ValueError):
            zone = datetime.timezone.utc

    def utc(day, at):
        local = datetime.datetime.combine(day, at, tzinfo=zone)
        return local.astimezone(datetime.timezone.utc).replace(tzinfo=None)

    return utc(first_day, datetime.time.min), utc(last_day, datetime.time.max)
