import base64
from collections import Counter

from odoo.exceptions import UserError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import file_open

from .common import CoprodCase, read_papers


def _picture():
    """An option's own picture (a PNG that ships with Odoo)."""
    with file_open("web/static/img/placeholder.png", "rb") as image:
        return base64.b64encode(image.read())


def _ranked_ballot(env, group, name="Which room should we paint first?", secret=True):
    """A ranked ballot with three options: one with its own picture, one with a
    candidate (their photo), one with an icon."""
    candidate = env["res.partner"].create({"name": "Kit Chen"})
    return env["coprod.ballot"].create({
        "name": "Paint a room",
        "easy_read_question": name,
        "group_id": group.id,
        "method": "ranked",
        "secret": secret,
        "option_ids": [
            (0, 0, {"name": "Garden room", "easy_read_label": "Garden", "image": _picture(), "sequence": 1}),
            (0, 0, {"name": "Kitchen", "candidate_partner_id": candidate.id, "sequence": 2}),
            (0, 0, {"name": "Library", "icon": "fa-book", "sequence": 3}),
        ],
    })


@tagged("-at_install", "post_install")
class TestCoprodBallotUi(HttpCase):
    """A facilitator records a room's secret ranked vote on the voting register screen."""

    def test_facilitator_records_the_room_on_the_register_screen(self):
        officer = new_test_user(
            self.env, login="coprod_ballot_tour_officer", groups="coprod.group_coprod_officer",
            name="Tour Facilitator",
        )
        people = self.env["res.partner"].create([
            {"name": "Alex Voter"}, {"name": "Bea Voter"}, {"name": "Cal Voter"},
        ])
        group = self.env["coprod.group"].create({
            "name": "Tour voting board",
            "facilitator_user_id": officer.id,
            "membership_ids": [(0, 0, {"partner_id": partner.id}) for partner in people],
        })
        ballot = _ranked_ballot(self.env, group)
        ballot.action_open()
        self.assertEqual(ballot.voter_ids.partner_id, people)
        options = {option.name: option.id for option in ballot.option_ids}

        self.start_tour(
            f"/odoo/action-coprod.coprod_ballot_action/{ballot.id}",
            "coprod_voting_register_tour", login="coprod_ballot_tour_officer",
        )

        self.env.invalidate_all()
        register = {voter.partner_id.name: voter for voter in ballot.voter_ids}
        self.assertTrue(all(voter.has_voted for voter in register.values()))
        self.assertEqual(
            [name for name, voter in register.items() if voter.assisted], ["Cal Voter"],
        )
        self.assertEqual(ballot.voter_ids.recorded_by_user_id, officer)
        # The papers say what was chosen (sealed until the count), and nothing about
        # who chose it.
        self.env.cr.execute("SELECT partner_id FROM coprod_ballot_vote WHERE ballot_id = %s", [ballot.id])
        self.assertEqual(self.env.cr.fetchall(), [(None,)] * 3)
        garden, kitchen, library = options["Garden room"], options["Kitchen"], options["Library"]
        self.assertEqual(
            Counter(read_papers(ballot)),
            Counter([(garden, kitchen), (kitchen,), (kitchen, garden, library)]),
        )
        ballot.action_close()
        self.assertEqual(ballot.result_state, "won")
        self.assertEqual(ballot.winner_option_ids.name, "Kitchen")

    def test_register_screen_shows_a_server_error_and_counts_once(self):
        officer = new_test_user(
            self.env, login="coprod_ballot_tour_officer2", groups="coprod.group_coprod_officer",
            name="Tour Facilitator Two",
        )
        dee, eli = self.env["res.partner"].create([{"name": "Dee Voter"}, {"name": "Eli Voter"}])
        group = self.env["coprod.group"].create({
            "name": "Trip board",
            "facilitator_user_id": officer.id,
            "membership_ids": [(0, 0, {"partner_id": partner.id}) for partner in dee | eli],
        })
        ballot = self.env["coprod.ballot"].create({
            "name": "Where should we go on the trip?",
            "group_id": group.id,
            "method": "plurality",
            "secret": False,
            "option_ids": [
                (0, 0, {"name": "Seaside", "icon": "fa-sun-o", "sequence": 1}),
                (0, 0, {"name": "Zoo", "icon": "fa-paw", "sequence": 2}),
            ],
        })
        ballot.action_open()

        self.start_tour(
            f"/odoo/action-coprod.coprod_ballot_action/{ballot.id}",
            "coprod_voting_register_error_tour", login="coprod_ballot_tour_officer2",
        )

        self.env.invalidate_all()
        self.assertTrue(all(ballot.voter_ids.mapped("has_voted")))
        self.assertEqual(ballot.voter_ids.recorded_by_user_id, officer)
        # Dee's vote counted once: the one from the other tablet.
        zoo = ballot.option_ids.filtered(lambda o: o.name == "Zoo")
        self.env.cr.execute(
            "SELECT partner_id, option_id FROM coprod_ballot_vote "
            "WHERE ballot_id = %s AND choice IS NOT NULL", [ballot.id],
        )
        self.assertEqual(sorted(self.env.cr.fetchall()), sorted([(dee.id, zoo.id), (eli.id, zoo.id)]))

    def test_member_votes_themselves_with_the_vote_button(self):
        officer = new_test_user(
            self.env, login="coprod_own_vote_officer", groups="coprod.group_coprod_officer",
            name="Own Vote Facilitator",
        )
        member = new_test_user(
            self.env, login="coprod_own_vote_member", groups="coprod.group_coprod_user",
            name="Owen Own-Vote",
        )
        others = self.env["res.partner"].create([{"name": "Fay Voter"}, {"name": "Gus Voter"}])
        group = self.env["coprod.group"].create({
            "name": "Own vote board",
            "facilitator_user_id": officer.id,
            "membership_ids": [(0, 0, {"partner_id": partner.id})
                               for partner in others | member.partner_id],
        })
        ballot = _ranked_ballot(self.env, group)
        ballot.action_open()
        options = {option.name: option.id for option in ballot.option_ids}

        self.start_tour(
            f"/odoo/action-coprod.coprod_ballot_action/{ballot.id}",
            "coprod_own_vote_tour", login="coprod_own_vote_member",
        )

        self.env.invalidate_all()
        voted = ballot.voter_ids.filtered("has_voted")
        self.assertEqual(voted.partner_id, member.partner_id, "only Owen voted, for himself")
        self.assertFalse(voted.recorded_by_user_id)
        self.env.cr.execute("SELECT partner_id FROM coprod_ballot_vote WHERE ballot_id = %s", [ballot.id])
        self.assertEqual(self.env.cr.fetchall(), [(None,)])
        self.assertEqual(read_papers(ballot), [(options["Kitchen"], options["Garden room"])])

        # The screen's address typed in: still only his own screen.
        self.start_tour(
            f"/odoo/action-coprod.coprod_ballot_action/{ballot.id}/coprod_voting_register",
            "coprod_own_vote_done_tour", login="coprod_own_vote_member",
        )
        self.assertEqual(len(ballot.voter_ids.filtered("has_voted")), 1)


