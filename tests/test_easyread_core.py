"""The easy-read core (coprod_module/easyread): plain unit tests, no Odoo, no database.

Dates, times and lengths of time with the exact words in English, French, Spanish and
German; then the text checker, rule by rule, on good and bad sentences; then property
tests (hypothesis): the checker never raises, and short plain sentences read "good".
"""
import datetime
import re
import unittest

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ..coprod_module.easyread import (
    CODES,
    LEVELS,
    Finding,
    Score,
    check_text,
    count_syllables,
    count_words,
    day_bounds_utc,
    in_tens,
    readability,
    resolve_locale,
    say_date,
    say_duration,
    say_time,
    say_when,
    split_sentences,
    to_local,
)
from ..coprod_module.easyread.wordlists import ACRONYMS, hard_words

TUESDAY = datetime.date(2027, 3, 2)
FRIDAY = datetime.date(2027, 3, 5)


def at(hour, minute=0, day=TUESDAY):
    return datetime.datetime.combine(day, datetime.time(hour, minute))


PROPERTY_SETTINGS = settings(
    max_examples=200, deadline=None, database=None,
    suppress_health_check=[HealthCheck.too_slow],
)


# DATES --------------------------------------------------------------------------------

class TestSayDate(unittest.TestCase):
    def test_british_english(self):
        self.assertEqual(say_date(TUESDAY, "en_GB"), "Tuesday 2 March 2027")
        self.assertEqual(say_date(FRIDAY, "en_GB"), "Friday 5 March 2027")
        self.assertEqual(say_date(datetime.date(2027, 12, 25), "en_GB"),
                         "Saturday 25 December 2027")
        self.assertEqual(say_date(at(14, 30), "en_GB"), "Tuesday 2 March 2027")

    def test_no_leading_zero_no_ordinal_no_comma(self):
        said = say_date(TUESDAY, "en_GB")
        self.assertNotIn(" 02 ", said)
        self.assertNotIn("2nd", said)
        self.assertNotIn(",", said)

    def test_other_languages(self):
        self.assertEqual(say_date(TUESDAY, "fr_FR"), "mardi 2 mars 2027")
        self.assertEqual(say_date(FRIDAY, "fr_FR"), "vendredi 5 mars 2027")
        self.assertEqual(say_date(TUESDAY, "es_ES"), "martes, 2 de marzo de 2027")
        self.assertEqual(say_date(TUESDAY, "de_DE"), "Dienstag, 2. März 2027")
        self.assertEqual(say_date(TUESDAY, "en_US"), "Tuesday March 2, 2027")

    def test_locale_fallbacks(self):
        british = "Tuesday 2 March 2027"
        for locale in (None, "", "en", "EN", "xx_YY", "C", "not a locale", 42, False):
            with self.subTest(locale=locale):
                self.assertEqual(say_date(TUESDAY, locale), british)
        for locale in ("fr", "fr_XX", "fr-FR", "fr_FR.UTF-8", "fr_BE"):
            with self.subTest(locale=locale):
                self.assertEqual(say_date(TUESDAY, locale), "mardi 2 mars 2027")
        self.assertEqual(str(resolve_locale("sr@latin")), "sr_Latn")
        self.assertEqual(str(resolve_locale("es_419")), "es_419")
        self.assertEqual(str(resolve_locale(None)), "en_GB")

    def test_no_date(self):
        self.assertEqual(say_date(None, "en_GB"), "")
        with self.assertRaises(TypeError):
            say_date("2027-03-02", "en_GB")


