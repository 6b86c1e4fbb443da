"""The easy-read papers (report/coprod_easy_read_templates.xml) render from the demo
data and follow the easy-read rules of DESIGN.md.

The check reads the rendered HTML with lxml and the addon's report stylesheet
(static/src/scss/coprod_report.scss, flattened here: it is plain enough) and works
out, for every piece of text, the font size, line height, alignment and styles that
apply to it.
"""
import re
from datetime import timedelta
from pathlib import Path

from lxml import html as lxml_html

from odoo import fields
from odoo.tests import TransactionCase, tagged

from .common import load_demo_records

SCSS_PATH = Path(__file__).resolve().parent.parent / "static" / "src" / "scss" / "coprod_report.scss"

REPORTS = {
    "invitation": "coprod.attendance",
    "agenda": "coprod.meeting",
    "meeting_summary": "coprod.meeting",
    "ballot_paper": "coprod.ballot",
    "ballot_result": "coprod.ballot",
    "values_poster": "coprod.value",
    "you_said_we_did": "coprod.action",
}
POSTERS = {"values_poster", "you_said_we_did"}
INHERITED = ("font-size", "line-height", "text-align", "font-style", "text-transform", "font-family")


# ------------------------------------------------------------
# The stylesheet, flattened
# ------------------------------------------------------------

def _strip_comments(text):
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    return re.sub(r"(?m)(^|[^:])//.*$", r"\1", text)


def parse_scss(text):
    """Flatten nested SCSS into [(selector, {property: value}, order)].

    Enough for coprod's stylesheet: nesting, '&', selector lists, declarations.
    """
    rules = []
    stack = [[""]]  # selector lists, outermost first
    buffer = ""
    blocks = [{}]

    def add_declaration(chunk):
        chunk = chunk.strip()
        if ":" in chunk and not chunk.startswith("@"):
            prop, value = chunk.split(":", 1)
            blocks[-1][prop.strip().lower()] = value.strip().lower()

    for char in _strip_comments(text):
        if char == "{":
            parents = stack[-1]
            selectors = []
            for part in buffer.split(","):
                part = " ".join(part.split())
                for parent in parents:
                    if "&" in part:
                        selectors.append(part.replace("&", parent).strip())
                    else:
                        selectors.append(f"{parent} {part}".strip())
            stack.append(selectors)
            blocks.append({})
            buffer = ""
        elif char == ";":
            add_declaration(buffer)
            buffer = ""
        elif char == "}":
            add_declaration(buffer)
            buffer = ""
            declarations = blocks.pop()
            selectors = stack.pop()
            if declarations:
                for selector in selectors:
                    rules.append((selector, declarations, len(rules)))
        else:
            buffer += char
    return rules


COMPOUND = re.compile(r"^(?P<tag>[a-z0-9*]+)?(?P<classes>(\.[\w-]+)*)$", re.I)


def _compound(part):
    match = COMPOUND.match(part)
    if not match:
        return None  # pseudo-classes, attributes, combinators: not used on the papers
    tag = match.group("tag")
    classes = [c for c in match.group("classes").split(".") if c]
    return (None if tag in (None, "*") else tag.lower(), classes)


def _classes(element):
    return set((element.get("class") or "").split())


def _matches_compound(element, compound):
    tag, classes = compound
    if not isinstance(element.tag, str):
        return False
    if tag and element.tag.lower() != tag:
        return False
    return set(classes) <= _classes(element)


class Selector:
    def __init__(self, text):
        self.text = text
        parts = text.replace(">", " ").split()
        self.compounds = [_compound(part) for part in parts]
        self.valid = bool(parts) and None not in self.compounds
        self.specificity = (
            sum(len(c[1]) for c in self.compounds if c),
            sum(1 for c in self.compounds if c and c[0]),
        ) if self.valid else (0, 0)

    def matches(self, element):
        if not self.valid or not _matches_compound(element, self.compounds[-1]):
            return False
        node = element.getparent()
        for compound in reversed(self.compounds[:-1]):
            while node is not None and not _matches_compound(node, compound):
                node = node.getparent()
            if node is None:
                return False
            node = node.getparent()
        return True


