/** @odoo-module **/

import { Component, onWillStart, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { user } from "@web/core/user";
import { useService } from "@web/core/utils/hooks";
import { standardActionServiceProps } from "@web/webclient/actions/action_service";

/**
 * The Co-production dashboard: the app's first screen for facilitators and managers.
 *
 * Four big tiles, each an icon, a number and a plain title, with its list under it:
 * meetings whose invitations are not sent, overdue "you said, we did" actions, open
 * votes, and the times people supported came to meetings, by how many different people
 * (a bar chart for the last three months). A tile opens everything it counts; a row
 * opens its record. Officers see the groups they facilitate, managers all groups (as
 * in the reports): the page says which.
 *
 * The data comes from coprod.dashboard.get_dashboard_data(), read with the user's
 * own rights. Easy read: large text, dark on light, one idea a line, big targets.
 */
export class CoprodDashboard extends Component {
    static template = "coprod.Dashboard";
    static props = { ...standardActionServiceProps };

    setup() {
        this.orm = useService("orm");
        this.actionService = useService("action");
        this.state = useState({ data: null, error: "", loading: true });
        this.lang = user.lang;
        onWillStart(() => this.load());
    }

    async load() {
        this.state.loading = true;
        try {
            this.state.data = await this.orm.call("coprod.dashboard", "get_dashboard_data", []);
            this.state.error = "";
        } catch (error) {
            const name = error.data?.name || "";
            this.state.error = name.endsWith("AccessError")
                ? error.data.message
                : _t("The dashboard cannot be shown just now. Please try again.");
        } finally {
            this.state.loading = false;
        }
    }

    get data() {
        return this.state.data;
    }

    /** The four tiles, in the order they are shown. */
    get tiles() {
        const data = this.data;
        if (!data) {
            return [];
        }
        return [
            {
                key: "meetings",
                icon: "fa-envelope",
                title: _t("Meetings to invite"),
                help: _t("Invitations not sent yet"),
                count: data.tiles.meetings,
                list: data.meetings,
                name: _t("Meetings to invite"),
            },
            {
                key: "actions",
                icon: "fa-clock-o",
                title: _t("Overdue actions"),
                help: _t("Past the date, not done yet"),
                count: data.tiles.actions,
                list: data.actions,
                name: _t("Overdue actions"),
            },
            {
                key: "ballots",
                icon: "fa-check-square-o",
                title: _t("Open votes"),
                help: _t("People can vote now"),
                count: data.tiles.ballots,
                list: data.ballots,
                name: _t("Open votes"),
            },
            {
                // the times people supported came (the rows it opens), and how many
                // different people that was
                key: "came",
                icon: "fa-users",
                title: _t("Times people supported came"),
                help: this.peopleText(data.participation.people),
                count: data.tiles.came,
                list: data.participation,
                name: _t("Times people supported came"),
            },
        ];
    }

    get months() {
        return this.data?.participation.months || [];
    }

    /** The bars of one month: label, number, and width as a share of the biggest. */
    bars(month) {
        const max = this.data.participation.max || 1;
        const bar = (key, label) => ({
            key,
            label,
            value: month[key],
            width: Math.round((month[key] / max) * 100),
        });
        return [
            bar("invited", _t("Invited")),
            bar("came", _t("Came")),
            bar("apologies", _t("Sent apologies")),
            bar("absent", _t("Did not come")),
        ];
    }

    votedText(ballot) {
        return _t("%(voted)s of %(registered)s have voted", {
            voted: ballot.voted,
            registered: ballot.registered,
        });
    }

    peopleText(people) {
        if (!people) {
            return _t("In the last 3 months");
        }
        return people === 1
            ? _t("1 person, in the last 3 months")
            : _t("%(people)s different people, in the last 3 months", { people });
    }

    lateText(action) {
        return action.days_late === 1
            ? _t("1 day late")
            : _t("%(days)s days late", { days: action.days_late });
    }

    moreText(list) {
        return _t("Show all %(count)s", { count: list.count });
    }

    // ------------------------------------------------------------------
    // Handlers
    // ------------------------------------------------------------------

    async openRecord(model, id) {
        await this.actionService.doAction({
            type: "ir.actions.act_window",
            res_model: model,
            res_id: id,
            views: [[false, "form"]],
            target: "current",
        });
    }

    async openAll(tile) {
        const list = tile.list;
        const views =
            list.model === "coprod.attendance"
                ? [[false, "list"]]
                : [
                      [false, "list"],
                      [false, "form"],
                  ];
        await this.actionService.doAction({
            type: "ir.actions.act_window",
            name: tile.name,
            res_model: list.model,
            domain: list.domain,
            views,
            target: "current",
        });
    }
}

registry.category("actions").add("coprod_dashboard", CoprodDashboard);