class TestSayTime(unittest.TestCase):
    def test_english_clock(self):
        cases = {
            (14, 0): "2pm", (9, 0): "9am", (14, 30): "2:30pm", (9, 5): "9:05am",
            (12, 0): "12 noon", (0, 0): "12 midnight", (12, 30): "12:30pm",
            (0, 15): "12:15am", (23, 59): "11:59pm", (1, 0): "1am",
        }
        for (hour, minute), said in cases.items():
            with self.subTest(said=said):
                self.assertEqual(say_time(datetime.time(hour, minute), "en_GB"), said)
        self.assertEqual(say_time(datetime.time(14, 30, 59), "en_GB"), "2:30pm")
        self.assertEqual(say_time(at(14, 30), "en_US"), "2:30pm")
        self.assertEqual(say_time(14.5), "2:30pm")       # Odoo's float_time
        self.assertEqual(say_time(24), "12 midnight")
        self.assertEqual(say_time(None, "en_GB"), "")

    def test_english_spoken(self):
        cases = {
            (14, 0): "2 o'clock", (14, 15): "quarter past 2", (14, 30): "half past 2",
            (14, 45): "quarter to 3", (14, 10): "10 past 2", (14, 35): "25 to 3",
            (11, 55): "5 to 12", (23, 45): "quarter to 12", (12, 0): "12 noon",
            (0, 0): "12 midnight", (14, 17): "2:17pm",
        }
        for (hour, minute), said in cases.items():
            with self.subTest(said=said):
                self.assertEqual(
                    say_time(datetime.time(hour, minute), "en_GB", style="spoken"), said)

    def test_other_languages(self):
        self.assertEqual(say_time(datetime.time(14, 0), "fr_FR"), "14 h")
        self.assertEqual(say_time(datetime.time(14, 30), "fr_FR"), "14 h 30")
        self.assertEqual(say_time(datetime.time(9, 5), "fr_FR"), "9 h 05")
        self.assertEqual(say_time(datetime.time(0, 0), "fr_FR"), "0 h")
        self.assertEqual(say_time(datetime.time(14, 0), "de_DE"), "14 Uhr")
        self.assertEqual(say_time(datetime.time(14, 30), "de_DE"), "14:30 Uhr")
        self.assertEqual(say_time(datetime.time(12, 0), "de_DE"), "12 Uhr")
        self.assertEqual(say_time(datetime.time(14, 0), "es_ES"), "14:00")
        self.assertEqual(say_time(datetime.time(9, 30), "es_ES"), "9:30")
        self.assertEqual(say_time(datetime.time(9, 30), "nl_NL"), "9:30")

    def test_spoken_style_is_english_only(self):
        self.assertEqual(say_time(datetime.time(14, 30), "fr_FR", style="spoken"), "14 h 30")
        with self.assertRaises(ValueError):
            say_time(datetime.time(14, 30), "en_GB", style="digital")
        with self.assertRaises(TypeError):
            say_time("14:30", "en_GB")


class TestSayDuration(unittest.TestCase):
    def test_english(self):
        cases = {
            45: "45 minutes", 60: "1 hour", 90: "1 hour 30 minutes", 120: "2 hours",
            61: "1 hour 1 minute", 1: "1 minute", 0: "0 minutes", 150: "2 hours 30 minutes",
            1500: "25 hours",
        }
        for minutes, said in cases.items():
            with self.subTest(minutes=minutes):
                self.assertEqual(say_duration(minutes, "en_GB"), said)
        self.assertEqual(say_duration(89.6, "en_GB"), "1 hour 30 minutes")
        self.assertEqual(say_duration(datetime.timedelta(hours=2, minutes=15)),
                         "2 hours 15 minutes")

    def test_other_languages(self):
        self.assertEqual(say_duration(90, "fr_FR"), "1 heure 30 minutes")
        self.assertEqual(say_duration(45, "fr_FR"), "45 minutes")
        self.assertEqual(say_duration(120, "fr_FR"), "2 heures")
        self.assertEqual(say_duration(90, "es_ES"), "1 hora 30 minutos")
        self.assertEqual(say_duration(60, "es_ES"), "1 hora")
        self.assertEqual(say_duration(90, "de_DE"), "1 Stunde und 30 Minuten")
        self.assertEqual(say_duration(120, "de_DE"), "2 Stunden")

    def test_bad_lengths(self):
        self.assertEqual(say_duration(None), "")
        with self.assertRaises(ValueError):
            say_duration(-5)
        with self.assertRaises(TypeError):
            say_duration(True)
        with self.assertRaises(TypeError):
            say_duration("90")