class Styles:
    """The styles our stylesheet gives each element (no browser defaults)."""

    def __init__(self, scss_text):
        self.rules = [
            (Selector(selector), declarations, order)
            for selector, declarations, order in parse_scss(scss_text)
        ]
        self._cache = {}

    def own(self, element):
        """Properties set on the element itself, by the most specific, latest rule."""
        # lxml makes element proxies on the fly: keep each one cached alive, so that
        # its id is not reused by another element.
        key = id(element)
        if key not in self._cache or self._cache[key][0] is not element:
            chosen = {}
            for selector, declarations, order in self.rules:
                if selector.matches(element):
                    for prop, value in declarations.items():
                        rank = (selector.specificity, order)
                        if prop not in chosen or rank >= chosen[prop][0]:
                            chosen[prop] = (rank, value)
            self._cache[key] = (element, {prop: value for prop, (_rank, value) in chosen.items()})
        return self._cache[key][1]

    def computed(self, element, prop):
        node = element
        while node is not None:
            value = self.own(node).get(prop) if isinstance(node.tag, str) else None
            if value is not None:
                return value
            if prop not in INHERITED:
                return None
            node = node.getparent()
        return None

    def decorations(self, element):
        """Every text-decoration set on the element or an ancestor."""
        found = []
        node = element
        while node is not None:
            if isinstance(node.tag, str):
                value = self.own(node).get("text-decoration")
                if value:
                    found.append(value)
            node = node.getparent()
        return found


def points(value):
    match = re.match(r"^([\d.]+)\s*(pt|px)$", value or "")
    if not match:
        return None
    number = float(match.group(1))
    return number if match.group(2) == "pt" else number * 0.75


# ------------------------------------------------------------
# The easy-read check
# ------------------------------------------------------------

CAPITAL_WORD = re.compile(r"\b[A-Z]{4,}\b")


