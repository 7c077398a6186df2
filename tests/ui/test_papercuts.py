"""Small things a newcomer hit in the first hour: each is shown here the way they met it."""

from __future__ import annotations

from ui_support import AppFactory, settle


async def test_u_with_nothing_to_undo_says_so(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        await pilot.press("u")
        await pilot.pause()
        messages = [notification.message for notification in app._notifications]
        assert messages and messages[-1].startswith("Nothing to undo")