class TestSayWhen(unittest.TestCase):
    def test_one_day(self):
        self.assertEqual(say_when(at(14), at(16), "en_GB"), "Tuesday 2 March 2027, 2pm to 4pm")
        self.assertEqual(say_when(at(10, 30), at(12), "en_GB"),
                         "Tuesday 2 March 2027, 10:30am to 12 noon")
        self.assertEqual(say_when(at(14, 30), at(16), "en_GB", style="spoken"),
                         "Tuesday 2 March 2027, half past 2 to 4 o'clock")
        self.assertEqual(say_when(at(14), at(16), "fr_FR"), "mardi 2 mars 2027, de 14 h à 16 h")
        self.assertEqual(say_when(at(14), at(16, 30), "de_DE"),
                         "Dienstag, 2. März 2027, von 14 Uhr bis 16:30 Uhr")
        self.assertEqual(say_when(at(14), at(16), "es_ES"),
                         "martes, 2 de marzo de 2027, de 14:00 a 16:00")

    def test_no_stop(self):
        self.assertEqual(say_when(at(14), None, "en_GB"), "Tuesday 2 March 2027, 2pm")
        self.assertEqual(say_when(at(14), locale="fr_FR"), "mardi 2 mars 2027, 14 h")
        self.assertEqual(say_when(None, at(16)), "")

    def test_over_two_days(self):
        wednesday = TUESDAY + datetime.timedelta(days=1)
        self.assertEqual(say_when(at(14), at(11, day=wednesday), "en_GB"),
                         "Tuesday 2 March 2027, 2pm to Wednesday 3 March 2027, 11am")
        self.assertEqual(say_when(at(14), at(11, day=wednesday), "fr_FR"),
                         "du mardi 2 mars 2027, 14 h au mercredi 3 mars 2027, 11 h")

    def test_stop_before_start(self):
        with self.assertRaises(ValueError):
            say_when(at(16), at(14), "en_GB")
        with self.assertRaises(TypeError):
            say_when(TUESDAY, None, "en_GB")


class TestToLocal(unittest.TestCase):
    def test_london_summer_and_winter_time(self):
        self.assertEqual(to_local(datetime.datetime(2027, 7, 1, 13, 0), "Europe/London"),
                         datetime.datetime(2027, 7, 1, 14, 0))
        self.assertEqual(to_local(datetime.datetime(2027, 1, 5, 13, 0), "Europe/London"),
                         datetime.datetime(2027, 1, 5, 13, 0))
        # The clocks go forward at 1am UTC on Sunday 28 March 2027.
        self.assertEqual(to_local(datetime.datetime(2027, 3, 28, 0, 30), "Europe/London"),
                         datetime.datetime(2027, 3, 28, 0, 30))
        self.assertEqual(to_local(datetime.datetime(2027, 3, 28, 1, 30), "Europe/London"),
                         datetime.datetime(2027, 3, 28, 2, 30))

    def test_other_zones_and_fallbacks(self):
        noon = datetime.datetime(2027, 7, 1, 12, 0)
        self.assertEqual(to_local(noon, "Europe/Paris"), datetime.datetime(2027, 7, 1, 14, 0))
        for zone in (None, False, "", "Nowhere/Atlantis", "../etc/passwd"):
            with self.subTest(zone=zone):
                self.assertEqual(to_local(noon, zone), noon)
        aware = datetime.datetime(2027, 7, 1, 14, 0, tzinfo=datetime.timezone.utc)
        self.assertEqual(to_local(aware, "Europe/London"), datetime.datetime(2027, 7, 1, 15, 0))
        self.assertIsNone(to_local(None, "Europe/London"))
        self.assertIsNone(to_local(noon, "Europe/London").tzinfo)

    def test_then_say_it(self):
        start = to_local(datetime.datetime(2027, 7, 6, 13, 0), "Europe/London")
        stop = to_local(datetime.datetime(2027, 7, 6, 15, 30), "Europe/London")
        self.assertEqual(say_when(start, stop, "en_GB"), "Tuesday 6 July 2027, 2pm to 4:30pm")


