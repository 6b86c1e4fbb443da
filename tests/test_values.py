"""Values from proposal to history: adopted by a decision or a ballot (never by
typing), reworded only through a new proposal, retired, archived rather than
deleted; value records (stories of a value lived) and whether they may be shared;
nominations, which anyone in a group makes and the group acknowledges at a meeting.
"""
from contextlib import contextmanager

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command
from odoo.tools import mute_logger

from .common import CoprodCase


class ValueCase(CoprodCase):
    """The board (7 voting members) with three proposed values and a meeting."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Value = cls.env["coprod.value"]
        cls.Record = cls.env["coprod.value.record"]
        cls.Nomination = cls.env["coprod.value.nomination"]
        cls.today = fields.Date.context_today(cls.Value)
        cls.respect, cls.choice, cls.kindness = cls.Value.create([
            {"name": "Respect", "easy_read_text": "We listen to you.",
             "contributor_partner_ids": [Command.set(cls.people[:2].ids)]},
            {"name": "Choice", "easy_read_text": "You choose."},
            {"name": "Kindness", "easy_read_text": "We are kind."},
        ])
        cls.meeting = cls._meeting(days=10)
        cls.other_group = cls._group("Family forum", members=2)

    @contextmanager
    def _refused(self, exception, pattern):
        """Expect ``exception`` (its message matching ``pattern``), and undo whatever
        the refused operation wrote before it was refused."""
        with self.assertRaisesRegex(exception, pattern), self.env.cr.savepoint():
            yield

    def _officer(self, records):
        return records.with_user(self.user_officer)

    def _decision(self, meeting=None, text="We adopt this value"):
        return self.env["coprod.decision"].create(
            {"meeting_id": (meeting or self.meeting).id, "text": text})

    def _adopt_by_decision(self, values, meeting=None):
        decision = self._decision(meeting)
        officer = self._officer(values)
        officer.write({"adopted_decision_id": decision.id})
        officer.action_adopt()
        return decision

    def _run_ballot(self, ballot, papers):
        self._officer(ballot).action_open()
        self._cast_all(ballot, papers)
        self._officer(ballot).action_close()
        self.env.invalidate_all()
        return ballot

    def _record(self, values, **vals):
        return self.Record.create(dict({
            "title": "Amy chose her own holiday",
            "value_ids": [Command.set(values.ids)],
        }, **vals))


class TestValueAdoption(ValueCase):
    """A group adopts a value: by a decision, or by a ballot that is won."""

    def test_adopt_needs_a_decision_or_a_ballot(self):
        """Nobody adopts a value by pressing a button: the group's decision or
        ballot must be named, and a proposal cannot be adopted twice."""
        self.assertEqual(self.respect.state, "proposed")
        with self._refused(UserError, "needs the decision or the ballot"):
            self._officer(self.respect).action_adopt()
        self.assertEqual(self.respect.state, "proposed")
        self.assertFalse(self.respect.date_adopted)

        self._adopt_by_decision(self.respect)
        with self._refused(UserError, "Only a proposed value can be adopted"):
            self._officer(self.respect).action_adopt()

    def test_adopted_by_a_decision(self):
        """The decision is kept, with its meeting and group, and the day."""
        decision = self._adopt_by_decision(self.respect)
        self.assertEqual(self.respect.state, "adopted")
        self.assertEqual(self.respect.adopted_decision_id, decision)
        self.assertEqual(self.respect.adopted_meeting_id, self.meeting)
        self.assertFalse(self.respect.adopted_ballot_id)
        self.assertEqual(self.respect.group_id, self.board)
        self.assertEqual(self.respect.date_adopted, self.today)
        self.assertIn(self.respect, self.meeting.adopted_value_ids)
        self.assertEqual(self.choice.state, "proposed", "only the value named is adopted")

    def test_adopted_by_a_yes_no_ballot_at_a_meeting(self):
        """A yes/no ballot on two values, won: both are adopted, with the ballot,
        the meeting and the decision the result became."""
        values = self.respect | self.choice
        ballot = self._ballot(name="Shall we adopt these values?", secret=False,
                              meeting_id=self.meeting.id,
                              value_ids=[Command.set(values.ids)])
        self._run_ballot(ballot, [("yes",)] * 4 + [("no",)] * 2)

        self.assertEqual(ballot.result_state, "won")
        self.assertEqual(len(ballot.decision_ids), 1, "the result became the meeting's decision")
        for value in values:
            with self.subTest(value=value.name):
                self.assertEqual(value.state, "adopted")
                self.assertEqual(value.adopted_ballot_id, ballot)
                self.assertEqual(value.adopted_decision_id, ballot.decision_ids)
                self.assertEqual(value.adopted_meeting_id, self.meeting)
                self.assertEqual(value.group_id, self.board)
                self.assertEqual(value.date_adopted, self.today)
        self.assertEqual(self.kindness.state, "proposed", "a value not on the ballot stays proposed")
        self.assertEqual(self.meeting.adopted_value_ids, values)

    def test_adopted_by_a_ballot_without_meeting(self):
        """A ballot held between meetings adopts too: no meeting, no decision."""
        ballot = self._ballot(value_ids=[Command.set(self.respect.ids)])
        self._run_ballot(ballot, [("yes",)] * 3 + [("abstain",)])
        self.assertEqual(self.respect.state, "adopted")
        self.assertEqual(self.respect.adopted_ballot_id, ballot)
        self.assertFalse(self.respect.adopted_meeting_id)
        self.assertFalse(self.respect.adopted_decision_id)

    def test_thumbs_ballot_adopts_when_agreed(self):
        ballot = self._ballot(method="thumbs", value_ids=[Command.set(self.kindness.ids)])
        self._run_ballot(ballot, [("agree",)] * 4 + [("unsure",)])
        self.assertEqual(ballot.result_state, "won")
        self.assertEqual(self.kindness.state, "adopted")
        self.assertEqual(self.kindness.adopted_ballot_id, ballot)

    def test_rejected_ballot_adopts_nothing(self):
        """More no than yes: the values stay proposed, and the lost ballot cannot be
        named to adopt them afterwards."""
        values = self.respect | self.choice
        ballot = self._ballot(meeting_id=self.meeting.id, value_ids=[Command.set(values.ids)])
        self._run_ballot(ballot, [("yes",)] * 2 + [("no",)] * 3)

        self.assertEqual(ballot.result_state, "rejected")
        for value in values:
            with self.subTest(value=value.name):
                self.assertEqual(value.state, "proposed")
                self.assertFalse(value.adopted_ballot_id)
                self.assertFalse(value.adopted_meeting_id)
                self.assertFalse(value.date_adopted)
        self._officer(self.respect).adopted_ballot_id = ballot
        with self._refused(UserError, "did not adopt"):
            self._officer(self.respect).action_adopt()
        self.assertEqual(self.respect.state, "proposed")

    def test_ballot_without_quorum_adopts_nothing(self):
        ballot = self._ballot(value_ids=[Command.set(self.respect.ids)])
        self._run_ballot(ballot, [("yes",)] * 2)
        self.assertEqual(ballot.result_state, "no_quorum")
        self.assertEqual(self.respect.state, "proposed")

    def _choice_ballot(self, method):
        """A ballot that chooses between the three values: one option for each."""
        values = self.respect | self.choice | self.kindness
        ballot = self._ballot(name="Which value comes first?", method=method,
                              options=values.mapped("name"))
        for value in values:
            ballot.option_ids.filtered(lambda o, v=value: o.name == v.name).value_id = value
        return ballot

    def test_plurality_ballot_adopts_only_the_winner(self):
        ballot = self._choice_ballot("plurality")
        self._run_ballot(ballot, [("Choice",)] * 4 + [("Respect",)] * 2 + [("Kindness",)])

        self.assertEqual(ballot.result_state, "won")
        self.assertEqual(ballot.winner_option_ids.value_id, self.choice)
        self.assertEqual(self.choice.state, "adopted")
        self.assertEqual(self.choice.adopted_ballot_id, ballot)
        for loser in self.respect | self.kindness:
            with self.subTest(value=loser.name):
                self.assertEqual(loser.state, "proposed")
                self.assertFalse(loser.adopted_ballot_id)

    def test_approval_ballot_adopts_only_the_winner(self):
        """"Choose any": the value approved by most people is adopted."""
        ballot = self._choice_ballot("approval")
        self._run_ballot(ballot, [("Respect", "Choice"), ("Respect",), ("Respect", "Kindness"),
                                  ("Choice",)])
        self.assertEqual(ballot.winner_option_ids.value_id, self.respect)
        self.assertEqual(self.respect.state, "adopted")
        self.assertEqual((self.choice | self.kindness).mapped("state"), ["proposed", "proposed"])

    def test_tie_resolved_adopts_the_chosen_value(self):
        """A tie adopts nothing until the chair resolves it; then the chosen option's
        value is adopted."""
        ballot = self._choice_ballot("plurality")
        self._run_ballot(ballot, [("Choice",)] * 3 + [("Respect",)] * 3)
        self.assertEqual(ballot.result_state, "tie")
        self.assertEqual((self.respect | self.choice).mapped("state"), ["proposed", "proposed"])

        [respect_option] = self._options(ballot, "Respect")
        self._officer(ballot).action_resolve_tie(respect_option, "We drew lots")
        self.env.invalidate_all()
        self.assertEqual(ballot.result_state, "won")
        self.assertEqual(self.respect.state, "adopted")
        self.assertEqual(self.respect.adopted_ballot_id, ballot)
        self.assertEqual(self.choice.state, "proposed")

    def test_losing_value_cannot_claim_the_ballot(self):
        """A value whose option lost cannot be adopted by naming the (won) ballot:
        the ballot adopted another value."""
        ballot = self._choice_ballot("plurality")
        self._run_ballot(ballot, [("Choice",)] * 4 + [("Respect",)] * 2)
        self.assertEqual(self.choice.state, "adopted")

        self._officer(self.respect).adopted_ballot_id = ballot
        with self.assertRaises(UserError):
            self._officer(self.respect).action_adopt()
        self.assertEqual(self.respect.state, "proposed")

    def test_values_on_an_open_ballot_are_locked(self):
        ballot = self._ballot(value_ids=[Command.set(self.respect.ids)])
        self._officer(ballot).action_open()
        with self._refused(UserError, "can no longer change"):
            self._officer(ballot).value_ids = self.respect | self.choice
        self.assertEqual(ballot.value_ids, self.respect)


class TestValueWording(ValueCase):
    """The words of an adopted value stay as agreed; rewording is a new proposal."""

    def test_adopted_words_are_locked(self):
        self._adopt_by_decision(self.respect)
        officer = self._officer(self.respect)
        for vals in ({"name": "Respect for all"}, {"easy_read_text": "We hear you."},
                     {"name": "Respect", "easy_read_text": "Changed"}):
            with self.subTest(vals=vals), self._refused(UserError, "Propose new wording"):
                officer.write(vals)
        self.assertEqual((self.respect.name, self.respect.easy_read_text),
                         ("Respect", "We listen to you."))
        # the same words, or what is not wording, still save
        officer.write({"name": "Respect", "sequence": 3, "icon": "fa-star"})
        self.assertEqual(self.respect.icon, "fa-star")
        # a proposal is edited freely
        self._officer(self.choice).name = "Choices"
        self.assertEqual(self.choice.name, "Choices")

    def test_adopted_words_stay_in_every_way_of_writing(self):
        """The agreed words do not change through the translation dialog either,
        nor through the key of a context; how the value was adopted stays too. A
        translation into a language the words are not in yet may be added."""
        decision = self._adopt_by_decision(self.respect)
        manager = self.respect.with_user(self.user_manager)
        with self._refused(UserError, "Propose new wording"):
            manager.update_field_translations("name", {"en_US": "Obedience"})
        with self._refused(UserError, "Use the buttons"):
            manager.with_context(coprod_value_state=True).write({"state": "proposed"})
        with self._refused(UserError, "part of its history"):
            manager.write({"adopted_decision_id": self._decision(text="Another").id})
        with self._refused(UserError, "has a history"):
            manager.unlink()
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["res.lang"]._activate_lang("de_DE")
        manager.update_field_translations("name", {"fr_FR": "Respect (fr)"})
        # the same through a form in that language: a new translation is added ...
        manager.with_context(lang="de_DE").write({"name": "Respekt"})
        # ... and once there, it stays as agreed
        with self._refused(UserError, "Propose new wording"):
            manager.with_context(lang="de_DE").write({"name": "Gehorsam"})

        self.env.invalidate_all()
        self.assertEqual(self.respect.name, "Respect")
        self.assertEqual(self.respect.with_context(lang="fr_FR").name, "Respect (fr)")
        self.assertEqual(self.respect.with_context(lang="de_DE").name, "Respekt")
        self.assertEqual(self.respect.state, "adopted")
        self.assertEqual(self.respect.date_adopted, self.today)
        self.assertEqual(self.respect.adopted_decision_id, decision)
        # writing back what is there already (an import of the same rows) is fine
        manager.write({"adopted_decision_id": decision.id, "adopted_meeting_id": self.meeting.id})

    def test_rewording_retires_the_old_words_and_keeps_them(self):
        self._adopt_by_decision(self.respect)
        action = self._officer(self.respect).action_propose_rewording()
        self.assertEqual(action["res_model"], "coprod.value")
        proposal = self.Value.browse(action["res_id"])
        self.assertEqual(proposal.state, "proposed")
        self.assertEqual(proposal.replaces_value_id, self.respect)
        self.assertEqual(proposal.name, "Respect")
        self.assertEqual(proposal.contributor_partner_ids, self.people[:2])
        self.assertFalse(proposal.adopted_decision_id)
        self.assertFalse(proposal.date_adopted)
        self.assertEqual(proposal.history_ids, self.respect)
        with self._refused(UserError, "already proposed"):
            self._officer(self.respect).action_propose_rewording()
        with self._refused(UserError, "Only an adopted value is reworded"):
            self._officer(self.choice).action_propose_rewording()

        self._officer(proposal).write({"name": "Respect for everyone",
                                       "easy_read_text": "We listen to everyone."})
        self.assertEqual(self.respect.state, "adopted", "the old words hold until the new ones are adopted")

        later = self._meeting(days=40)
        self._adopt_by_decision(proposal, meeting=later)

        self.assertEqual(proposal.state, "adopted")
        self.assertEqual(proposal.adopted_meeting_id, later)
        self.assertEqual(self.respect.state, "retired")
        self.assertEqual(self.respect.replaced_by_value_id, proposal)
        self.assertEqual(self.respect.date_retired, self.today)
        self.assertIn("Respect for everyone", self.respect.retired_reason)
        # the old words, and where they came from, are still there
        self.assertEqual((self.respect.name, self.respect.easy_read_text),
                         ("Respect", "We listen to you."))
        self.assertEqual(self.respect.adopted_meeting_id, self.meeting)
        self.assertIn("replaced by", "\n".join(self.respect.message_ids.mapped("body")))

        # a second rewording: the history lists every earlier wording
        second = self.Value.browse(self._officer(proposal).action_propose_rewording()["res_id"])
        self._officer(second).name = "Respect for every person"
        self._adopt_by_decision(second, meeting=later)
        self.assertEqual(second.history_ids, proposal | self.respect)
        self.assertEqual(proposal.state, "retired")
        self.assertEqual(self.Value.search([("id", "in", (self.respect | proposal | second).ids),
                                            ("state", "=", "adopted")]), second)

    def test_rewording_leaves_the_stories_with_the_old_words(self):
        """Stories were recorded against the words that were adopted: a new wording
        starts without them (a proposal carries no stories)."""
        self._adopt_by_decision(self.respect)
        story = self._record(self.respect)
        proposal = self.Value.browse(self._officer(self.respect).action_propose_rewording()["res_id"])
        self.assertFalse(proposal.record_ids)
        self.assertEqual(proposal.record_count, 0)
        self.assertEqual(story.value_ids, self.respect)

    def test_retire(self):
        with self._refused(UserError, "Only an adopted value can be retired"):
            self._officer(self.respect).action_retire()
        self._adopt_by_decision(self.respect)
        self._officer(self.respect).write({"retired_reason": "We merged it with Choice"})
        self._officer(self.respect).action_retire()
        self.assertEqual(self.respect.state, "retired")
        self.assertEqual(self.respect.date_retired, self.today)
        with self._refused(UserError, "were agreed, so they stay"):
            self._officer(self.respect).name = "Respect again"
        with self._refused(UserError, "Only a proposed value can be adopted"):
            self._officer(self.respect).action_adopt()


class TestValueDeletion(ValueCase):
    """Values with a history are archived, never deleted."""

    @mute_logger("odoo.models.unlink")
    def test_adopted_value_cannot_be_deleted_but_is_archived(self):
        self._adopt_by_decision(self.respect)
        story = self._record(self.respect)
        manager = self.respect.with_user(self.user_manager)
        with self._refused(UserError, "Archive it instead"):
            manager.unlink()
        self.assertTrue(self.respect.exists())

        manager.active = False
        self.assertNotIn(self.respect, self.Value.search([]))
        self.assertIn(self.respect, self.Value.with_context(active_test=False).search([]))
        self.assertEqual(story.with_context(active_test=False).value_ids, self.respect,
                         "the stories keep their value")

    @mute_logger("odoo.models.unlink")
    def test_retired_value_cannot_be_deleted(self):
        self._adopt_by_decision(self.respect)
        self._officer(self.respect).action_retire()
        with self._refused(UserError, "Archive it instead"):
            self.respect.with_user(self.user_manager).unlink()

    def test_fresh_proposal_can_be_deleted(self):
        self.kindness.with_user(self.user_manager).unlink()
        self.assertFalse(self.kindness.exists())


class TestValueRecords(ValueCase):
    """Stories of a value lived: about adopted values, shared only with consent."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.respect.adopted_decision_id = cls.env["coprod.decision"].create(
            {"meeting_id": cls.meeting.id, "text": "We adopt respect"})
        cls.respect.action_adopt()

    def test_needs_a_value_when_created(self):
        """A story names the value it shows, also when the form sends no value at all."""
        with self._refused(ValidationError, "Say which value"):
            self.Record.create({"title": "A story about nothing"})
        self.assertFalse(self.Record.search([("title", "=", "A story about nothing")]))

    def test_needs_an_adopted_value(self):
        with self._refused(ValidationError, "Say which value"):
            self._record(self.respect.browse())
        with self._refused(ValidationError, "only proposed"):
            self._record(self.choice)
        with self._refused(ValidationError, "only proposed"):
            self._record(self.respect | self.choice)
        record = self._record(self.respect)
        self.assertEqual(record.value_ids, self.respect)
        self.assertEqual(self.respect.record_ids, record)
        self.assertEqual(self.respect.record_count, 1)
        with self._refused(ValidationError, "Say which value"):
            record.value_ids = False
        self.assertEqual(record.date, self.today)

    def test_shareable(self):
        """A story that names nobody may be shared; a story about people only with
        their consent. The search filter agrees with the field."""
        employee = self.env["hr.employee"].create({"name": "Sam Staff"})
        nobody = self._record(self.respect, title="The new ramp")
        person = self._record(self.respect, title="Amy's holiday",
                              partner_ids=[Command.set(self.people[1].ids)])
        staff = self._record(self.respect, title="Sam stayed late",
                             employee_ids=[Command.set(employee.ids)])
        consent = self._record(self.respect, title="Ben's new job", consent_to_share=True,
                               partner_ids=[Command.set(self.people[2].ids)])
        self.assertEqual(
            {r.title: (r.involves_people, r.shareable) for r in nobody | person | staff | consent},
            {"The new ramp": (False, True), "Amy's holiday": (True, False),
             "Sam stayed late": (True, False), "Ben's new job": (True, True)},
        )
        mine = nobody | person | staff | consent
        for domain, expected in (
            ([("shareable", "=", True)], nobody | consent),
            ([("shareable", "=", False)], person | staff),
            ([("shareable", "!=", True)], person | staff),
            ([("shareable", "!=", False)], nobody | consent),
        ):
            with self.subTest(domain=domain):
                self.assertEqual(self.Record.search(domain + [("id", "in", mine.ids)]), expected)

        # consent given later makes the story shareable
        person.consent_to_share = True
        self.assertTrue(person.shareable)
        self.assertIn(person, self.Record.search([("shareable", "=", True), ("id", "in", mine.ids)]))

    def test_group_and_company_from_meeting(self):
        record = self._record(self.respect, meeting_id=self.meeting.id)
        self.assertEqual(record.group_id, self.board)
        self.assertEqual(record.company_id, self.company)
        self.assertIn(record, self.meeting.value_record_ids)

        group_c2 = self.env["coprod.group"].create({"name": "Board in the second company",
                                                    "company_id": self.company_2.id})
        meeting_c2 = self._meeting(group=group_c2)
        value_c2 = self.Value.create({"name": "Honesty", "company_id": self.company_2.id,
                                      "adopted_decision_id": self._decision(meeting_c2).id})
        value_c2.action_adopt()
        self.assertEqual(value_c2.group_id, group_c2)
        record_c2 = self._record(value_c2, meeting_id=meeting_c2.id)
        self.assertEqual(record_c2.group_id, group_c2)
        self.assertEqual(record_c2.company_id, self.company_2)

        # without a meeting: the group given, or the user's company
        loose = self._record(self.respect, group_id=self.other_group.id)
        self.assertEqual(loose.company_id, self.company)
        self.assertEqual(self._record(self.respect).company_id, self.env.company)


