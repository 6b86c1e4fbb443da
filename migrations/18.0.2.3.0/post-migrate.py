"""18.0.2.3.0: the invitation email's subject says the day of the meeting in each
person's language (it was the meeting's name, whose date is in the language of
whoever planned the meeting), and a group with no facilitator no longer sends "Ask
 if you need help".

The template is noupdate, so that an organisation's wording stays: only the shipped
subject and the shipped sentence are replaced, in every language where they are still
word for word what 18.0.2.2.0 shipped; anything an organisation wrote is kept."""

from odoo import SUPERUSER_ID, api

OLD_SUBJECT = "You are invited: {{ object.meeting_id.name }}"
NEW_SUBJECT = ("You are invited: {{ object.meeting_id.group_id.name }}, {{ object.env['coprod.easy.read']"
               "._say_date(object.meeting_id.start, object.partner_id, object.meeting_id.group_id) }}")
OLD_HELP = ("<p>Ask <t t-out=\"object.meeting_id.facilitator_user_id.name or ''\">Fiona</t> "
            "if you need help.</p>")
NEW_HELP = ("<p t-if=\"object.meeting_id.facilitator_user_id\">Ask "
            "<t t-out=\"object.meeting_id.facilitator_user_id.name or ''\">Fiona</t> if you need help.</p>\n"
            "    <p t-else=\"\">Reply to this email if you need help.</p>")


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    template = env.ref("coprod.coprod_mail_template_invitation", raise_if_not_found=False)
    if template:
        update_invitation(template)


def update_invitation(template):
    """Replace the shipped subject and help sentence where they are unchanged, in each
    language the template has (its stored translations, read without fallback)."""
    values = {}
    for fname, old, new in (("subject", OLD_SUBJECT, NEW_SUBJECT), ("body_html", OLD_HELP, NEW_HELP)):
        for lang, text in (template._fields[fname]._get_stored_translations(template) or {}).items():
            if fname == "subject" and text == old:
                values.setdefault(lang, {})[fname] = new
            elif fname == "body_html" and text and old in text:
                values.setdefault(lang, {})[fname] = text.replace(old, new)
    # English first: the other languages are translations of it
    for lang in sorted(values, key=lambda code: code != "en_US"):
        template.with_context(lang=lang).write(values[lang])
