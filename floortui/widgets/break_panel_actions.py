"""The break panel's three keys: `s` sends the highlighted member on break, `r` marks
them back, `x` skips their break. Each posts the panel's ActionRequested; the screen
stores it (floortui.screens.break_actions), as the panel never reaches the store."""

from __future__ import annotations


class BreakPanelActions:
    """For BreakPanel (this before it in the bases): its `board`, the highlighted line's
    key (`_chosen_key`: `out:NAME`, `next:NAME`, `held:NAME`) and its messages."""

    def _selected(self) -> tuple[str, str] | None:
        key = self._chosen_key()
        if key is None:
            return None
        kind, member = key.split(":", 1)
        return kind, member

    def action_send(self) -> None:
        selected = self._selected()
        if selected is None or self.board is None:
            return
        kind, member = selected
        if kind == "out":
            self.notify(f"{member} is on break already", severity="warning")
            return
        proposal = next((n for n in self.board.next_up if n.member == member), None)
        self.post_message(self.ActionRequested(
            "sent", member, proposal.reason if proposal else None,
            proposal.minutes if proposal else None))  # fmt: skip

    def action_returned(self) -> None:
        selected = self._selected()
        if selected is not None:
            self.post_message(self.ActionRequested("returned", selected[1]))

    def action_skip(self) -> None:
        selected = self._selected()
        if selected is not None:
            self.post_message(self.ActionRequested("skipped", selected[1]))
