import logging
import random

from markupsafe import Markup
from psycopg2 import OperationalError, errorcodes

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL, format_date, format_datetime, split_every
from odoo.tools.translate import LazyTranslate

from ..voting import Option as CoreOption
from ..voting import TieBreak, VotingError, count, describe, validate_ballot
from ..voting.wording import round_note
from . import ballot_seal
from .coprod_membership import MAX_CO_CHAIRS
from .cron_batch import (
    ask_to_put_right, in_own_settings, put_right, run_in_batch, waiting_to_be_put_right,
)
from .trusted import is_trusted, trusted

_lt = LazyTranslate(__name__)
_logger = logging.getLogger(__name__)

# The options a method ships with: code, label, easy-read label, icon.
FIXED_OPTIONS = {
    "majority": [
        ("yes", _lt("Yes"), _lt("Yes"), "fa-thumbs-up"),
        ("no", _lt("No"), _lt("No"), "fa-thumbs-down"),
        ("abstain", _lt("Abstain"), _lt("I do not want to choose"), "fa-circle-o"),
    ],
    "thumbs": [
        ("agree", _lt("Agree"), _lt("I agree"), "fa-thumbs-up"),
        ("unsure", _lt("Unsure"), _lt("I am not sure"), "fa-question"),
        ("disagree", _lt("Disagree"), _lt("I do not agree"), "fa-thumbs-down"),
    ],
}

BALLOT_METHODS = [
    ("majority", "Yes or no"),
    ("plurality", "Choose one"),
    ("approval", "Choose any you like"),
    ("ranked", "Put in order (ranked)"),
    ("thumbs", "Thumbs: agree, unsure, disagree"),
]
RESULT_STATES = [("won", "Won"), ("tie", "Tie"), ("no_quorum", "No quorum"), ("rejected", "Not agreed")]

# What an open ballot no longer lets anyone change.
LOCKED_WHEN_OPEN = frozenset({
    "name", "easy_read_question", "group_id", "method", "secret", "option_ids",
    "threshold", "quorum_percent", "quorum_min", "hide_results", "election_role",
    "value_ids",
})
# What only the count writes (typed in, it would be a false result). The day it
# closed may be corrected (it is tracked in the chatter).
RESULT_FIELDS = frozenset({
    "turnout", "quorum_met", "result_state", "winner_option_ids", "tie_option_ids",
    "tie_kind", "result_summary", "election_applied", "round_ids", "tie_break_ids",
    "seal_ref",
})
# The guard that opening, closing, counting and cancelling lift (coprod's code only).
COUNTING = "coprod_ballot_counting"


