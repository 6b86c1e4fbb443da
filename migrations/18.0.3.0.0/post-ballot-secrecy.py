"""18.0.3.0.0: secret ballots sealed while open, registers for officers.

- A member reads only their own row of a ballot's register (the rule is noupdate,
  so its domain is changed here).
- A secret ballot open during the upgrade gets its key now, and the papers already
  cast are sealed with it (their clear choice is removed), so that from now on
  nobody who reads the database can read them. The blank papers that 18.0.2.4.0
  made at opening are dropped (a vote now writes its own sealed paper).
"""
from odoo import SUPERUSER_ID, api

OWN_ROW = "[('partner_id', '=', user.partner_id.id)]"


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    rule = env.ref("coprod.coprod_ballot_voter_rule_user", raise_if_not_found=False)
    if rule:
        rule.write({"domain_force": OWN_ROW, "name": "Ballot register: own row"})

    from odoo.addons.coprod.coprod_module.models import ballot_seal  # pylint: disable=import-outside-toplevel

    cr.execute("SELECT id FROM coprod_ballot WHERE state = 'open' AND secret AND seal_ref IS NULL")
    for (ballot_id,) in cr.fetchall():
        ballot = env["coprod.ballot"].browse(ballot_id)
        ref = ballot_seal.new_key(cr.dbname, ballot_id)
        cr.execute("UPDATE coprod_ballot SET seal_ref = %s WHERE id = %s", [ref, ballot_id])
        width = len(",".join(str(key) for key in ballot.option_ids.ids))
        cr.execute("DELETE FROM coprod_ballot_vote WHERE ballot_id = %s AND choice IS NULL "
                   "AND sealed_choice IS NULL", [ballot_id])
        cr.execute("SELECT id, choice FROM coprod_ballot_vote WHERE ballot_id = %s "
                   "AND choice IS NOT NULL", [ballot_id])
        for paper_id, choice in cr.fetchall():
            cr.execute(
                "UPDATE coprod_ballot_vote SET sealed_choice = %s, choice = NULL, option_id = NULL "
                "WHERE id = %s",
                [ballot_seal.seal(cr.dbname, ballot_id, ref, choice, width), paper_id])
    env.invalidate_all()
