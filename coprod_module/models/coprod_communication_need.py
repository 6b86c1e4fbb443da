from odoo import fields, models


class CoprodCommunicationNeed(models.Model):
    """A communication need as the Accessible Information Standard records it.

    The catalogue is configuration; which person has which need is personal data,
    stored on res.partner and readable by officers and managers only.
    """

    _name = "coprod.communication.need"
    _description = "Communication need"
    _order = "category, sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True,
        help="A short, stable code used by reports and imports, e.g. easy_read.",
    )
    category = fields.Selection(
        [
            ("contact_method", "Contact method"),
            ("information_format", "Information format"),
            ("communication_support", "Communication support"),
            ("professional_support", "Professional communication support"),
        ],
        required=True,
        help="The Accessible Information Standard's categories.",
    )
    easy_read_format = fields.Selection(
        [
            ("standard", "Standard print"),
            ("easy_read", "Easy read"),
            ("large_print", "Large print"),
        ], string="Easy-read format",
        help="Which document format meets this need. Leave empty when a document "
        "cannot meet it (an interpreter, an advocate): sending an invitation then "
        "asks the facilitator to arrange it.",
    )
    needs_arrangement = fields.Boolean(string="Needs arrangement",
        help="A person must arrange this before a meeting (book an interpreter, "
        "ask the supporter to come).",
    )
    description = fields.Text(translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_uniq", "unique(code)", "Each communication need has its own code."),
    ]