class CoprodBallot(models.Model):
    _name = "coprod.ballot"
    _description = "Ballot"
    _inherit = ["mail.thread", "mail.activity.mixin", "coprod.easy.read.checked"]
    _check_company_auto = True
    _easy_read_fields = ("easy_read_question",)
    _order = "id desc"

    name = fields.Char(string="Question", required=True, tracking=True)
    easy_read_question = fields.Text(string="Easy-read question",
        help="The question in easy read: one short sentence, with a picture for each answer.",
    )
    group_id = fields.Many2one(
        "coprod.group", required=True, index=True, ondelete="restrict", tracking=True,
    )
    meeting_id = fields.Many2one(
        "coprod.meeting", index="btree_not_null", ondelete="restrict", check_company=True,
        domain="[('group_id', '=', group_id)]",
    )
    agenda_item_id = fields.Many2one(
        "coprod.agenda.item", string="Agenda item",
        index="btree_not_null", ondelete="set null", check_company=True,
        domain="[('meeting_id', '=', meeting_id)]",
        help="The result becomes this item's decision when the ballot closes.",
    )
    decision_ids = fields.One2many("coprod.decision", "ballot_id", string="Decisions",
        readonly=True)
    company_id = fields.Many2one(related="group_id.company_id", store=True, index=True)
    method = fields.Selection(
        BALLOT_METHODS,
        required=True,
        default="majority",
        tracking=True,
        help="Yes or no: passes with more yes than no (or two thirds). Choose one: most "
        "votes wins. Choose any: most approvals wins. Ranked: instant run-off for one "
        "seat. Thumbs: agreed when more than half agree.",
    )
    secret = fields.Boolean(
        default=True, tracking=True,
        help="Secret: nobody can see who chose what, only the counts. Not secret: a "
        "show of hands, and everyone sees who chose what.",
    )
    threshold = fields.Selection(
        [("simple", "More yes than no"), ("two_thirds", "Two thirds say yes")],
        default="simple", required=True,
    )
    quorum_percent = fields.Float(
        string="Quorum (%)",
        compute="_compute_quorum", store=True, readonly=False, precompute=True,
    )
    quorum_min = fields.Integer(
        string="Quorum (people)",
        compute="_compute_quorum", store=True, readonly=False, precompute=True,
    )
    hide_results = fields.Boolean(string="Hide results",
        help="Nobody sees any count until the ballot closes. A secret ballot never "
        "shows counts before it closes.",
    )
    date_close = fields.Datetime(
        string="Closes at", help="The ballot closes by itself at this time.", tracking=True,
    )
    state = fields.Selection(
        [("draft", "Draft"), ("open", "Open"), ("closed", "Closed"), ("cancelled", "Cancelled")],
        default="draft", required=True, tracking=True, copy=False,
    )
    cancel_reason = fields.Text(string="Why it was cancelled", copy=False, tracking=True)
    option_ids = fields.One2many("coprod.ballot.option", "ballot_id", string="Options", copy=True)
    voter_ids = fields.One2many("coprod.ballot.voter", "ballot_id", string="Register", copy=False)
    round_ids = fields.One2many("coprod.ballot.round", "ballot_id", string="Rounds", copy=False)
    tie_break_ids = fields.One2many(
        "coprod.ballot.tie.break", "ballot_id", string="Ties resolved", copy=False,
    )
    register_count = fields.Integer(compute="_compute_register_counts", string="On the register")
    voted_count = fields.Integer(compute="_compute_register_counts", string="Have voted")

    # RESULT (stored at closing; recomputed when a tie is resolved)
    turnout = fields.Integer(readonly=True, copy=False)
    quorum_met = fields.Boolean(string="Quorum met", readonly=True, copy=False)
    result_state = fields.Selection(
        RESULT_STATES, string="Result", readonly=True, copy=False, tracking=True,
    )
    winner_option_ids = fields.Many2many(
        "coprod.ballot.option", "coprod_ballot_winner_rel", "ballot_id", "option_id",
        string="Winners", readonly=True, copy=False,
    )
    tie_option_ids = fields.Many2many(
        "coprod.ballot.option", "coprod_ballot_tie_rel", "ballot_id", "option_id",
        string="Tied", readonly=True, copy=False,
        help="The options the chair must choose between.",
    )
    tie_kind = fields.Selection(
        [("eliminate", "Who goes out"), ("win", "Who wins")], string="Kind of tie",
        readonly=True, copy=False,
    )
    result_summary = fields.Text(string="Result summary", readonly=True, copy=False)
    date_closed = fields.Datetime(string="Closed on", readonly=True, copy=False, tracking=True)
    results_visible = fields.Boolean(string="Results visible", compute="_compute_results_visible")
    can_decide_tie = fields.Boolean(
        compute="_compute_can_decide_tie",
        help="The signed-in person may decide this ballot's tie: the chair (a co-chair "
        "of the group) or its facilitator.",
    )
    can_vote = fields.Boolean(
        compute="_compute_can_vote", search="_search_can_vote", string="I can vote",
        help="The signed-in person is on the register, has not voted yet, and the vote is open.",
    )

    # ELECTIONS
    election_role = fields.Selection(
        [("co_chair", "Co-chair")],
        string="Election for",
        help="An election: members nominate candidates; the winner can take the role.",
    )
    nomination_ids = fields.One2many("coprod.ballot.nomination", "ballot_id", string="Nominations")

    # VALUES
    value_ids = fields.Many2many(
        "coprod.value", "coprod_ballot_value_rel", "ballot_id", "value_id",
        string="Values to adopt", domain="[('state', '=', 'proposed')]", check_company=True,
        help="A yes/no or thumbs ballot on these proposed values adopts them all when it "
        "is won. For a ballot that chooses between values, link each option to its value "
        "instead: the winners are adopted.",
    )
    outgoing_membership_id = fields.Many2one(
        "coprod.membership",
        string="Outgoing co-chair",
        check_company=True,
        domain="[('group_id', '=', group_id), ('role', '=', 'co_chair'), ('is_current', '=', True)]",
        help="Whose role ends when the result is applied.",
    )
    election_applied = fields.Boolean(string="Election applied", readonly=True, copy=False)
    active = fields.Boolean(default=True)

    # SECRECY (see ballot_seal.py)
    seal_ref = fields.Char(
        string="Key reference", readonly=True, copy=False,
        help="Names the file, outside the database, that holds the key sealing the "
        "papers of this secret ballot while it is open (no secret itself).",
    )
    seal_lost = fields.Boolean(
        string="Key missing", compute="_compute_seal_lost",
        help="This secret ballot's key is missing from the server's files: its papers "
        "cannot be written or counted.",
    )

    # ------------------------------------------------------------
    # COMPUTES
    # ------------------------------------------------------------

    @api.depends("group_id")
    def _compute_quorum(self):
        for ballot in self:
            if ballot.state == "draft" or not ballot.state:
                ballot.quorum_percent = ballot.group_id.quorum_percent
                ballot.quorum_min = ballot.group_id.quorum_min

    def _compute_register_counts(self):
        data = self.env["coprod.ballot.voter"].sudo()._read_group(
            [("ballot_id", "in", self.ids)], ["ballot_id", "has_voted"], ["__count"]
        )
        counts = {}
        for ballot, has_voted, number in data:
            registered, voted = counts.get(ballot.id, (0, 0))
            counts[ballot.id] = (registered + number, voted + (number if has_voted else 0))
        for ballot in self:
            ballot.register_count, ballot.voted_count = counts.get(ballot.id, (0, 0))

    @api.depends_context("uid")
    @api.depends("state", "date_close")
    def _compute_can_vote(self):
        partner = self.env.user.partner_id
        now = fields.Datetime.now()
        open_ballots = self.filtered(
            lambda b: b.state == "open" and (not b.date_close or b.date_close > now))
        waiting = self.env["coprod.ballot.voter"].sudo().search([
            ("ballot_id", "in", open_ballots.ids), ("partner_id", "=", partner.id),
            ("has_voted", "=", False),
        ]).ballot_id if open_ballots.ids else self.browse()
        for ballot in self:
            ballot.can_vote = ballot in waiting

    def _search_can_vote(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Search \"I can vote\" for yes or no only."))
        domain = [
            ("state", "=", "open"),
            "|", ("date_close", "=", False), ("date_close", ">", fields.Datetime.now()),
            ("voter_ids", "any", [
                ("partner_id", "=", self.env.user.partner_id.id), ("has_voted", "=", False),
            ]),
        ]
        if (operator == "=") != value:
            return ["!", *expression.normalize_domain(domain)]
        return domain

    @api.depends_context("uid")
    @api.depends("state", "result_state", "group_id.co_chair_partner_ids")
    def _compute_can_decide_tie(self):
        for ballot in self:
            ballot.can_decide_tie = (
                ballot.state == "closed" and ballot.result_state == "tie" and ballot._can_decide_tie())

    def _can_decide_tie(self):
        """The chair decides a tie: a current co-chair of the group, its facilitator,
        or an officer."""
        self.ensure_one()
        user = self.env.user
        return bool(
            self.env.su or user.has_group("coprod.group_coprod_officer")
            or user.partner_id in self.sudo().group_id.co_chair_partner_ids)

    @api.depends("state", "secret", "seal_ref")
    def _compute_seal_lost(self):
        dbname = self.env.cr.dbname
        for ballot in self:
            ballot.seal_lost = (
                ballot.state == "open" and ballot.secret
                and not ballot_seal.has_key(dbname, ballot.id, ballot.seal_ref))

    @api.depends("state", "hide_results", "secret")
    def _compute_results_visible(self):
        # A secret ballot shows no count while open: counts that change as each
        # person on the register votes would tell what that person chose.
        for ballot in self:
            ballot.results_visible = ballot.state == "closed" or (
                ballot.state == "open" and not ballot.hide_results and not ballot.secret
            )

    # ------------------------------------------------------------
    # CONSTRAINTS AND ONCHANGES
    # ------------------------------------------------------------

    @api.constrains("meeting_id", "group_id")
    def _check_meeting_group(self):
        for ballot in self:
            if ballot.meeting_id and ballot.meeting_id.group_id != ballot.group_id:
                raise ValidationError(_(
                    "The ballot \"%(name)s\" must belong to the group of its meeting.",
                    name=ballot.name,
                ))

    @api.constrains("quorum_percent", "quorum_min")
    def _check_quorum(self):
        for ballot in self:
            if not 0 <= ballot.quorum_percent <= 100 or ballot.quorum_min < 0:
                raise ValidationError(_("A quorum is between 0 and 100 percent, and 0 people or more."))

    @api.onchange("method")
    def _onchange_method(self):
        if self.method in FIXED_OPTIONS:
            self.option_ids = [fields.Command.clear()] + [
                fields.Command.create(vals) for vals in self._fixed_option_values(self.method)
            ]
        elif self.option_ids.filtered("code"):
            self.option_ids = [fields.Command.clear()]

    @api.model
    def _fixed_option_values(self, method):
        return [
            {"code": code, "name": label._translate(self.env.lang),
             "easy_read_label": easy._translate(self.env.lang), "icon": icon, "sequence": n}
            for n, (code, label, easy, icon) in enumerate(FIXED_OPTIONS[method])
        ]

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        ballots = super().create(vals_list)
        for ballot in ballots:
            if ballot.method in FIXED_OPTIONS and not ballot.option_ids:
                ballot.option_ids = [
                    fields.Command.create(vals) for vals in self._fixed_option_values(ballot.method)
                ]
        return ballots

    def write(self, vals):
        counting = is_trusted(self, COUNTING)
        locked = LOCKED_WHEN_OPEN.intersection(vals)
        if locked and not counting:
            for ballot in self:
                if ballot.state != "draft":
                    raise UserError(_(
                        "\"%(name)s\" is %(state)s: its question, options and rules can "
                        "no longer change. Nothing was changed.",
                        name=ballot.name, state=ballot._state_label(),
                    ))
        if "state" in vals and not counting:
            raise UserError(_("Use the buttons to open, close or cancel a ballot."))
        if RESULT_FIELDS.intersection(vals) and not counting:
            raise UserError(_("The result is counted by coprod; it cannot be typed in."))
        if "method" in vals:
            result = super().write(vals)
            for ballot in self:
                ballot._onchange_method()
            return result
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        for ballot in self:
            if ballot.state in ("open", "closed") or ballot.voter_ids.filtered("has_voted"):
                raise UserError(_(
                    "\"%(name)s\" has been open for voting, so it cannot be deleted. "
                    "Archive it instead: its result stays.",
                    name=ballot.name,
                ))

    def _state_label(self):
        self.ensure_one()
        return dict(self._fields["state"]._description_selection(self.env))[self.state].lower()

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_open(self):
        """Open the vote: fix the register (current members of the group who can vote)
        and lock the question and options. Same number of queries for 10 voters or 500."""
        for ballot in self:
            if ballot.state != "draft":
                raise UserError(_("Only a draft ballot can be opened; \"%(name)s\" is %(state)s.",
                                  name=ballot.name, state=ballot._state_label()))
            ballot._check_options()
            if ballot.date_close and ballot.date_close <= fields.Datetime.now():
                # it would close by itself within the hour, before people have voted
                raise UserError(_(
                    "%(name)s was set to close at %(time)s, which has passed. Change "
                    "\"Closes at\" to a later time, or clear it, then open the vote.",
                    name=ballot.name, time=format_datetime(self.env, ballot.date_close)))
        self.check_access("write")
        self.env.flush_all()
        today = fields.Date.context_today(self)
        self.env.cr.execute(SQL(
            """
            INSERT INTO coprod_ballot_voter (ballot_id, partner_id, has_voted, assisted)
            SELECT DISTINCT ballot.id, membership.partner_id, FALSE, FALSE
              FROM coprod_ballot ballot
              JOIN coprod_membership membership ON membership.group_id = ballot.group_id
             WHERE ballot.id IN %(ids)s
               AND membership.can_vote
               AND membership.date_start <= %(today)s
               AND (membership.date_end IS NULL OR membership.date_end >= %(today)s)
                ON CONFLICT (ballot_id, partner_id) DO NOTHING
            """, ids=tuple(self.ids), today=today,
        ))
        self.env["coprod.ballot.voter"].invalidate_model()
        self.env["coprod.ballot.vote"].invalidate_model()
        self.invalidate_recordset(["voter_ids"])
        empty = self.filtered(lambda b: not b.voter_ids)
        if empty:
            raise UserError(_(
                "Nobody in %(group)s can vote, so \"%(name)s\" cannot open. Check the "
                "members and their right to vote.",
                group=empty[0].group_id.name, name=empty[0].name,
            ))
        trusted(self, COUNTING).write({"state": "open"})
        for ballot in self.filtered("secret"):
            # the key that seals its papers while it is open (see ballot_seal.py); a
            # key whose opening is rolled back is collected later by the cron
            trusted(ballot, COUNTING).write(
                {"seal_ref": ballot_seal.new_key(self.env.cr.dbname, ballot.id)})
        return True

    def _check_options(self):
        self.ensure_one()
        options = self.option_ids
        if self.method in FIXED_OPTIONS:
            codes = sorted(options.mapped("code"))
            if codes != sorted(code for code, *_rest in FIXED_OPTIONS[self.method]):
                raise UserError(_("\"%(name)s\" needs its standard answers back before it opens.",
                                  name=self.name))
        elif len(options) < 2:
            raise UserError(_("\"%(name)s\" needs at least two options to choose from.",
                              name=self.name))
        if self.election_role and options.filtered(lambda o: not o.candidate_partner_id):
            raise UserError(_("In an election every option is a candidate."))

    def cast_vote(self, partner, options, recorded_by=None, assisted=False):
        """Record one person's vote.

        :param partner: the voter (res.partner, or its id over RPC), who must be on
            the register and not have voted yet
        :param options: a coprod.ballot.option recordset, or a list of options (or of
            their ids) in order (the order is the ranking for ranked ballots)
        :param recorded_by: the officer (res.users, or its id) who records the vote
            for the voter, in a meeting or from a paper ballot
        :param assisted: the voter was helped to vote

        A vote is counted or refused, never lost: it holds a share lock on the
        ballot's row while it is written, and closing takes the row for update
        before it reads a paper, so a vote either commits before the count reads the
        papers or finds the ballot closed ("This vote has ended") and leaves nothing,
        the register included. Two casts for the same voter at the same moment count
        once: the second waits for nothing and gets a clear error.
        """
        self.ensure_one()
        partner, chosen, recorded_by = self._vote_arguments(partner, options, recorded_by)
        self.check_access("read")
        ballot_row = self._lock_for_voting()
        user = self.env.user
        officer = self.env.su or user.has_group("coprod.group_coprod_officer")
        if recorded_by or partner != user.partner_id:
            if not officer:
                raise UserError(_("Only a facilitator can record someone else's vote."))
            recorded_by = recorded_by or user
        if any(option not in self.option_ids for option in chosen):
            raise UserError(_(
                "One of these choices is not an option of \"%(ballot)s\": it may belong to "
                "another ballot. Choose from: %(names)s.",
                ballot=self.name, names=", ".join(self.option_ids.mapped("display_name")),
            ))
        try:
            choice = validate_ballot(
                self.method, self._core_options(), [option.id for option in chosen]
            )
        except VotingError as error:
            raise UserError(str(error)) from None
        keys = ",".join(str(key) for key in choice)
        paper = None
        if ballot_row["secret"]:
            paper = self._seal_paper(ballot_row["seal_ref"], keys)

        cr = self.env.cr
        try:
            with cr.savepoint(flush=False):
                cr.execute(SQL(
                    "SELECT id, has_voted FROM coprod_ballot_voter "
                    "WHERE ballot_id = %s AND partner_id = %s FOR UPDATE NOWAIT",
                    self.id, partner.id,
                ), log_exceptions=False)  # a lock held elsewhere is expected: see below
                row = cr.fetchone()
        except OperationalError as error:
            if error.pgcode != errorcodes.LOCK_NOT_AVAILABLE:
                raise
            raise UserError(_(
                "The vote of %(name)s is being recorded right now. It counts once.",
                name=partner.display_name,
            )) from None
        if not row:
            raise UserError(_("%(name)s is not on the register of \"%(ballot)s\".",
                              name=partner.display_name, ballot=self.name))
        voter_id, has_voted = row
        if has_voted:
            raise UserError(_("%(name)s has voted already. Each person votes once.",
                              name=partner.display_name))
        cr.execute(SQL(
            "UPDATE coprod_ballot_voter SET has_voted = TRUE, assisted = %s, "
            "recorded_by_user_id = %s WHERE id = %s",
            bool(assisted), recorded_by.id if recorded_by else None, voter_id,
        ))
        if paper:
            # a sealed paper: no partner, no user, no date, no readable choice
            cr.execute(SQL("INSERT INTO coprod_ballot_vote (ballot_id, sealed_choice) VALUES (%s, %s)",
                           self.id, paper))
        else:
            cr.execute(SQL(
                "INSERT INTO coprod_ballot_vote (ballot_id, partner_id, choice, option_id) "
                "VALUES (%s, %s, %s, %s)", self.id, partner.id, keys, choice[0],
            ))
        self.env["coprod.ballot.voter"].invalidate_model()
        self.env["coprod.ballot.vote"].invalidate_model()
        return True

    def _vote_arguments(self, partner, options, recorded_by):
        """cast_vote's arguments as records, from records or ids (an RPC call sends
        ids), in plain words when they are neither."""
        def as_id(value):
            if isinstance(value, bool) or not isinstance(value, int):
                raise UserError(_("Choose the person and their choices from the lists "
                                  "(an id is a whole number)."))
            return value

        if not isinstance(partner, models.BaseModel):
            partner = self.env["res.partner"].browse(as_id(partner))
        partner = partner.exists()
        if len(partner) != 1:
            raise UserError(_("This person is not on the register. Choose someone from the list."))
        if isinstance(options, models.BaseModel):
            chosen = list(options)
        else:
            if isinstance(options, int) and not isinstance(options, bool):
                options = [options]
            if not isinstance(options, (list, tuple)):
                raise UserError(_("Choose at least one answer from the list."))
            Option = self.env["coprod.ballot.option"]
            chosen = [option if isinstance(option, models.BaseModel) else Option.browse(as_id(option))
                      for option in options]
        if recorded_by and not isinstance(recorded_by, models.BaseModel):
            recorded_by = self.env["res.users"].browse(as_id(recorded_by)).exists()
        return partner, chosen, recorded_by or None

    def _lock_for_voting(self):
        """Read the ballot's state under a share lock, held until the vote commits:
        closing (which takes the row for update) waits for votes being written, and
        a vote waits for a close being written, then finds the ballot closed.

        Under Odoo's repeatable read, a vote whose transaction began before a close
        committed gets a serialization error here instead; Odoo runs the request
        again, and the second time it reads "This vote has ended"."""
        self.flush_recordset()
        self.env.cr.execute(SQL(
            "SELECT state, date_close, secret, seal_ref FROM coprod_ballot WHERE id = %s FOR SHARE",
            self.id,
        ))
        state, date_close, secret, seal_ref = self.env.cr.fetchone()
        if state != "open":
            self.invalidate_recordset(["state"])
            if state == "closed":
                raise UserError(_("This vote has ended. \"%(name)s\" is closed, so your vote "
                                  "was not recorded.", name=self.name))
            if state == "cancelled":
                raise UserError(_("\"%(name)s\" is cancelled, so your vote was not recorded.",
                                  name=self.name))
            raise UserError(_("\"%(name)s\" is not open yet. You can vote when it opens.",
                              name=self.name))
        if date_close and date_close <= fields.Datetime.now():
            # its closing time was promised to everyone (it closes within minutes)
            ended = _("This vote has ended. \"%(name)s\" ended at %(time)s, so votes are "
                      "no longer taken.",
                      name=self.name, time=format_datetime(self.env, date_close))
            if self.env.su or self.env.user.has_group("coprod.group_coprod_officer"):
                ended += " " + _("To take more votes, change \"Closes at\" to a later time.")
            raise UserError(ended)
        return {"secret": secret, "seal_ref": seal_ref}

    def _seal_paper(self, seal_ref, keys):
        """``keys`` (a choice such as "12,9,14") sealed with the ballot's key, the
        same length for every paper of the ballot."""
        width = len(",".join(str(key) for key in self.option_ids.ids))
        try:
            return ballot_seal.seal(self.env.cr.dbname, self.id, seal_ref, keys, width)
        except ballot_seal.SealError:
            raise UserError(self._seal_lost_message()) from None

    def _seal_lost_message(self):
        return _(
            "The secret key of \"%(name)s\" is missing from the server's files, so its "
            "papers cannot be written or counted, and your vote was not recorded. The "
            "facilitator must cancel this ballot and hold the vote again.", name=self.name)

    def _core_options(self):
        # The label names the option in the core's messages ("Amy is chosen more than once").
        return [CoreOption(option.id, option.code or None, option.display_name)
                for option in self.option_ids]

    def action_close(self):
        """Close the vote, count it with coprod's counting rules, and store the result.

        The ballot's row is taken for update first: votes being written finish
        before any paper is read, and votes that come later find it closed. Every
        vote that was accepted is counted: papers = register rows marked voted =
        turnout, or nothing is closed."""
        self.check_access("write")  # before the papers are touched in SQL
        self._lock_for_closing()
        for ballot in self:
            if ballot.state != "open":
                raise UserError(_("Only an open ballot can be closed; \"%(name)s\" is %(state)s.",
                                  name=ballot.name, state=ballot._state_label()))
        for ballot in self:
            ballot._unseal_votes()
            trusted(ballot, COUNTING).write(
                {"state": "closed", "date_closed": fields.Datetime.now()})
            ballot._count()
            ballot._record_decision()
            ballot._adopt_values()
        self._destroy_seals_after_commit()
        put_right(self)
        return True

    def _lock_for_closing(self):
        """Take the ballots' rows for update (waiting for the votes being written),
        and read their state as it is now."""
        self.flush_recordset()
        self.env.cr.execute(SQL(
            "SELECT id FROM coprod_ballot WHERE id IN %s ORDER BY id FOR UPDATE", tuple(self.ids),
        ))
        self.invalidate_recordset(["state"])

    def _unseal_votes(self):
        """Open the papers for the count, so that nothing links them to anyone.

        The register is written again in a random order: its rows' ids, physical
        order and ``xmin`` no longer replay the order of voting (and a vote that
        committed after this transaction began makes this fail with a
        serialization error, and the close is run again: it is never left out). A
        secret ballot's papers are opened with its key, shuffled, and written again
        in clear; its key is destroyed once this is committed.
        """
        self.ensure_one()
        cr = self.env.cr
        rng = random.SystemRandom()
        cr.execute(SQL(
            "DELETE FROM coprod_ballot_voter WHERE ballot_id = %s "
            "RETURNING partner_id, has_voted, assisted, recorded_by_user_id", self.id,
        ))
        register = cr.fetchall()
        rng.shuffle(register)
        for chunk in split_every(1000, register):
            cr.execute(SQL(
                "INSERT INTO coprod_ballot_voter (ballot_id, partner_id, has_voted, assisted, "
                "recorded_by_user_id) VALUES %s",
                SQL(", ").join(SQL("(%s, %s, %s, %s, %s)", self.id, *row) for row in chunk),
            ))
        voted = sum(1 for row in register if row[1])
        if self.secret:
            cr.execute(SQL(
                "DELETE FROM coprod_ballot_vote WHERE ballot_id = %s RETURNING choice, sealed_choice",
                self.id,
            ))
            papers = cr.fetchall()
            choices = [choice for choice, sealed in papers if choice and not sealed]
            sealed = [sealed for _choice, sealed in papers if sealed]
            if sealed:
                try:
                    open_paper = ballot_seal.opener(cr.dbname, self.id, self.seal_ref)
                    choices += [open_paper(paper) for paper in sealed]
                except ballot_seal.SealError as error:
                    _logger.error("coprod: ballot %s cannot be counted: %s", self.id, error)
                    raise UserError(self._seal_unreadable_message()) from None
            rng.shuffle(choices)
            for chunk in split_every(1000, choices):
                cr.execute(SQL(
                    "INSERT INTO coprod_ballot_vote (ballot_id, choice, option_id) VALUES %s",
                    SQL(", ").join(SQL("(%s, %s, %s)", self.id, choice, int(choice.split(",")[0]))
                                   for choice in chunk),
                ))
            counted = len(choices)
        else:
            cr.execute(SQL("SELECT count(*) FROM coprod_ballot_vote WHERE ballot_id = %s", self.id))
            counted = cr.fetchone()[0]
        if counted != voted:
            _logger.error("coprod: ballot %s has %s papers for %s people who voted",
                          self.id, counted, voted)
            raise UserError(_(
                "\"%(name)s\" was not closed: it has %(papers)s papers, but %(voted)s people "
                "voted. Nothing was counted. Tell your administrator.",
                name=self.name, papers=counted, voted=voted))
        self.env["coprod.ballot.voter"].invalidate_model()
        self.env["coprod.ballot.vote"].invalidate_model()
        self.invalidate_recordset(["voter_ids"])

    def _seal_unreadable_message(self):
        return _(
            "The papers of \"%(name)s\" cannot be opened: its secret key is missing from "
            "the server's files, or damaged. Nobody can count them, so it stays open. "
            "Cancel this ballot (say why), and hold the vote again. Nobody's vote was "
            "counted.", name=self.name)

    def _destroy_seals_after_commit(self):
        """Destroy the keys of these secret ballots once their closing (or
        cancelling) is committed: never before, so that a close rolled back leaves
        the ballot open with its key. A key that outlives a crash is collected by
        the scheduled action."""
        keys = [(ballot.id, ballot.seal_ref) for ballot in self if ballot.seal_ref]
        if not keys:
            return
        dbname = self.env.cr.dbname

        def destroy():
            for ballot_id, ref in keys:
                ballot_seal.destroy(dbname, ballot_id, ref)
        self.env.cr.postcommit.add(destroy)

    def _read_choices(self):
        """Every paper's choice, as tuples of option ids (counting reads them as sudo)."""
        self.ensure_one()
        self.env.cr.execute(SQL(
            "SELECT choice FROM coprod_ballot_vote WHERE ballot_id = %s AND choice IS NOT NULL",
            self.id,
        ))
        return [tuple(int(key) for key in choice.split(",")) for (choice,) in self.env.cr.fetchall()]

    def _core_result(self):
        self.ensure_one()
        tie_breaks = [
            TieBreak(kind=tb.kind, tied=frozenset(tb.tied_option_ids.ids),
                     chosen=tb.chosen_option_id.id, reason=tb.reason or "")
            for tb in self.tie_break_ids
        ]
        return count(
            self.method, self._core_options(),
            self._read_choices(),
            eligible=len(self.voter_ids), quorum_min=self.quorum_min,
            quorum_percent=self.quorum_percent, threshold=self.threshold,
            tie_breaks=tie_breaks,
        )

    def _count(self):
        """Count the papers and store turnout, quorum, rounds and winners."""
        self.ensure_one()
        result = self._core_result()
        labels = {option.id: option.display_name for option in self.option_ids}

        def name_of(key):
            return labels.get(key, str(key))

        # rounds are written by the count only (nobody has the right to edit them)
        self.round_ids.sudo().unlink()
        self.env["coprod.ballot.round"].sudo().create([
            {
                "ballot_id": self.id,
                "number": rnd.number,
                "exhausted": rnd.exhausted,
                "note": round_note(result, rnd, name_of),
                "eliminated_option_ids": [fields.Command.set(list(rnd.eliminated))],
                "line_ids": [
                    fields.Command.create({"option_id": key, "votes": votes})
                    for key, votes in rnd.counts.items()
                ],
            }
            for rnd in result.rounds
        ])
        trusted(self, COUNTING).write({
            "turnout": result.turnout,
            "quorum_met": result.quorum_met,
            "result_state": result.state,
            "winner_option_ids": [fields.Command.set(list(result.winners))],
            "tie_option_ids": [fields.Command.set(list(result.tied))],
            "tie_kind": result.tie_kind or False,
            "result_summary": "\n".join(describe(result, labels)),
        })
        self.message_post(
            body=Markup("<p>%s</p>") % _("The votes were counted.") + Markup("<br/>").join(
                describe(result, labels)),
            subtype_xmlid="mail.mt_note",
        )

    def _record_decision(self):
        """The result of a ballot held at a meeting becomes that meeting's decision,
        only in a meeting of the ballot's own group."""
        self.ensure_one()
        meeting = self.meeting_id or self.agenda_item_id.meeting_id
        if (not meeting or meeting.group_id != self.group_id or meeting.state == "done"
                or self.decision_ids):
            return
        item = self.agenda_item_id.filtered(lambda i: i.meeting_id == meeting)
        text = _("We voted on: %(question)s\n%(result)s",
                 question=self.name, result=self.result_summary or "")
        self.env["coprod.decision"].create({
            "meeting_id": meeting.id,
            "agenda_item_id": item.id,
            "ballot_id": self.id,
            "text": text,
            "easy_read_text": self.result_summary,
        })

    def _values_won(self):
        """The proposed values that this ballot's result adopts."""
        self.ensure_one()
        if self.result_state != "won":
            return self.env["coprod.value"]
        if self.method in FIXED_OPTIONS:
            if set(self.winner_option_ids.mapped("code")) & {"yes", "agree"}:
                return self.value_ids.filtered(lambda v: v.state == "proposed")
            return self.env["coprod.value"]
        return self.winner_option_ids.value_id.filtered(lambda v: v.state == "proposed")

    def _adopt_values(self):
        values = self._values_won()
        if not values:
            return
        values.write({
            "adopted_ballot_id": self.id,
            "adopted_decision_id": self.decision_ids[:1].id,
        })
        values.action_adopt()

    def action_resolve_tie(self, options, reason):
        """Record the chair's decision on a tie (for example lots drawn in the room)
        and its reason, then count again with it.

        :param options: for a tie on who wins, the winner; for a tie on who goes out
            of a ranked count, the option that goes out (one option either way)
        """
        self.ensure_one()
        self.check_access("write")
        if self.state != "closed" or self.result_state != "tie":
            raise UserError(_("There is no tie to resolve on \"%(name)s\".", name=self.name))
        if not (reason or "").strip():
            raise UserError(_("Say how the tie was decided (for example: we drew lots)."))
        options = self.env["coprod.ballot.option"].union(*options) if not isinstance(
            options, models.BaseModel) else options
        if len(options) != 1 or options not in self.tie_option_ids:
            raise UserError(_("Choose one of the tied options: %(names)s.",
                              names=", ".join(self.tie_option_ids.mapped("display_name"))))
        # written here only, after the checks above (nobody edits a tie-break)
        self.env["coprod.ballot.tie.break"].sudo().create({
            "ballot_id": self.id,
            "kind": self.tie_kind,
            "tied_option_ids": [fields.Command.set(self.tie_option_ids.ids)],
            "chosen_option_id": options.id,
            "reason": reason,
        })
        self.message_post(
            body=_("The tie between %(names)s was decided: %(chosen)s. Why: %(reason)s",
                   names=", ".join(self.tie_option_ids.mapped("display_name")),
                   chosen=options.display_name, reason=reason),
            subtype_xmlid="mail.mt_note",
        )
        self._count()
        open_decisions = self.decision_ids.filtered(lambda d: d.meeting_id.state != "done")
        if open_decisions:
            open_decisions.write({
                "text": _("We voted on: %(question)s\n%(result)s",
                          question=self.name, result=self.result_summary or ""),
                "easy_read_text": self.result_summary,
            })
        else:
            self._record_decision()
        self._adopt_values()
        return True

    def action_decide_tie(self):
        """Decide the tie: who wins (or, in a ranked count, who goes out), and how it
        was decided in the room."""
        self.ensure_one()
        if self.state != "closed" or self.result_state != "tie":
            raise UserError(_("There is no tie to decide on \"%(name)s\".", name=self.name))
        if not self._can_decide_tie():
            raise UserError(_("Only the chair (a co-chair of %(group)s) or its facilitator "
                              "decides a tie.", group=self.group_id.display_name))
        title = _("Who goes out?") if self.tie_kind == "eliminate" else _("Who wins?")
        return {
            "type": "ir.actions.act_window",
            "res_model": "coprod.ballot.tie",
            "name": title,
            "view_mode": "form",
            "views": [(self.env.ref("coprod.coprod_ballot_tie_view_form").id, "form")],
            "target": "new",
            "context": {"default_ballot_id": self.id},
        }

    def action_cancel(self):
        for ballot in self:
            if ballot.state == "closed":
                raise UserError(_("\"%(name)s\" is closed: its result stands.", name=ballot.name))
            if not (ballot.cancel_reason or "").strip():
                raise UserError(_("Say why \"%(name)s\" is cancelled (fill in the reason).",
                                  name=ballot.name))
        trusted(self, COUNTING).write({"state": "cancelled"})
        self._destroy_seals_after_commit()
        return True

    def _check_room_for_co_chair(self, outgoing, day):
        """A new co-chair from `day` on (the outgoing co-chair's role ending the day
        before) keeps the group at two co-chairs at most, now and when the terms
        already planned start."""
        Membership = self.env["coprod.membership"].sudo()
        terms = Membership.search([
            ("group_id", "=", self.group_id.id), ("role", "=", "co_chair"),
            "|", ("date_end", "=", False), ("date_end", ">=", day),
        ]) - outgoing
        days = [day] + [term.date_start for term in terms if term.date_start > day]
        crowded, at_once = Membership._co_chairs_crowded(terms, days, room=MAX_CO_CHAIRS - 1)
        if crowded:
            raise UserError(_(
                "%(group)s has two co-chairs already: %(names)s. Choose whose role "
                "ends (Outgoing co-chair, on the ballot), then apply the result.",
                group=self.group_id.name,
                names=", ".join(at_once.partner_id.mapped("display_name"))))

    def action_apply_election(self):
        """The winner of a co-chair election becomes co-chair today; the outgoing
        co-chair's role ends yesterday (they stay a member). Written in the chatter."""
        self.ensure_one()
        if not self.election_role or self.state != "closed" or self.result_state != "won":
            raise UserError(_("Only a closed election with a winner can be applied."))
        if self.election_applied:
            raise UserError(_("The result of \"%(name)s\" is applied already.", name=self.name))
        winner = self.winner_option_ids.candidate_partner_id
        today = fields.Date.context_today(self)
        outgoing = self.outgoing_membership_id
        if outgoing.partner_id == winner:
            outgoing = self.env["coprod.membership"]  # re-elected: nothing changes
        if outgoing:
            outgoing._change_role("member", today)
        winning = self.env["coprod.membership"].search([
            ("group_id", "=", self.group_id.id), ("is_current", "=", True),
            ("partner_id", "=", winner.id),
        ], limit=1)
        if not winning:
            raise UserError(_("%(name)s is no longer a member of %(group)s, so they cannot "
                              "become co-chair.", name=winner.display_name, group=self.group_id.name))
        if winning.role != "co_chair":
            self._check_room_for_co_chair(outgoing, today)
            winning._change_role("co_chair", today)
        trusted(self, COUNTING).write({"election_applied": True})
        self.message_post(
            body=_("Result applied: %(winner)s is co-chair from %(date)s.%(outgoing)s",
                   winner=winner.display_name, date=format_date(self.env, today),
                   outgoing=(_(" %(name)s's role as co-chair ended.",
                               name=outgoing.partner_id.display_name)
                             if outgoing else "")),
            subtype_xmlid="mail.mt_note",
        )
        return True

    @api.onchange("easy_read_question")
    def _onchange_easy_read_question(self):
        return self._easy_read_warning("easy_read_question")

    def action_view_chart(self):
        """The counts of every round as a bar chart."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("coprod.coprod_ballot_round_line_action")
        action["domain"] = [("ballot_id", "=", self.id)]
        action["display_name"] = self.name
        return action

    def action_open_register_screen(self):
        """The voting register screen: record the room's votes one person at a time."""
        self.ensure_one()
        return {
            "type": "ir.actions.client",
            "tag": "coprod_voting_register",
            "name": self.name,
            "params": {"ballot_id": self.id},
        }

    def action_vote(self):
        """The signed-in person's own vote: the voting register screen with their
        own ballot paper only (no list of people, nobody else's vote)."""
        self.ensure_one()
        if not self.can_vote:
            raise UserError(self._why_not_own_vote())
        return {
            "type": "ir.actions.client",
            "tag": "coprod_voting_register",
            "name": self.name,
            "params": {"ballot_id": self.id, "own_vote": True},
        }

    def _why_not_own_vote(self):
        """Why the signed-in person cannot vote in this ballot now, in plain words."""
        self.ensure_one()
        if self.state != "open":
            return _("This vote is not open. You can vote only while it is open.")
        if self.date_close and self.date_close <= fields.Datetime.now():
            return _("This vote has ended. You cannot vote now.")
        voter = self._own_voter()
        if not voter:
            return _("You are not on the list of people who vote in \"%(name)s\".", name=self.name)
        return _("You have voted already. Each person votes once.")

    def _own_voter(self):
        """The signed-in person's line on the register (read as the system: a
        member sees their own line only through this)."""
        self.ensure_one()
        return self.env["coprod.ballot.voter"].sudo().search([
            ("ballot_id", "=", self.id), ("partner_id", "=", self.env.user.partner_id.id),
        ], limit=1)

    # ------------------------------------------------------------
    # VOTING REGISTER SCREEN
    # ------------------------------------------------------------

    def register_screen_data(self, own_vote=False):
        """What the voting register screen (client action ``coprod_voting_register``)
        shows: the question, the options with their pictures, the people on the
        register who have not voted yet, and how many people have voted.

        With ``own_vote``, and always for someone without officer rights, the
        screen is the signed-in person's own: ``voters`` is only themselves (if they
        have not voted yet), never the list of who has not voted.

        It never says what anyone chose, and no count of votes for an option."""
        self.ensure_one()
        self.check_access("read")
        own_vote = own_vote or not (
            self.env.su or self.env.user.has_group("coprod.group_coprod_officer"))
        options = self.option_ids.with_context(bin_size=True)
        if own_vote:
            # how many have voted, as the form's counts say (never who)
            self.invalidate_recordset(["register_count", "voted_count", "can_vote"])
            waiting = self._own_voter() if self.can_vote else self.env["coprod.ballot.voter"]
            register_count, voted_count = self.register_count, self.voted_count
        else:
            voters = self.voter_ids
            waiting = voters.filtered(lambda v: not v.has_voted).sorted(
                lambda v: ((v.partner_id.name or "").lower(), v.partner_id.id))
            register_count = len(voters)
            voted_count = register_count - len(waiting)
        photos = self._screen_photo_partners(waiting.partner_id | options.candidate_partner_id)
        data = {
            "id": self.id,
            "name": self.name,
            "easy_read_question": self.easy_read_question or "",
            "method": self.method,
            "secret": self.secret,
            "state": self.state,
            "options": [
                {
                    "id": option.id,
                    "name": option.name,
                    "easy_read_label": option.easy_read_label or "",
                    "icon": option.icon or "",
                    "has_image": bool(option.image),
                    "candidate_partner_id": option.candidate_partner_id.id or False,
                    "picture": self._screen_option_picture(option, photos),
                }
                for option in options
            ],
            "voters": [
                {"partner_id": voter.partner_id.id, "name": voter.partner_id.display_name,
                 "photo": voter.partner_id in photos}
                for voter in waiting
            ],
            "voted_count": voted_count,
            "register_count": register_count,
            "own_vote": own_vote,
            # who taps the choices when staff record the votes (the screen says so)
            "helper_name": self.env.user.name,
        }
        if own_vote:
            data["own_message"] = "" if waiting else self._why_not_own_vote()
        return data

    def _screen_photo_partners(self, partners):
        """Of ``partners``, those whose photo the screen may show: they agreed to it
        (Photo consent, as members of the ballot's group) and have a photo."""
        consenting = self.env["coprod.membership"].sudo().search([
            ("group_id", "=", self.group_id.id), ("partner_id", "in", partners.ids),
            ("consent_photo", "=", True), ("is_current", "=", True),
        ]).partner_id
        # a partner with no photo has a drawn avatar (an SVG file)
        return consenting.filtered(lambda partner: partner._coprod_has_photo())

    @staticmethod
    def _screen_option_picture(option, photos):
        """An option's picture on the screen, in the papers' order: the candidate's
        photo (with consent), the option's own picture, chosen or suggested pictogram
        or icon. A candidate is a person: nothing is suggested from their name."""
        candidate = option.candidate_partner_id
        if candidate and candidate in photos:
            return {"url": f"/web/image/res.partner/{candidate.id}/avatar_128"}
        if not option._coprod_own_picture():
            return {"icon": "fa-user"}
        if option.picture_image:
            return {"url": f"/web/image/coprod.ballot.option/{option.id}/picture_image"}
        return {"icon": option.picture_icon or ("fa-user" if candidate else "fa-circle-o")}

    def register_screen_cast(self, partner_id, option_ids, assisted=False, own_vote=False):
        """Record one person's vote from the voting register screen, by the user at
        the screen (the facilitator, or the voter themselves), and return the
        screen's fresh data.

        :param partner_id: the voter's res.partner id
        :param option_ids: the chosen option ids, in order (the ranking for ranked)
        :param assisted: the voter was helped to vote
        :param own_vote: the screen is the signed-in person's own vote
        """
        self.ensure_one()
        partner = self.env["res.partner"].browse(int(partner_id)).exists()
        if not partner:
            raise UserError(_("This person is not on the register. Choose someone from the list."))
        options = self.env["coprod.ballot.option"].browse([int(key) for key in option_ids or []])
        # a person's own vote is theirs: nobody recorded it for them
        recorded_by = self.env.user if partner != self.env.user.partner_id else None
        self.cast_vote(partner, options, recorded_by=recorded_by, assisted=bool(assisted))
        return self.register_screen_data(own_vote=own_vote)

    # ------------------------------------------------------------
    # SCHEDULED ACTIONS
    # ------------------------------------------------------------

    @api.model
    def _cron_close_due(self):
        """Close the open ballots whose closing time has passed, each in its own
        company's settings. One that cannot be closed (its papers cannot be counted)
        stays open, is reported to its facilitator, and is not tried again until that
        is put right (see cron_batch)."""
        due = self.search([("state", "=", "open"), ("date_close", "<=", fields.Datetime.now())])
        due = (due - waiting_to_be_put_right(due)).sorted("date_close")
        run_in_batch(
            due,
            lambda ballot: in_own_settings(ballot).action_close(),
            lambda ballot, error: in_own_settings(ballot)._report_close_failed(error),
        )
        self._collect_seals()
        return True

    @api.model
    def _collect_seals(self):
        """Destroy the key files that no open ballot uses (a close whose commit was
        followed by a crash, an opening rolled back), once past a grace period."""
        self.env.cr.execute(SQL(
            "SELECT id, seal_ref FROM coprod_ballot WHERE state = 'open' AND seal_ref IS NOT NULL"))
        live = set(self.env.cr.fetchall())
        dbname = self.env.cr.dbname
        for ballot_id, ref in ballot_seal.collectable(dbname, live):
            ballot_seal.destroy(dbname, ballot_id, ref)

    def _report_close_failed(self, error):
        self.ensure_one()
        ask_to_put_right(
            self,
            _("Ballot not closed"),
            _("\"%(name)s\" reached its closing time but could not be closed and "
              "counted, so it is still open. Put this right, then press Close and count (or "
              "mark this activity done: it is tried again within 15 minutes).", name=self.name),
            error,
        )


