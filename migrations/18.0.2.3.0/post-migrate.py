"""18.0.2.3.0: the invitation email's subject says the day of the meeting in each
person's language (it was the meeting's name, whose date is in the language of
whoever planned the meeting), and a group with no facilitator no longer sends "Ask
 if you need help".

The template is noupdate, so that an organisation's wording stays: only the shipped
subject is replaced, in every language where it is still word for word what
18.0.2.2.0 shipped; the help sentence is replaced where it is the shipped English one,
and elsewhere (a translation) it is only left out when there is no facilitator.
Anything an organisation wrote is kept. The values are written in SQL, language by
language, so that a language no longer active (its words are still stored) is
updated too and nothing else is rewritten.

Databases that ran this version's first "Put a problem right" activity type (one for
every model) move its open activities to the type of their model."""

import re

from odoo import SUPERUSER_ID, api
from odoo.tools import SQL

OLD_SUBJECT = "You are invited: {{ object.meeting_id.name }}"
NEW_SUBJECT = ("You are invited: {{ object.meeting_id.group_id.name }}, {{ object.env['coprod.easy.read']"
               "._say_date(object.meeting_id.start, object.partner_id, object.meeting_id.group_id) }}")
OLD_HELP = ("<p>Ask <t t-out=\"object.meeting_id.facilitator_user_id.name or ''\">Fiona</t> "
            "if you need help.</p>")
NEW_HELP = ("<p t-if=\"object.meeting_id.facilitator_user_id\">Ask "
            "<t t-out=\"object.meeting_id.facilitator_user_id.name or ''\">Fiona</t> if you need help.</p>\n"
            "    <p t-else=\"\">Reply to this email if you need help.</p>")
# A paragraph that names the facilitator and shows it whether there is one or not.
HELP_PARAGRAPH = re.compile(
    r"<p>((?:(?!</p>).)*?<t t-out=\"object\.meeting_id\.facilitator_user_id\.name[^\"]*\">)", re.S)
HELP_IF = '<p t-if="object.meeting_id.facilitator_user_id">\\1'


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    template = env.ref("coprod.coprod_mail_template_invitation", raise_if_not_found=False)
    if template:
        update_invitation(template)
    move_put_right_activities(env)


def new_words(fname, text):
    """The field's text in one language after the upgrade (the same when unchanged)."""
    if not text:
        return text
    if fname == "subject":
        return NEW_SUBJECT if text == OLD_SUBJECT else text
    if OLD_HELP in text:
        return text.replace(OLD_HELP, NEW_HELP)
    return HELP_PARAGRAPH.sub(HELP_IF, text)


def update_invitation(template):
    """Update the subject and help sentence of each language the template holds."""
    cr = template.env.cr
    for fname in ("subject", "body_html"):
        stored = template._fields[fname]._get_stored_translations(template) or {}
        for lang, text in stored.items():
            new = new_words(fname, text)
            if new != text:
                cr.execute(SQL(
                    "UPDATE mail_template SET %s = %s || jsonb_build_object(%s, %s) WHERE id = %s",
                    SQL.identifier(fname), SQL.identifier(fname), lang, new, template.id,
                ))
    template.invalidate_recordset(["subject", "body_html"])


def move_put_right_activities(env):
    """Open activities of the first, shared "Put a problem right" type go to the type
    of their model; the shared type is removed."""
    old = env.ref("coprod.mail_activity_type_put_right", raise_if_not_found=False)
    if not old:
        return
    for model in ("coprod.meeting", "coprod.ballot"):
        new = env.ref(f"coprod.mail_activity_type_put_right_{model.split('.')[1]}", raise_if_not_found=False)
        if new:
            env["mail.activity"].search([("activity_type_id", "=", old.id), ("res_model", "=", model)]).write(
                {"activity_type_id": new.id})
    if not env["mail.activity"].search_count([("activity_type_id", "=", old.id)]):
        old.unlink()
