/** @odoo-module **/

import { rpc } from "@web/core/network/rpc";
import { registry } from "@web/core/registry";

const SCREEN = ".o_coprod_voting_register";

function tap(content, trigger) {
    return { content, trigger, run: "click" };
}

function option(label) {
    return `${SCREEN} .o_cvr_option:contains('${label}')`;
}

/** Confirm the choice, see the secret thank-you (and nothing of the choice), go on. */
function confirmAndNext(who) {
    return [
        {
            content: `${who}: the choices are shown back before they count`,
            trigger: `${SCREEN} .o_cvr_ask:contains('Is that right?')`,
        },
        tap(`${who}: yes, that is right`, `${SCREEN} button.o_cvr_confirm`),
        {
            content: `${who}: thank you, the vote is counted`,
            trigger: `${SCREEN} .o_cvr_thanks:contains('Your vote is counted.')`,
        },
        {
            content: `${who}: a secret ballot shows nothing of the choice after the vote`,
            trigger: `${SCREEN}:not(:has(.o_cvr_summary)):not(:has(.o_cvr_option))`,
        },
    ];
}

/**
 * A facilitator records a room's ranked, secret vote on the voting register
 * screen, one person at a time: Alex (with an undo), then Cal picked from the
 * list and helped to vote, then Bea (with a change of mind). Then everyone has voted.
 */
registry.category("web_tour.tours").add("coprod_voting_register_tour", {
    steps: () => [
        tap("Open the voting register screen", "button[name='action_open_register_screen']"),
        {
            content: "The question is shown in easy read",
            trigger: `${SCREEN} .o_cvr_question:contains('Which room should we paint first?')`,
        },
        {
            content: "The first person on the list votes first",
            trigger: `${SCREEN} .o_cvr_person_name:contains('Alex Voter')`,
        },
        {
            content: "Nobody has voted yet",
            trigger: `${SCREEN} .o_cvr_progress:contains('0 of 3')`,
        },
        {
            content: "Every choice has a picture: its image, the candidate's photo, or an icon",
            trigger: `${SCREEN} .o_cvr_option:contains('Garden') img[src*='coprod.ballot.option']`,
        },
        {
            content: "A candidate who did not agree to a photo on screens: a drawn person",
            trigger: `${SCREEN} .o_cvr_option:contains('Kitchen') .fa-user`,
        },
        {
            content: "An icon",
            trigger: `${SCREEN} .o_cvr_option:contains('Library') .fa-book`,
        },
        // Alex: Garden, Library (undone), Kitchen.
        tap("Alex: first choice, the garden", option("Garden")),
        {
            content: "The garden shows 1",
            trigger: `${option("Garden")}.o_cvr_chosen .o_cvr_rank:contains('1')`,
        },
        tap("Alex: taps the library", option("Library")),
        {
            content: "The library shows 2",
            trigger: `${option("Library")}.o_cvr_chosen .o_cvr_rank:contains('2')`,
        },
        tap("Alex: undo the library", `${SCREEN} button.o_cvr_undo`),
        {
            content: "The library is no longer chosen",
            trigger: `${option("Library")}:not(.o_cvr_chosen)`,
        },
        tap("Alex: second choice, the kitchen", option("Kitchen")),
        {
            content: "The kitchen shows 2",
            trigger: `${option("Kitchen")}.o_cvr_chosen .o_cvr_rank:contains('2')`,
        },
        tap("Alex: done", `${SCREEN} button.o_cvr_done`),
        {
            content: "Alex's first choice is shown back first",
            trigger: `${SCREEN} .o_cvr_summary li:first-child:contains('Garden')`,
        },
        ...confirmAndNext("Alex"),
        {
            content: "One person has voted",
            trigger: `${SCREEN} .o_cvr_progress:contains('1 of 3')`,
        },
        tap("Next person", `${SCREEN} button.o_cvr_next:contains('Next person')`),
        // Cal, picked from the list, helped to vote: Kitchen only.
        {
            content: "Bea is next on the list",
            trigger: `${SCREEN} .o_cvr_person_name:contains('Bea Voter')`,
        },
        tap("Cal is ready first: choose another person", `${SCREEN} button.o_cvr_other_person`),
        {
            content: "Alex has voted, so Alex is not on the list",
            trigger: `${SCREEN} .o_cvr_people:not(:has(button:contains('Alex Voter')))`,
        },
        tap("Choose Cal", `${SCREEN} .o_cvr_person_choice:contains('Cal Voter')`),
        {
            content: "Cal votes now",
            trigger: `${SCREEN} .o_cvr_person_name:contains('Cal Voter')`,
        },
        {
            content: "Cal was helped to vote",
            trigger: `${SCREEN} .o_cvr_assisted input`,
            run: "check",
        },
        tap("Cal: first choice, the kitchen", option("Kitchen")),
        tap("Cal: done", `${SCREEN} button.o_cvr_done`),
        {
            content: "Still helped to vote on the check screen",
            trigger: `${SCREEN} .o_cvr_assisted input:checked`,
        },
        ...confirmAndNext("Cal"),
        tap("Next person", `${SCREEN} button.o_cvr_next:contains('Next person')`),
        // Bea: Library first, then a change of mind: Kitchen, Garden, Library.
        {
            content: "Bea votes now",
            trigger: `${SCREEN} .o_cvr_person_name:contains('Bea Voter')`,
        },
        {
            content: "Nobody is waiting but Bea: no one else to choose",
            trigger: `${SCREEN}:not(:has(button.o_cvr_other_person))`,
        },
        {
            content: "The help check starts empty for each person",
            trigger: `${SCREEN} .o_cvr_assisted input:not(:checked)`,
        },
        tap("Bea: first choice, the library", option("Library")),
        tap("Bea: done", `${SCREEN} button.o_cvr_done`),
        tap("Bea wants to change", `${SCREEN} button.o_cvr_change`),
        {
            content: "Bea's choice is kept",
            trigger: `${option("Library")}.o_cvr_chosen .o_cvr_rank:contains('1')`,
        },
        tap("Bea: undo the library", `${SCREEN} button.o_cvr_undo`),
        {
            content: "Nothing is chosen, so done waits",
            trigger: `${SCREEN} button.o_cvr_done:disabled`,
        },
        tap("Bea: first choice, the kitchen", option("Kitchen")),
        tap("Bea: second choice, the garden", option("Garden")),
        tap("Bea: third choice, the library", option("Library")),
        {
            content: "The library shows 3",
            trigger: `${option("Library")}.o_cvr_chosen .o_cvr_rank:contains('3')`,
        },
        tap("Bea: done", `${SCREEN} button.o_cvr_done`),
        ...confirmAndNext("Bea"),
        tap("Nobody is left: next", `${SCREEN} button.o_cvr_next`),
        {
            content: "Everyone has voted",
            trigger: `${SCREEN} .o_cvr_finished:contains('Everyone has voted.')`,
        },
        tap("Back to the ballot", `${SCREEN} button.o_cvr_back_end`),
        {
            content: "The ballot's register: three people have voted",
            trigger: ".o_form_view .oe_stat_button:contains('Have voted') .o_stat_value:contains('3')",
        },
    ],
});

