"""Scheduled actions that work record by record.

Each record is done in a savepoint, so one that fails (a broken letter, a ballot whose
papers cannot be counted) is rolled back alone: the others are still done, and the
failed one is logged and reported to the people who can put it right. A run does one
batch; it tells the scheduler how many records are left, and the scheduler runs it
again at once, in a new transaction, until none are.
"""

import logging

from psycopg2 import OperationalError

from odoo.exceptions import UserError

from ..voting import VotingError

_logger = logging.getLogger(__name__)

BATCH_SIZE = 50


def run_in_batch(records, work, report, batch_size=BATCH_SIZE):
    """Call ``work(record)`` for each of the first ``batch_size`` records, each in a
    savepoint. A record whose work raises is rolled back, logged, and passed to
    ``report(record, error)``; the callers leave reported records out of their next
    search, so a record that cannot be done is not tried again and again.

    Returns the records whose work failed.
    """
    env = records.env
    batch, failed = records[:batch_size], records.browse()
    for record in batch:
        # finish what is waiting for the commit (chatter tracking) of the records
        # done so far: a rollback to the savepoint below would drop it
        env.cr.precommit.run()
        try:
            with env.cr.savepoint():
                work(record)
        except OperationalError:
            # a lock or a serialization conflict with another transaction: nothing
            # for people to put right; the whole run is tried again later
            raise
        except Exception as error:  # noqa: BLE001 -- whatever breaks one record
            _logger.warning("%s: %s could not be done, reported: %s",
                            record._name, record.id, error, exc_info=True)
            failed |= record
            report(record, error)
    env["ir.cron"]._notify_progress(done=len(batch), remaining=len(records) - len(batch))
    return failed


def plain_error(error):
    """The message of an error written for people (coprod's and Odoo's user errors,
    the counting rules), or None for any other (its details are in the server log)."""
    if isinstance(error, (UserError, VotingError)) and error.args:
        return str(error.args[0])
    return None


def in_own_settings(record):
    """``record`` as its scheduled action handles it: its own company is the current
    one (its settings, its papers), in its facilitator's language and time zone."""
    user = record.group_id.facilitator_user_id
    settings = {key: user[key] for key in ("lang", "tz") if user[key]}
    return record.with_company(record.company_id).with_context(**settings)


def waiting_to_be_put_right(records):
    """The records with an open "Put a problem right" activity: a scheduled action
    failed on them and leaves them alone until it is marked done."""
    activities = records.env["mail.activity"].search([
        ("res_model", "=", records._name),
        ("res_id", "in", records.ids),
        ("activity_type_id", "=", records.env.ref("coprod.mail_activity_type_put_right").id),
    ])
    return records.browse(set(activities.mapped("res_id")))


def ask_to_put_right(record, summary, note):
    """Tell the facilitator of the record's group (or the administrator) what could
    not be done, with a "Put a problem right" activity on the record."""
    record = in_own_settings(record)
    user = record.group_id.facilitator_user_id.filtered("active") or record.env.ref(
        "base.user_admin", raise_if_not_found=False)
    record.activity_schedule(
        "coprod.mail_activity_type_put_right",
        summary=summary, note=note, user_id=user.id or record.env.uid,
    )
