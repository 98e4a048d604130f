"""Huquq's Telegram bot: `dialogue` (what to answer, in plain Python over the services) and `app`
(python-telegram-bot: parse an update, call the dialogue, render the reply)."""
