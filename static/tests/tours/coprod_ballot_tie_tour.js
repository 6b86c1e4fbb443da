/** @odoo-module **/

import { registry } from "@web/core/registry";

/**
 * A co-chair election ended in a tie. The facilitator decides it from the ballot's
 * form, as the room did (lots drawn): the count goes on, the winner is shown, and
 * "Apply the result" makes them co-chair.
 */
registry.category("web_tour.tours").add("coprod_ballot_tie_tour", {
    steps: () => [
        {
            content: "The form says the chair decides",
            trigger: ".o_form_view .ribbon:contains('Tie: the chair decides')",
        },
        {
            content: "Decide the tie",
            trigger: ".o_form_view button[name='action_decide_tie']",
            run: "click",
        },
        {
            content: "The dialog asks who wins",
            trigger: ".modal .modal-title:contains('Who wins?')",
        },
        {
            content: "Choose the winner",
            trigger: ".modal .o_field_widget[name='option_id'] input",
            run: "edit Tia",
        },
        {
            content: "Tia Tied",
            trigger: ".o-autocomplete--dropdown-item:contains('Tia Tied')",
            run: "click",
        },
        {
            content: "We drew lots (the first way, chosen already)",
            trigger: ".modal .o_field_widget[name='how'] input[data-value='lots']:checked",
        },
        {
            content: "Say what happened",
            trigger: ".modal .o_field_widget[name='note'] textarea",
            run: "edit Amy drew Tia's name from a hat.",
        },
        {
            content: "Decide",
            trigger: ".modal button[name='action_decide']",
            run: "click",
        },
        {
            content: "The tie is decided: no tie ribbon, the result can be applied",
            trigger: ".o_form_view:not(:has(.ribbon:contains('Tie'))) button[name='action_apply_election']",
            run: "click",
        },
        {
            content: "The chatter says how the tie was decided",
            trigger: ".o-mail-Message:contains('Amy drew Tia')",
        },
        {
            content: "The result is applied",
            trigger: ".o-mail-Message:contains('Result applied')",
        },
    ],
});
