"""Who can do what with values, value records, nominations, quality checks and
recommendations, quality statements and frameworks, and the evidence pack.

Values and statements are the company's: everyone who takes part reads them, and
only managers change the statements. Stories, nominations and checks belong to
groups: a member sees their own groups' (and the stories about themselves), the
facilitator runs them, and nobody sees another company's. Every cell runs in a
savepoint that is rolled back, so cells do not see each other's changes.
"""
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.tests import tagged
from odoo.tests.common import users
from odoo.tools import mute_logger

from .access_matrix import AccessMatrixMixin
from .common import CoprodCase


# What each level may do on records of the member's own board (company 1): read,
# write, create, delete (unlink).
ACCESS = {
    #                                 portal employee member officer manager
    "coprod.value":                  ("",    "",      "r",   "rwc",  "rwcd"),
    "coprod.value.record":           ("",    "",      "r",   "rwcd", "rwcd"),
    "coprod.value.nomination":       ("",    "",      "rc",  "rwcd", "rwcd"),
    "coprod.quality.check":          ("",    "",      "r",   "rwcd", "rwcd"),
    "coprod.quality.recommendation": ("",    "",      "r",   "rwcd", "rwcd"),
    "coprod.quality.statement":      ("",    "",      "r",   "r",    "rwcd"),
    "coprod.quality.framework":      ("",    "",      "r",   "r",    "rwcd"),
    "coprod.evidence.pack":          ("",    "",      "",    "rwc",  "rwc"),
}
GROUP_MODELS = ("coprod.value.record", "coprod.value.nomination", "coprod.quality.check",
                "coprod.quality.recommendation")