def easy_read_problems(html, styles):
    """What breaks the easy-read rules in rendered report HTML: a list of sentences
    (empty when all is well)."""
    root = lxml_html.fromstring(html)
    problems = []
    pages = root.xpath("//div[contains(concat(' ', normalize-space(@class), ' '), ' o_coprod_easy_read ')]")
    if not pages:
        return ["no easy-read page (div.o_coprod_easy_read) in the HTML"]
    for page in pages:
        page_classes = _classes(page)
        if "o_coprod_large_print" in page_classes:
            minimum = 24
        elif "o_coprod_standard_print" in page_classes:
            minimum = 14
        else:
            minimum = 16
        for element in page.iter():
            if not isinstance(element.tag, str):
                continue
            tag = element.tag.lower()
            if tag in ("u", "em", "s", "strike", "blink", "marquee"):
                problems.append(f"<{tag}> is used: {element.text_content()[:40]!r}")
            if tag == "i" and "fa" not in _classes(element):
                problems.append(f"<i> is used for text: {element.text_content()[:40]!r}")
            if tag == "i" and element.text_content().strip():
                problems.append(f"an icon holds text: {element.text_content()[:40]!r}")
            texts = [element.text or ""] + [child.tail or "" for child in element]
            text = " ".join(t.strip() for t in texts if t and t.strip())
            if not text:
                continue
            where = f"<{tag} class={element.get('class')!r}> {text[:40]!r}"
            size = points(styles.computed(element, "font-size"))
            if size is None or size < minimum:
                problems.append(f"font size {styles.computed(element, 'font-size')} under {minimum}pt: {where}")
            line_height = styles.computed(element, "line-height")
            try:
                if line_height is None or float(line_height) < 1.5:
                    problems.append(f"line height {line_height} under 1.5: {where}")
            except ValueError:
                problems.append(f"line height {line_height} is not a plain number: {where}")
            if styles.computed(element, "text-align") not in ("left", "start"):
                problems.append(f"not left-aligned ({styles.computed(element, 'text-align')}): {where}")
            if styles.computed(element, "font-style") not in (None, "normal"):
                problems.append(f"italic text: {where}")
            if styles.computed(element, "text-transform") not in (None, "none"):
                problems.append(f"text-transform {styles.computed(element, 'text-transform')}: {where}")
            for decoration in styles.decorations(element):
                if "underline" in decoration or "line-through" in decoration:
                    problems.append(f"text-decoration {decoration}: {where}")
            family = styles.computed(element, "font-family") or ""
            if "sans-serif" not in family:
                problems.append(f"not a sans-serif font ({family}): {where}")
            for word in CAPITAL_WORD.findall(text):
                problems.append(f"a word in capitals ({word}): {where}")
        for row in page.xpath(".//div[contains(concat(' ', normalize-space(@class), ' '), ' o_coprod_row ')]"):
            cells = [child for child in row if isinstance(child.tag, str)]
            names = [_classes(cell) for cell in cells]
            if len(cells) < 2 or "o_coprod_picture" not in names[0] or "o_coprod_words" not in names[1]:
                problems.append(f"a row without its picture on the left and words on the right: "
                                f"{row.text_content().strip()[:60]!r}")
                continue
            picture = cells[0]
            images = picture.xpath(".//img")
            icons = picture.xpath(".//i")
            if images:
                if not all((img.get("alt") or "").strip() for img in images):
                    problems.append(f"a picture without words (alt): {row.text_content().strip()[:60]!r}")
            elif icons:
                for icon in icons:
                    if icon.get("role") != "img" or not (icon.get("aria-label") or "").strip():
                        problems.append(f"an icon without role=img and aria-label: "
                                        f"{row.text_content().strip()[:60]!r}")
            else:
                problems.append(f"a row with no picture: {row.text_content().strip()[:60]!r}")
            if not cells[1].text_content().strip():
                problems.append("a row with no words")
            # No page break inside a row: the row, or the block that keeps it with its
            # heading, says so. Old WebKit (wkhtmltopdf) ignores that on tables and
            # table cells, and a row that says so inside a block that says so too
            # gets pushed on its own, leaving its heading behind.
            keeping = [node for node in (row, *row.iterancestors())
                       if styles.computed(node, "page-break-inside") == "avoid"]
            if not keeping:
                problems.append(f"a row may break across pages: {row.text_content().strip()[:60]!r}")
            elif len(keeping) > 1:
                problems.append(f"a row that does not break inside a block that does not break: "
                                f"{row.text_content().strip()[:60]!r}")
            for node in (row, *cells):
                display = styles.computed(node, "display") or ""
                if display.startswith("table") or display in ("flex", "grid"):
                    problems.append(f"a row laid out with display: {display} (old WebKit breaks it "
                                    f"across pages): {row.text_content().strip()[:60]!r}")
        # A heading stays on the page of its first row: both in one block that does
        # not break.
        for heading in page.xpath(".//h2"):
            keep = heading.getparent()
            if (styles.computed(keep, "page-break-inside") != "avoid"
                    or keep.index(heading) != 0
                    or not keep.xpath(".//div[contains(concat(' ', normalize-space(@class), ' '), ' o_coprod_row ')]")):
                problems.append(f"a heading not kept with its first row: {heading.text_content().strip()[:40]!r}")
    return problems


def articles(html):
    root = lxml_html.fromstring(html)
    return root.xpath("//div[contains(concat(' ', normalize-space(@class), ' '), ' article ')]")


def text_of(element):
    return " ".join(element.text_content().split())


# ------------------------------------------------------------
# The tests
# ------------------------------------------------------------