/**
 * An open (show of hands) ballot, and a server error on the screen: while Dee is
 * choosing, Dee's vote is recorded from another tablet. The screen says so in plain
 * words, counts nothing twice, and goes on with the people still to vote.
 */
registry.category("web_tour.tours").add("coprod_voting_register_error_tour", {
    steps: () => [
        tap("Open the voting register screen", "button[name='action_open_register_screen']"),
        {
            content: "Dee votes first",
            trigger: `${SCREEN} .o_cvr_person_name:contains('Dee Voter')`,
        },
        {
            content: "A show of hands is not secret",
            trigger: `${SCREEN}:not(:has(.o_cvr_secret))`,
        },
        {
            content: "Meanwhile, another tablet records Dee's vote for the zoo",
            trigger: `${SCREEN} .o_cvr_option:contains('Zoo')`,
            async run() {
                const screen = document.querySelector(SCREEN);
                await rpc("/web/dataset/call_kw/coprod.ballot/register_screen_cast", {
                    model: "coprod.ballot",
                    method: "register_screen_cast",
                    args: [
                        [Number(screen.dataset.ballotId)],
                        Number(screen.querySelector(".o_cvr_person").dataset.partnerId),
                        [Number(this.anchor.dataset.optionId)],
                    ],
                    kwargs: {},
                });
            },
        },
        tap("Dee taps the seaside", option("Seaside")),
        {
            content: "One choice: it is shown back before it counts",
            trigger: `${SCREEN} .o_cvr_summary:contains('Seaside')`,
        },
        tap("Dee: yes", `${SCREEN} button.o_cvr_confirm`),
        {
            content: "The error is in plain words",
            trigger: `${SCREEN} .o_cvr_error:contains('Dee Voter has voted already. Each person votes once.')`,
        },
        {
            content: "The screen offers the people still to vote: Eli, not Dee",
            trigger: `${SCREEN} .o_cvr_people:not(:has(button:contains('Dee Voter'))) button:contains('Eli Voter')`,
        },
        tap("Choose Eli", `${SCREEN} .o_cvr_person_choice:contains('Eli Voter')`),
        {
            content: "The error is gone once Eli is chosen",
            trigger: `${SCREEN}:not(:has(.o_cvr_error)) .o_cvr_person_name:contains('Eli Voter')`,
        },
        tap("Eli taps the zoo", option("Zoo")),
        tap("Eli: change", `${SCREEN} button.o_cvr_change`),
        {
            content: "Nothing is chosen after a change on a one-choice ballot",
            trigger: `${SCREEN} .o_cvr_options:not(:has(.o_cvr_chosen))`,
        },
        tap("Eli taps the zoo again", option("Zoo")),
        tap("Eli: yes", `${SCREEN} button.o_cvr_confirm`),
        {
            content: "Not secret: Eli sees the vote that was counted",
            trigger: `${SCREEN} .o_cvr_thanks ~ .o_cvr_summary:contains('Zoo')`,
        },
        tap("Nobody is left: next", `${SCREEN} button.o_cvr_next`),
        {
            content: "Everyone has voted",
            trigger: `${SCREEN} .o_cvr_finished:contains('Everyone has voted.')`,
        },
    ],
});