class TestVotingRegisterScreenData(CoprodCase):
    """What the register screen's two server methods give and take."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.group = cls._group("Screen group", members=3)
        cls.ballot = _ranked_ballot(cls.env, cls.group)
        cls.ballot.action_open()
        cls.voters = cls.ballot.voter_ids.partner_id.sorted("name")
        cls.options = cls.ballot.option_ids

    def _data(self, user=None):
        return self.ballot.with_user(user or self.user_officer).register_screen_data()

    def test_data_for_the_screen(self):
        data = self._data()
        self.assertEqual(data["easy_read_question"], "Which room should we paint first?")
        self.assertEqual((data["method"], data["secret"], data["state"]), ("ranked", True, "open"))
        self.assertEqual([v["partner_id"] for v in data["voters"]], self.voters.ids)
        self.assertEqual((data["voted_count"], data["register_count"]), (0, 3))
        garden, kitchen, library = data["options"]
        self.assertTrue(garden["has_image"])
        self.assertEqual(garden["easy_read_label"], "Garden")
        self.assertFalse(kitchen["has_image"])
        self.assertTrue(kitchen["candidate_partner_id"])
        self.assertEqual(library["icon"], "fa-book")
        # the pictures, in the papers' order
        self.assertEqual(garden["picture"], {"url": f"/web/image/coprod.ballot.option/{garden['id']}/picture_image"})
        self.assertEqual(library["picture"], {"icon": "fa-book"})
        # Never a count of votes for an option.
        self.assertEqual(set(garden), {"id", "name", "easy_read_label", "icon", "has_image",
                                       "candidate_partner_id", "picture"})

    def test_screen_shows_photos_only_with_consent(self):
        """The screen, like the papers, shows a person's photo only where they agreed
        to it (Photo consent); otherwise a drawn person."""
        agreed, not_asked = self.voters[:2]
        for person in (agreed, not_asked, self.options[1].candidate_partner_id):
            person.image_1920 = _picture()
        self.group.membership_ids.filtered(lambda m: m.partner_id == agreed).consent_photo = True
        data = self._data()
        photos = {voter["partner_id"]: voter["photo"] for voter in data["voters"]}
        self.assertEqual(photos, {agreed.id: True, not_asked.id: False, self.voters[2].id: False})
        kitchen = data["options"][1]
        self.assertEqual(kitchen["picture"], {"icon": "fa-user"},
                         "the candidate is not a member who agreed: no photo")

    def test_cast_records_and_returns_fresh_data(self):
        first = self.voters[0]
        data = self.ballot.with_user(self.user_officer).register_screen_cast(
            first.id, [self.options[2].id, self.options[0].id], True,
        )
        self.assertNotIn(first.id, [v["partner_id"] for v in data["voters"]])
        self.assertEqual((data["voted_count"], data["register_count"]), (1, 3))
        voter = self.ballot.voter_ids.filtered(lambda v: v.partner_id == first)
        self.assertTrue(voter.has_voted)
        self.assertTrue(voter.assisted)
        self.assertEqual(voter.recorded_by_user_id, self.user_officer)
        self.assertEqual(read_papers(self.ballot), [(self.options[2].id, self.options[0].id)])

    def test_cast_errors_are_plain_and_lose_nothing(self):
        screen = self.ballot.with_user(self.user_officer)
        first = self.voters[0]
        screen.register_screen_cast(first.id, [self.options[0].id])
        with self.assertRaisesRegex(UserError, "has voted already"):
            screen.register_screen_cast(first.id, [self.options[1].id])
        with self.assertRaisesRegex(UserError, "not on the register"):
            screen.register_screen_cast(self.people[0].id, [self.options[1].id])
        with self.assertRaises(UserError):
            screen.register_screen_cast(self.voters[1].id, [])
        with self.assertRaisesRegex(UserError, "not on the register"):
            screen.register_screen_cast(0, [self.options[1].id])
        self.assertEqual(self._data()["voted_count"], 1)
        self.assertEqual(len(read_papers(self.ballot)), 1)

    def test_only_a_facilitator_records_votes_on_the_screen(self):
        member = self._co_chair_user(self.group)
        with self.assertRaisesRegex(UserError, "Only a facilitator"):
            self.ballot.with_user(member).register_screen_cast(self.voters[0].id, [self.options[0].id])
        self.assertEqual(self._data()["voted_count"], 0)


class TestOwnVote(CoprodCase):
    """A member votes themselves: the ballot's Vote button opens the voting screen
    with their own ballot paper only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.member = cls.user_coprod  # Mo Member, a member of the board
        cls.ballot = _ranked_ballot(cls.env, cls.board)
        cls.ballot.action_open()
        cls.options = cls.ballot.option_ids
        cls.mine = cls.ballot.with_user(cls.member)

    def test_vote_button_only_for_someone_who_can_vote_now(self):
        self.assertTrue(self.mine.can_vote)
        self.assertEqual(self.env["coprod.ballot"].with_user(self.member).search(
            [("can_vote", "=", True)]), self.ballot)
        action = self.mine.action_vote()
        self.assertEqual((action["tag"], action["params"]),
                         ("coprod_voting_register", {"ballot_id": self.ballot.id, "own_vote": True}))
        # the facilitator is not on the register: no Vote button for them
        self.assertFalse(self.ballot.with_user(self.user_officer).can_vote)
        with self.assertRaisesRegex(UserError, "You are not on the list"):
            self.ballot.with_user(self.user_officer).action_vote()
        # a draft ballot: nobody votes yet
        draft = self._ballot()
        self.assertFalse(draft.with_user(self.member).can_vote)
        with self.assertRaisesRegex(UserError, "This vote is not open"):
            draft.with_user(self.member).action_vote()

    def test_member_sees_only_their_own_paper(self):
        """Not the list of who has not voted: only themselves."""
        for own_vote in (True, False):  # typed-in address or the Vote button
            data = self.mine.register_screen_data(own_vote=own_vote)
            self.assertTrue(data["own_vote"])
            self.assertEqual([v["partner_id"] for v in data["voters"]], [self.member.partner_id.id])
            self.assertEqual(data["own_message"], "")
            self.assertEqual((data["voted_count"], data["register_count"]), (0, 7))
            self.assertEqual(len(data["options"]), 3)
        # the facilitator's own vote screen is their own too (here: not on the register)
        data = self.ballot.with_user(self.user_officer).register_screen_data(own_vote=True)
        self.assertEqual(data["voters"], [])
        self.assertIn("You are not on the list", data["own_message"])

    def test_member_votes_themselves_and_the_secret_is_kept(self):
        kitchen, garden = self.options[1], self.options[0]
        data = self.mine.register_screen_cast(
            self.member.partner_id.id, [kitchen.id, garden.id], own_vote=True)
        self.assertEqual(data["voters"], [])
        self.assertEqual(data["own_message"], "You have voted already. Each person votes once.")
        self.assertEqual(data["voted_count"], 1)
        voter = self.ballot.voter_ids.filtered(lambda v: v.partner_id == self.member.partner_id)
        self.assertTrue(voter.has_voted)
        self.assertFalse(voter.recorded_by_user_id, "they voted themselves: nobody recorded it")
        self.assertEqual(read_papers(self.ballot), [(kitchen.id, garden.id)])
        # a secret ballot: the paper does not say whose it is, nor, in the database
        # alone, what it says
        self.env.cr.execute("SELECT partner_id, choice FROM coprod_ballot_vote WHERE ballot_id = %s",
                            [self.ballot.id])
        self.assertEqual(self.env.cr.fetchall(), [(None, None)])
        self.mine.invalidate_recordset(["can_vote"])
        self.assertFalse(self.mine.can_vote, "no Vote button once they have voted")
        with self.assertRaisesRegex(UserError, "You have voted already"):
            self.mine.action_vote()
        with self.assertRaisesRegex(UserError, "has voted already"):
            self.mine.register_screen_cast(self.member.partner_id.id, [garden.id], own_vote=True)

    def test_member_cannot_vote_for_someone_else(self):
        other = self.people[1]
        with self.assertRaisesRegex(UserError, "Only a facilitator"):
            self.mine.register_screen_cast(other.id, [self.options[0].id], own_vote=True)
        self.assertFalse(self.ballot.voter_ids.filtered("has_voted"))

    def test_no_vote_after_closing_time(self):
        self.ballot.date_close = "2020-01-01 10:00:00"
        self.assertFalse(self.mine.can_vote)
        self.assertFalse(self.env["coprod.ballot"].with_user(self.member).search(
            [("can_vote", "=", True)]))
        self.assertEqual(self.env["coprod.ballot"].with_user(self.member).search(
            [("can_vote", "=", False), ("id", "=", self.ballot.id)]), self.ballot)
        self.assertEqual(self.mine.register_screen_data()["own_message"],
                         "This vote has ended. You cannot vote now.")


