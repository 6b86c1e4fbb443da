from . import coprod_evidence_pack
from . import coprod_staff_board_add
from . import coprod_report_period
from . import coprod_ballot_tie