class CoprodBallotOption(models.Model):
    _name = "coprod.ballot.option"
    _inherit = ["coprod.pictured", "coprod.easy.read.checked"]
    _easy_read_fields = ("easy_read_label",)
    _picture_text_fields = ("name", "easy_read_label")
    _description = "Ballot option"
    _order = "ballot_id, sequence, id"
    _check_company_auto = True

    ballot_id = fields.Many2one("coprod.ballot", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="ballot_id.company_id")
    name = fields.Char(required=True)
    easy_read_label = fields.Char(string="Easy-read label", help="The answer in a few plain words.")
    code = fields.Char(readonly=True, help="yes / no / abstain, or agree / unsure / disagree.")
    icon = fields.Char(help="A picture from the icon font, e.g. fa-thumbs-up.")
    image = fields.Image(max_width=512, max_height=512)
    candidate_partner_id = fields.Many2one("res.partner", string="Candidate", check_company=True)
    value_id = fields.Many2one(
        "coprod.value", ondelete="restrict", check_company=True,
        domain="[('state', '=', 'proposed')]",
        help="The proposed value this option stands for: adopted if it wins.",
    )
    candidate_image = fields.Image(related="candidate_partner_id.avatar_128")
    sequence = fields.Integer(default=10)
    vote_count = fields.Integer(compute="_compute_vote_count", string="Votes")
    is_winner = fields.Boolean(string="Winner", compute="_compute_vote_count")

    @api.depends("ballot_id.round_ids", "ballot_id.state", "ballot_id.hide_results", "ballot_id.secret")
    def _compute_vote_count(self):
        """Votes in the last round once closed; while open, the count so far of a
        show of hands that does not hide results until it closes."""
        live = {}
        for ballot in self.ballot_id.filtered(lambda b: b.state == "open" and b.results_visible):
            last = ballot.sudo()._core_result().rounds[-1:]
            live[ballot.id] = last[0].counts if last else {}
        for option in self:
            ballot = option.ballot_id
            option.is_winner = option in ballot.winner_option_ids
            if ballot.id in live:
                option.vote_count = live[ballot.id].get(option.id, 0)
            elif ballot.state == "closed" and ballot.round_ids:
                last = ballot.round_ids.sorted("number")[-1:]
                option.vote_count = sum(last.line_ids.filtered(
                    lambda line, o=option: line.option_id == o).mapped("votes"))
            else:
                option.vote_count = 0

    def write(self, vals):
        # the ballot it leaves, and the one it joins
        self._check_draft(self.ballot_id | self.ballot_id.browse(vals.get("ballot_id") or []))
        return super().write(vals)

    @api.model_create_multi
    def create(self, vals_list):
        self._check_draft(self.env["coprod.ballot"].browse({vals.get("ballot_id") for vals in vals_list}))
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_locked(self):
        self._check_draft(self.ballot_id)

    @api.model
    @api.onchange("easy_read_label")
    def _onchange_easy_read_label(self):
        return self._easy_read_warning("easy_read_label")

    def _check_draft(self, ballots):
        """Options change only while their ballot is a draft."""
        if any(ballot.state != "draft" for ballot in ballots):
            raise UserError(_("The options of an open or closed ballot cannot change."))

    @api.depends("name", "easy_read_label")
    def _compute_display_name(self):
        for option in self:
            option.display_name = option.easy_read_label or option.name

    def _coprod_own_picture(self):
        """The option itself, where its picture says what it is (papers and the voting
        screen show it); nothing for a candidate without a picture of the option's
        own: a candidate is a person, and nothing is suggested from their name."""
        self.ensure_one()
        if self.candidate_partner_id and not (self.image or self.pictogram_id or self.icon):
            return self.browse()
        return self


