from odoo import api, fields, models

# The co-production ladder (Think Local Act Personal): how much power was shared,
# from the lowest rung to the highest.
LADDER_RUNGS = [
    ("coercion", "Coercion"),
    ("educating", "Educating"),
    ("informing", "Informing"),
    ("consultation", "Consultation"),
    ("engagement", "Engagement"),
    ("co_design", "Co-design"),
    ("co_production", "Co-production"),
]
LADDER_HELP = (
    "How much power was shared, on the seven rungs of the co-production ladder: "
    "coercion (people attend but have no say), educating, informing (people are told), "
    "consultation (people are asked), engagement (people help shape it), co-design "
    "(people design it with us) and co-production (people share power and decide "
    "with us from start to finish)."
)
KEY_QUESTIONS = [
    ("safe", "Safe"),
    ("effective", "Effective"),
    ("caring", "Caring"),
    ("responsive", "Responsive"),
    ("well_led", "Well-led"),
]


def ladder_field(**kwargs):
    """The ``ladder_rung`` field that meetings, decisions and checks share."""
    return fields.Selection(LADDER_RUNGS, string="Ladder rung", help=LADDER_HELP, **kwargs)


class CoprodQualityFramework(models.Model):
    """A quality framework whose statements the groups' work is linked to."""

    _name = "coprod.quality.framework"
    _description = "Quality framework"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char()
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    statement_ids = fields.One2many("coprod.quality.statement", "framework_id", string="Statements")
    company_id = fields.Many2one(
        "res.company", help="Leave empty to share the framework with every company.",
    )
    active = fields.Boolean(default=True)


class CoprodQualityStatement(models.Model):
    """A quality statement: what good looks like, in the framework's words.

    The CQC single assessment framework (5 key questions, 34 statements) is shipped;
    an organisation adds the statements of its own framework.
    """

    _name = "coprod.quality.statement"
    _description = "Quality statement"
    _order = "sequence, id"
    # found by what its name shows: "R4", or words of the statement
    _rec_names_search = ["code", "name"]

    name = fields.Char(required=True, translate=True)
    code = fields.Char(help="A short reference, for example R4.")
    sequence = fields.Integer(default=10)
    framework_id = fields.Many2one(
        "coprod.quality.framework", required=True, index=True, ondelete="restrict",
    )
    framework = fields.Char(
        related="framework_id.name", string="Framework name", readonly=False,
        help="Given when a statement is created or imported, it names the framework: an "
        "existing one, or a new one of that name. It never renames a framework.",
    )
    key_question = fields.Selection(KEY_QUESTIONS, string="Key question", required=True, index=True)
    we_statement = fields.Text(
        string="We statement", translate=True,
        help="The statement in the words of the people who give care: \"We ...\".",
    )
    company_id = fields.Many2one(
        related="framework_id.company_id", store=True, index="btree_not_null",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_framework_uniq", "unique (framework_id, code)",
         "Two statements of one framework cannot have the same reference."),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        return super().create([self._framework_by_name(vals) for vals in vals_list])

    def write(self, vals):
        return super().write(self._framework_by_name(vals))

    def _framework_by_name(self, vals):
        """vals with a framework named by "framework" (DESIGN's contract, imports)
        as framework_id: the framework of that name, else a new one."""
        if "framework" not in vals:
            return vals
        vals = dict(vals)
        name = (vals.pop("framework") or "").strip()
        if name and not vals.get("framework_id"):
            Framework = self.env["coprod.quality.framework"]
            company = self.env.company
            pattern = name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            found = Framework.search([("name", "=ilike", pattern),
                                      ("company_id", "in", [False, company.id])])
            # the company's own framework of that name, else a shared one, else a new
            # one of the company's
            framework = found.filtered("company_id")[:1] or found[:1] or Framework.create(
                {"name": name, "company_id": company.id})
            vals["framework_id"] = framework.id
        return vals

    @api.depends("code", "name")
    def _compute_display_name(self):
        for statement in self:
            statement.display_name = (
                f"{statement.code} {statement.name}" if statement.code else statement.name
            )
