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

    def _give_supporter(self, membership):
        """A supporter with an email who gets the member's papers (they agreed)."""
        supporter = self.env["res.partner"].create(
            {"name": f"Supporter {membership.id}", "email": f"s{membership.id}@example.com"})
        membership.write({"supporter_partner_id": supporter.id, "supporter_consent": True})

    def _sending_counts(self, runs, meetings):
        """{size: the fewest queries the facilitator's Send invitations made for a
        meeting of that size} (each size is sent more than once: the first send of a
        test run also loads Odoo's access rules, a few queries more)."""
        counts = {}
        for size, meeting in zip(runs, meetings):
            self._cold()
            start = self.cr.sql_log_count
            meeting.with_user(self.user_officer).action_send_invitations()
            self.env.flush_all()
            count = self.cr.sql_log_count - start
            counts[size] = min(counts.get(size, count), count)
        return counts

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

    def test_sending_invitations_does_not_grow_with_the_people(self):
        """Sending the invitations of 10 and of 40 people, each with a supporter who
        gets a copy, costs the same: the needs of all of them (who asked for plain
        text email) are read at once (they were read a person at a time: two queries
        a person), and the emails are created with their papers attached, linked in
        one INSERT (each paper was linked to its email with a write: one query a
        person; measured 66 queries for 10 people and 91 for 40, now 51 for both).

        Each size is measured twice and the fewer queries kept: once in a test run,
        at a send that varies, Odoo reads the access rules of users for the first
        time (5 queries), which says nothing about the number of people."""
        # Everything made first: making groups and people clears some of Odoo's
        # caches, which would then be filled again while measuring.
        runs = (3, 10, 40, 10, 40)  # 3: warming up the registry's caches
        meetings = []
        for run, size in enumerate(runs):
            group = self._group(f"Board {run} of {size}", members=size)
            for membership in group.membership_ids:
                self._give_supporter(membership)
            meeting = self._meeting(days=5, group=group)
            meeting.action_schedule()
            meetings.append(meeting)
        counts = self._sending_counts(runs, meetings)

        for size, meeting in zip(runs, meetings):
            # The work was done, for everyone: one email each, to the person and
            # their supporter, with their own paper only, which stays on their row.
            rows = meeting.attendance_ids
            self.assertEqual(len(rows.filtered("invitation_sent")), size)
            mails = self.env["mail.mail"].sudo().search(
                [("model", "=", rows._name), ("res_id", "in", rows.ids)])
            self.assertEqual(len(mails), size)
            for mail in mails:
                row = rows.browse(mail.res_id)
                self.assertEqual(mail.recipient_ids, row.partner_id | row.supporter_partner_id)
                paper = mail.attachment_ids
                self.assertEqual(len(paper), 1, "exactly one paper")
                self.assertEqual((paper.res_model, paper.res_id), (rows._name, row.id))
                self.assertIn(row.partner_id.name, paper.name)
        # Not a query more a person (30 more people: at most 2 more queries).
        self.assertLessEqual(counts[40] - counts[10], 2, counts)

    def test_invitation_papers_do_not_grow_with_the_people(self):
        """Sending the invitations of 4 and of 16 people costs the same queries with
        everything a paper shows a person at a time: two formats (easy read, large
        print), two co-chairs (one photo, shown with consent), agenda items with
        suggested pictures, a supporter, and support to arrange (an interpreter).

        The papers are one QWeb rendering a format, which reads what the papers
        show for everyone at once; the activities that ask the facilitator to arrange
        support are created at once (there was one create a person: 2 queries).
        (A server run with --dev=xml, as tools/serve did, reads every template again
        at each t-call: 1,937 queries for the papers of 11 people, against 182
        without; bench/run invitations --dev xml shows it.)"""
        large_print = self.env.ref("coprod.coprod_need_large_print")
        interpreter = self.env.ref("coprod.coprod_need_bsl_interpreter")
        pixel = ("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")
        runs = (4, 4, 16, 4, 16)  # the first 4: warming up the registry's caches
        meetings = []
        for run, size in enumerate(runs):
            group = self._group(f"Papers {run} of {size}", members=size, kind="people_supported")
            memberships = group.membership_ids.sorted("id")
            memberships[:2].write({"role": "co_chair", "consent_photo": True})
            memberships[0].partner_id.image_1920 = pixel
            for n, membership in enumerate(memberships):
                membership.partner_id.coprod_need_ids = [(6, 0, (
                    large_print if n % 4 == 1 else interpreter if n % 4 == 2 else large_print.browse()).ids)]
                if n % 4 == 3:
                    self._give_supporter(membership)
            meeting = self._meeting(days=5, group=group)
            self.env["coprod.agenda.item"].create([
                {"meeting_id": meeting.id, "title": title, "state": "accepted"}
                for title in ("Money for our holiday", "A new garden", "Food and menus")
            ])
            meeting.action_schedule()
            meetings.append(meeting)
        counts = self._sending_counts(runs, meetings)

        for size, meeting in zip(runs, meetings):
            # Everyone got their own paper, in the format their needs ask for, and
            # the facilitator has one activity a person who needs an interpreter.
            rows = meeting.attendance_ids
            self.assertEqual(len(rows.filtered("invitation_sent")), size)
            self.assertEqual(set(rows.mapped("document_format")), {"easy_read", "large_print"})
            papers = self.env["ir.attachment"].search([
                ("res_model", "=", rows._name), ("res_id", "in", rows.ids),
                ("mimetype", "=", "application/pdf")])
            self.assertEqual(sorted(papers.mapped("res_id")), sorted(rows.ids))
            self.assertEqual(len(meeting.support_activity_ids), size // 4)
        # Not a query more a person (12 more people: at most 2 more queries).
        self.assertLessEqual(counts[16] - counts[4], 2, counts)
        self.assertLessEqual(counts[16], 88, counts)  # measured 84