@tagged("-at_install", "post_install")
class TestCoprodBallotTieUi(HttpCase):

    def test_tied_election_decided_from_the_form(self):
        """A tied co-chair election is decided from the form and applied: the winner
        becomes co-chair (tour coprod_ballot_tie_tour)."""
        officer = new_test_user(
            self.env, login="coprod_tie_officer", groups="coprod.group_coprod_officer",
            name="Tie Facilitator", tz="Europe/London",
        )
        tia, ray = self.env["res.partner"].create([{"name": "Tia Tied"}, {"name": "Ray Tied"}])
        group = self.env["coprod.group"].create({
            "name": "Tie board",
            "facilitator_user_id": officer.id,
            "quorum_min": 0, "quorum_percent": 0,
            "membership_ids": [(0, 0, {"partner_id": partner.id}) for partner in tia | ray],
        })
        election = self.env["coprod.ballot"].create({
            "name": "Who should be our new co-chair?",
            "group_id": group.id,
            "method": "plurality",
            "election_role": "co_chair",
            "option_ids": [
                (0, 0, {"name": "Tia Tied", "candidate_partner_id": tia.id, "sequence": 1}),
                (0, 0, {"name": "Ray Tied", "candidate_partner_id": ray.id, "sequence": 2}),
            ],
        })
        election.action_open()
        tia_option, ray_option = election.option_ids
        election.cast_vote(tia, tia_option)
        election.cast_vote(ray, ray_option)
        election.action_close()
        self.assertEqual(election.result_state, "tie")

        self.start_tour(f"/odoo/action-coprod.coprod_ballot_action/{election.id}",
                        "coprod_ballot_tie_tour", login="coprod_tie_officer")

        self.env.invalidate_all()
        self.assertEqual((election.result_state, election.winner_option_ids), ("won", tia_option))
        self.assertTrue(election.election_applied)
        self.assertEqual(group.co_chair_partner_ids, tia)
