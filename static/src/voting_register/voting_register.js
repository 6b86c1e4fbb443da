/** @odoo-module **/

import { Component, onWillStart, useEffect, useRef, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { ConnectionLostError, RPCError } from "@web/core/network/rpc";
import { registry } from "@web/core/registry";
import { user } from "@web/core/user";
import { useService } from "@web/core/utils/hooks";
import { standardActionServiceProps } from "@web/webclient/actions/action_service";

/**
 * The voting register screen.
 *
 * A facilitator records the room's votes one person at a time, on a tablet:
 * the person's name and picture, one big button for each choice (picture on the
 * left, words on the right), a check for "helped to vote", then the next person.
 *
 * Nothing here hurries anyone: no timer, nothing moves on by itself.
 * A screen reader hears each new screen: the keyboard focus goes to its heading
 * or message, "Your vote is counted" is a status and an error an alert.
 * For a secret ballot the screen shows nothing of earlier choices: a vote is
 * forgotten by the screen as soon as the server has it.
 *
 * A person's own vote (the ballot's "Vote" button, params.own_vote; always for
 * someone without officer rights): the same screens, with only their own ballot
 * paper. No list of people, no "helped to vote", no "Next person".
 *
 * Screens (state.screen):
 *  - "choose": the current person chooses (ranked: taps in order; approval: ticks)
 *  - "people": the facilitator picks another person from those still to vote
 *  - "confirm": "You chose: X. Is that right?" with Yes / Change
 *  - "thanks": "Thank you. Your vote is counted." and "Next person"
 *  - "finished": everyone on the register has voted
 *  - "closed": the ballot is not open (draft, closed or cancelled)
 *  - "own_done": own vote: the person has voted, or is not on the register
 */
export class CoprodVotingRegister extends Component {
    static template = "coprod.VotingRegister";
    static props = { ...standardActionServiceProps };

    setup() {
        this.orm = useService("orm");
        this.actionService = useService("action");
        const { action } = this.props;
        this.ballotId =
            action.params?.ballot_id ||
            action.context?.active_id ||
            (action.params?.active_id && Number(action.params.active_id)) ||
            false;
        this.state = useState({
            data: null,
            screen: "choose",
            partnerId: false,
            chosen: [],
            assisted: false,
            busy: false,
            error: "",
            lastChoice: [],
            ownVote: Boolean(action.params?.own_vote),
        });
        this.rootRef = useRef("root");
        this.lang = user.lang;
        this.focusedOnce = false;
        onWillStart(() => this.load());
        useEffect(
            () => this.focusScreen(),
            () => [this.state.screen, this.state.partnerId]
        );
    }

    /**
     * Take the keyboard focus to the new screen's heading or message (the question
     * when the screen opens), so that nobody is sent back to the top of the page.
     */
    focusScreen() {
        const root = this.rootRef.el;
        const target = this.focusedOnce
            ? root?.querySelector(".o_cvr_focus")
            : root?.querySelector(".o_cvr_question") || root?.querySelector(".o_cvr_focus");
        this.focusedOnce = true;
        target?.focus();
    }

    // ------------------------------------------------------------------
    // Data
    // ------------------------------------------------------------------

    async load() {
        if (!this.ballotId) {
            this.state.screen = "closed";
            this.state.error = _t("This screen needs a ballot. Open it from a ballot.");
            return;
        }
        try {
            this.setData(
                await this.orm.call("coprod.ballot", "register_screen_data", [[this.ballotId]], {
                    own_vote: this.state.ownVote,
                })
            );
            this.state.screen = this.screenAfterLoad();
        } catch (error) {
            this.state.screen = "closed";
            this.state.error = this.errorMessage(error);
        }
    }

    setData(data) {
        this.state.data = data;
        this.state.ownVote = Boolean(data.own_vote);
        const waiting = data.voters.map((voter) => voter.partner_id);
        if (!waiting.includes(this.state.partnerId)) {
            this.state.partnerId = waiting[0] || false;
        }
    }

    screenAfterLoad() {
        const data = this.state.data;
        if (data.state !== "open") {
            return "closed";
        }
        if (data.voters.length) {
            return "choose";
        }
        return this.state.ownVote ? "own_done" : "finished";
    }

    // ------------------------------------------------------------------
    // Getters used by the template
    // ------------------------------------------------------------------

    get data() {
        return this.state.data;
    }

    get ownVote() {
        return this.state.ownVote;
    }

    get method() {
        return this.data?.method;
    }

    get isRanked() {
        return this.method === "ranked";
    }

    get isApproval() {
        return this.method === "approval";
    }

    get isSingle() {
        return !this.isRanked && !this.isApproval;
    }

    get person() {
        return this.data?.voters.find((voter) => voter.partner_id === this.state.partnerId);
    }

    get otherPeople() {
        return (this.data?.voters || []).filter((voter) => voter.partner_id !== this.state.partnerId);
    }

    get chosenOptions() {
        const byId = Object.fromEntries(this.data.options.map((option) => [option.id, option]));
        return this.state.chosen.map((id) => byId[id]).filter(Boolean);
    }

    get lastChoiceOptions() {
        const byId = Object.fromEntries(this.data.options.map((option) => [option.id, option]));
        return this.state.lastChoice.map((id) => byId[id]).filter(Boolean);
    }

    get question() {
        return (this.data?.easy_read_question || this.data?.name || "").trim();
    }

    get howToChoose() {
        if (this.isRanked) {
            return _t("Tap your first choice. Then your next choice. Tap done when you have finished.");
        }
        if (this.isApproval) {
            return _t("Tap every choice you like. Tap done when you have finished.");
        }
        return _t("Tap your choice.");
    }

    get progressText() {
        return _t("%(voted)s of %(total)s people have voted.", {
            voted: this.data.voted_count,
            total: this.data.register_count,
        });
    }

    get closedText() {
        switch (this.data?.state) {
            case "draft":
                return _t("This vote has not started yet.");
            case "closed":
                return _t("This vote is closed.");
            case "cancelled":
                return _t("This vote was cancelled.");
            default:
                return _t("This vote cannot be shown.");
        }
    }

    label(option) {
        return option.easy_read_label || option.name;
    }

    rank(option) {
        const index = this.state.chosen.indexOf(option.id);
        return index === -1 ? 0 : index + 1;
    }

    isChosen(option) {
        return this.state.chosen.includes(option.id);
    }

    optionPicture(option) {
        // chosen by the server as on the papers (photos only with consent)
        return option.picture || { icon: option.icon || "fa-circle-o" };
    }

    personPicture(person, size = 256) {
        // a photo only where the person agreed to it; else a drawn person
        return person.photo ? `/web/image/res.partner/${person.partner_id}/avatar_${size}` : false;
    }

    // ------------------------------------------------------------------
    // Handlers
    // ------------------------------------------------------------------

    onOptionClick(option) {
        if (this.state.busy) {
            return;
        }
        this.state.error = "";
        const chosen = this.state.chosen;
        if (this.isSingle) {
            this.state.chosen = [option.id];
            this.state.screen = "confirm";
        } else if (this.isRanked) {
            if (!chosen.includes(option.id)) {
                chosen.push(option.id);
            }
        } else {
            const index = chosen.indexOf(option.id);
            if (index === -1) {
                chosen.push(option.id);
            } else {
                chosen.splice(index, 1);
            }
        }
    }

    onUndo() {
        this.state.error = "";
        this.state.chosen.pop();
    }

    onDone() {
        if (!this.state.chosen.length) {
            this.state.error = this.isRanked
                ? _t("Tap at least one choice first.")
                : _t("Tick at least one choice first.");
            return;
        }
        this.state.error = "";
        this.state.screen = "confirm";
    }

    onChange() {
        this.state.error = "";
        if (this.isSingle) {
            this.state.chosen = [];
        }
        this.state.screen = "choose";
    }

    async onConfirm() {
        if (this.state.busy) {
            return;
        }
        this.state.busy = true;
        this.state.error = "";
        const chosen = [...this.state.chosen];
        try {
            const data = await this.orm.call(
                "coprod.ballot",
                "register_screen_cast",
                [[this.ballotId], this.state.partnerId, chosen],
                { assisted: this.state.assisted, own_vote: this.state.ownVote }
            );
            // The vote is counted: the screen forgets it (a secret ballot keeps
            // nothing of anyone's choice, not even in this page).
            this.state.lastChoice = this.data.secret ? [] : chosen;
            this.state.chosen = [];
            this.state.assisted = false;
            this.state.data = data;
            this.state.screen = "thanks";
        } catch (error) {
            // Nothing is lost: the choices stay on the screen to try again.
            this.state.error = this.errorMessage(error);
            await this.refreshAfterError();
        } finally {
            this.state.busy = false;
        }
    }

    async refreshAfterError() {
        let data;
        try {
            data = await this.orm.call("coprod.ballot", "register_screen_data", [[this.ballotId]], {
                own_vote: this.state.ownVote,
            });
        } catch {
            return; // keep what is on the screen
        }
        const stillWaiting = data.voters.some((voter) => voter.partner_id === this.state.partnerId);
        this.state.data = data;
        if (data.state !== "open") {
            this.state.chosen = [];
            this.state.screen = "closed";
        } else if (!stillWaiting && this.state.ownVote) {
            // This person's vote is counted already (from another screen).
            this.state.chosen = [];
            this.state.screen = "own_done";
        } else if (!stillWaiting) {
            // Someone else recorded this person's vote: choose who is next.
            this.state.chosen = [];
            this.state.assisted = false;
            this.state.partnerId = data.voters[0]?.partner_id || false;
            this.state.screen = data.voters.length ? "people" : "finished";
        }
    }

    onNextPerson() {
        this.state.error = "";
        this.state.lastChoice = [];
        this.state.chosen = [];
        this.state.assisted = false;
        const voters = this.data.voters;
        this.state.partnerId = voters[0]?.partner_id || false;
        this.state.screen = voters.length ? "choose" : "finished";
    }

    onShowPeople() {
        this.state.error = "";
        this.state.screen = "people";
    }

    onPickPerson(voter) {
        if (voter.partner_id !== this.state.partnerId) {
            this.state.chosen = [];
            this.state.assisted = false;
        }
        this.state.partnerId = voter.partner_id;
        this.state.error = "";
        this.state.screen = "choose";
    }

    onCancelPeople() {
        this.state.screen = "choose";
    }

    onAssistedChange(ev) {
        this.state.assisted = ev.target.checked;
    }

    async onBack() {
        try {
            await this.actionService.restore();
        } catch {
            await this.actionService.doAction(
                {
                    type: "ir.actions.act_window",
                    res_model: "coprod.ballot",
                    res_id: this.ballotId,
                    views: [[false, "form"]],
                    target: "current",
                },
                { clearBreadcrumbs: true }
            );
        }
    }

    errorMessage(error) {
        if (error instanceof ConnectionLostError) {
            return _t("The tablet cannot reach the server. Nothing is lost. Check the internet and try again.");
        }
        if (error instanceof RPCError) {
            const name = error.data?.name || "";
            if (
                name.endsWith("UserError") ||
                name.endsWith("ValidationError") ||
                name.endsWith("AccessError") ||
                name.endsWith("MissingError")
            ) {
                return error.data.message;
            }
        }
        return _t("Something went wrong. The vote is not saved yet. Please try again.");
    }
}

registry.category("actions").add("coprod_voting_register", CoprodVotingRegister);