class TestValueNominations(ValueCase):
    """Anyone in a group nominates; the facilitator records the group's acknowledgement."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        decision = cls.env["coprod.decision"].create(
            {"meeting_id": cls.meeting.id, "text": "We adopt respect and choice"})
        (cls.respect | cls.choice).write({"adopted_decision_id": decision.id})
        (cls.respect | cls.choice).action_adopt()
        cls.member = cls.user_coprod.partner_id

    def _nominate(self, user=None, **vals):
        Nomination = self.Nomination.with_user(user) if user else self.Nomination
        return Nomination.create(dict({
            "group_id": self.board.id,
            "value_ids": [Command.set(self.respect.ids)],
            "partner_ids": [Command.set(self.people[1].ids)],
            "reason": "She asked everyone at the table what they wanted to eat.",
        }, **vals))

    def test_member_nominates_in_their_group(self):
        nomination = self._nominate(self.user_coprod)
        self.assertEqual(nomination.state, "proposed")
        self.assertEqual(nomination.nominated_by_partner_id, self.member)
        self.assertEqual(nomination.meeting_id, self.meeting)
        self.assertEqual(nomination.company_id, self.company)
        self.assertEqual(nomination.title, "Person 2: Respect")
        # the member sees their nomination
        self.assertIn(nomination, self.Nomination.with_user(self.user_coprod).search([]))

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_member_cannot_nominate_in_another_group(self):
        with self.assertRaises(AccessError):
            self._nominate(self.user_coprod, group_id=self.other_group.id)
        self.assertFalse(self.Nomination.search([("group_id", "=", self.other_group.id)]))

    def test_member_cannot_acknowledge(self):
        nomination = self._nominate(self.user_coprod)
        with self._refused(UserError, "facilitator"):
            nomination.with_user(self.user_coprod).action_acknowledge()
        with self._refused(UserError, "facilitator"):
            nomination.with_user(self.user_coprod).action_decline()
        self.assertEqual(nomination.state, "proposed")
        self.assertFalse(nomination.record_id)

    def test_officer_acknowledges_into_a_record(self):
        employee = self.env["hr.employee"].create({"name": "Sam Staff"})
        nomination = self._nominate(
            self.user_coprod,
            value_ids=[Command.set((self.respect | self.choice).ids)],
            partner_ids=[Command.set((self.people[1] | self.people[2]).ids)],
            consent_to_share=True,
        )
        nomination.sudo().employee_ids = employee
        nomination.with_user(self.user_officer).action_acknowledge()

        record = nomination.record_id
        self.assertTrue(record)
        self.assertEqual(nomination.state, "acknowledged")
        self.assertEqual(record.value_ids, self.respect | self.choice)
        self.assertEqual(record.partner_ids, self.people[1] | self.people[2])
        self.assertEqual(record.employee_ids, employee)
        self.assertTrue(record.consent_to_share)
        self.assertTrue(record.shareable)
        self.assertEqual(record.meeting_id, self.meeting)
        self.assertEqual(record.group_id, self.board)
        self.assertEqual(record.nomination_id, nomination)
        self.assertEqual(record.date, self.meeting.start.date())
        self.assertEqual(record.title, nomination.title)
        self.assertEqual(record.story, nomination.reason)
        self.assertIn(record, self.respect.record_ids)
        self.assertIn("acknowledged", "\n".join(nomination.message_ids.mapped("body")))

        with self._refused(UserError, "already dealt with"):
            nomination.with_user(self.user_officer).action_acknowledge()
        self.assertEqual(self.Record.search([("nomination_id", "=", nomination.id)]), record)

    def test_consent_not_given_stays_inside_the_group(self):
        nomination = self._nominate()
        nomination.with_user(self.user_officer).action_acknowledge()
        self.assertFalse(nomination.record_id.consent_to_share)
        self.assertFalse(nomination.record_id.shareable)

    def test_default_meeting_is_the_next_upcoming_one(self):
        """The group's next planned or scheduled meeting: not a past one, not a
        later one, not a cancelled one, not another group's."""
        self._meeting(days=-3)
        self._meeting(days=40)
        self._meeting(days=2, group=self.other_group)
        self._meeting(days=1).action_cancel()
        nomination = self._nominate()
        self.assertEqual(nomination.meeting_id, self.meeting)

        # another group: its own next meeting, or none
        lonely = self._group("No meetings yet", members=1)
        self.assertFalse(self._nominate(group_id=lonely.id).meeting_id)

    def test_without_meeting_cannot_be_acknowledged(self):
        lonely = self._group("No meetings yet", members=1)
        nomination = self._nominate(group_id=lonely.id)
        with self._refused(UserError, "at which meeting"):
            nomination.with_user(self.user_officer).action_acknowledge()
        self.assertEqual(nomination.state, "proposed")

    def test_must_nominate_somebody(self):
        with self._refused(ValidationError, "Say who you nominate"):
            self._nominate(self.user_coprod, partner_ids=[])
        with self._refused(ValidationError, "Say who you nominate"):
            self._nominate(self.user_coprod, partner_ids=[Command.clear()])
        self.assertFalse(self.Nomination.search([("group_id", "=", self.board.id)]))
        department = self.env["hr.department"].create({"name": "Oak House team"})
        team = self._nominate(partner_ids=[], department_id=department.id)
        self.assertEqual(team.title, "Oak House team: Respect")

    def test_must_nominate_somebody_even_when_nobody_is_sent(self):
        """The form may send no nominee field at all: still refused."""
        with self._refused(ValidationError, "Say who you nominate"):
            self.Nomination.with_user(self.user_coprod).create({
                "group_id": self.board.id, "value_ids": [Command.set(self.respect.ids)],
                "reason": "Everyone is great",
            })

    def test_must_name_a_value(self):
        """A nomination says which value the person lived."""
        with self.assertRaises(ValidationError):
            self.Nomination.with_user(self.user_coprod).create({
                "group_id": self.board.id, "partner_ids": [Command.set(self.people[1].ids)],
                "reason": "She is great",
            })

    def test_cannot_nominate_for_a_proposed_value(self):
        """A nomination is for a value the organisation adopted: a proposal is
        refused when the nomination is made, not later when the group meets."""
        with self.assertRaises(ValidationError):
            self._nominate(self.user_coprod, value_ids=[Command.set(self.kindness.ids)])

    def test_decline(self):
        nomination = self._nominate()
        nomination.with_user(self.user_officer).action_decline()
        self.assertEqual(nomination.state, "declined")
        self.assertFalse(nomination.record_id)
        with self._refused(UserError, "already dealt with"):
            nomination.with_user(self.user_officer).action_acknowledge()

    def test_meeting_acknowledges_its_nominations(self):
        later = self._meeting(days=40)
        here = self._nominate() | self._nominate(partner_ids=[Command.set(self.people[3].ids)])
        elsewhere = self._nominate(meeting_id=later.id)
        declined = self._nominate()
        declined.with_user(self.user_officer).action_decline()
        self.assertEqual(self.meeting.value_nomination_ids, here | declined)

        self.meeting.with_user(self.user_officer).action_acknowledge_nominations()

        self.assertEqual(here.mapped("state"), ["acknowledged", "acknowledged"])
        self.assertEqual(elsewhere.state, "proposed")
        self.assertEqual(declined.state, "declined")
        self.assertEqual(self.meeting.value_record_ids, here.record_id)
        self.assertEqual(self.meeting.value_record_ids.partner_ids, self.people[1] | self.people[3])
        with self._refused(UserError, "No nominations are waiting"):
            self.meeting.with_user(self.user_officer).action_acknowledge_nominations()
        with self._refused(UserError, "facilitator"):
            later.with_user(self.user_coprod).action_acknowledge_nominations()
        self.assertEqual(elsewhere.state, "proposed")
