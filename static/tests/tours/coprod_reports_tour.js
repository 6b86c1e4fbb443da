/** @odoo-module **/

import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

function tap(content, trigger) {
    return { content, trigger, run: "click" };
}

/** Open a report from Co-production > Reporting. */
function openReport(what, xmlid) {
    return [
        tap("Open the Reporting menu", ".o_main_navbar button[data-menu-xmlid='coprod.coprod_reporting_menu']"),
        tap(`Choose ${what}`, `.dropdown-item[data-menu-xmlid='coprod.${xmlid}']`),
    ];
}

/** The pivot shows a row for a group, with figures in it. */
function pivotRow(what, group) {
    return [
        {
            content: `${what}: a row for ${group}`,
            trigger: `.o_pivot th.o_pivot_header_cell_closed:contains('${group}')`,
        },
        {
            content: `${what}: with figures`,
            trigger: ".o_pivot td.o_pivot_cell_value .o_value",
        },
    ];
}

/**
 * The demo manager opens the reports on the demo data: participation as a pivot (by
 * group and kind of person) and as a graph by month, then "you said, we did", the
 * seats of the staff board and the values lived.
 */
registry.category("web_tour.tours").add("coprod_reports_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        tap("Open the Co-production app", ".o_app[data-menu-xmlid='coprod.coprod_menu_root']"),
        ...openReport("Participation", "coprod_report_participation_menu"),
        ...pivotRow("Participation", "Shadow quality board"),
        {
            content: "Participation: a column for people supported",
            trigger: ".o_pivot th:contains('Person supported')",
        },
        tap("Show it as a graph", ".o_switch_view.o_graph"),
        {
            content: "The graph by month is drawn",
            trigger: ".o_graph_renderer .o_graph_canvas_container canvas",
        },
        ...openReport("You said, we did", "coprod_report_action_menu"),
        ...pivotRow("You said, we did", "Shadow quality board"),
        ...openReport("Seats", "coprod_report_seat_menu"),
        ...pivotRow("Seats", "Staff shadow board"),
        ...openReport("Values lived", "coprod_report_value_menu"),
        {
            content: "Values lived: the pivot is there",
            trigger: ".o_pivot th.o_pivot_header_cell_closed",
        },
    ],
});
