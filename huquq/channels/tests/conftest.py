"""The bot end to end: the real python-telegram-bot against the local fake Bot API server."""

from __future__ import annotations

import pytest
from asgiref.sync import async_to_sync

from huquq.channels.bot.app import build_application, process_pending_updates
from huquq.channels.fake_bot_api import FakeBotAPI


class Driver:
    """Acts as Telegram users and runs the bot over what they sent (getUpdates → handlers → sendMessage)."""

    def __init__(self, api: FakeBotAPI):
        self.api = api
        self.app = build_application(api.token, api.url)
        self.offset = 0

    def run(self) -> None:
        async def go():
            async with self.app:
                while True:
                    before = self.offset
                    self.offset = await process_pending_updates(self.app, self.offset)
                    if self.offset == before:
                        break

        async_to_sync(go)()

    def say(self, chat_id: int, text: str) -> list[str]:
        return self._after(chat_id, lambda: self.api.user_text(chat_id, text))

    def press(self, chat_id: int, data: str) -> list[str]:
        return self._after(chat_id, lambda: self.api.user_presses(chat_id, data))

    def voice(self, chat_id: int, content: bytes) -> list[str]:
        return self._after(chat_id, lambda: self.api.user_voice(chat_id, content))

    def _after(self, chat_id, act) -> list[str]:
        before = len(self.api.sent_texts(chat_id))
        act()
        self.run()
        return self.api.sent_texts(chat_id)[before:]

    def buttons(self, chat_id: int) -> list[str]:
        return [data for _label, data in self.api.last_buttons(chat_id)]


@pytest.fixture
def bot(db, settings, tmp_path):
    settings.SITE_URL = "https://huquq.example"
    settings.MEDIA_ROOT = tmp_path / "media"
    with FakeBotAPI() as api:
        yield Driver(api)