# CHECKER ------------------------------------------------------------------------------

GOOD_TEXT = """We will meet on Tuesday at 2pm.
The meeting is in room 3.
Please bring a friend.
There will be tea and cake.
We will vote on the new garden."""


def words(number):
    return " ".join(["cake"] * number)


class CheckerCase(unittest.TestCase):
    def codes(self, text, locale="en"):
        return [finding.code for finding in check_text(text, locale)]

    def only(self, text, code, locale="en"):
        """The one finding of ``text``, which has ``code``."""
        findings = check_text(text, locale)
        self.assertEqual([finding.code for finding in findings], [code], findings)
        return findings[0]


class TestGoodText(CheckerCase):
    def test_good_text_has_no_findings(self):
        self.assertEqual(check_text(GOOD_TEXT), [])
        self.assertEqual(readability(GOOD_TEXT),
                         Score(level="good", sentences=5, words=30, average_words=6.0,
                               longest=7, long_sentences=0, hard_words=0, findings=0))

    def test_empty_text_is_good(self):
        for text in (None, False, "", "   \n  ", "...", "\U0001F600"):
            with self.subTest(text=text):
                self.assertEqual(check_text(text), [])
                self.assertEqual(readability(text).level, "good")
                self.assertEqual(readability(text).sentences, 0)

    def test_sentence_starting_with_a_joining_word_is_one_idea(self):
        self.assertEqual(check_text("So we can vote. And then we eat. But they can stay."), [])

    def test_fine_capitals_and_names(self):
        self.assertEqual(check_text("I watch TV. It is OK. Amy lives in Nottinghamshire."), [])


class TestLongSentence(CheckerCase):
    def test_15_words_is_fine_16_is_not(self):
        self.assertEqual(check_text(words(15) + "."), [])
        finding = self.only(words(16) + ".", "long_sentence")
        self.assertEqual(finding.message, "This sentence has 16 words. Try to use 15 or fewer.")

    def test_message_and_excerpt(self):
        text = f"Hello. {words(19)}."
        finding = self.only(text, "long_sentence")
        self.assertEqual(finding.message, "This sentence has 19 words. Try to use 15 or fewer.")
        self.assertEqual(finding.start, 7)
        self.assertTrue(finding.excerpt.startswith("cake cake"))
        self.assertLessEqual(len(finding.excerpt), 80)

    def test_times_and_numbers_are_one_word(self):
        self.assertEqual(count_words("Come at 2:30pm, bring £1,000 and don't be late."), 9)

    def test_lines_are_sentences(self):
        self.assertEqual(check_text("\n".join([words(10)] * 5)), [])


class TestSeveralIdeas(CheckerCase):
    def test_joined_sentences(self):
        for text, where in (
                ("We will meet on Friday and we will vote.", "and we"),
                ("The bus is late but it will come.", "but it"),
                ("Come early because there is cake.", "because there"),
                ("Amy will read the list and will ask you.", "and will"),
                ("The room, which is upstairs, is big.", "which"),
        ):
            with self.subTest(text=text):
                finding = self.only(text, "several_ideas")
                self.assertEqual(finding.suggestion, f'Start a new sentence at "{where}".')
                self.assertEqual(finding.excerpt, text)

    def test_and_and_semicolons_and_commas(self):
        self.only("Bring tea and cake and a hat.", "several_ideas")
        self.only("We meet at 2pm; we end at 4pm.", "several_ideas")
        self.only("Bring tea, cake, juice, fruit.", "several_ideas")
        self.assertEqual(check_text("Bring tea, cake and juice."), [])
        self.assertEqual(check_text("It costs £1,000,000."), [])

    def test_other_languages_use_punctuation_only(self):
        self.assertEqual(check_text("Nous mangeons et nous parlons.", "fr_FR"), [])
        self.only("Nous mangeons; nous parlons.", "several_ideas", "fr_FR")


