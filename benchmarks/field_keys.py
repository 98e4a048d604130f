"""How long one field encryption and decryption take with the key read from var/huquq_field_keys
(issue 11 measured 226 us when the file was re-read on every call, 9 us with the key in memory).

usage: .venv/bin/python benchmarks/field_keys.py [N]   (default 20,000; a throw-away var/ folder, no database)
"""

import os
import sys
import tempfile
import time

N = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000

var = tempfile.mkdtemp(prefix="huquq-bench-")
os.environ["HUQUQ_VAR_DIR"] = var
os.environ.pop("HUQUQ_FIELD_KEYS", None)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "huquq.settings")
with open(os.path.join(var, "huquq_field_keys"), "w") as handle:
    handle.write("benchmark-key\n")

import django  # noqa: E402

django.setup()

from huquq.cases import crypto  # noqa: E402


def per_call_us(function) -> float:
    started = time.perf_counter()
    for _ in range(N):
        function()
    return (time.perf_counter() - started) / N * 1e6


def main():
    token = crypto.encrypt("Айгуль Токтогулова", "cases.person.name")
    encrypt_us = per_call_us(lambda: crypto.encrypt("Айгуль Токтогулова", "cases.person.name"))
    decrypt_us = per_call_us(lambda: crypto.decrypt(token, "cases.person.name"))
    index_us = per_call_us(lambda: crypto.blind_index("Айгуль Токтогулова", 1))
    print(f"key from file, {N} calls each")
    print(f"encrypt: {encrypt_us:.1f} us/call")
    print(f"decrypt: {decrypt_us:.1f} us/call")
    print(f"blind index (two words): {index_us:.1f} us/call")


if __name__ == "__main__":
    main()
