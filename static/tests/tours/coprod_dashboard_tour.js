/** @odoo-module **/

import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

const SCREEN = ".o_coprod_dashboard";

/**
 * The demo facilitator opens the Co-production app and lands on the dashboard: four
 * tiles, each with its number and title. A row of the overdue actions opens the action.
 */
registry.category("web_tour.tours").add("coprod_dashboard_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Co-production app",
            trigger: ".o_app[data-menu-xmlid='coprod.coprod_menu_root']",
            run: "click",
        },
        {
            content: "The app opens on the dashboard: meetings to invite",
            trigger: `${SCREEN} .o_cpd_tile_meetings:contains('Meetings to invite') .o_cpd_tile_number`,
        },
        {
            content: "Overdue actions, with a number",
            trigger: `${SCREEN} .o_cpd_tile_actions:contains('Overdue actions') .o_cpd_tile_number`,
        },
        {
            content: "Open votes",
            trigger: `${SCREEN} .o_cpd_tile_ballots:contains('Open votes')`,
        },
        {
            content: "The screen says whose groups it shows",
            trigger: `${SCREEN} .o_cpd_scope:contains('You see the groups you facilitate.')`,
        },
        {
            content: "Times people supported came, with a bar chart of three months",
            trigger: `${SCREEN} .o_cpd_card_came:contains('Times people supported came') .o_cpd_chart:has(.o_cpd_month:eq(2))`,
        },
        {
            content: "The headings go in order (no level skipped), and the screen says its language",
            trigger: `${SCREEN} .o_cpd_month_label`,
            run() {
                const screen = document.querySelector(SCREEN);
                const problems = screen.lang ? [] : ["no lang attribute"];
                let level = 0;
                for (const heading of screen.querySelectorAll("h1, h2, h3, h4, h5, h6")) {
                    const next = Number(heading.tagName[1]);
                    if (next > level + 1) {
                        problems.push(`"${heading.innerText.trim()}" is h${next} after h${level}`);
                    }
                    level = next;
                }
                if (problems.length) {
                    throw new Error(problems.join("; "));
                }
            },
        },
        {
            content: "Open the overdue action from its row",
            trigger: `${SCREEN} .o_cpd_card_actions .o_cpd_row:contains('Dashboard tour: mend the garden gate')`,
            run: "click",
        },
        {
            content: "The action opens in its form",
            trigger: ".o_form_view .o_field_widget[name='date_due']",
        },
        {
            content: "It is the action of the row",
            trigger: ".o_breadcrumb:contains('Dashboard tour: mend the garden gate')",
        },
    ],
});
