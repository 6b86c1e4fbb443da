# Copyright 2026 The coprod authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
{
    "name": "Co-production",
    "summary": "Co-production boards for health and social care: groups, meetings, "
    "easy-read papers, votes and 'you said, we did'",
    "version": "18.0.1.0.0",
    "category": "Services/Co-production",
    "website": "https://github.com/coprod/coprod",
    "author": "coprod authors",
    "license": "LGPL-3",
    "application": True,
    "installable": True,
    "depends": ["mail", "calendar", "hr"],
    "data": [
        "security/coprod_security.xml",
        "security/ir.model.access.csv",
        "security/coprod_rules.xml",
        "security/coprod_quality_rules.xml",
        "data/coprod_communication_need_data.xml",
        "data/coprod_mail_template_data.xml",
        "data/coprod_cron_data.xml",
        "data/coprod_activity_type_data.xml",
        "data/coprod_pictogram_data.xml",
        "data/coprod_quality_statement_data.xml",
        "report/coprod_evidence_pack_reports.xml",
        "report/coprod_evidence_pack_templates.xml",
        "report/coprod_easy_read_templates.xml",
        "report/coprod_easy_read_reports.xml",
        "views/coprod_group_views.xml",
        "views/coprod_membership_views.xml",
        "views/coprod_meeting_views.xml",
        "views/coprod_agenda_item_views.xml",
        "views/coprod_attendance_views.xml",
        "views/coprod_decision_views.xml",
        "views/coprod_action_views.xml",
        "views/coprod_ballot_views.xml",
        "views/coprod_communication_need_views.xml",
        "views/res_partner_views.xml",
        "views/hr_employee_views.xml",
        "views/coprod_menus.xml",
    ],
    "demo": [
        "demo/coprod_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "coprod/static/src/voting_register/**/*",
        ],
        "web.report_assets_common": [
            "coprod/static/src/scss/coprod_report.scss",
        ],
        "web.assets_tests": [
            "coprod/static/tests/tours/**/*",
        ],
    },
}
