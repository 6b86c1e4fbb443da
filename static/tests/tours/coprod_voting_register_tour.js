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

/** A step that fails with the problems `problems()` finds on the page. */
function check(content, trigger, problems) {
    return {
        content,
        trigger,
        run() {
            const found = problems.call(this);
            if (found.length) {
                throw new Error(`${content}: ${found.join("; ")}`);
            }
        },
    };
}

/**
 * What stops a person using the screen's buttons and ticks: a button with no words
 * to read out, a target smaller than 44 x 44 CSS pixels, a choice without a picture.
 */
function targetProblems() {
    const problems = [];
    for (const target of document.querySelectorAll(`${SCREEN} button, ${SCREEN} input`)) {
        const name = (
            target.getAttribute("aria-label") ||
            target.innerText ||
            target.labels?.[0]?.innerText ||
            ""
        ).trim();
        const { width, height } = target.getBoundingClientRect();
        if (!name) {
            problems.push(`${target.outerHTML.slice(0, 80)} has no name`);
        }
        if (width < 44 || height < 44) {
            problems.push(`"${name}" is ${Math.round(width)} x ${Math.round(height)} px`);
        }
    }
    for (const choice of document.querySelectorAll(`${SCREEN} .o_cvr_option`)) {
        if (!choice.querySelector(".o_cvr_option_picture img, .o_cvr_option_picture .fa")) {
            problems.push(`"${choice.innerText.trim()}" has no picture`);
        }
    }
    return problems;
}

/** The keyboard focus is on the element the selector finds (a screen reader reads it). */
function focusProblems(selector) {
    return () => (document.activeElement?.matches(selector) ? [] : [
        `the focus is on ${document.activeElement?.outerHTML.slice(0, 80)}, not on ${selector}`,
    ]);
}

/** The contrast of two CSS colours (WCAG 2). */
function contrast(first, second) {
    const luminance = (color) => {
        const [red, green, blue] = color.match(/[\d.]+/g).slice(0, 3).map((value) => {
            const channel = Number(value) / 255;
            return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * red + 0.7152 * green + 0.0722 * blue;
    };
    const [light, dark] = [luminance(first), luminance(second)].sort((a, b) => b - a);
    return (light + 0.05) / (dark + 0.05);
}

// The status region "Your vote is counted" comes into: it must be on the page before,
// or a screen reader does not read it out.
let statusRegion = null;

/** Confirm the choice, see the secret thank-you (and nothing of the choice), go on. */
function confirmAndNext(who) {
    return [
        {
            content: `${who}: the choices are shown back before they count`,
            trigger: `${SCREEN} .o_cvr_ask:contains('Is that right?')`,
        },
        check(
            `${who}: the keyboard is taken to "You chose"`,
            `${SCREEN} .o_cvr_heading:contains('You chose:')`,
            focusProblems(".o_cvr_heading")
        ),
        check(`${who}: yes and change are big, with words`, `${SCREEN} button.o_cvr_change`, targetProblems),
        {
            content: `${who}: the status region waits on the page, empty`,
            trigger: `${SCREEN} .o_cvr_status[role='status']:not(:has(.o_cvr_thanks)):not(:visible)`,
            run() {
                statusRegion = this.anchor;
            },
        },
        tap(`${who}: yes, that is right`, `${SCREEN} button.o_cvr_confirm`),
        {
            content: `${who}: thank you, the vote is counted`,
            trigger: `${SCREEN} .o_cvr_thanks:contains('Your vote is counted.')`,
        },
        check(
            `${who}: "Your vote is counted" comes into the status region a screen reader reads out`,
            `${SCREEN} .o_cvr_thanks`,
            function () {
                return this.anchor.closest("[role='status'][aria-live='polite']") === statusRegion
                    ? [] : ["the message is not in the status region that was on the page"];
            }
        ),
        check(`${who}: the keyboard is on the message`, `${SCREEN} .o_cvr_thanks`, focusProblems(".o_cvr_thanks")),
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
        check(
            "The ballot's badges can be read: a contrast of 4.5:1 at least",
            ".o_form_view .o_field_badge[name='easy_read_level'] .badge",
            () => [...document.querySelectorAll(".o_form_view .badge[class*='text-bg-']")]
                .map((badge) => [badge.innerText, contrast(
                    getComputedStyle(badge).color, getComputedStyle(badge).backgroundColor
                )])
                .filter(([, ratio]) => ratio < 4.5)
                .map(([text, ratio]) => `"${text}" has a contrast of ${ratio.toFixed(2)}:1`)
        ),
        tap("Open the voting register screen", "button[name='action_open_register_screen']"),
        {
            content: "The question is shown in easy read",
            trigger: `${SCREEN} .o_cvr_question:contains('Which room should we paint first?')`,
        },
        check("The keyboard starts on the question", `${SCREEN} .o_cvr_question`, focusProblems(".o_cvr_question")),
        check("The screen says its language, for a screen reader's voice", SCREEN, function () {
            return this.anchor.lang ? [] : ["no lang attribute"];
        }),
        check(
            "Every choice is a big button with words and a picture; so is every other button",
            `${SCREEN} .o_cvr_option:contains('Library')`,
            targetProblems
        ),
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
        check(
            "The names are big buttons, and the keyboard is on the question who votes",
            `${SCREEN} .o_cvr_person_choice:contains('Cal Voter')`,
            () => [...targetProblems(), ...focusProblems(".o_cvr_heading")()]
        ),
        {
            content: "Alex has voted, so Alex is not on the list",
            trigger: `${SCREEN} .o_cvr_people:not(:has(button:contains('Alex Voter')))`,
        },
        tap("Choose Cal", `${SCREEN} .o_cvr_person_choice:contains('Cal Voter')`),
        {
            content: "Cal votes now",
            trigger: `${SCREEN} .o_cvr_person_name:contains('Cal Voter')`,
        },
        check(
            "The keyboard is taken to who votes now",
            `${SCREEN} .o_cvr_person_heading:contains('Cal Voter')`,
            focusProblems(".o_cvr_person_heading")
        ),
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
        check("Undo and done are big buttons with words", `${SCREEN} button.o_cvr_undo`, targetProblems),
        tap("Bea: done", `${SCREEN} button.o_cvr_done`),
        ...confirmAndNext("Bea"),
        tap("Nobody is left: next", `${SCREEN} button.o_cvr_next`),
        {
            content: "Everyone has voted",
            trigger: `${SCREEN} .o_cvr_finished:contains('Everyone has voted.')`,
        },
        check("The keyboard is on the message", `${SCREEN} .o_cvr_finished`, focusProblems(".o_cvr_finished")),
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
        {
            content: "The alert region waits on the page, empty",
            trigger: `${SCREEN} .o_cvr_alert[role='alert']:not(:has(.o_cvr_error)):not(:visible)`,
            run() {
                statusRegion = this.anchor;
            },
        },
        tap("Dee: yes", `${SCREEN} button.o_cvr_confirm`),
        {
            content: "The error is in plain words",
            trigger: `${SCREEN} .o_cvr_error:contains('Dee Voter has voted already. Each person votes once.')`,
        },
        check(
            "The error comes into the alert region, which a screen reader reads out at once",
            `${SCREEN} .o_cvr_error`,
            function () {
                return this.anchor.closest("[role='alert']") === statusRegion
                    ? [] : ["the error is not in the alert region that was on the page"];
            }
        ),
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
            trigger: `${SCREEN}:has(.o_cvr_thanks) .o_cvr_summary:contains('Zoo')`,
        },
        tap("Nobody is left: next", `${SCREEN} button.o_cvr_next`),
        {
            content: "Everyone has voted",
            trigger: `${SCREEN} .o_cvr_finished:contains('Everyone has voted.')`,
        },
    ],
});