class TestCapitals(CheckerCase):
    def test_shouting(self):
        finding = self.only("Please do NOT be late.", "capitals")
        self.assertEqual((finding.excerpt, finding.suggestion, finding.start), ("NOT", "not", 10))
        self.assertEqual(finding.message, "Words in capitals are hard to read. Use small letters.")
        finding = self.only("PLEASE COME EARLY.", "capitals")
        self.assertEqual(finding.excerpt, "PLEASE COME EARLY")
        self.assertEqual(self.only("This is FANTASTIC.", "capitals").excerpt, "FANTASTIC")

    def test_acronyms(self):
        finding = self.only("The CQC will visit us.", "acronym")
        self.assertEqual(finding.excerpt, "CQC")
        self.assertEqual(finding.suggestion, "Care Quality Commission")
        self.assertEqual(finding.message,
                         'Not everyone knows "CQC". Write it in full or explain it.')
        self.assertEqual(self.only("Ask the PQRS team.", "acronym").suggestion, "")
        self.assertEqual(self.only("Go to your GP.", "acronym").suggestion, "doctor")
        self.assertEqual(self.only("The NHS's plan.", "acronym").excerpt, "NHS")

    def test_one_finding_an_acronym(self):
        findings = check_text("The NHS is big. The NHS is good.")
        self.assertEqual([(finding.code, finding.start) for finding in findings],
                         [("acronym", 4)])

    def test_shouting_and_acronym_apart(self):
        self.assertEqual(self.codes("DO NOT TELL THE CQC."), ["capitals", "acronym"])


class TestHardWords(CheckerCase):
    def test_hard_words_with_plain_words(self):
        for hard, plain in (
                ("commence", "start"), ("facilitate", "help"), ("approximately", "about"),
                ("regarding", "about"), ("utilise", "use"),
                ("consultation", "asking people what they think"),
        ):
            with self.subTest(hard=hard):
                finding = self.only(f"We like the {hard} a lot.", "hard_word")
                self.assertEqual((finding.excerpt, finding.suggestion), (hard, plain))
                self.assertEqual(finding.message, f'"{hard}" is a hard word. Try "{plain}".')

    def test_forms_phrases_and_case(self):
        self.assertEqual(self.only("We commenced at 2pm.", "hard_word").suggestion, "start")
        self.assertEqual(self.only("Commencing soon.", "hard_word").excerpt, "Commencing")
        self.assertEqual(self.only("We modified it.", "hard_word").suggestion, "change")
        finding = self.only("Come early in  order to vote.", "hard_word")
        self.assertEqual((finding.excerpt, finding.suggestion), ("in order to", "to"))
        self.assertEqual(self.only("Bring food, e.g. cake.", "hard_word").suggestion,
                         "for example")

    def test_the_word_lists(self):
        for acronym, meaning in ACRONYMS.items():
            self.assertTrue(acronym.isupper() and meaning, acronym)
        words_list = hard_words()
        self.assertGreaterEqual(len(words_list), 80)
        for word, plain in words_list.items():
            with self.subTest(word=word):
                self.assertTrue(plain)
                self.assertNotEqual(word, plain.lower())
                plain_findings = [finding.code for finding in check_text(plain)]
                self.assertNotIn("hard_word", plain_findings)
                self.assertNotIn("long_word", plain_findings)


