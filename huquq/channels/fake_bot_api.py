"""A local fake of the Telegram Bot API, for tests and benchmarks (never used in production).

An HTTP server on 127.0.0.1 at a free port that answers the methods Huquq's bot uses, at the same paths as
Telegram (`/bot<token>/<method>`, files at `/file/bot<token>/<path>`): getMe, getUpdates, setWebhook,
deleteWebhook, getWebhookInfo, sendMessage, editMessageText, answerCallbackQuery, sendDocument, getFile.
It records every call the bot made (`calls`, `sent_texts(chat_id)`) and lets a test act as a user
(`user_text`, `user_presses`, `user_voice`, `user_photo`), which queues an update for getUpdates.

`limit_per_chat_seconds` / `limit_per_second` make it answer 429 with `retry_after` like Telegram does when a
bot sends too fast; `fail_next(method, n)` forces n failures.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, unquote

BOT_USER = {"id": 424242, "is_bot": True, "first_name": "Huquq", "username": "huquq_test_bot",
            "can_join_groups": False, "can_read_all_group_messages": False, "supports_inline_queries": False}


def _value(raw: str):
    try:
        return json.loads(raw)
    except ValueError:
        return raw


class FakeBotAPI:
    def __init__(self, token: str = "123456:TEST-TOKEN"):
        self.token = token
        self.calls: list[tuple[str, dict]] = []
        self.updates: list[dict] = []
        self.files: dict[str, tuple[str, bytes]] = {}  # file_id -> (file_path, content)
        self.webhook: dict = {}
        self.limit_per_chat_seconds = 0.0
        self.limit_per_second = 0
        self.too_many: int = 0  # how many 429 answers were given
        self._failures: dict[str, int] = {}
        self._last_per_chat: dict[int, float] = {}
        self._window: list[float] = []
        self._ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self._lock = threading.Condition()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # --- lifecycle --------------------------------------------------------------------------------

    def start(self) -> FakeBotAPI:
        api = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, like the real API: no reconnect per call

            def log_message(self, *args):  # keep test output quiet
                pass

            def do_GET(self):
                api._handle(self, b"")

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                api._handle(self, self.rfile.read(length) if length else b"")

        class Server(ThreadingHTTPServer):
            request_queue_size = 256  # many senders connect at once (the default backlog is 5)

        self._server = Server(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    # --- what a test does as a user ---------------------------------------------------------------

    def _user(self, chat_id: int) -> dict:
        return {"id": chat_id, "is_bot": False, "first_name": "Test", "language_code": "ru"}

    def _message(self, chat_id: int, **fields) -> dict:
        return {"message_id": next(self._message_ids), "date": int(time.time()),
                "chat": {"id": chat_id, "type": "private"}, "from": self._user(chat_id), **fields}

    def push(self, update: dict) -> dict:
        with self._lock:
            update = {"update_id": next(self._ids), **update}
            self.updates.append(update)
            self._lock.notify_all()
        return update

    def user_text(self, chat_id: int, text: str) -> dict:
        fields = {"text": text}
        if text.startswith("/"):
            fields["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
        return self.push({"message": self._message(chat_id, **fields)})

    def user_presses(self, chat_id: int, data: str, message_id: int | None = None) -> dict:
        message = self._message(chat_id, text="…", **({"message_id": message_id} if message_id else {}))
        message["from"] = BOT_USER
        return self.push({"callback_query": {"id": str(next(self._ids)), "from": self._user(chat_id),
                                             "chat_instance": str(chat_id), "message": message, "data": data}})

    def add_file(self, content: bytes, path: str) -> str:
        file_id = f"F{next(self._ids)}"
        self.files[file_id] = (path, content)
        return file_id

    def user_voice(self, chat_id: int, content: bytes, duration: int = 3) -> dict:
        file_id = self.add_file(content, f"voice/{file_id_suffix(content)}.oga")
        voice = {"file_id": file_id, "file_unique_id": file_id + "u", "duration": duration,
                 "mime_type": "audio/ogg", "file_size": len(content)}
        return self.push({"message": self._message(chat_id, voice=voice)})

    def user_photo(self, chat_id: int, content: bytes) -> dict:
        file_id = self.add_file(content, f"photos/{file_id_suffix(content)}.jpg")
        photo = [{"file_id": file_id, "file_unique_id": file_id + "u", "width": 640, "height": 480,
                  "file_size": len(content)}]
        return self.push({"message": self._message(chat_id, photo=photo)})

    def fail_next(self, method: str, times: int = 1) -> None:
        self._failures[method] = self._failures.get(method, 0) + times

    # --- what a test reads ------------------------------------------------------------------------

    def sent(self, chat_id: int | None = None, method: str | None = None) -> list[dict]:
        return [p for m, p in list(self.calls) if (method is None or m == method)
                and (chat_id is None or str(p.get("chat_id")) == str(chat_id))]

    def sent_texts(self, chat_id: int) -> list[str]:
        return [p.get("text", "") for p in self.sent(chat_id)
                if p.get("text") and p.get("_method") in ("sendMessage", "editMessageText")]

    def last_buttons(self, chat_id: int) -> list[tuple[str, str]]:
        """(label, callback data) of the inline keyboard of the last message to chat_id that had one."""
        for params in reversed(self.sent(chat_id)):
            markup = params.get("reply_markup")
            if isinstance(markup, dict) and markup.get("inline_keyboard"):
                return [(b["text"], b.get("callback_data") or b.get("url", "")) for row in markup["inline_keyboard"]
                        for b in row]
        return []

    def wait_for(self, predicate, timeout: float = 10.0) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate():
                return True
            time.sleep(0.02)
        return predicate()

    # --- the HTTP side ----------------------------------------------------------------------------

    def _params(self, handler, body: bytes) -> dict:
        ctype = handler.headers.get("Content-Type", "")
        if ctype.startswith("application/json"):
            return json.loads(body or b"{}")
        if ctype.startswith("multipart/form-data"):
            message = BytesParser(policy=HTTP).parsebytes(
                b"Content-Type: " + ctype.encode() + b"\r\n\r\n" + body)
            params = {}
            for part in message.iter_parts():
                name = part.get_param("name", header="content-disposition")
                if part.get_filename():
                    params[name] = {"filename": part.get_filename(), "content": part.get_payload(decode=True)}
                else:
                    params[name] = _value(part.get_payload(decode=True).decode("utf-8"))
            return params
        return {k: _value(v) for k, v in parse_qsl(body.decode("utf-8"))}

    def _reply(self, handler, status: int, payload: dict | bytes, ctype="application/json") -> None:
        body = payload if isinstance(payload, bytes) else json.dumps(payload).encode("utf-8")
        handler.send_response(status)
        handler.send_header("Content-Type", ctype)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    def _handle(self, handler, body: bytes) -> None:
        path = unquote(handler.path.split("?", 1)[0])
        file_prefix = f"/file/bot{self.token}/"
        if path.startswith(file_prefix):
            wanted = path[len(file_prefix):]
            for file_path, content in self.files.values():
                if file_path == wanted:
                    return self._reply(handler, 200, content, "application/octet-stream")
            return self._reply(handler, 404, {"ok": False, "error_code": 404, "description": "Not Found"})
        prefix = f"/bot{self.token}/"
        if not path.startswith(prefix):
            return self._reply(handler, 401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
        method = path[len(prefix):]
        params = self._params(handler, body)
        limited = self._limited(method, params)
        if limited:
            self.too_many += 1
            return self._reply(handler, 429, {"ok": False, "error_code": 429,
                                              "description": f"Too Many Requests: retry after {limited}",
                                              "parameters": {"retry_after": limited}})
        answer = getattr(self, f"_m_{method}", None)
        if answer is None:
            return self._reply(handler, 404, {"ok": False, "error_code": 404, "description": "Not Found: method"})
        if method != "getUpdates":
            self.calls.append((method, {**params, "_method": method}))
        return self._reply(handler, 200, {"ok": True, "result": answer(params)})

    def _limited(self, method: str, params: dict) -> int:
        if self._failures.get(method):
            self._failures[method] -= 1
            return 1
        if method not in ("sendMessage", "sendDocument", "editMessageText"):
            return 0
        now = time.monotonic()
        with self._lock:
            if self.limit_per_second:
                self._window = [t for t in self._window if now - t < 1.0]
                if len(self._window) >= self.limit_per_second:
                    return 1
            chat = params.get("chat_id")
            if self.limit_per_chat_seconds and chat is not None:
                last = self._last_per_chat.get(chat)
                if last is not None and now - last < self.limit_per_chat_seconds:
                    return 1
                self._last_per_chat[chat] = now
            self._window.append(now)
        return 0

    # --- methods ----------------------------------------------------------------------------------

    def _m_getMe(self, params):
        return BOT_USER

    def _m_getUpdates(self, params):
        offset = int(params.get("offset") or 0)
        timeout = min(float(params.get("timeout") or 0), 1.0)
        deadline = time.monotonic() + timeout
        with self._lock:
            while True:
                ready = [u for u in self.updates if u["update_id"] >= offset]
                if ready or time.monotonic() >= deadline:
                    return ready[: int(params.get("limit") or 100)]
                self._lock.wait(max(0.0, deadline - time.monotonic()))

    def _m_setWebhook(self, params):
        self.webhook = {"url": params.get("url", ""), "secret_token": params.get("secret_token", "")}
        return True

    def _m_deleteWebhook(self, params):
        self.webhook = {}
        return True

    def _m_getWebhookInfo(self, params):
        return {"url": self.webhook.get("url", ""), "has_custom_certificate": False, "pending_update_count": 0}

    def _sent_message(self, params, **fields) -> dict:
        chat_id = params.get("chat_id")
        return {"message_id": next(self._message_ids), "date": int(time.time()), "from": BOT_USER,
                "chat": {"id": int(chat_id) if str(chat_id).lstrip("-").isdigit() else 0, "type": "private"},
                **fields}

    def _m_sendMessage(self, params):
        return self._sent_message(params, text=str(params.get("text", "")))

    def _m_editMessageText(self, params):
        return self._sent_message(params, text=str(params.get("text", "")))

    def _m_answerCallbackQuery(self, params):
        return True

    def _m_sendDocument(self, params):
        document = params.get("document")
        content = document["content"] if isinstance(document, dict) else b""
        file_id = self.add_file(content, f"documents/{file_id_suffix(content)}")
        return self._sent_message(params, document={"file_id": file_id, "file_unique_id": file_id + "u",
                                                    "file_size": len(content)})

    def _m_getFile(self, params):
        file_id = params.get("file_id")
        path, content = self.files[file_id]
        return {"file_id": file_id, "file_unique_id": file_id + "u", "file_size": len(content), "file_path": path}


def file_id_suffix(content: bytes) -> str:
    import hashlib

    return hashlib.sha256(content).hexdigest()[:12]
