from odoo import _, api, fields, models
from odoo.exceptions import UserError


class CoprodBallotNomination(models.Model):
    """A candidate put forward for an election, by themselves or by another member."""

    _name = "coprod.ballot.nomination"
    _description = "Nomination"
    _order = "ballot_id, id"
    _rec_name = "candidate_partner_id"
    _check_company_auto = True

    ballot_id = fields.Many2one(
        "coprod.ballot", required=True, ondelete="cascade", index=True,
        domain="[('election_role', '!=', False), ('state', '=', 'draft')]",
    )
    group_id = fields.Many2one(related="ballot_id.group_id", store=True)
    company_id = fields.Many2one(related="ballot_id.company_id", store=True)
    candidate_partner_id = fields.Many2one(
        "res.partner", string="Candidate", required=True, check_company=True,
    )
    candidate_image = fields.Image(related="candidate_partner_id.avatar_128")
    # who pressed the button (the user's own contact, whatever its company): a record
    # of who nominated, not a link to check against the ballot's company
    nominated_by_partner_id = fields.Many2one(
        "res.partner", string="Nominated by", default=lambda self: self.env.user.partner_id,
    )
    statement = fields.Text(help="Why they would like the role, in their own words.")
    state = fields.Selection(
        [("proposed", "Waiting for the candidate"), ("accepted", "Standing"),
         ("declined", "Said no"), ("withdrawn", "Withdrawn")],
        default="proposed", required=True,
    )
    option_id = fields.Many2one("coprod.ballot.option", readonly=True, ondelete="set null")

    @api.model_create_multi
    def create(self, vals_list):
        nominations = super().create(vals_list)
        for nomination in nominations:
            nomination._check_nomination()
            if nomination.candidate_partner_id == nomination.nominated_by_partner_id:
                nomination.action_accept()
        return nominations

    def _check_nomination(self):
        self.ensure_one()
        ballot = self.ballot_id
        if not ballot.election_role or ballot.state != "draft":
            raise UserError(_("Nominations are for elections that have not opened yet."))
        members = ballot.group_id._current_memberships().filtered("can_vote").partner_id
        if self.candidate_partner_id not in members:
            raise UserError(_("%(name)s is not a voting member of %(group)s, so they cannot stand.",
                              name=self.candidate_partner_id.display_name,
                              group=ballot.group_id.name))
        if ballot.nomination_ids.filtered(
            lambda n: n != self and n.candidate_partner_id == self.candidate_partner_id
            and n.state in ("proposed", "accepted")
        ):
            raise UserError(_("%(name)s is nominated already.",
                              name=self.candidate_partner_id.display_name))

    def _check_candidate_or_officer(self):
        user = self.env.user
        if self.env.su or user.has_group("coprod.group_coprod_officer"):
            return
        if any(nomination.candidate_partner_id != user.partner_id for nomination in self):
            raise UserError(_("Only the candidate (or the facilitator for them) can say yes or no."))

    def action_accept(self):
        """The candidate says yes: they become an option on the ballot."""
        self._check_candidate_or_officer()
        for nomination in self:
            if nomination.ballot_id.state != "draft":
                raise UserError(_("The election has opened: nominations are closed."))
            option = self.env["coprod.ballot.option"].sudo().create({
                "ballot_id": nomination.ballot_id.id,
                "name": nomination.candidate_partner_id.name,
                "candidate_partner_id": nomination.candidate_partner_id.id,
            })
            nomination.sudo().write({"state": "accepted", "option_id": option.id})
        return True

    def action_decline(self):
        self._check_candidate_or_officer()
        for nomination in self:
            if nomination.ballot_id.state != "draft":
                raise UserError(_("The election has opened: nominations are closed."))
            nomination.option_id.sudo().unlink()
            nomination.sudo().write({"state": "declined", "option_id": False})
        return True