class TestLongWords(CheckerCase):
    def test_long_words(self):
        finding = self.only("The responsibility is yours.", "long_word")
        self.assertEqual((finding.excerpt, finding.suggestion), ("responsibility", ""))
        self.assertEqual(finding.message,
                         '"responsibility" is a long word. Try a shorter word.')
        self.assertEqual(self.only("Particularly good.", "long_word").excerpt, "Particularly")

    def test_allowed_long_words_and_names(self):
        self.assertEqual(check_text("Read the information about the community."), [])
        self.assertEqual(check_text("We went to Nottinghamshire."), [])

    def test_count_syllables(self):
        cases = {
            "cake": 1, "time": 1, "makes": 1, "helped": 1, "vote": 1, "voted": 2,
            "wanted": 2, "meeting": 2, "table": 2, "places": 2, "lovely": 2, "statement": 2,
            "sometimes": 2, "together": 3, "important": 3, "everything": 3, "hospital": 3,
            "favourite": 3, "somebody": 3, "information": 4, "facilitate": 4,
            "everybody": 4, "approximately": 5, "organisation": 5, "responsibility": 6,
            "": 0, "123": 0, "café": 2,
        }
        for word, syllables in cases.items():
            with self.subTest(word=word):
                self.assertEqual(count_syllables(word), syllables)


class TestNumbersAndPercent(CheckerCase):
    def test_numbers_as_words(self):
        finding = self.only("We have three things to say.", "number_words")
        self.assertEqual((finding.excerpt, finding.suggestion), ("three", "3"))
        self.assertEqual(finding.message, 'Write numbers as digits: "3", not "three".')
        self.assertEqual(self.only("Twenty-five people came.", "number_words").suggestion, "25")
        finding = self.only("Two hundred and fifty people voted.", "number_words")
        self.assertEqual((finding.excerpt, finding.suggestion), ("Two hundred and fifty", "250"))
        self.assertEqual(self.only("We need two thousand.", "number_words").suggestion, "2,000")

    def test_one_that_is_not_a_number(self):
        self.assertEqual(check_text("No one was late. Help one another. I like the one here."),
                         [])
        self.assertEqual(self.only("One person came.", "number_words").suggestion, "1")

    def test_percent(self):
        finding = self.only("45% said yes.", "percent")
        self.assertEqual((finding.excerpt, finding.suggestion), ("45%", "about 5 in 10"))
        self.assertEqual(finding.message, 'Per cent is hard to understand. Try "about 5 in 10".')
        self.assertEqual(self.only("It is 50 per cent.", "percent").suggestion, "half")
        self.assertEqual(self.only("A big percentage said no.", "percent").suggestion, "")
        self.only("Il y a 45 % de oui.", "percent", "fr_FR")

    def test_in_tens(self):
        cases = {0: "none", 3: "fewer than 1 in 10", 10: "about 1 in 10", 45: "about 5 in 10",
                 50: "half", 72: "about 7 in 10", 98: "nearly all", 100: "all"}
        for percent, said in cases.items():
            with self.subTest(percent=percent):
                self.assertEqual(in_tens(percent), said)


