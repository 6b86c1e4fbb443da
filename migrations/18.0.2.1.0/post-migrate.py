"""18.0.2.1.0: Makaton is arranged before meetings (someone who signs it), as the
other needs a paper cannot meet. The shipped needs are not updated on upgrade (their
records are noupdate, so that an organisation's changes stay): this sets it once on
databases that had the need before, unless the organisation archived it."""


def migrate(cr, version):
    if not version:
        return
    cr.execute("""
        UPDATE coprod_communication_need need
           SET needs_arrangement = TRUE
          FROM ir_model_data data
         WHERE data.module = 'coprod' AND data.name = 'coprod_need_makaton'
           AND data.model = 'coprod.communication.need' AND data.res_id = need.id
           AND need.active
    """)
