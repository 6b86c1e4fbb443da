from datetime import timedelta

from odoo import fields

from .common import CoprodCase

# Queries measured for a group of 10 and of 200 members: the same for both (planning
# the next meeting includes the company checks of its agenda and follow-ups).
SCHEDULE_QUERIES = 25
PLAN_NEXT_QUERIES = 33


class TestQueryCount(CoprodCase):
    """A board of 200 costs the database no more round trips than a board of 10."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.small = cls._with_co_chair(cls._group("Small board", members=10))
        cls.large = cls._with_co_chair(cls._group("Large board", members=200))
        cls.warm = cls._with_co_chair(cls._group("Warm-up board", members=3))

    @classmethod
    def _with_co_chair(cls, group):
        group.membership_ids[0].role = "co_chair"
        return group

    def _meeting_with_history(self, group):
        """A meeting with the same agenda and actions whatever the group's size."""
        meeting = self._meeting(days=-3, group=group)
        Item = self.env["coprod.agenda.item"]
        Item.create([
            {"meeting_id": meeting.id, "title": "Proposed", "state": "proposed"},
            {"meeting_id": meeting.id, "title": "Accepted", "state": "accepted"},
            {"meeting_id": meeting.id, "title": "Deferred", "state": "deferred"},
        ])
        today = fields.Date.context_today(meeting)
        owner = group.member_partner_ids[1]
        self.env["coprod.action"].create([
            {"meeting_id": meeting.id, "you_said": "Open", "owner_partner_id": owner.id,
             "date_due": today + timedelta(days=7)},
            {"meeting_id": meeting.id, "you_said": "Late", "owner_partner_id": owner.id,
             "date_due": today - timedelta(days=1)},
            {"meeting_id": meeting.id, "you_said": "Done", "owner_partner_id": owner.id,
             "date_due": today, "we_did": "Done it", "state": "done"},
        ])
        return meeting.with_user(self.user_officer)

    def _cold(self):
        """Start each measure from the same place: nothing pending, nothing cached."""
        self.env.flush_all()
        self.env.invalidate_all()

    def test_schedule_and_plan_next_do_not_grow_with_the_group(self):
        """action_schedule() and action_plan_next() cost the same for 10 and 200 members."""
        meetings = {
            group: self._meeting_with_history(group)
            for group in (self.warm, self.small, self.large)
        }
        # Warm up, from a cold record cache as below: the first run fills the
        # registry's caches (record rules, defaults, ...).
        self._cold()
        meetings[self.warm].action_schedule()
        self._cold()
        meetings[self.warm].action_plan_next()

        for group in (self.small, self.large):
            meeting = meetings[group]
            self._cold()
            with self.assertQueryCount(SCHEDULE_QUERIES):
                meeting.action_schedule()
            self._cold()
            with self.assertQueryCount(PLAN_NEXT_QUERIES):
                meeting.action_plan_next()

            # The work was done, for everyone.
            self.assertEqual(meeting.state, "scheduled")
            self.assertEqual(len(meeting.attendance_ids), len(group.member_partner_ids))
            following = meeting.search([("previous_meeting_id", "=", meeting.id)])
            self.assertEqual(len(following.agenda_item_ids), 3,
                             "the two deferred items and the updates item")
            self.assertEqual(len(following.followup_action_ids), 3)
        self.assertEqual(len(self.large.member_partner_ids), 200)

    def test_sending_invitations_costs_at_most_one_query_a_person(self):
        """Sending the invitations of 10 and of 40 people, each with a supporter who
        gets a copy: the needs of all of them (who asked for plain text email) are
        read at once (they were read a person at a time: two queries a person in all).
        What grows is one query a person, linking their paper to their email; a few
        more or less come from Odoo's caches (measured: 26 to 35 for 30 people)."""
        counts = {}
        for size in (3, 10, 40):  # 3: warming up the registry's caches
            group = self._group(f"Board of {size}", members=size)
            for membership in group.membership_ids:
                supporter = self.env["res.partner"].create(
                    {"name": f"Supporter {membership.id}", "email": f"s{membership.id}@example.com"})
                membership.write({"supporter_partner_id": supporter.id, "supporter_consent": True})
            meeting = self._meeting(days=5, group=group)
            meeting.action_schedule()
            self._cold()
            start = self.cr.sql_log_count
            meeting.with_user(self.user_officer).action_send_invitations()
            self.env.flush_all()
            counts[size] = self.cr.sql_log_count - start
            self.assertEqual(len(meeting.attendance_ids.filtered("invitation_sent")), size)
        self.assertLess(counts[40] - counts[10], 45, counts)
