from odoo import fields, models


class CoprodBallotVoter(models.Model):
    """The register of a ballot: who may vote, and whether they have.

    It never says what anyone chose, and it keeps no create or write dates (which
    could be set beside the order of the votes).
    """

    _name = "coprod.ballot.voter"
    _description = "Ballot register"
    _inherit = ["coprod.search.checked"]
    _order = "ballot_id, id"
    _log_access = False
    _rec_name = "partner_id"
    _check_company_auto = True

    ballot_id = fields.Many2one("coprod.ballot", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="ballot_id.company_id")
    partner_id = fields.Many2one(
        "res.partner", string="Voter", required=True, ondelete="restrict", check_company=True,
    )
    needs_flag = fields.Boolean(
        related="partner_id.coprod_needs_flag", string="Needs",
        groups="coprod.group_coprod_officer",
    )
    has_voted = fields.Boolean(string="Voted", readonly=True)
    assisted = fields.Boolean(string="Helped to vote", readonly=True)
    recorded_by_user_id = fields.Many2one(
        "res.users", string="Recorded by", readonly=True,
        help="The facilitator who recorded this vote (in a meeting or from a paper ballot).",
    )

    _sql_constraints = [
        ("ballot_partner_uniq", "unique(ballot_id, partner_id)",
         "A person is on a ballot's register once."),
    ]


class CoprodBallotVote(models.Model):
    """One paper. A secret ballot's papers carry nothing that leads to a voter: no
    partner, no create or write user or date. While the ballot is open each choice is
    sealed (encrypted with the ballot's own key, kept outside the database: see
    ballot_seal.py); closing opens them, shuffles them and writes them again in
    clear, then the key is destroyed. Nobody reads papers one by one through the ORM
    (a record rule for everyone): the count reads them as the system."""

    _name = "coprod.ballot.vote"
    _description = "Vote"
    _order = "ballot_id, id"
    _log_access = False

    ballot_id = fields.Many2one("coprod.ballot", required=True, ondelete="cascade", index=True)
    partner_id = fields.Many2one(
        "res.partner", string="Voter", ondelete="restrict",
        help="Only for a ballot that is not secret (a show of hands).",
    )
    choice = fields.Char(help="The chosen options' ids, in order of preference.")
    sealed_choice = fields.Char(
        help="While a secret ballot is open: the choice, encrypted with the ballot's key.",
    )
    option_id = fields.Many2one("coprod.ballot.option", string="First choice", ondelete="cascade")
    option_ids = fields.Many2many(
        "coprod.ballot.option", compute="_compute_option_ids", string="Choices",
    )

    def _compute_option_ids(self):
        for vote in self:
            keys = [int(key) for key in (vote.choice or "").split(",") if key]
            vote.option_ids = self.env["coprod.ballot.option"].browse(keys)
