import base64
import binascii
import re

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.mimetypes import guess_mimetype


PICTURE_TYPES = ("image/png", "image/jpeg", "image/gif", "image/svg+xml", "image/webp")
PICTURE_MAX_BYTES = 2 * 1024 * 1024
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# Little words that say nothing about what a text is about.
STOP_WORDS = frozenset("""
about all also and any are but can did does for from had has have her him his how its
not our ours she that the their them then they this was were what when where who why
will with you your yours said
""".split())


def _meaningful(text):
    """The words of a text that can say what it is about: lower case, three letters
    or more, and not one of the common little words ("we", "you", "not", ...)."""
    return {
        word for word in (found.lower() for found in WORD.findall(text or ""))
        if len(word) >= 3 and word not in STOP_WORDS
    }


class CoprodPictogram(models.Model):
    """A picture that goes beside words on easy-read papers and screens.

    Shipped pictograms name an icon of the font Odoo bundles (``icon``) or carry a
    simple SVG drawn for coprod; an organisation uploads its own pictures (for
    example its photo-symbol library). ``keywords`` let coprod suggest a picture
    from the words of an agenda item, an option, a value or an action.
    """

    _name = "coprod.pictogram"
    _description = "Picture (pictogram)"
    _order = "sequence, name, id"

    name = fields.Char(required=True, translate=True)
    image = fields.Binary(
        string="Picture", attachment=True,
        help="A PNG, JPEG, GIF, WebP or SVG file of 2 MB or less.",
    )
    icon = fields.Char(
        string="Icon name",
        help="An icon of the font Odoo bundles, used when there is no picture file "
        "(for example fa-calendar).",
    )
    alt_text = fields.Char(
        string="Words for the picture", translate=True,
        help="What the picture shows, read aloud by screen readers.",
    )
    keywords = fields.Char(
        translate=True,
        help="Words, separated by commas, that this picture goes with. They are used "
        "to suggest a picture.",
    )
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one("res.company", help="Leave empty to share with every company.")
    active = fields.Boolean(default=True)

    @api.constrains("image", "icon", "name")
    def _check_picture(self):
        for pictogram in self:
            if not pictogram.image and not pictogram.icon:
                raise ValidationError(_("Give \"%(name)s\" a picture file or an icon name.",
                                        name=pictogram.name))
            if pictogram.image:
                self._check_picture_file(pictogram.with_context(bin_size=False).image, pictogram.name)

    @api.model
    def _check_picture_file(self, data, name):
        """Refuse files that are not pictures, or too large, with a plain message."""
        try:
            raw = base64.b64decode(data, validate=True)
        except (binascii.Error, ValueError, TypeError) as error:
            raise ValidationError(_("The file for \"%(name)s\" is not a picture.", name=name)) from error
        if len(raw) > PICTURE_MAX_BYTES:
            raise ValidationError(_(
                "The picture for \"%(name)s\" is too large (%(size)s MB). Use a file of 2 MB "
                "or less.", name=name, size=round(len(raw) / 1024 / 1024, 1)))
        mimetype = guess_mimetype(raw)
        if mimetype not in PICTURE_TYPES:
            raise ValidationError(_(
                "The file for \"%(name)s\" is not a picture. Use a PNG, JPEG, GIF, WebP or "
                "SVG file.", name=name))
        if mimetype == "image/svg+xml" and not (self.env.su or self.env.user._is_system()):
            # Odoo keeps SVG files from other users as plain text (they can hold
            # scripts), and screens could not show them.
            raise ValidationError(_(
                "Use a PNG or JPEG file for \"%(name)s\". Only an administrator can add "
                "SVG pictures.", name=name))

    def _keyword_set(self):
        self.ensure_one()
        words = set()
        for part in (self.keywords or "").split(",") + [self.name or ""]:
            words.update(_meaningful(part))
        return words

    @api.model
    def _suggest(self, texts):
        """The picture whose keywords best match the words of each text.

        Returns one pictogram (or an empty recordset) per text, in order. The best
        match shares the most words; ties go to the lowest sequence.
        """
        pictograms = self.search([])
        keyword_sets = [(pictogram, pictogram._keyword_set()) for pictogram in pictograms]
        suggestions = []
        for text in texts:
            words = _meaningful(text)
            best, best_score = self.browse(), 0
            for pictogram, keywords in keyword_sets:
                score = len(words & keywords)
                if score > best_score:
                    best, best_score = pictogram, score
            suggestions.append(best)
        return suggestions


class CoprodPictured(models.AbstractModel):
    """Something shown with a picture on easy-read papers: agenda items, ballot
    options, values and actions. Where no picture is chosen, one is suggested from
    the words."""

    _name = "coprod.pictured"
    _description = "Has a picture"
    _picture_text_fields = ("name",)

    pictogram_id = fields.Many2one(
        "coprod.pictogram", string="Picture", ondelete="set null", check_company=True,
        help="The picture shown beside the words. Leave empty to use the suggested one.",
    )
    suggested_pictogram_id = fields.Many2one(
        "coprod.pictogram", string="Suggested picture", compute="_compute_suggested_pictogram_id",
    )
    picture_id = fields.Many2one(
        "coprod.pictogram", string="Picture shown", compute="_compute_suggested_pictogram_id",
        help="The chosen picture, or else the suggested one.",
    )

    picture_image = fields.Binary(
        string="Picture file shown", compute="_compute_picture_shown",
        help="What screens show, as the easy-read papers do: the record's own picture, "
        "else the chosen picture, else its own icon, else the suggested picture.",
    )
    picture_icon = fields.Char(string="Icon shown", compute="_compute_picture_shown")

    def _picture_text(self):
        return " ".join(str(self[field] or "") for field in self._picture_text_fields)

    @api.depends(lambda self: ["pictogram_id", *self._picture_text_fields])
    def _compute_suggested_pictogram_id(self):
        Pictogram = self.env["coprod.pictogram"]
        suggestions = Pictogram._suggest([record._picture_text() for record in self])
        for record, suggestion in zip(self, suggestions):
            record.suggested_pictogram_id = suggestion
            record.picture_id = record.pictogram_id or suggestion

    @api.depends(lambda self: ["picture_id", "pictogram_id.image", "pictogram_id.icon",
                               *(fname for fname in ("image", "icon") if fname in self._fields)])
    def _compute_picture_shown(self):
        """The same order as the papers' picture (report/coprod_easy_read_templates.xml,
        easy_read_picture): own image, chosen pictogram, own icon, suggested pictogram."""
        for record in self:
            own_image = "image" in record._fields and record.image
            own_icon = "icon" in record._fields and record.icon
            if own_image:
                image, icon = own_image, False
            elif record.pictogram_id:
                image, icon = record.pictogram_id.image, record.pictogram_id.icon
            elif own_icon:
                image, icon = False, own_icon
            else:
                image, icon = record.picture_id.image, record.picture_id.icon
            record.picture_image = image or False
            record.picture_icon = False if image else icon or False
