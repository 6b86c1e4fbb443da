from datetime import datetime, timedelta

from odoo.fields import Command
from odoo.tests import TransactionCase, new_test_user


class CoprodCase(TransactionCase):
    """Shared fixtures: people in two companies and a shadow quality board.

    Users, one per access level: ``user_portal``, ``user_employee`` (internal, no
    co-production rights), ``user_coprod`` (takes part: a member of the board),
    ``user_officer`` (the board's facilitator), ``user_manager``; and
    ``user_officer_c2``, an officer of the second company only.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        cls.company = cls.env.ref("base.main_company")
        cls.company_2 = cls.env["res.company"].create({"name": "Second Care Ltd"})

        def user(login, groups, company=None, **kw):
            company = company or cls.company
            return new_test_user(
                cls.env, login=f"coprod_{login}", groups=groups, name=kw.pop("name", login.title()),
                email=f"coprod_{login}@example.com", company_id=company.id,
                company_ids=[company.id], **kw,
            )

        cls.user_portal = user("portal", "base.group_portal")
        cls.user_employee = user("employee", "base.group_user")
        cls.user_coprod = user("member", "coprod.group_coprod_user", name="Mo Member")
        cls.user_officer = user("officer", "coprod.group_coprod_officer", name="Fiona Facilitator")
        cls.user_manager = user("manager", "coprod.group_coprod_manager", name="Quinn Director")
        cls.user_officer_c2 = user("officer2", "coprod.group_coprod_officer", company=cls.company_2)

        Partner = cls.env["res.partner"]
        cls.people = Partner.create([
            {"name": f"Person {n}", "email": f"person{n}@example.com"} for n in range(1, 6)
        ])
        cls.person_no_email = Partner.create({"name": "Paul No-Email"})

        cls.board = cls.env["coprod.group"].create({
            "name": "Shadow quality board",
            "kind": "people_supported",
            "facilitator_user_id": cls.user_officer.id,
            "default_location": "Community room",
            "company_id": cls.company.id,
        })
        cls.start_date = datetime.now().date() - timedelta(days=365)
        Membership = cls.env["coprod.membership"]
        cls.memberships = Membership.create([
            {"group_id": cls.board.id, "partner_id": p.id, "date_start": cls.start_date}
            for p in cls.people | cls.person_no_email
        ])
        cls.membership_member_user = Membership.create({
            "group_id": cls.board.id,
            "partner_id": cls.user_coprod.partner_id.id,
            "date_start": cls.start_date,
        })
        cls.memberships[0].role = "co_chair"
        cls.co_chair = cls.people[0]

    @classmethod
    def _meeting(cls, days=10, group=None, **vals):
        start = datetime.now().replace(microsecond=0, second=0, minute=0) + timedelta(days=days)
        return cls.env["coprod.meeting"].create(dict({
            "group_id": (group or cls.board).id,
            "start": start,
            "stop": start + timedelta(hours=2),
        }, **vals))

    # ------------------------------------------------------------
    # More builders (added for the flow tests; they change nothing above)
    # ------------------------------------------------------------

    @classmethod
    def _group(cls, name="Test group", members=0, **vals):
        """A group of the first company whose facilitator is ``user_officer``,
        with ``members`` new people (with an email) as current members."""
        group = cls.env["coprod.group"].create(dict({
            "name": name,
            "facilitator_user_id": cls.user_officer.id,
            "company_id": cls.company.id,
        }, **vals))
        if members:
            partners = cls.env["res.partner"].create([
                {"name": f"{name} member {n}", "email": f"member{n}@example.com"}
                for n in range(members)
            ])
            cls.env["coprod.membership"].create([
                {"group_id": group.id, "partner_id": p.id, "date_start": cls.start_date}
                for p in partners
            ])
        return group

    @classmethod
    def _co_chair_user(cls, group=None):
        """A user who takes part (no officer rights) and co-chairs ``group``."""
        group = group or cls.board
        user = new_test_user(
            cls.env, login=f"coprod_cochair_{group.id}", groups="coprod.group_coprod_user",
            name="Cass Co-chair", email=f"cochair{group.id}@example.com",
            company_id=cls.company.id, company_ids=[cls.company.id],
        )
        cls.env["coprod.membership"].create({
            "group_id": group.id, "partner_id": user.partner_id.id,
            "role": "co_chair", "date_start": cls.start_date,
        })
        return user

    @classmethod
    def _action(cls, meeting=None, **vals):
        """An open action of ``meeting`` (or of the board), due in a week, owned by
        ``people[1]`` unless an owner is given."""
        vals = dict({
            "you_said": "Please put a ramp at the front door",
            "date_due": datetime.now().date() + timedelta(days=7),
        }, **vals)
        if "owner_user_id" not in vals:
            vals.setdefault("owner_partner_id", cls.people[1].id)
        if meeting:
            vals.setdefault("meeting_id", meeting.id)
        else:
            vals.setdefault("group_id", cls.board.id)
        return cls.env["coprod.action"].create(vals)

    # ------------------------------------------------------------
    # Ballot builders (added for the ballot tests; they change nothing above)
    # ------------------------------------------------------------

    @classmethod
    def _ballot(cls, group=None, method="majority", options=(), **vals):
        """A draft ballot of ``group`` (the board by default). ``majority`` and
        ``thumbs`` get their standard answers; for the other methods ``options`` are
        the names of the options, in order."""
        vals = dict({
            "name": "Should we paint the meeting room green?",
            "group_id": (group or cls.board).id,
            "method": method,
        }, **vals)
        if options:
            vals["option_ids"] = [
                Command.create({"name": name, "sequence": n}) for n, name in enumerate(options)
            ]
        return cls.env["coprod.ballot"].create(vals)

    @staticmethod
    def _options(ballot, *keys):
        """The options of ``ballot`` with these codes (yes, no, ...) or names, in the
        order given (a ranking for ranked ballots)."""
        found = []
        for key in keys:
            option = ballot.option_ids.filtered(lambda o, k=key: k in (o.code, o.name))
            assert len(option) == 1, f"no single option {key!r} on {ballot.name!r}"
            found.append(option)
        return found

    @classmethod
    def _cast_all(cls, ballot, papers, voters=None, user=None):
        """Cast ``papers`` (each a tuple of option codes or names) for the first voters
        of ``voters`` (the register by default), one paper each, recorded by ``user``
        (``user_officer`` by default). Returns the voters who voted."""
        voters = voters if voters is not None else ballot.voter_ids.partner_id
        assert len(papers) <= len(voters), "more papers than voters"
        ballot = ballot.with_user(user or cls.user_officer)
        for partner, paper in zip(voters, papers):
            ballot.cast_vote(partner, cls._options(ballot, *paper))
        return voters[:len(papers)]


def read_papers(ballot):
    """Every paper's choice of ``ballot`` as a tuple of option ids, in the order of
    the table, read in SQL as someone with the database AND the server's files would:
    a secret ballot's papers are sealed while it is open, and opened here with its
    key (what only the count does in the product)."""
    from ..coprod_module.models import ballot_seal  # pylint: disable=import-outside-toplevel

    ballot.env.flush_all()
    cr = ballot.env.cr
    cr.execute("SELECT choice, sealed_choice FROM coprod_ballot_vote WHERE ballot_id = %s ORDER BY id",
               [ballot.id])
    rows = cr.fetchall()
    open_paper = None
    choices = []
    for choice, sealed in rows:
        if sealed:
            open_paper = open_paper or ballot_seal.opener(cr.dbname, ballot.id, ballot.sudo().seal_ref)
            choice = open_paper(sealed)
        if choice:
            choices.append(tuple(int(key) for key in choice.split(",")))
    return choices


def load_demo_records(cls):
    """Set the demo's records a test of the papers uses on ``cls``: its board, its
    facilitator, its next and first meetings, its election and values ballots.
    Returns False (and sets the board to None) on a database without demo data."""
    ref = cls.env.ref
    cls.board = ref("coprod.coprod_group_quality_board_demo", raise_if_not_found=False)
    if not cls.board:
        return False
    cls.facilitator = ref("coprod.user_facilitator_demo")
    cls.next_meeting = ref("coprod.meeting_quality_board_4_demo")
    cls.past_meeting = ref("coprod.meeting_quality_board_1_demo")
    cls.election = ref("coprod.ballot_quality_board_co_chair_demo")
    cls.values_ballot = ref("coprod.ballot_quality_board_values_demo")
    return True
