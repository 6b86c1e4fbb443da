"""Pictures (pictograms): the ones coprod ships (icons of the font Odoo bundles and
SVGs drawn for coprod), an organisation's own uploads and the checks on them, the
picture suggested from the words of an agenda item, option, value or action, who
may add or delete pictures, and the screens that show pictures and needs only to
the people who may see them.
"""
import base64
import io
import re
import xml.etree.ElementTree as ET

from PIL import Image

from odoo.exceptions import AccessError, ValidationError
from odoo.tools import file_open, mute_logger
from odoo.tools.mimetypes import guess_mimetype

from .common import CoprodCase

FA_CSS = "web/static/src/libs/fontawesome/css/font-awesome.css"
SVG_NS = "{http://www.w3.org/2000/svg}"
DRAWN = ("co_chair", "ballot_box", "easy_read", "agenda", "minutes", "you_said_we_did",
         "values", "supporter")


def png_bytes(size=(64, 64), colour=(31, 59, 115)):
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format="PNG")
    return out.getvalue()


class PictogramCase(CoprodCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Pictogram = cls.env["coprod.pictogram"]
        cls.money = cls.env.ref("coprod.pictogram_money")
        cls.food = cls.env.ref("coprod.pictogram_food")
        cls.meeting = cls._meeting()

    def _item(self, title, **vals):
        return self.env["coprod.agenda.item"].create(
            dict({"meeting_id": self.meeting.id, "title": title}, **vals))


class TestShippedPictograms(PictogramCase):
    def test_shipped_pictograms_load(self):
        shipped = self.env["ir.model.data"].search([
            ("module", "=", "coprod"), ("model", "=", "coprod.pictogram"),
            ("name", "=like", "pictogram\\_%"),
        ])
        pictograms = self.Pictogram.browse(shipped.mapped("res_id"))
        self.assertGreaterEqual(len(pictograms), 38)
        icons = pictograms.filtered("icon")
        drawn = pictograms - icons
        self.assertGreaterEqual(len(icons), 30)
        self.assertEqual(len(drawn), len(DRAWN))
        for pictogram in pictograms:
            self.assertTrue(pictogram.alt_text, f"{pictogram.name} has no words for the picture")
            self.assertTrue(pictogram.keywords, f"{pictogram.name} has no keywords")
            self.assertFalse(pictogram.company_id, "shipped pictures are shared by every company")
        self.assertEqual(self.money.icon, "fa-gbp")
        self.assertFalse(self.money.image)

    def test_icons_are_in_the_font_odoo_bundles(self):
        with file_open(FA_CSS) as css:
            known = set(re.findall(r"\.(fa-[a-z0-9-]+):before", css.read()))
        icons = self.Pictogram.search([("icon", "!=", False)])
        self.assertTrue(icons)
        for pictogram in icons:
            self.assertIn(pictogram.icon, known, f"{pictogram.name}: no icon {pictogram.icon}")

    def test_drawn_pictograms_are_valid_svg(self):
        for name in DRAWN:
            pictogram = self.env.ref(f"coprod.pictogram_{name}")
            self.assertFalse(pictogram.icon)
            raw = base64.b64decode(pictogram.with_context(bin_size=False).image)
            self.assertEqual(guess_mimetype(raw), "image/svg+xml", name)
            root = ET.fromstring(raw)
            self.assertEqual(root.tag, f"{SVG_NS}svg", name)
            self.assertEqual(root.get("viewBox"), "0 0 200 200", name)
            self.assertFalse(list(root.iter(f"{SVG_NS}text")), f"{name}: no words inside a picture")
            self.assertFalse(list(root.iter(f"{SVG_NS}script")), name)


class TestUploads(PictogramCase):
    def test_not_a_picture_is_refused_plainly(self):
        with self.assertRaises(ValidationError) as caught:
            self.Pictogram.create({
                "name": "Minutes file",
                "image": base64.b64encode(b"Minutes of the meeting, typed in a text file."),
            })
        self.assertEqual(
            str(caught.exception),
            'The file for "Minutes file" is not a picture. Use a PNG, JPEG, GIF, WebP or SVG file.',
        )

    def test_svg_from_an_officer_is_refused_plainly(self):
        """Odoo keeps SVG files from users who are not administrators as text: ask for a
        PNG or JPEG instead of storing a picture that would not show."""
        svg = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle r="4"/></svg>'
        with self.assertRaises(ValidationError) as caught:
            self.Pictogram.with_user(self.user_officer).create(
                {"name": "Our circle", "image": base64.b64encode(svg)})
        self.assertIn("Use a PNG or JPEG file", str(caught.exception))

    def test_too_large_is_refused(self):
        big = png_bytes() + b"\0" * (2 * 1024 * 1024)
        with self.assertRaises(ValidationError) as caught:
            self.Pictogram.create({"name": "Big photo", "image": base64.b64encode(big)})
        self.assertIn("too large", str(caught.exception))
        self.assertIn("2 MB or less", str(caught.exception))

    def test_organisation_uploads_its_own_png(self):
        own = self.Pictogram.with_user(self.user_officer).create({
            "name": "Our minibus",
            "image": base64.b64encode(png_bytes()),
            "alt_text": "The white minibus of Oak House",
            "keywords": "minibus, trips, outing",
            "company_id": self.company.id,
        })
        self.assertTrue(own.image)
        raw = base64.b64decode(own.with_context(bin_size=False).image)
        self.assertEqual(guess_mimetype(raw), "image/png")
        # their own picture, in their company only
        self.assertIn(own, self.Pictogram.with_user(self.user_coprod).search([]))
        self.assertNotIn(own, self.Pictogram.with_user(self.user_officer_c2).search([]))
        # and suggested for their words
        item = self._item("Trips in our minibus")
        self.assertEqual(item.suggested_pictogram_id, own)


class TestSuggestions(PictogramCase):
    def test_agenda_item_gets_a_picture_from_its_words(self):
        item = self._item("Money for our holiday")
        self.assertEqual(item.suggested_pictogram_id, self.money)
        self.assertEqual(item.picture_id, self.money)

    def test_easy_read_words_count_too(self):
        item = self._item("Item 4", easy_read_text="What we eat for dinner.")
        self.assertEqual(item.picture_id, self.food)

    def test_chosen_picture_wins(self):
        item = self._item("Money for our holiday", pictogram_id=self.food.id)
        self.assertEqual(item.suggested_pictogram_id, self.money)
        self.assertEqual(item.picture_id, self.food)

    def test_no_matching_words_no_picture(self):
        item = self._item("Zebra xylophone")
        self.assertFalse(item.suggested_pictogram_id)
        self.assertFalse(item.picture_id)

    def test_suggestion_follows_the_words(self):
        item = self._item("Money for our holiday")
        item.title = "Getting a wheelchair ramp"
        self.assertEqual(item.picture_id, self.env.ref("coprod.pictogram_wheelchair"))

    def test_the_picture_is_of_what_the_words_are_about(self):
        """A weekend is not a holiday: the minibus (not a sun) is what this is about;
        a landlord is about a home (not a list)."""
        minibus = self._action(you_said="Find out why the minibus is hardly ever free at weekends.")
        self.assertEqual(minibus.picture_id, self.env.ref("coprod.pictogram_transport"))
        landlord = self._action(you_said="Ask the landlord to mend the broken window.")
        self.assertEqual(landlord.picture_id, self.env.ref("coprod.pictogram_home"))

    def test_options_values_and_actions_get_pictures(self):
        ballot = self._ballot(method="plurality", options=["A trip to the beach", "A party"])
        trip, party = ballot.option_ids.sorted("sequence")
        self.assertEqual(trip.picture_id, self.env.ref("coprod.pictogram_holidays"))
        self.assertEqual(party.picture_id, self.env.ref("coprod.pictogram_celebrate"))
        action = self._action(you_said="Please put a ramp at the front door")
        self.assertEqual(action.picture_id, self.env.ref("coprod.pictogram_wheelchair"))
        value = self.env["coprod.value"].create({"name": "We listen"})
        self.assertEqual(value.picture_id, self.env.ref("coprod.pictogram_listen"))

    def test_screens_show_the_picture_the_paper_shows(self):
        """The values screen (and a ballot's options) show the picture itself, not its
        name, in the papers' order: own picture, chosen picture, own icon, suggested."""
        minibus = self.Pictogram.create({"name": "Our minibus", "image": base64.b64encode(png_bytes()),
                                         "keywords": "minibus"})
        value = self.env["coprod.value"].create({"name": "We listen", "icon": False})
        # suggested picture: an icon of the font
        self.assertEqual(value.picture_icon, self.env.ref("coprod.pictogram_listen").icon)
        self.assertFalse(value.picture_image)
        # its own icon comes before a suggestion
        value.icon = "fa-handshake-o"
        self.assertEqual((value.picture_icon, value.picture_image), ("fa-handshake-o", False))
        # a chosen picture with a file comes before its own icon: the file is shown
        value.pictogram_id = minibus
        self.assertEqual(value.with_context(bin_size=False).picture_image,
                         minibus.with_context(bin_size=False).image)
        self.assertFalse(value.picture_icon)
        # its own picture comes first
        value.image = base64.b64encode(png_bytes(colour=(200, 0, 0)))
        self.assertEqual(value.with_context(bin_size=False).picture_image,
                         value.with_context(bin_size=False).image)
        # the screens ask for the picture, not for its name
        for model, view in (("coprod.value", "kanban"), ("coprod.ballot", "form")):
            arch = self.env[model].get_views([(False, view)])["views"][view]["arch"]
            self.assertIn('name="picture_image"', arch)
            self.assertNotIn('name="picture_id"', arch)

    def test_archived_pictures_are_not_suggested(self):
        self.money.active = False
        item = self._item("Money for our holiday")
        self.assertEqual(item.picture_id, self.env.ref("coprod.pictogram_holidays"))


class TestPictogramAccess(PictogramCase):
    def test_users_read_pictures(self):
        pictures = self.Pictogram.with_user(self.user_coprod).search([])
        self.assertIn(self.money, pictures)
        self.assertEqual(self.money.with_user(self.user_coprod).name, "Money")

    @mute_logger("odoo.addons.base.models.ir_model")
    def test_users_do_not_add_pictures(self):
        with self.assertRaises(AccessError):
            self.Pictogram.with_user(self.user_coprod).create({"name": "Mine", "icon": "fa-star"})

    @mute_logger("odoo.addons.base.models.ir_model")
    def test_officers_add_and_change_but_only_managers_delete(self):
        picture = self.Pictogram.with_user(self.user_officer).create({"name": "Garden party", "icon": "fa-leaf"})
        picture.keywords = "garden, party"
        with self.assertRaises(AccessError):
            picture.unlink()
        picture.with_user(self.user_manager).unlink()
        self.assertFalse(picture.exists())


class TestPictureAndNeedsScreens(PictogramCase):
    """The screens show pictures to everyone and communication needs only to officers."""

    def _arch(self, model, view_type, user):
        views = self.env[model].with_user(user).get_views([(False, view_type)])
        return views["views"][view_type]["arch"]

    def test_pictures_menu_is_for_officers(self):
        menu = self.env.ref("coprod.coprod_pictogram_menu")
        self.assertIn(self.env.ref("coprod.group_coprod_officer"), menu.groups_id)
        visible = self.env["ir.ui.menu"].with_user(self.user_officer)._visible_menu_ids()
        self.assertIn(menu.id, visible)
        self.assertNotIn(menu.id, self.env["ir.ui.menu"].with_user(self.user_coprod)._visible_menu_ids())
        # the rest of Configuration stays for managers
        need_menu = self.env.ref("coprod.coprod_communication_need_menu")
        self.assertNotIn(need_menu.id, visible)

    def test_pictogram_views_load(self):
        for view_type in ("kanban", "list", "form", "search"):
            self.assertIn("name", self._arch("coprod.pictogram", view_type, self.user_officer))

    def test_forms_show_the_picture_and_the_easy_read_check(self):
        for model in ("coprod.agenda.item", "coprod.value", "coprod.action"):
            arch = self._arch(model, "form", self.user_officer)
            self.assertIn('name="pictogram_id"', arch, model)
            self.assertIn('name="suggested_pictogram_id"', arch, model)
        for model in ("coprod.group", "coprod.meeting", "coprod.agenda.item", "coprod.decision",
                      "coprod.ballot", "coprod.value", "coprod.quality.check",
                      "coprod.quality.recommendation"):
            arch = self._arch(model, "form", self.user_officer)
            self.assertIn('name="easy_read_level"', arch, model)
            self.assertIn('name="easy_read_advice"', arch, model)

    def test_needs_only_on_officer_screens(self):
        meeting_officer = self._arch("coprod.meeting", "form", self.user_officer)
        meeting_member = self._arch("coprod.meeting", "form", self.user_coprod)
        for name in ("needs_flag", "document_format", "support_activity_ids"):
            self.assertIn(f'name="{name}"', meeting_officer)
            self.assertNotIn(f'name="{name}"', meeting_member)
        self.assertIn('name="needs_flag"', self._arch("coprod.ballot", "form", self.user_officer))
        self.assertNotIn('name="needs_flag"', self._arch("coprod.ballot", "form", self.user_coprod))
        self.assertIn('name="needs_flag"', self._arch("coprod.membership", "list", self.user_officer))
        self.assertNotIn('name="needs_flag"', self._arch("coprod.membership", "list", self.user_coprod))
        self.assertIn('name="needs_flag"', self._arch("coprod.attendance", "list", self.user_officer))
        partner_form = self._arch("res.partner", "form", self.user_officer)
        for name in ("coprod_need_ids", "coprod_need_review_date", "coprod_needs_recorded_by_id",
                     "coprod_needs_recorded_date"):
            self.assertIn(f'name="{name}"', partner_form)
