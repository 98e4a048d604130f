"""A pluggable SMS backend for reminders to people without Telegram (setting SMS_BACKEND).

- ConsoleSMSBackend (default): writes each message to standard output.
- MemorySMSBackend: keeps messages in `MemorySMSBackend.outbox` (tests).
- HTTPGatewaySMSBackend: POSTs JSON {"to", "text", "parts"} to SMS_GATEWAY_URL with a bearer token
  (SMS_GATEWAY_TOKEN); most SMS gateways accept such a call or sit behind a small adapter that does.

Message length (GSM 03.38): text that fits the GSM-7 alphabet takes 160 characters in one part, 153 per part
when split; anything else (Cyrillic, Tajik and Kyrgyz letters) is sent as UCS-2: 70 characters in one part,
67 per part when split. `split_sms` cuts accordingly, at spaces where it can.
"""

from __future__ import annotations

import json
import sys
import urllib.request
from dataclasses import dataclass

from django.conf import settings
from django.utils.module_loading import import_string

GSM7_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§"
    "¿abcdefghijklmnopqrstuvwxyzäöñüà")
GSM7_EXTENDED = set("^{}\\[~]|€\f")


def is_gsm7(text: str) -> bool:
    return all(ch in GSM7_BASIC or ch in GSM7_EXTENDED for ch in text)


def _gsm7_length(text: str) -> int:
    return sum(2 if ch in GSM7_EXTENDED else 1 for ch in text)


def split_sms(text: str) -> list[str]:
    """The parts an SMS of `text` is sent in (see the module docstring for the limits)."""
    if is_gsm7(text):
        single, multi, length = 160, 153, _gsm7_length
    else:
        single, multi, length = 70, 67, len
    if length(text) <= single:
        return [text] if text else []
    parts, rest = [], text
    while rest:
        if length(rest) <= multi:
            parts.append(rest)
            break
        cut = multi
        while length(rest[:cut]) > multi:
            cut -= 1
        space = rest.rfind(" ", 0, cut + 1)
        if space > multi // 2:
            cut = space
        parts.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    return parts


@dataclass
class SMS:
    to: str
    text: str
    parts: list[str]


class BaseSMSBackend:
    def send(self, to: str, text: str) -> SMS:
        message = SMS(to=to, text=text, parts=split_sms(text))
        self.deliver(message)
        return message

    def deliver(self, message: SMS) -> None:
        raise NotImplementedError


class ConsoleSMSBackend(BaseSMSBackend):
    def deliver(self, message: SMS) -> None:
        sys.stdout.write(f"SMS to {message.to} ({len(message.parts)} part(s)):\n{message.text}\n")


class MemorySMSBackend(BaseSMSBackend):
    outbox: list[SMS] = []

    def deliver(self, message: SMS) -> None:
        MemorySMSBackend.outbox.append(message)


class HTTPGatewaySMSBackend(BaseSMSBackend):
    def __init__(self, url: str | None = None, token: str | None = None, timeout: float = 10):
        self.url = url or settings.SMS_GATEWAY_URL
        self.token = token if token is not None else settings.SMS_GATEWAY_TOKEN
        self.timeout = timeout
        if not self.url:
            raise ValueError("SMS_GATEWAY_URL (HUQUQ_SMS_GATEWAY_URL) is not set")

    def deliver(self, message: SMS) -> None:
        body = json.dumps({"to": message.to, "text": message.text, "parts": message.parts}).encode("utf-8")
        request = urllib.request.Request(self.url, data=body, method="POST", headers={
            "Content-Type": "application/json", **({"Authorization": f"Bearer {self.token}"} if self.token else {})})
        with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310 (configured URL)
            if response.status >= 300:
                raise OSError(f"SMS gateway answered {response.status}")


def get_backend() -> BaseSMSBackend:
    return import_string(settings.SMS_BACKEND)()


def send_sms(to: str, text: str) -> SMS:
    return get_backend().send(to, text)