class TestCheckerShapes(CheckerCase):
    def test_findings_in_the_order_of_the_text(self):
        text = "Please commence NOW. The CQC came. We had three visits; 45% liked it."
        findings = check_text(text)
        self.assertEqual([finding.code for finding in findings],
                         ["hard_word", "capitals", "acronym", "several_ideas",
                          "number_words", "percent"])
        for finding in findings:
            with self.subTest(finding=finding):
                self.assertIsInstance(finding, Finding)
                self.assertTrue(text.startswith(finding.excerpt, finding.start))

    def test_other_languages_skip_the_english_word_rules(self):
        text = "Nous allons commencer trois consultations."
        self.assertEqual(check_text(text, "fr_FR"), [])
        self.assertEqual(self.codes(text, "en_GB"), ["hard_word"])  # "consultations"
        self.assertEqual(self.codes("Nous ALLONS manger.", "fr_FR"), ["capitals"])
        self.assertEqual(self.codes("Avec la CQC.", "fr_FR"), ["acronym"])
        self.assertEqual(self.codes(words(16), "de_DE"), ["long_sentence"])

    def test_html_is_read_as_text(self):
        text = "<p>We will <b>commence</b> soon.</p><p>IMPORTANT NOTICE</p>"
        findings = check_text(text)
        self.assertEqual([(finding.code, finding.excerpt, finding.start) for finding in findings],
                         [("hard_word", "commence", 14), ("capitals", "IMPORTANT NOTICE", 39)])
        self.assertEqual(readability(text).sentences, 2)

    def test_split_sentences(self):
        text = "- Come at 2pm.\n- Bring Dr. Amy, e.g. your friend!\n1. Vote. Then eat"
        self.assertEqual(split_sentences(text), [
            (2, "Come at 2pm."),
            (17, "Bring Dr. Amy, e.g. your friend!"),
            (53, "Vote."),
            (59, "Then eat"),
        ])

    def test_odd_values_never_raise(self):
        class Unprintable:
            def __str__(self):
                raise RuntimeError("no")

        for value in (None, False, 0, 12345, b"\xff\xfe bytes", bytearray(b"tea"),
                      "\x00\ud800 lone surrogate", "\u200b" * 50, Unprintable(),
                      "A" * 300000, "e.g. " * 30000, ("word " * 20 + ". ") * 2000):
            with self.subTest(value=repr(value)[:30]):
                self.assertIsInstance(check_text(value), list)
                self.assertIn(readability(value).level, LEVELS)


class TestReadability(CheckerCase):
    def test_levels(self):
        self.assertEqual(readability("We meet on Tuesday. Bring a friend.").level, "good")
        fair = readability("We meet on Tuesday. Bring a friend. The CQC will come.")
        self.assertEqual((fair.level, fair.findings, fair.sentences), ("fair", 1, 3))
        self.assertEqual(readability("We will commence the consultation.").level, "hard")
        self.assertEqual(readability(words(26) + ".").level, "hard")

    def test_counts(self):
        score = readability(f"{words(20)}. We will commence soon. Hello.")
        self.assertEqual(score, Score(level="fair", sentences=3, words=25, average_words=8.3,
                                      longest=20, long_sentences=1, hard_words=1, findings=2))


# PROPERTIES ---------------------------------------------------------------------------

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
PLAIN_WORDS = (
    "we", "meet", "on", "the", "day", "you", "can", "come", "to", "a", "room", "bring",
    "tea", "cake", "talk", "about", "food", "vote", "for", "plan", "staff", "help", "us",
    "at", "2pm", "in", "3", "people", "like", "good", "new", "will", "be", "here", "with",
    "friend", "your", "home", "bus", "it", "is", "big", "fun", "garden", "music",
)


@st.composite
def plain_texts(draw):
    sentences = draw(st.lists(
        st.lists(st.sampled_from(PLAIN_WORDS), min_size=1, max_size=15),
        min_size=1, max_size=8))
    ends = draw(st.lists(st.sampled_from([".", "!", "?"]), min_size=len(sentences),
                         max_size=len(sentences)))
    joiner = draw(st.sampled_from([" ", "\n", "\n- "]))
    return joiner.join(f"{' '.join(words_).capitalize()}{end}"
                       for words_, end in zip(sentences, ends))


ANY_TEXT = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=()), max_size=400),
    st.lists(st.sampled_from(PLAIN_WORDS + (
        "and", "but", "we", "NHS", "CQC", "NOT", "commence", "in order to", "three",
        "twenty-five", "hundred", "45%", "per cent", ",", ";", ".", "\n", "e.g.",
        "<p>", "</p>", "&amp;", "Responsibility", "ÉTÉ", "don't", "one", "no",
    )), max_size=80).map(" ".join),
)


