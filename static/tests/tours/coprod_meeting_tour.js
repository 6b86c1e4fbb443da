/** @odoo-module **/

import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

/**
 * A facilitator opens the Co-production app, finds the board, opens its next
 * meeting, schedules it and sees the register with the board's members.
 */
registry.category("web_tour.tours").add("coprod_meeting_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Co-production app",
            trigger: ".o_app[data-menu-xmlid='coprod.coprod_menu_root']",
            run: "click",
        },
        {
            content: "Officers land on the dashboard: go to the groups",
            trigger: ".o_main_navbar a[data-menu-xmlid='coprod.coprod_group_menu'], .o_main_navbar button[data-menu-xmlid='coprod.coprod_group_menu']",
            run: "click",
        },
        {
            content: "Open the tour board",
            trigger: ".o_kanban_record:contains('Tour board')",
            run: "click",
        },
        {
            content: "The board's co-chair is shown",
            trigger: ".o_form_view .o_field_widget[name='co_chair_partner_ids']:contains('Tess Co-chair')",
        },
        {
            content: "Open the board's meetings",
            trigger: "button[name='action_view_meetings']",
            run: "click",
        },
        {
            content: "Open the planned meeting",
            trigger: ".o_data_row:contains('Tour meeting') td[name='name']",
            run: "click",
        },
        {
            content: "Schedule it",
            trigger: "button[name='action_schedule']",
            run: "click",
        },
        {
            content: "The meeting is scheduled",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Scheduled')",
        },
        {
            content: "Open the register",
            trigger: ".o_notebook a:contains('Register')",
            run: "click",
        },
        {
            content: "Everyone on the board is on the register",
            trigger: ".o_field_widget[name='attendance_ids'] .o_data_row:contains('Tess Co-chair')",
        },
        {
            content: "Invitations can now be sent",
            trigger: "button[name='action_send_invitations']",
        },
    ],
});
