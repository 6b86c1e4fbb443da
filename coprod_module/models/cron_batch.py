"""Scheduled actions that work record by record.

Each record is done in a savepoint, so one that fails (a broken letter, a ballot whose
papers cannot be counted) is rolled back alone: the others are still done, and the
failed one is logged and reported to the people who can put it right. A run does one
batch; it tells the scheduler how many records are left, and the scheduler runs it
again at once, in a new transaction, until none are.
"""

import logging

from markupsafe import Markup

from odoo.exceptions import UserError
from odoo.service.model import PG_CONCURRENCY_EXCEPTIONS_TO_RETRY

from ..voting import VotingError

_logger = logging.getLogger(__name__)

BATCH_SIZE = 50
# The "Put a problem right" activity type of each model a scheduled action works on
# (each shows in its own model's activities only).
PUT_RIGHT = {
    "coprod.meeting": "coprod.mail_activity_type_put_right_meeting",
    "coprod.ballot": "coprod.mail_activity_type_put_right_ballot",
}


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
        try:
            # the savepoint first runs what waits for the commit (chatter tracking)
            # of the records done so far: a rollback to it keeps that
            with env.cr.savepoint():
                work(record)
        # (a tuple of exception classes, which pylint does not see)
        except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY:  # pylint: disable=catching-non-exception
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


def plain_error(env, error):
    """The message of an error written for people (coprod's and Odoo's user errors,
    the counting rules), or None for any other (its details are in the server log)."""
    if isinstance(error, UserError) and error.args:
        return str(error.args[0])
    if isinstance(error, VotingError) and error.args:
        # the counting rules speak English: framed in the reader's language
        return env._("The papers could not be counted: %(detail)s", detail=error.args[0])
    return None


def facilitator_or_admin(group):
    """Who is told when nobody else is: the group's facilitator, unless they have
    left, else the administrator, else a co-production manager (never someone whose
    user is archived: nobody would see it)."""
    env = group.env
    admin = env.ref("base.user_admin", raise_if_not_found=False) or env["res.users"]
    managers = env.ref("coprod.group_coprod_manager").sudo().users
    return (group.facilitator_user_id.filtered("active") or admin.filtered("active")
            or managers.filtered(lambda user: user.active and not user.share)[:1])


def in_own_settings(record):
    """``record`` as its scheduled action handles it: its own company is the current
    one (its settings, its papers), in its facilitator's language and time zone."""
    user = record.group_id.facilitator_user_id
    settings = {key: user[key] for key in ("lang", "tz") if user[key]}
    return record.with_company(record.company_id).with_context(**settings)


def waiting_to_be_put_right(records):
    """The records with an open "Put a problem right" activity that a scheduled
    action made: it failed on them and leaves them alone until that is done."""
    activity_type = records.env.ref(PUT_RIGHT[records._name])
    activities = records.env["mail.activity"].search([
        ("res_model", "=", records._name),
        ("res_id", "in", records.ids),
        ("activity_type_id", "=", activity_type.id),
        ("automated", "=", True),
    ])
    return records.browse(set(activities.mapped("res_id")))


def ask_to_put_right(record, summary, what_to_do, error):
    """Tell the facilitator of the record's group (or the administrator) what could
    not be done and what to do, and why (``error``, in plain words where it has
    them), with a "Put a problem right" activity on the record."""
    record = in_own_settings(record)
    why = plain_error(record.env, error) or record.env._("Something went wrong; the server log says what.")
    record.activity_schedule(
        PUT_RIGHT[record._name],
        summary=summary, note=Markup("<p>%s</p><p>%s</p>") % (what_to_do, why),
        user_id=facilitator_or_admin(record.group_id).id or record.env.uid,
    )


def put_right(records):
    """The job was done by hand (invitations sent, ballot closed): the problems a
    scheduled action reported on these records are put right."""
    records.sudo().activity_feedback([PUT_RIGHT[records._name]], feedback=records.env._("Done"))