class TestProperties(unittest.TestCase):
    @PROPERTY_SETTINGS
    @given(text=ANY_TEXT, locale=st.sampled_from([None, "en_GB", "fr_FR", "xx", "de"]))
    def test_the_checker_never_raises(self, text, locale):
        findings = check_text(text, locale)
        score = readability(text, locale)
        self.assertIn(score.level, LEVELS)
        self.assertEqual(score.findings, len(findings))
        self.assertEqual(score.level == "good", not findings)
        starts = [finding.start for finding in findings]
        self.assertEqual(starts, sorted(starts))
        for finding in findings:
            self.assertIn(finding.code, CODES)
            self.assertTrue(finding.message)
            self.assertLessEqual(len(finding.excerpt), 80)

    @PROPERTY_SETTINGS
    @given(data=st.binary(max_size=200))
    def test_bytes_never_raise(self, data):
        self.assertIsInstance(check_text(data), list)

    @PROPERTY_SETTINGS
    @given(text=plain_texts())
    def test_short_plain_sentences_are_good(self, text):
        self.assertEqual(check_text(text), [])
        score = readability(text)
        self.assertEqual(score.level, "good")
        self.assertLessEqual(score.longest, 15)
        self.assertEqual(score.sentences, len(split_sentences(text)))

    @PROPERTY_SETTINGS
    @given(text=ANY_TEXT.filter(lambda text: "  " not in text and "<" not in text
                                and "&" not in text))
    def test_excerpts_are_where_they_say(self, text):
        for finding in check_text(text):
            if finding.code in ("hard_word", "acronym", "number_words", "percent"):
                self.assertTrue(text.startswith(finding.excerpt, finding.start), finding)

    @PROPERTY_SETTINGS
    @given(moment=st.times(), locale=st.sampled_from(["en_GB", "fr_FR", "de_DE", "es_ES",
                                                      "ar", "ja", None]))
    def test_every_time_is_said(self, moment, locale):
        said = say_time(moment, locale)
        self.assertTrue(said)
        self.assertTrue(say_time(moment, locale, style="spoken"))
        if resolve_locale(locale).language == "en":
            self.assertRegex(said, r"^(12 noon|12 midnight|([1-9]|1[0-2])(:[0-5]\d)?(am|pm))$")

    @PROPERTY_SETTINGS
    @given(minutes=st.integers(0, 100000))
    def test_every_duration_reads_back(self, minutes):
        said = say_duration(minutes, "en_GB")
        hours = re.search(r"^([\d,]+) hours?\b", said)
        rest = re.search(r"\b(\d+) minutes?$", said)
        self.assertEqual((int(hours.group(1).replace(",", "")) if hours else 0) * 60
                         + (int(rest.group(1)) if rest else 0), minutes)
        self.assertNotIn("and", said)

    @PROPERTY_SETTINGS
    @given(day=st.dates(datetime.date(1900, 1, 1), datetime.date(2200, 12, 31)))
    def test_every_date_is_said_in_full(self, day):
        said = say_date(day, "en_GB")
        self.assertEqual(said, f"{WEEKDAYS[day.weekday()]} {day.day} "
                               f"{MONTHS[day.month - 1]} {day.year}")
        self.assertIn(f" {day.day} ", say_date(day, "fr_FR"))


class TestDayBounds(unittest.TestCase):
    """A period of days, as the people in a time zone live it, in UTC."""

    def test_summer_time_in_london(self):
        start, stop = day_bounds_utc(datetime.date(2027, 7, 1), datetime.date(2027, 7, 31),
                                     "Europe/London")
        self.assertEqual(start, datetime.datetime(2027, 6, 30, 23, 0))
        self.assertEqual(stop, datetime.datetime(2027, 7, 31, 22, 59, 59, 999999))

    def test_no_time_zone_reads_utc(self):
        start, stop = day_bounds_utc(datetime.date(2027, 1, 1), datetime.date(2027, 1, 1), False)
        self.assertEqual((start, stop), (datetime.datetime(2027, 1, 1),
                                         datetime.datetime(2027, 1, 1, 23, 59, 59, 999999)))
