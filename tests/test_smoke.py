from .common import CoprodCase


class TestSmoke(CoprodCase):
    def test_board_has_members(self):
        self.assertEqual(self.board.member_count, 7)