/** The target's size, if smaller than 44 x 44 CSS pixels. */
function sizeProblems() {
    const { width, height } = this.anchor.getBoundingClientRect();
    return width < 44 || height < 44 ? [`the Vote button is ${Math.round(width)} x ${Math.round(height)} px`] : [];
}

/**
 * A member votes themselves in a secret, ranked ballot: the ballot's big Vote
 * button opens their own ballot paper only (nobody else's name, no list of people,
 * no "helped to vote"), with the same pictures, "Is that right?" and "Your vote is
 * counted". Back on the ballot, the Vote button is gone.
 */
registry.category("web_tour.tours").add("coprod_own_vote_tour", {
    steps: () => [
        {
            content: "The ballot says, in plain words, that I can vote now",
            trigger: ".o_form_view .o_coprod_vote_now:contains('You can vote now.') img[src*='ballot_box']",
        },
        check("The Vote button is big", ".o_form_view button[name='action_vote']:contains('Vote')", sizeProblems),
        tap("Vote", ".o_form_view button[name='action_vote']"),
        {
            content: "The question is shown in easy read",
            trigger: `${SCREEN} .o_cvr_question:contains('Which room should we paint first?')`,
        },
        {
            content: "My own ballot paper: my name",
            trigger: `${SCREEN} .o_cvr_person_name:contains('Owen Own-Vote')`,
        },
        {
            content: "Only mine: nobody else to choose, no list of people, no help check",
            trigger: `${SCREEN}:not(:has(button.o_cvr_other_person)):not(:has(.o_cvr_people)):not(:has(.o_cvr_assisted))`,
        },
        {
            content: "The vote is secret, and says so",
            trigger: `${SCREEN} .o_cvr_secret:contains('Nobody will know what you chose.')`,
        },
        {
            content: "The choices have their pictures",
            trigger: `${SCREEN} .o_cvr_option:contains('Library') .fa-book`,
        },
        check("Every choice is a big button with words and a picture", `${SCREEN} .o_cvr_option:contains('Garden')`, targetProblems),
        tap("First choice, the kitchen", option("Kitchen")),
        tap("Second choice, the garden", option("Garden")),
        tap("Done", `${SCREEN} button.o_cvr_done`),
        {
            content: "My first choice is shown back first",
            trigger: `${SCREEN} .o_cvr_summary li:first-child:contains('Kitchen')`,
        },
        ...confirmAndNext("Owen"),
        {
            content: "My own vote: no next person, back to the ballot",
            trigger: `${SCREEN}:not(:has(button.o_cvr_next)) button.o_cvr_back_end:contains('Back to the ballot')`,
        },
        tap("Back to the ballot", `${SCREEN} button.o_cvr_back_end`),
        {
            content: "I have voted: no Vote button any more",
            trigger: ".o_form_view:not(:has(button[name='action_vote'])) .oe_stat_button:contains('Have voted') .o_stat_value:contains('1')",
        },
    ],
});

/** The screen's address typed in by a member who has voted: their own screen, which says so. */
registry.category("web_tour.tours").add("coprod_own_vote_done_tour", {
    steps: () => [
        {
            content: "I have voted already, and the screen says so",
            trigger: `${SCREEN} .o_cvr_own_done:contains('You have voted already. Each person votes once.')`,
        },
        {
            content: "Nobody else's name, and nobody else's ballot paper",
            trigger: `${SCREEN}:not(:has(.o_cvr_people)):not(:has(.o_cvr_option)):not(:has(.o_cvr_person))`,
        },
    ],
});
