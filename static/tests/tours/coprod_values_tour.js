/** @odoo-module **/

import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

const DEMO_VALUES = [
    "Improving the quality of life",
    "Developing and building new skills",
    "Partnership working and co-production",
    "Exceeding expectations",
    "Empowerment",
    "Celebrating success",
];

function tap(content, trigger) {
    return { content, trigger, run: "click" };
}

/** Open a menu of the Co-production app that sits under a top menu. */
function openSubMenu(what, parentXmlid, xmlid) {
    return [
        tap(`Open the ${what} menu`, `.o_main_navbar button[data-menu-xmlid='${parentXmlid}']`),
        tap(`Choose ${what}`, `.dropdown-item[data-menu-xmlid='${xmlid}']`),
    ];
}

/** Type in a many2one or many2many field and pick what comes up. */
function pick(field, typed, label, scope = ".o_form_view") {
    return [
        {
            content: `Type "${typed}" in ${field}`,
            trigger: `${scope} .o_field_widget[name='${field}'] input`,
            run: `edit ${typed}`,
        },
        tap(`Choose ${label}`, `.o-autocomplete--dropdown-item:contains('${label}')`),
    ];
}

/**
 * A newcomer (the demo facilitator) finds the board's six values, sees where one
 * came from, records a story for it, opens the leaflet check that waits for the
 * company's answers, and opens the evidence pack.
 */
registry.category("web_tour.tours").add("coprod_values_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        tap("Open the Co-production app", ".o_app[data-menu-xmlid='coprod.coprod_menu_root']"),

        // Values: the six demo values, adopted by the board's ballot.
        ...openSubMenu("Values", "coprod.coprod_values_menu", "coprod.coprod_value_menu"),
        ...DEMO_VALUES.map((name) => ({
            content: `The value "${name}" is on the board`,
            trigger: `.o_kanban_view .o_kanban_record:contains('${name}')`,
        })),
        {
            content: "Six values, no more",
            trigger: ".o_kanban_view .o_kanban_record:contains('Celebrating success')",
            run() {
                const cards = document.querySelectorAll(
                    ".o_kanban_view .o_kanban_record:not(.o_kanban_ghost)"
                );
                if (cards.length !== DEMO_VALUES.length) {
                    throw new Error(`Expected 6 values, found ${cards.length}`);
                }
            },
        },
        tap(
            "Open Celebrating success",
            ".o_kanban_view .o_kanban_record:contains('Celebrating success')"
        ),
        {
            content: "The value is adopted",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Adopted')",
        },
        {
            content: "Where it came from: the ballot that adopted it",
            trigger:
                ".o_form_view .o_field_widget[name='adopted_ballot_id']:contains('Do we agree our six values?')",
        },
        {
            content: "and the meeting it was adopted at",
            trigger: ".o_form_view .o_field_widget[name='adopted_meeting_id'] a",
        },

        // Values > Stories: a new story for the value.
        ...openSubMenu("Stories", "coprod.coprod_values_menu", "coprod.coprod_value_record_menu"),
        {
            content: "The demo stories are listed",
            trigger: ".o_list_view .o_data_row:contains('Amy chaired the board on her own')",
        },
        tap("New story", ".o_control_panel .o_list_button_add"),
        {
            content: "Give the story a title",
            trigger: ".o_form_view .o_field_widget[name='title'] input",
            run: "edit Fatima ran the summer garden party",
        },
        ...pick("value_ids", "Celebrating", "Celebrating success"),
        {
            content: "The value is chosen",
            trigger: ".o_form_view .o_field_widget[name='value_ids'] .o_tag:contains('Celebrating success')",
        },
        ...pick("group_id", "Shadow quality", "Shadow quality board"),
        {
            content: "Tell the story",
            trigger: ".o_form_view .o_field_widget[name='story'] textarea",
            run: "edit Fatima planned a garden party for the whole house and thanked everyone who helped.",
        },
        ...stepUtils.saveForm(),
        {
            content: "The story is saved under its title",
            trigger: ".o_breadcrumb .o_last_breadcrumb_item:contains('Fatima ran the summer garden party')",
        },

        // Quality checks: the leaflet check that waits for the company's answers.
        tap("Open Quality checks", ".o_main_navbar [data-menu-xmlid='coprod.coprod_quality_check_menu']"),
        tap(
            "Open the support plan leaflet check",
            ".o_list_view .o_data_row:contains('Leaflet: Your support plan') td[name='name']"
        ),
        {
            content: "The recommendations were given",
            trigger:
                ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Recommendations given')",
        },
        {
            content: "Three recommendations have no answer yet",
            trigger: ".o_form_view .oe_stat_button:contains('No answer yet') .o_stat_value:contains('3')",
        },
        tap("See what the board recommends", ".o_form_view .o_notebook a:contains('What we recommend')"),
        {
            content: "The board's recommendations are listed",
            trigger:
                ".o_form_view .o_field_widget[name='recommendation_ids'] .o_data_row:contains('Put a picture next to every sentence')",
        },

        // Reporting > Evidence pack: the wizard and its fields.
        ...openSubMenu("Evidence pack", "coprod.coprod_reporting_menu", "coprod.coprod_evidence_pack_menu"),
        {
            content: "The evidence pack asks from when",
            trigger: ".modal .o_field_widget[name='date_from'] input",
        },
        {
            content: "to when",
            trigger: ".modal .o_field_widget[name='date_to'] input",
        },
        {
            content: "which groups",
            trigger: ".modal .o_field_widget[name='group_ids']",
        },
        ...pick("quality_statement_ids", "Listening", "Listening to and involving people", ".modal"),
        {
            content: "R4 is chosen",
            trigger:
                ".modal .o_field_widget[name='quality_statement_ids'] .o_tag:contains('Listening to and involving people')",
        },
        {
            content: "The pack can be printed",
            trigger: ".modal button[name='action_print_pack']",
        },
        {
            content: "and the easy-read summary too",
            trigger: ".modal button[name='action_print_summary']",
        },
        tap("Close the evidence pack", ".modal .modal-footer button:contains('Cancel')"),
        {
            content: "The evidence pack is closed",
            trigger: "body:not(:has(.modal))",
        },
    ],
});
