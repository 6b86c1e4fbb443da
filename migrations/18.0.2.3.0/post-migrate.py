"""18.0.2.3.0: the invitation email's subject says the day of the meeting in each
person's language (it was the meeting's name, whose date is in the language of
whoever planned the meeting), and a group with no facilitator no longer sends "Ask
 if you need help". The template is noupdate, so that an organisation's wording
stays: it is loaded again from the shipped file only where its subject is still the
one shipped before."""

from odoo import SUPERUSER_ID, api
from odoo.tools import convert_file

OLD_SUBJECT = "You are invited: {{ object.meeting_id.name }}"


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    template = env.ref("coprod.coprod_mail_template_invitation", raise_if_not_found=False)
    if not template or template.with_context(lang="en_US").subject != OLD_SUBJECT:
        return
    # "init" loads the noupdate record over the old one (an update would skip it)
    convert_file(env, "coprod", "data/coprod_mail_template_data.xml", {},
                 mode="init", noupdate=True)
