from odoo import models


class CoprodMoveChecked(models.AbstractModel):
    """Records whose record rules depend on where they are: their group, meeting or
    company (or, for a proposal, whose name it is in). Odoo checks the rules on the
    record as it was; after a write that changes one of ``_coprod_move_fields`` they
    are checked again on the record as it is, so that nobody moves a record into a
    group or company they cannot use."""

    _name = "coprod.move.checked"
    _description = "Record rules checked again when moved"
    _coprod_move_fields = ()

    def write(self, vals):
        result = super().write(vals)
        if not set(self._coprod_move_fields).isdisjoint(vals):
            self.check_access("write")
        return result