@tagged("security")
class TestQualitySecurity(AccessMatrixMixin, CoprodCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = fields.Date.today()
        cls.today = today
        env = cls.env
        cls.users_by_role = cls._users_by_role()
        member = cls.user_coprod.partner_id
        cls.member = member
        Group = env["coprod.group"]
        cls.other_board = Group.create({"name": "Other board", "company_id": cls.company.id,
                                        "facilitator_user_id": cls.user_officer.id})
        cls.past_board = Group.create({"name": "Board the member left",
                                       "company_id": cls.company.id})
        cls.group_c2 = Group.create({"name": "Second company's board",
                                     "company_id": cls.company_2.id,
                                     "facilitator_user_id": cls.user_officer_c2.id})
        env["coprod.membership"].create([
            {"group_id": cls.other_board.id, "partner_id": cls.people[1].id,
             "date_start": cls.start_date},
            {"group_id": cls.past_board.id, "partner_id": member.id,
             "date_start": cls.start_date, "date_end": today - timedelta(days=1)},
            {"group_id": cls.group_c2.id, "partner_id": cls.people[2].id,
             "date_start": cls.start_date},
        ])
        cls.groups = cls.board | cls.other_board | cls.past_board | cls.group_c2
        cls.meetings = {group: cls._meeting(group=group) for group in cls.groups}
        cls.meeting = cls.meetings[cls.board]

        # values: one adopted in each company
        Value = env["coprod.value"]
        cls.respect = Value.create({"name": "Respect", "company_id": cls.company.id})
        cls.value_c2 = Value.create({"name": "Honesty", "company_id": cls.company_2.id})
        for value, group in ((cls.respect, cls.board), (cls.value_c2, cls.group_c2)):
            value.adopted_decision_id = env["coprod.decision"].create(
                {"meeting_id": cls.meetings[group].id, "text": f"We adopt {value.name}"})
            value.action_adopt()
        cls.proposal = Value.create({"name": "Courage", "company_id": cls.company.id})

        # per group: a story, a nomination by someone else, a check with a recommendation
        Record = env["coprod.value.record"]
        Nomination = env["coprod.value.nomination"]
        Check = env["coprod.quality.check"]
        cls.records, cls.nominations, cls.checks = {}, {}, {}
        for group in cls.groups:
            value = cls.value_c2 if group == cls.group_c2 else cls.respect
            cls.records[group] = Record.create({
                "title": f"Story of {group.name}", "meeting_id": cls.meetings[group].id,
                "value_ids": [Command.set(value.ids)],
                "partner_ids": [Command.set(cls.people[3].ids)],
            })
            cls.nominations[group] = Nomination.create({
                "group_id": group.id, "value_ids": [Command.set(value.ids)],
                "partner_ids": [Command.set(cls.people[3].ids)],
                "nominated_by_partner_id": cls.people[4].id,
                "reason": f"Nominated in {group.name}",
            })
            cls.checks[group] = Check.create({
                "name": f"Check of {group.name}", "group_id": group.id,
                "recommendation_ids": [Command.create({"text": f"Recommended by {group.name}"})],
            })
        cls.record = cls.records[cls.board]
        cls.nomination = cls.nominations[cls.board]
        cls.check = cls.checks[cls.board]
        cls.recommendation = cls.check.recommendation_ids
        # a story about the member, in a group they are not in
        cls.record_about_member = Record.create({
            "title": "Mo spoke at the staff conference",
            "meeting_id": cls.meetings[cls.other_board].id,
            "value_ids": [Command.set(cls.respect.ids)],
            "partner_ids": [Command.set(member.ids)],
        })
        # a nomination the member made before they left the past board
        cls.nomination_by_member = Nomination.create({
            "group_id": cls.past_board.id, "value_ids": [Command.set(cls.respect.ids)],
            "partner_ids": [Command.set(cls.people[1].ids)],
            "nominated_by_partner_id": member.id, "reason": "Before I left",
        })

        # frameworks: CQC (shared), one of each company
        Framework = env["coprod.quality.framework"]
        cls.cqc = env.ref("coprod.quality_framework_cqc")
        cls.listening = env.ref("coprod.quality_statement_cqc_listening_to_and_involving_people")
        cls.framework_c1 = Framework.create({"name": "First company's promises",
                                             "company_id": cls.company.id})
        cls.framework_c2 = Framework.create({"name": "Second company's promises",
                                             "company_id": cls.company_2.id})
        Statement = env["coprod.quality.statement"]
        cls.statement_c1 = Statement.create({"name": "Easy read first", "key_question": "caring",
                                             "framework_id": cls.framework_c1.id})
        cls.statement_c2 = Statement.create({"name": "Plain words", "key_question": "caring",
                                             "framework_id": cls.framework_c2.id})
        cls.pack = env["coprod.evidence.pack"].create({"company_id": cls.company.id})

    # ------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------

    def _cases(self):
        """Per model: the record to read and write, a field to read, values to
        create and write, and a factory of a record that may be deleted."""
        env, meeting = self.env, self.meeting
        value_set = [Command.set(self.respect.ids)]
        return {
            "coprod.value": (
                self.respect, "name",
                {"name": "Fairness"},
                {"sequence": 3, "color": 2},
                lambda: env["coprod.value"].create({"name": "Spare"}),
            ),
            "coprod.value.record": (
                self.record, "title",
                {"title": "Ben led the tour", "meeting_id": meeting.id, "value_ids": value_set},
                {"story": "He showed the inspectors round."},
                lambda: env["coprod.value.record"].create(
                    {"title": "Spare", "meeting_id": meeting.id, "value_ids": value_set}),
            ),
            "coprod.value.nomination": (
                self.nomination, "reason",
                {"group_id": self.board.id, "value_ids": value_set,
                 "partner_ids": [Command.set(self.people[1].ids)], "reason": "Always kind"},
                {"reason": "Always kind, and brave"},
                lambda: env["coprod.value.nomination"].create(
                    {"group_id": self.board.id, "value_ids": value_set,
                     "partner_ids": [Command.set(self.people[1].ids)], "reason": "Spare"}),
            ),
            "coprod.quality.check": (
                self.check, "name",
                {"name": "The new menu", "group_id": self.board.id},
                {"findings": "The menu has no pictures."},
                lambda: env["coprod.quality.check"].create(
                    {"name": "Spare", "group_id": self.board.id}),
            ),
            "coprod.quality.recommendation": (
                self.recommendation, "text",
                {"check_id": self.check.id, "text": "Add pictures"},
                {"easy_read_text": "Pictures, please"},
                lambda: env["coprod.quality.recommendation"].create(
                    {"check_id": self.check.id, "text": "Spare"}),
            ),
            "coprod.quality.statement": (
                self.listening, "name",
                {"name": "Kind words", "key_question": "caring",
                 "framework_id": self.framework_c1.id},
                {"sequence": 999},
                lambda: env["coprod.quality.statement"].create(
                    {"name": "Spare", "key_question": "safe",
                     "framework_id": self.framework_c1.id}),
            ),
            "coprod.quality.framework": (
                self.cqc, "name",
                {"name": "Our own standards", "company_id": self.company.id},
                {"description": "Our reading of the framework"},
                lambda: env["coprod.quality.framework"].create({"name": "Spare"}),
            ),
            "coprod.evidence.pack": (
                self.pack, "date_from",
                {"company_id": self.company.id},
                {"date_to": self.today - timedelta(days=1)},
                lambda: env["coprod.evidence.pack"].create({}),
            ),
        }

    # ------------------------------------------------------------
    # access rights: the matrix
    # ------------------------------------------------------------

    @mute_logger("odoo.addons.base.models.ir_model", "odoo.addons.base.models.ir_rule",
                 "odoo.models")
    def test_access_matrix(self):
        """Portal, employee, member, officer, manager x read/write/create/delete x model."""
        self._check_access_matrix(ACCESS, self._cases())

    @users("coprod_portal", "coprod_employee")
    @mute_logger("odoo.addons.base.models.ir_model")
    def test_outsiders_cannot_even_search(self):
        """Portal users and employees without co-production rights see nothing at all."""
        for model in ACCESS:
            with self.subTest(model=model), self.assertRaises(AccessError):
                self.env[model].search([])

    @mute_logger("odoo.addons.base.models.ir_model", "odoo.addons.base.models.ir_rule")
    def test_only_managers_delete_values(self):
        """Officers adopt and retire values; deleting even a fresh proposal is the
        manager's."""
        for user, may in ((self.user_officer, False), (self.user_manager, True)):
            with self.subTest(user=user.login):
                self.assertEqual(self._allowed(lambda u=user: self.proposal.with_user(u).unlink()), may)
        self.assertTrue(self._allowed(lambda: self.proposal.with_user(self.user_officer).write(
            {"name": "Courage and hope"})))

    # ------------------------------------------------------------
    # record rules: what a member sees
    # ------------------------------------------------------------

    def test_member_reads_the_company_values_and_statements(self):
        values = self._visible(self.user_coprod, "coprod.value")
        self.assertIn(self.respect, values)
        self.assertIn(self.proposal, values, "proposals too: the member may vote on them")
        statements = self._visible(self.user_coprod, "coprod.quality.statement")
        self.assertTrue(self.cqc.statement_ids <= statements)
        self.assertIn(self.statement_c1, statements)
        frameworks = self._visible(self.user_coprod, "coprod.quality.framework")
        self.assertTrue(self.cqc | self.framework_c1 <= frameworks)

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_member_sees_their_groups_only(self):
        """Stories, nominations, checks and recommendations of the member's current
        groups; not those of a group they left, nor of other groups."""
        member = self.user_coprod
        self.assertEqual(
            self._visible(member, "coprod.value.record")
            & (self._all("records") | self.record_about_member),
            self.record | self.record_about_member)
        self.assertEqual(
            self._visible(member, "coprod.value.nomination")
            & (self._all("nominations") | self.nomination_by_member),
            self.nomination | self.nomination_by_member)
        self.assertEqual(self._visible(member, "coprod.quality.check") & self._all("checks"),
                         self.check)
        self.assertEqual(
            self._visible(member, "coprod.quality.recommendation")
            & self._all("checks").recommendation_ids,
            self.recommendation)
        for group in self.other_board | self.past_board | self.group_c2:
            for record in (self.records[group], self.nominations[group], self.checks[group],
                           self.checks[group].recommendation_ids):
                with self.subTest(group=group.name, model=record._name), \
                        self.assertRaises(AccessError):
                    record.with_user(member).read(["display_name"])

    def test_member_reads_a_story_about_themselves(self):
        """A story about the member, in a group they are not in, is theirs to read."""
        story = self.record_about_member.with_user(self.user_coprod)
        self.assertEqual(story.read(["title"])[0]["title"], "Mo spoke at the staff conference")
        self.assertEqual(story.group_id, self.other_board)

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model")
    def test_member_reads_but_does_not_change_stories_and_checks(self):
        member = self.user_coprod
        attempts = {
            "rewrite a story": lambda: self.record.with_user(member).write({"title": "Mine"}),
            "share a story": lambda: self.record.with_user(member).write({"consent_to_share": True}),
            "record a story": lambda: self.env["coprod.value.record"].with_user(member).create(
                {"title": "Mine", "group_id": self.board.id,
                 "value_ids": [Command.set(self.respect.ids)]}),
            "write findings": lambda: self.check.with_user(member).write({"findings": "Mine"}),
            "answer a recommendation": lambda: self.recommendation.with_user(member).write(
                {"answer": "accepted"}),
            "plan a check": lambda: self.env["coprod.quality.check"].with_user(member).create(
                {"name": "Mine", "group_id": self.board.id}),
            "change a nomination": lambda: self.nomination.with_user(member).write(
                {"reason": "Mine"}),
            "adopt a value": lambda: self.proposal.with_user(member).write(
                {"adopted_decision_id": self.respect.adopted_decision_id.id}),
            "edit a statement": lambda: self.listening.with_user(member).write({"name": "Mine"}),
        }
        for what, attempt in attempts.items():
            with self.subTest(refused=what):
                self.assertFalse(self._allowed(attempt))

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_member_nominates_in_their_current_groups_only(self):
        Nomination = self.env["coprod.value.nomination"].with_user(self.user_coprod)

        def nominate(group):
            return lambda: Nomination.create({
                "group_id": group.id, "value_ids": [Command.set(self.respect.ids)],
                "partner_ids": [Command.set(self.people[1].ids)], "reason": "Kind",
            })

        self.assertTrue(self._allowed(nominate(self.board)))
        for group in self.other_board | self.past_board:
            with self.subTest(group=group.name):
                self.assertFalse(self._allowed(nominate(group)))

    # ------------------------------------------------------------
    # officers and managers
    # ------------------------------------------------------------

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model")
    def test_only_managers_change_statements_and_frameworks(self):
        for user, may in ((self.user_officer, False), (self.user_manager, True)):
            attempts = {
                "edit a CQC statement": lambda u=user: self.listening.with_user(u).write(
                    {"we_statement": "We listen."}),
                "add a statement": lambda u=user: self.env["coprod.quality.statement"]
                .with_user(u).create({"name": "New", "key_question": "safe",
                                      "framework_id": self.framework_c1.id}),
                "add a framework": lambda u=user: self.env["coprod.quality.framework"]
                .with_user(u).create({"name": "New"}),
                "archive a framework": lambda u=user: self.framework_c1.with_user(u).write(
                    {"active": False}),
            }
            for what, attempt in attempts.items():
                with self.subTest(user=user.login, attempt=what):
                    self.assertEqual(self._allowed(attempt), may)

    def test_officer_runs_checks_and_stories(self):
        """The facilitator plans a check, reports and answers it, and records and
        acknowledges stories."""
        officer = self.user_officer
        check = self.env["coprod.quality.check"].with_user(officer).create({
            "name": "The new website", "group_id": self.board.id,
            "findings": "No easy read page.",
            "recommendation_ids": [Command.create({"text": "Add an easy read page"})],
        })
        check.action_report()
        check.recommendation_ids.write({"answer": "not_done", "answer_note": "Next year"})
        check.action_close()
        self.assertEqual(check.state, "closed")
        self.nomination.with_user(officer).action_acknowledge()
        self.assertTrue(self.nomination.record_id)
        self.assertIn(self.nomination.record_id, self._visible(officer, "coprod.value.record"))

    # ------------------------------------------------------------
    # multi-company
    # ------------------------------------------------------------

    def _all(self, kind):
        return self.env[{"records": "coprod.value.record", "nominations": "coprod.value.nomination",
                         "checks": "coprod.quality.check"}[kind]].union(
            *getattr(self, kind).values())

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_companies_are_kept_apart(self):
        """What belongs to the second company is invisible in the first, and the
        other way round; the shared CQC framework is everyone's."""
        c1_groups = self.board | self.other_board | self.past_board
        for user, own_groups, foreign_group in (
            (self.user_officer, c1_groups, self.group_c2),
            (self.user_manager, c1_groups, self.group_c2),
            (self.user_officer_c2, self.group_c2, self.board),
        ):
            for model in GROUP_MODELS:
                with self.subTest(user=user.login, model=model):
                    records = self._visible(user, model)
                    self.assertTrue(records)
                    self.assertFalse(records.group_id & (self.groups - own_groups))
                    self.assertTrue(records.company_id <= user.company_ids)
            with self.subTest(user=user.login, model="coprod.value"):
                values = self._visible(user, "coprod.value")
                self.assertTrue(values.company_id <= user.company_ids)
                self.assertEqual(values & (self.respect | self.value_c2),
                                 self.value_c2 if user == self.user_officer_c2 else self.respect)
            with self.subTest(user=user.login, model="coprod.quality.statement"):
                statements = self._visible(user, "coprod.quality.statement")
                frameworks = self._visible(user, "coprod.quality.framework")
                own = self.statement_c2 if user == self.user_officer_c2 else self.statement_c1
                self.assertEqual(statements & (self.statement_c1 | self.statement_c2), own)
                self.assertTrue(self.cqc.statement_ids <= statements)
                self.assertIn(self.cqc, frameworks)
                self.assertEqual(frameworks & (self.framework_c1 | self.framework_c2),
                                 own.framework_id)
            for record in (self.records[foreign_group], self.checks[foreign_group],
                           self.nominations[foreign_group]):
                with self.subTest(user=user.login, foreign=record._name), \
                        self.assertRaises(AccessError):
                    record.with_user(user).read(["display_name"])

        # a member of the first company: nothing of the second either
        self.assertFalse(self._visible(self.user_coprod, "coprod.value") & self.value_c2)
        self.assertFalse(self._visible(self.user_coprod, "coprod.quality.statement")
                         & self.statement_c2)

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model")
    def test_officers_do_not_work_in_other_companies(self):
        for officer, foreign in ((self.user_officer, self.group_c2),
                                 (self.user_officer_c2, self.board)):
            value = self.value_c2 if foreign == self.group_c2 else self.respect
            attempts = {
                "plan a check there": lambda o=officer, f=foreign: self.env[
                    "coprod.quality.check"].with_user(o).create({"name": "Sneaky", "group_id": f.id}),
                "record a story there": lambda o=officer, f=foreign, v=value: self.env[
                    "coprod.value.record"].with_user(o).create(
                    {"title": "Sneaky", "group_id": f.id, "value_ids": [Command.set(v.ids)]}),
                "answer a recommendation there": lambda o=officer, f=foreign: self.checks[f]
                .recommendation_ids.with_user(o).write({"answer": "accepted"}),
                "rename a value there": lambda o=officer, v=value: v.with_user(o).write(
                    {"sequence": 1}),
                "acknowledge a nomination there": lambda o=officer, f=foreign: self.nominations[f]
                .with_user(o).action_acknowledge(),
            }
            # nor move their own company's records there
            own = self.group_c2 if foreign == self.board else self.board
            own_value = self.value_c2 if foreign == self.board else self.respect
            attempts.update({
                "move a check there": lambda o=officer, f=foreign, g=own: self.checks[g]
                .with_user(o).write({"group_id": f.id}),
                "move a story there": lambda o=officer, f=foreign, g=own, v=value: self.records[g]
                .with_user(o).write({"meeting_id": False, "group_id": f.id,
                                     "value_ids": [Command.set(v.ids)]}),
                "move a nomination there": lambda o=officer, f=foreign, g=own: self.nominations[g]
                .with_user(o).write({"group_id": f.id}),
                "move a value there": lambda o=officer, f=foreign, v=own_value: v
                .with_user(o).write({"company_id": f.company_id.id}),
            })
            for what, attempt in attempts.items():
                with self.subTest(officer=officer.login, attempt=what):
                    self.assertFalse(self._allowed(attempt))
            # a story keeps its own company's values: moved alone, it is refused too
            with self.subTest(officer=officer.login, attempt="move a story there with its values"), \
                    self.assertRaisesRegex(UserError, "belongs to another company"), \
                    self.env.cr.savepoint():
                self.records[own].with_user(officer).write({"meeting_id": False, "group_id": foreign.id})
            self.assertEqual(self.records[own].group_id, own)

    def test_evidence_pack_reads_what_the_officer_may_see(self):
        """The pack leaves out stories that name people who did not consent, and an
        officer's pack never holds another company's stories."""
        self.record.quality_statement_ids = self.listening
        story_c2 = self.records[self.group_c2]
        story_c2.write({"quality_statement_ids": [Command.set(self.listening.ids)],
                        "consent_to_share": True})
        Pack = self.env["coprod.evidence.pack"].with_user(self.user_officer)
        data = Pack.create({"quality_statement_ids": [Command.set(self.listening.ids)],
                            "group_ids": [Command.set(self.board.ids)]})._pack_data()
        [section] = data["sections"]
        self.assertEqual(section["statement"], self.listening)
        self.assertFalse(section["records"], "the board's story names someone who did not consent")
        self.assertEqual(section["left_out"], 1)

        def pack_of_the_second_company():
            pack = Pack.create({"company_id": self.company_2.id,
                                "quality_statement_ids": [Command.set(self.listening.ids)]})
            data = pack._pack_data()
            shown = self.env["coprod.value.record"].union(
                *(section["records"] for section in data["sections"]))
            self.assertFalse(shown & story_c2)
            self.assertFalse(data["groups"] & self.group_c2)

        # refused, or empty: either way nothing of the second company is printed
        self._allowed(pack_of_the_second_company)