@tagged("post_install", "-at_install")
class TestEasyReadReports(TransactionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.styles = Styles(SCSS_PATH.read_text(encoding="utf-8"))
        ref = cls.env.ref
        if not load_demo_records(cls):
            return
        cls.actions = (
            ref("coprod.action_quality_board_1_leaflet_demo")
            | ref("coprod.action_quality_board_1_menus_demo")
            | ref("coprod.action_quality_board_1_minibus_demo")
            | ref("coprod.action_quality_board_1_interpreter_demo")
        )

        # A yes-or-no ballot of the board, voted and closed.
        voters = cls.board.membership_ids.filtered(lambda m: m.can_vote and m.is_current).partner_id
        cls.closed_ballot = cls.env["coprod.ballot"].create({
            "name": "Should we meet at Willow Court in the summer?",
            "easy_read_question": "Shall we meet at Willow Court in the summer?",
            "group_id": cls.board.id,
            "method": "majority",
        })
        cls.closed_ballot.action_open()
        answers = {option.code: option for option in cls.closed_ballot.option_ids}
        for partner, code in zip(voters, ["yes", "yes", "yes", "no", "abstain", "yes"]):
            cls.closed_ballot.cast_vote(partner, answers[code])
        cls.closed_ballot.action_close()

        # Values: the demo ones where they are loaded, else three made here.
        values = cls.env["coprod.value"].search([("group_id", "=", cls.board.id)])
        if not values:
            values = cls.env["coprod.value"].create([
                {"name": "Respect", "easy_read_text": "We listen to you.\nWe treat you well.",
                 "icon": "fa-handshake-o", "group_id": cls.board.id, "sequence": 1},
                {"name": "Choice", "easy_read_text": "You choose how you live.",
                 "group_id": cls.board.id, "sequence": 2},
                {"name": "Honesty", "easy_read_text": "We tell you the truth.",
                 "group_id": cls.board.id, "sequence": 3},
            ])
        cls.values = values

    def setUp(self):
        super().setUp()
        if not self.board:
            self.skipTest("coprod was installed without demo data")

    # helpers

    def _html(self, key, records, large=False, data=None, user=None):
        report = self.env["ir.actions.report"]
        if user:
            report = report.with_user(user)
        name = f"coprod.report_{key}{'_large' if large else ''}"
        html, kind = report._render_qweb_html(name, records.ids, data=data)
        self.assertEqual(kind, "html")
        return html.decode() if isinstance(html, bytes) else html

    def _records(self, key):
        return {
            "invitation": self.next_meeting.attendance_ids,
            "agenda": self.next_meeting | self.past_meeting,
            "meeting_summary": self.past_meeting | self.next_meeting,
            "ballot_paper": self.election | self.closed_ballot,
            "ballot_result": self.closed_ballot | self.election | self.env["coprod.ballot"].search(
                [("state", "=", "closed"), ("group_id", "=", self.board.id)]),
            "values_poster": self.values,
            "you_said_we_did": self.actions,
        }[key]

    def assertEasyRead(self, html, what):
        problems = easy_read_problems(html, self.styles)
        self.assertFalse(problems, f"{what} breaks the easy-read rules:\n" + "\n".join(problems[:30]))

    # the check itself

    def test_check_finds_problems(self):
        """The easy-read check is not a rubber stamp."""
        bad = (
            '<html><body><div class="article"><div class="page o_coprod_easy_read">'
            "<h1>Hello</h1><p><em>Soon</em> <u>now</u> PLEASE come</p>"
            '<div class="o_coprod_row" style="x"><div class="o_coprod_words">Words first</div>'
            '<div class="o_coprod_picture"><i class="fa fa-user"/></div></div>'
            '<div class="o_coprod_pack"><span class="o_coprod_pack">small</span></div>'
            "<h2>Alone</h2>"
            '<div class="o_coprod_keep"><div class="o_coprod_row o_coprod_table">'
            '<div class="o_coprod_picture"><i class="fa fa-user" role="img" aria-label="x"/></div>'
            '<div class="o_coprod_words">Twice kept</div></div></div>'
            "</div></div></body></html>"
        )
        styles = Styles(SCSS_PATH.read_text(encoding="utf-8") + """
            .o_coprod_easy_read .o_coprod_keep .o_coprod_table { display: table; page-break-inside: avoid; }
        """)
        problems = "\n".join(easy_read_problems(bad, styles))
        self.assertIn("<em>", problems)
        self.assertIn("<u>", problems)
        self.assertIn("PLEASE", problems)
        self.assertIn("picture on the left", problems)
        self.assertIn("under 16pt", problems)  # the evidence pack's 11pt
        self.assertIn("a heading not kept with its first row: 'Alone'", problems)
        self.assertIn("display: table", problems)
        self.assertIn("a row that does not break inside a block that does not break", problems)

    def test_stylesheet(self):
        """The stylesheet gives easy-read pages 18pt, large print 24pt, line height
        1.5, left alignment and no italics."""
        page = lxml_html.fromstring('<div class="o_coprod_easy_read"><div class="o_coprod_words">x</div></div>')
        words = page[0]
        self.assertEqual(points(self.styles.computed(words, "font-size")), 18)
        self.assertEqual(self.styles.computed(words, "line-height"), "1.5")
        large = lxml_html.fromstring(
            '<div class="o_coprod_easy_read o_coprod_large_print"><div class="o_coprod_words">x</div></div>')
        self.assertEqual(points(self.styles.computed(large[0], "font-size")), 24)
        pack = lxml_html.fromstring('<div class="o_coprod_pack"><h1>x</h1></div>')
        self.assertEqual(points(self.styles.computed(pack[0], "font-size")), 20, "the evidence pack keeps its own styles")

    # every report

    def test_every_report_renders_in_easy_read(self):
        """Each of the 14 papers renders from the demo data (as the facilitator) and
        passes the easy-read check; one article and one h1 per record (one for a
        poster)."""
        for key, model in REPORTS.items():
            records = self._records(key)
            self.assertEqual(records._name, model)
            self.assertTrue(records, key)
            for large in (False, True):
                with self.subTest(report=key, large=large):
                    html = self._html(key, records, large=large, user=self.facilitator)
                    self.assertEasyRead(html, f"{key}{' (large)' if large else ''}")
                    found = articles(html)
                    self.assertEqual(len(found), 1 if key in POSTERS else len(records))
                    for article in found:
                        self.assertEqual(article.get("data-oe-model"), model)
                        self.assertIn(int(article.get("data-oe-id")), records.ids)
                        self.assertEqual(len(article.xpath(".//h1")), 1, "exactly one h1 a record")
                        headings = article.xpath(".//*[self::h1 or self::h2 or self::h3 or self::h4]")
                        self.assertEqual(headings[0].tag, "h1", "the h1 comes first")
                        self.assertFalse(article.xpath(".//h3 | .//h4 | .//h5 | .//h6"))
                        page = article.xpath(".//div[contains(@class, 'o_coprod_easy_read')]")[0]
                        if large:
                            self.assertIn("o_coprod_large_print", page.get("class"))
                        elif key != "invitation":  # an invitation follows the person's needs
                            self.assertNotIn("o_coprod_large_print", page.get("class"))

    # the invitation

    def test_invitation_says_who_when_and_what(self):
        rows = self.next_meeting.attendance_ids
        html = self._html("invitation", rows)
        by_id = {int(article.get("data-oe-id")): article for article in articles(html)}
        accepted = self.next_meeting.agenda_item_ids.filtered(lambda i: i.state == "accepted")
        self.assertTrue(accepted)
        proposed = self.next_meeting.agenda_item_ids.filtered(lambda i: i.state == "proposed")
        Words = self.env["coprod.easy.read"]
        for row in rows:
            text = text_of(by_id[row.id])
            with self.subTest(person=row.partner_id.name):
                self.assertIn(f"Hello {row.partner_id.name}", text)
                when = Words._say_when(self.next_meeting.start, self.next_meeting.stop,
                                       row.partner_id, self.next_meeting.group_id)
                self.assertTrue(when)
                self.assertIn(" ".join(when.split()), text)
                for item in accepted:
                    self.assertIn(item.title, text)
                for item in proposed:
                    self.assertNotIn(item.title, text, "a proposal not yet on the agenda")
                self.assertIn(self.next_meeting.location, text)
                self.assertIn(self.facilitator.partner_id.name, text)
                self.assertIn(self.facilitator.partner_id.phone, text)

    def test_invitation_format_and_support(self):
        rows = self.next_meeting.attendance_ids
        chloe = rows.filtered(lambda r: r.partner_id == self.env.ref("coprod.partner_chloe_demo"))
        daniel = rows.filtered(lambda r: r.partner_id == self.env.ref("coprod.partner_daniel_demo"))
        owen = rows.filtered(lambda r: r.partner_id == self.env.ref("coprod.partner_owen_demo"))
        amy = rows.filtered(lambda r: r.partner_id == self.env.ref("coprod.partner_amy_demo"))

        def page_class(html):
            return articles(html)[0].xpath(".//div[contains(@class, 'o_coprod_easy_read')]")[0].get("class")

        # Chloe's needs ask for large print; Amy's for easy read.
        self.assertIn("o_coprod_large_print", page_class(self._html("invitation", chloe)))
        self.assertNotIn("o_coprod_large_print", page_class(self._html("invitation", amy)))
        # The format recorded on the register wins over the needs...
        amy.document_format = "large_print"
        self.assertIn("o_coprod_large_print", page_class(self._html("invitation", amy)))
        # ... and the format the papers are sent in wins over both.
        html = self._html("invitation", amy | chloe, data={"coprod_format": "standard"})
        for article in articles(html):
            classes = article.xpath(".//div[contains(@class, 'o_coprod_easy_read')]")[0].get("class")
            self.assertIn("o_coprod_standard_print", classes)
        self.assertEasyRead(html, "standard print invitation")
        # The large-print report is always large print.
        self.assertIn("o_coprod_large_print",
                      page_class(self._html("invitation", amy, large=True, data={"coprod_format": "standard"})))

        # Daniel's supporter, Owen's interpreter.
        self.assertIn("Sam Patel will help you", text_of(articles(self._html("invitation", daniel))[0]))
        self.assertIn("British Sign Language interpreter", text_of(articles(self._html("invitation", owen))[0]))

    def test_invitation_photos_only_with_consent(self):
        """A co-chair's photo is shown only where their membership says they agreed."""
        amy = self.env.ref("coprod.partner_amy_demo")
        helen = self.env.ref("coprod.partner_quality_director_demo")
        pixel = ("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")
        (amy | helen).write({"image_1920": pixel})
        self.env.ref("coprod.membership_quality_board_helen_demo").consent_photo = False
        self.assertTrue(self.env.ref("coprod.membership_quality_board_amy_demo").consent_photo)
        html = self._html("invitation", self.next_meeting.attendance_ids[:1])
        chairs = lxml_html.fromstring(html).xpath("//div[contains(@class, 'o_coprod_chair')]")
        # The co-chairs are one idea: one row, one sentence, with Amy's photo only.
        self.assertEqual(len(chairs), 1)
        self.assertEqual(text_of(chairs[0].xpath(".//div[contains(@class, 'o_coprod_words')]")[0]),
                         f"{amy.name} and {helen.name} will run the meeting.")
        self.assertEqual([img.get("alt") for img in chairs[0].xpath(".//img")], [amy.name])
        # The agenda says it the same way; with nobody's photo, a picture of people.
        self.env.ref("coprod.membership_quality_board_amy_demo").consent_photo = False
        agenda = lxml_html.fromstring(self._html("agenda", self.next_meeting))
        chairs = agenda.xpath("//div[contains(@class, 'o_coprod_chair')]")
        self.assertEqual(len(chairs), 1)
        self.assertIn(f"{amy.name} and {helen.name} will run the meeting.", text_of(chairs[0]))
        self.assertFalse(chairs[0].xpath(".//img"))
        self.assertEqual(chairs[0].xpath(".//i")[0].get("aria-label"), f"{amy.name} and {helen.name}")

    def test_invitation_without_language(self):
        """A person with no language gets their papers in the fallback language."""
        row = self.next_meeting.attendance_ids[:1]
        row.partner_id.lang = False
        self.assertTrue(row.partner_id._coprod_lang())
        html = self._html("invitation", row)
        self.assertIn(row.partner_id.name, text_of(articles(html)[0]))
        self.assertEasyRead(html, "invitation without a language")

    # bad input: nothing yet

    def test_empty_meeting_still_renders(self):
        start = fields.Datetime.now().replace(microsecond=0) + timedelta(days=40)
        meeting = self.env["coprod.meeting"].create({
            "group_id": self.board.id, "start": start, "stop": start + timedelta(hours=2),
        })
        self.assertFalse(meeting.agenda_item_ids or meeting.attendance_ids)
        for key in ("agenda", "meeting_summary"):
            for large in (False, True):
                html = self._html(key, meeting, large=large)
                self.assertEasyRead(html, f"{key} of an empty meeting")
                if key == "agenda":
                    self.assertIn("There is nothing on the agenda yet.", text_of(articles(html)[0]))
        row = self.env["coprod.attendance"].create({
            "meeting_id": meeting.id, "partner_id": self.env.ref("coprod.partner_fatima_demo").id,
        })
        html = self._html("invitation", row)
        self.assertEasyRead(html, "invitation to an empty meeting")
        self.assertIn("There is nothing on the agenda yet.", text_of(articles(html)[0]))

    # the agenda and the summary

    def test_agenda_and_summary_contents(self):
        agenda = text_of(articles(self._html("agenda", self.next_meeting))[0])
        for item in self.next_meeting.agenda_item_ids.filtered(lambda i: i.state == "accepted"):
            self.assertIn(item.title, agenda)
        summary_page = articles(self._html("meeting_summary", self.past_meeting))[0]
        summary = text_of(summary_page)
        # the facilitator's easy-read summary: each line a row of its own, with a picture
        lines = [line.strip() for line in self.past_meeting.easy_read_minutes.splitlines() if line.strip()]
        rows = summary_page.xpath(".//div[contains(@class, 'o_coprod_summary_line')]")
        self.assertEqual([text_of(row) for row in rows], lines)
        self.assertTrue(all(row.xpath(".//div[@class='o_coprod_picture']/i") for row in rows))
        self.assertIn("The main things", summary)
        for decision in self.past_meeting.decision_ids:
            self.assertIn(" ".join(decision.easy_read_text.split()), summary)
        for action in self.past_meeting.action_ids:
            self.assertIn(" ".join(action.you_said.split()), summary)
        summary_next = text_of(articles(self._html("meeting_summary", self.next_meeting))[0])
        for action in self.next_meeting.followup_action_ids.filtered("we_did"):
            self.assertIn(" ".join(action.we_did.split()), summary_next)

    # ballots

    def test_ballot_paper(self):
        html = self._html("ballot_paper", self.election | self.closed_ballot)
        election, yes_no = articles(html)
        self.assertIn("Write 1 in the box by your first choice.", text_of(election))
        self.assertEqual(len(election.xpath(".//div[contains(@class, 'o_coprod_box')]")),
                         len(self.election.option_ids))
        self.assertEqual(len(yes_no.xpath(".//div[contains(@class, 'o_coprod_box')]")), 3)
        icons = {i.get("class") for i in yes_no.xpath(".//div[contains(@class, 'o_coprod_option')]//i")}
        self.assertEqual(icons, {"fa fa-thumbs-up", "fa fa-thumbs-down", "fa fa-circle-o"})
        self.assertIn("Do not write your name on this paper.", text_of(yes_no))

    def test_ballot_result(self):
        html = self._html("ballot_result", self.closed_ballot | self.election)
        closed, draft = articles(html)
        self.assertIn("The result is not ready yet.", text_of(draft))
        self.assertFalse(draft.xpath(".//div[contains(@class, 'o_coprod_bar')]"))
        text = text_of(closed)
        self.assertIn(f"{self.closed_ballot.turnout} people voted.", text)
        self.assertIn("The answer is: Yes", text)
        bars = {
            text_of(row.xpath(".//strong")[0]): int(row.xpath(".//div[contains(@class, 'o_coprod_bar_fill')]")[0]
                                                   .get("data-percent"))
            for row in closed.xpath(".//div[contains(@class, 'o_coprod_count')]")
        }
        self.assertEqual(bars, {"Yes": 67, "No": 17, "I do not want to choose": 17})
        fill = closed.xpath(".//div[contains(@class, 'o_coprod_bar_fill')]")[0]
        self.assertIn("width: 67%", fill.get("style"))

    # posters

    def test_posters(self):
        html = self._html("values_poster", self.values)
        text = text_of(articles(html)[0])
        for value in self.values:
            self.assertIn(value.name, text)
        html = self._html("you_said_we_did", self.actions)
        text = text_of(articles(html)[0])
        for action in self.actions:
            self.assertIn(" ".join(action.you_said.split()), text)
            if action.we_did:
                self.assertIn(" ".join(action.we_did.split()), text)
        self.assertIn("We are still working on this.", text)

    def test_the_we_did_picture_says_where_the_action_is(self):
        """The picture beside "We did" follows the action's state, whatever words
        were written: a stopped action with a reason is not shown as done, and an
        action still open with a progress note still says when it will be done."""
        group = self.actions[:1].group_id
        owner = self.env.user.partner_id.id
        today = fields.Date.today()
        done, stopped, going = self.env["coprod.action"].create([
            {"group_id": group.id, "you_said": "Fix the gate.", "owner_partner_id": owner,
             "date_due": today, "state": "done", "we_did": "We fixed the gate."},
            {"group_id": group.id, "you_said": "Buy a bus.", "owner_partner_id": owner,
             "date_due": today, "state": "cancelled", "we_did": "A bus costs too much."},
            {"group_id": group.id, "you_said": "Paint the hall.", "owner_partner_id": owner,
             "date_due": today + timedelta(days=30), "we_did": "We chose the colour."},
        ])
        def row(action):
            """The action's "We did" row (on the posters, and in the next meeting's
            summary, which shows stopped ones too): its words and its picture's."""
            root = lxml_html.fromstring(str(self.env["ir.qweb"]._render(
                "coprod.easy_read_we_did", {"action": action})))
            words = text_of(root.xpath("//div[contains(@class, 'o_coprod_words')]")[0])
            self.assertTrue(words.startswith("We did:"), words)
            return words, root.xpath("//div[contains(@class, 'o_coprod_picture')]//*[@aria-label]")[0].get(
                "aria-label")

        self.assertEqual(row(done), ("We did:We fixed the gate.", "Done"))
        self.assertEqual(row(stopped), ("We did:A bus costs too much.", "Stopped"))
        going_words, going_picture = row(going)
        self.assertEqual(going_picture, "Still working on it")
        self.assertIn("We chose the colour.", going_words)
        self.assertIn("It will be done by", going_words)

    def test_a_late_action_does_not_promise_a_date_gone(self):
        """An action still open after its due date does not say "It will be done by"
        a day already gone: the poster says, in plain words, that it is late."""
        group = self.actions[:1].group_id
        owner = self.env.user.partner_id.id
        today = fields.Date.context_today(self.actions[:1])
        late, due = self.env["coprod.action"].create([
            {"group_id": group.id, "you_said": "Mend the fence.", "owner_partner_id": owner,
             "date_due": today - timedelta(days=42)},
            {"group_id": group.id, "you_said": "Paint the door.", "owner_partner_id": owner,
             "date_due": today + timedelta(days=7), "we_did": "We bought the paint."},
        ])
        text = text_of(articles(self._html("you_said_we_did", late | due))[0])
        say_date = self.env["coprod.easy.read"]._say_date
        self.assertNotIn(say_date(late.date_due), text)
        self.assertIn("We are still working on this.", text)
        self.assertIn("This is late. We will tell you when it is done.", text)
        self.assertIn(f"It will be done by {say_date(due.date_due)}.", text)
        self.assertEqual(text.count("This is late."), 1, "only the late action")

    def test_you_said_we_did_poster_stays_short(self):
        """A poster of many actions shows the latest 24 and says how many more there are."""
        group = self.actions[:1].group_id
        many = self.env["coprod.action"].create([
            {"group_id": group.id, "you_said": f"Please fix thing number {n}",
             "owner_partner_id": self.env.user.partner_id.id,
             "date_due": fields.Date.today()}
            for n in range(30)
        ])
        text = text_of(articles(self._html("you_said_we_did", many))[0])
        self.assertEqual(text.count("Please fix thing number"), 24)
        self.assertIn("There are 6 more. Ask us for the whole list.", text)