class CoprodBallotRound(models.Model):
    _name = "coprod.ballot.round"
    _description = "Ballot count round"
    _order = "ballot_id, number"

    ballot_id = fields.Many2one("coprod.ballot", required=True, ondelete="cascade", index=True)
    number = fields.Integer(required=True)
    exhausted = fields.Integer(string="Papers with no more choices")
    note = fields.Text()
    eliminated_option_ids = fields.Many2many(
        "coprod.ballot.option", "coprod_ballot_round_eliminated_rel", "round_id", "option_id",
        string="Out after this round",
    )
    line_ids = fields.One2many("coprod.ballot.round.line", "round_id", string="Counts")


class CoprodBallotRoundLine(models.Model):
    _name = "coprod.ballot.round.line"
    _description = "Votes for an option in a round"
    _order = "round_id, votes desc, option_id"

    round_id = fields.Many2one("coprod.ballot.round", required=True, ondelete="cascade", index=True)
    ballot_id = fields.Many2one(related="round_id.ballot_id", store=True, index=True)
    round_number = fields.Integer(related="round_id.number", store=True)
    option_id = fields.Many2one("coprod.ballot.option", required=True, ondelete="cascade")
    votes = fields.Integer()

    @api.depends("option_id", "votes")
    def _compute_display_name(self):
        for line in self:
            line.display_name = f"{line.option_id.display_name}: {line.votes}"


class CoprodBallotTieBreak(models.Model):
    _name = "coprod.ballot.tie.break"
    _description = "How a tie was decided"
    _order = "ballot_id, id"

    ballot_id = fields.Many2one("coprod.ballot", required=True, ondelete="cascade", index=True)
    kind = fields.Selection([("eliminate", "Who goes out"), ("win", "Who wins")], required=True)
    tied_option_ids = fields.Many2many(
        "coprod.ballot.option", "coprod_ballot_tie_break_option_rel", "tie_break_id", "option_id",
        string="Tied",
    )
    chosen_option_id = fields.Many2one("coprod.ballot.option", string="Chosen option",
        required=True, ondelete="cascade")
    reason = fields.Text(required=True)
    user_id = fields.Many2one("res.users", default=lambda self: self.env.user, readonly=True)
