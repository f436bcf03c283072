"""Generated and malformed inputs for the fuzz tests, all from one seeded random generator.

`rest_cases(rng)` gives request bodies for the REST channel (random bytes, broken and
huge JSON, wrong types, unicode edge cases, 100k-character strings, markup and SQL-looking
text, mutated patient messages); `fuzz_text(rng)` and `socketio_payloads(rng, session_id)`
serve the socket.io channel.
"""

from __future__ import annotations

import json
import random
import string
from dataclasses import dataclass
from typing import Any, Callable, Dict, List, Optional, Tuple

from tools.bench import EMERGENCY_REPORTS, MILD_REPORTS, QUESTIONS, SMALL_TALK, URGENT_REPORTS

REALISTIC = QUESTIONS + SMALL_TALK + MILD_REPORTS + URGENT_REPORTS + EMERGENCY_REPORTS
LONG = 100_000

EMOJI = ["🤒", "😷", "💉", "🩸", "❤️", "👍🏽", "👨‍👩‍👧‍👦", "🏳️‍🌈", "🇺🇸", "1️⃣", "🫠", "🧑🏿‍⚕️",
         "☠", "✔︎", "🔥"]
RTL = ["כאב ראש", "שלום", "אני מרגיש רע", "صداع", "مرحبا", "أشعر بالتعب", "ܫܠܡܐ"]
BIDI = ["\u202e", "\u202d", "\u202a", "\u202b", "\u202c", "\u2066", "\u2067", "\u2068", "\u2069",
        "\u200e", "\u200f", "\u061c"]
ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\ufeff", "\u2060", "\u180e", "\u034f"]
CONTROL = ["\x00", "\x01", "\x07", "\x08", "\x1b", "\x7f", "\x85", "\u2028", "\u2029", "\r",
           "\t", "\x0b", "\x0c"]
ODD_CODEPOINTS = ["\ufffe", "\uffff", "\ue000", "\U0010ffff", "\U0001d400", "\U0001f9ea",
                  "\u00ad", "\ufffd", "\u3000", "\u00a0", "\U000e0001"]
SURROGATES = ["\ud800", "\udfff", "\udc00\ud800", "\udbff", "a\ud83d", "\ude00b"]
HOMOGLYPHS = {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "i": "і", "y": "у", "x": "х"}
MARKUP_AND_SQL = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<svg/onload=alert(1)>",
    "<iframe src=javascript:alert(1)>", "</textarea><b>bold</b>", "<!-- comment -->",
    "[click me](javascript:alert(1))", "**bold** _it_ `code`", "&lt;b&gt; &amp; &#x3C;",
    "'; DROP TABLE escalations; --", "\" OR 1=1 --", "1; DELETE FROM events WHERE 1=1",
    "admin'--", "' UNION SELECT sender_id, data FROM events --", "Robert'); DROP TABLE students;--",
    "SELECT * FROM escalations", "%s%s%s%n", "{0.__class__}", "{{7*7}}", "${7*7}", "#{7*7}",
    "../../../../etc/passwd", "..\\..\\windows\\win.ini", "file:///etc/passwd",
    "{\"sender\": \"x\", \"message\": \"nested\"}", "null", "undefined", "NaN", "-1e309",
    "/restart", "/session_start", "/greet{\"a\": 1}", "/report_severe_reaction",
    "/report_urgent_symptom{\"red_flag\": \"dark_urine\"}", "/affirm", "/deny", "/nlu_fallback",
    "/action_triage", "/greet{not json", "/", "//", "/ /", "\\n\\r\\t", "$(reboot)", "`id`",
    "| cat /etc/passwd", "\"; exec('import os') #", "^(a+)+$ aaaaaaaaaaaaaaaaaaaaaaaa!",
]


def fuzz_text(rng: random.Random) -> str:
    """One generated message: a unicode edge case, markup/SQL, or a mutated patient message."""
    mode = rng.choice(["emoji", "rtl", "zero_width", "combining", "control", "odd", "homoglyph",
                       "fullwidth", "random_bmp", "whitespace", "markup", "mutated", "mixed"])
    base = rng.choice(REALISTIC)
    if mode == "emoji":
        return " ".join(rng.choice(EMOJI + [base]) for _ in range(rng.randint(1, 12)))
    if mode == "rtl":
        return rng.choice(BIDI).join([rng.choice(RTL), base, rng.choice(RTL)]) + rng.choice(BIDI)
    if mode == "zero_width":
        return "".join(c + (rng.choice(ZERO_WIDTH) if rng.random() < 0.4 else "") for c in base)
    if mode == "combining":
        return "".join(c + "".join(chr(rng.randint(0x300, 0x36F))
                                   for _ in range(rng.randint(0, 12))) for c in base)
    if mode == "control":
        return "".join(c + (rng.choice(CONTROL) if rng.random() < 0.3 else "") for c in base)
    if mode == "odd":
        return base + " " + "".join(rng.choice(ODD_CODEPOINTS) for _ in range(rng.randint(1, 8)))
    if mode == "homoglyph":
        return "".join(HOMOGLYPHS.get(c, c) if rng.random() < 0.6 else c for c in base)
    if mode == "fullwidth":
        return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else "\u3000" if c == " " else c
                       for c in base)
    if mode == "random_bmp":
        chars = []
        for _ in range(rng.randint(1, 200)):
            code = rng.randint(0x20, 0xFFFD)
            chars.append(" " if 0xD800 <= code <= 0xDFFF else chr(code))
        return "".join(chars)
    if mode == "whitespace":
        return rng.choice(["", " ", "\t\n", "\u3000", "\u00a0\u00a0", "\n" * 50, " " * 1000])
    if mode == "markup":
        return rng.choice(MARKUP_AND_SQL) + (" " + base if rng.random() < 0.5 else "")
    if mode == "mutated":
        return mutate(rng, base)
    return " ".join(rng.choice([base, rng.choice(EMOJI), rng.choice(RTL),
                                rng.choice(MARKUP_AND_SQL), rng.choice(ZERO_WIDTH)])
                    for _ in range(rng.randint(2, 6)))


def mutate(rng: random.Random, text: str) -> str:
    chars = list(text)
    for _ in range(rng.randint(1, 6)):
        operation = rng.choice(["insert", "delete", "swap", "case", "repeat"])
        position = rng.randrange(len(chars)) if chars else 0
        if operation == "insert":
            chars.insert(position, rng.choice(string.printable))
        elif operation == "delete" and chars:
            del chars[position]
        elif operation == "swap" and len(chars) > 1:
            other = rng.randrange(len(chars))
            chars[position], chars[other] = chars[other], chars[position]
        elif operation == "case" and chars:
            chars[position] = chars[position].swapcase()
        elif operation == "repeat" and chars:
            chars[position:position + 1] = [chars[position]] * rng.randint(2, 30)
    return "".join(chars)


@dataclass
class RestCase:
    category: str
    label: str
    body: bytes
    content_type: str = "application/json"
    own_sender: bool = False  # a sender of its own (big bodies would bloat a shared tracker)


def dumps(value: Any, ascii_only: bool = True) -> bytes:
    text = json.dumps(value, ensure_ascii=ascii_only)
    return text.encode("utf-8")


def message(who: Any, text: Any, **extra: Any) -> Dict[str, Any]:
    """A request body; `who` None leaves the sender out, `text` ... leaves the message out."""
    body: Dict[str, Any] = {} if who is None else {"sender": who}
    if text is not ...:
        body["message"] = text
    body.update(extra)
    return body


SENDER = "@SENDER@"  # replaced by the test with a sender from its pool


def with_sender(body: bytes, sender: str) -> bytes:
    return body.replace(SENDER.encode(), json.dumps(sender)[1:-1].encode())


def rest_cases(rng: random.Random) -> List[RestCase]:
    cases: List[RestCase] = []

    def add(category: str, label: str, body: bytes, **kwargs: Any) -> None:
        cases.append(RestCase(category, label, body, **kwargs))

    # Random bytes as (invalid) JSON bodies.
    for i in range(150):
        length = rng.choice([0, 1, 2, 3, 8, 64, 512, 4096, rng.randint(0, 20000)])
        add("random bytes", f"{length} random bytes #{i}",
            bytes(rng.getrandbits(8) for _ in range(length)))

    # Valid request JSON, broken: truncated, a byte flipped, wrong content type.
    for i in range(60):
        body = dumps(message(SENDER, rng.choice(REALISTIC)))
        how = rng.choice(["truncated", "flipped", "form type", "trailing garbage"])
        if how == "truncated":
            body = body[:rng.randrange(1, len(body))]
        elif how == "flipped":
            position = rng.randrange(len(body))
            body = body[:position] + bytes([rng.getrandbits(8)]) + body[position + 1:]
        elif how == "trailing garbage":
            body += bytes(rng.getrandbits(8) for _ in range(rng.randint(1, 20)))
        add("broken JSON", f"{how} #{i}", body,
            content_type="application/x-www-form-urlencoded" if how == "form type"
            else "application/json")

    # JSON that is not an object.
    for value in [0, 1, -1, 3.14, 1e308, True, False, None, "hello", "", [], [1, 2],
                  ["sender", "message"], [{"sender": "a", "message": "hi"}], [[[]]], {},
                  "{\"sender\": \"a\"}"]:
        add("non-object JSON", f"body {json.dumps(value)[:40]}", dumps(value))
    add("non-object JSON", "empty body", b"")
    add("non-object JSON", "whitespace body", b"   \n")
    add("non-object JSON", "deeply nested list", b"[" * 20000 + b"]" * 20000)
    add("non-object JSON", "deeply nested object",
        b'{"sender":"x","message":' + b'{"a":' * 5000 + b"1" + b"}" * 5000 + b"}")

    # Wrong types and missing fields.
    wrong: List[Tuple[str, Callable[[], Any]]] = [
        ("int", lambda: rng.randint(-10**9, 10**9)), ("float", lambda: rng.uniform(-1e9, 1e9)),
        ("big int", lambda: 10 ** rng.randint(20, 400)), ("bool", lambda: rng.random() < 0.5),
        ("null", lambda: None), ("list", lambda: [rng.choice(REALISTIC)]),
        ("empty list", lambda: []), ("dict", lambda: {"text": rng.choice(REALISTIC)}),
        ("empty dict", lambda: {}), ("nested", lambda: [[{"a": [1, {"b": None}]}]]),
    ]
    for i in range(40):
        name, make = rng.choice(wrong)
        add("wrong types", f"message as {name} #{i}", dumps(message(SENDER, make())))
    for i in range(30):
        name, make = rng.choice(wrong)
        add("wrong types", f"sender as {name} #{i}",
            dumps(message(None, rng.choice(REALISTIC), sender=make())), own_sender=True)
    for i in range(10):
        add("wrong types", f"sender missing #{i}", dumps(message(None, rng.choice(REALISTIC))),
            own_sender=True)
    for i in range(10):
        add("wrong types", f"message missing #{i}", dumps(message(SENDER, ...)))
    for i in range(10):
        add("wrong types", f"both missing #{i}", dumps({"text": "hello", "user": "x"}),
            own_sender=True)
    for i in range(25):
        name, make = rng.choice(wrong + [("string", lambda: "not json {"),
                                         ("JSON string", lambda: "{\"a\": 1}"),
                                         ("JSON list string", lambda: "[1, 2]")])
        add("wrong types", f"metadata as {name} #{i}",
            dumps(message(SENDER, rng.choice(REALISTIC), metadata=make())))
    for i in range(15):
        name, make = rng.choice(wrong)
        add("wrong types", f"input_channel as {name} #{i}",
            dumps(message(SENDER, rng.choice(REALISTIC), input_channel=make())))
    for i in range(10):
        add("wrong types", f"unknown fields #{i}",
            dumps(message(SENDER, rng.choice(REALISTIC), **{f"x{n}": n for n in range(20)},
                          stream=rng.choice([True, "yes", 1]))), own_sender=True)
    add("wrong types", "sender empty string", dumps(message("", "hello")), own_sender=True)
    add("wrong types", "duplicate keys",
        b'{"sender":"dup","message":"hi","message":"what is ivig","message":5}', own_sender=True)

    # Unicode edge cases in the message (and the sender).
    for i in range(220):
        text = fuzz_text(rng)
        add("unicode and generated text", f"generated #{i}",
            dumps(message(SENDER, text), ascii_only=rng.random() < 0.5))
    for i, surrogate in enumerate(SURROGATES * 3):
        text = rng.choice(REALISTIC) + surrogate if i % 2 else surrogate + rng.choice(REALISTIC)
        add("escaped surrogates", f"{surrogate.encode('unicode_escape').decode()} #{i}",
            dumps(message(SENDER, text)))  # only as \u escapes: not encodable as UTF-8
    for i, surrogate in enumerate(SURROGATES[:3]):
        add("escaped surrogates", f"surrogate {surrogate.encode('unicode_escape').decode()} "
            "in the sender", dumps(message(surrogate + f"-fuzz-{i}", "hello")), own_sender=True)
    for i in range(20):
        add("unicode and generated text", f"invalid UTF-8 in a string #{i}",
            b'{"sender":"' + SENDER.encode() + b'","message":"caf'
            + bytes([rng.choice([0xC3, 0xE2, 0xF0, 0xFF, 0x80, 0xED])]) + b' au lait"}')
    for i in range(20):
        add("unicode and generated text", f"NUL in message #{i}",
            dumps(message(SENDER, "\x00" * rng.randint(1, 50) + rng.choice(REALISTIC))))

    # Long strings: 100k characters of one token (many-word 100k strings: see the
    # separate test), 10k-character texts, long senders.
    letters = "".join(rng.choice(string.ascii_letters) for _ in range(LONG))
    for label, text in [("100k 'a'", "a" * LONG), ("100k random letters", letters),
                        ("100k 'é' precomposed", "\u00e9" * LONG),
                        ("100k 'e' + combining acute", "e\u0301" * (LONG // 2)),
                        ("100k zero-width spaces", "\u200b" * LONG), ("100k NUL", "\x00" * LONG),
                        ("100k Hebrew letters", "\u05d0" * LONG),
                        ("100k bidi overrides", "\u202e" * LONG),
                        ("100k combining marks alone", "\u0301" * LONG),
                        ("100k astral math letters", "\U0001d400" * (LONG // 2)),
                        ("10k text of 60 words", " ".join(letters[i:i + 170]
                                                           for i in range(0, 10_200, 170))),
                        ("100k digits", "7" * LONG)]:
        add("100k strings", label, dumps(message(SENDER, text), ascii_only=False),
            own_sender=True)
        add("100k strings", label + " (escaped JSON)", dumps(message(SENDER, text)),
            own_sender=True)
    add("100k strings", "100k-character sender", dumps(message("s" * LONG, "hello")),
        own_sender=True)
    add("100k strings", "100k-character metadata value",
        dumps(message(SENDER, "hello", metadata={"note": "m" * LONG})), own_sender=True)

    # Huge JSON bodies (MBs), the message itself ordinary.
    add("huge JSON", "metadata with 100k keys",
        dumps(message(SENDER, "what is ivig", metadata={f"k{i}": i for i in range(100_000)})),
        own_sender=True)
    add("huge JSON", "5 MB unknown field",
        dumps(message(SENDER, "hello", padding="x" * 5_000_000)), own_sender=True)
    add("huge JSON", "list of 200k numbers in an unknown field",
        dumps(message(SENDER, "hello", numbers=list(range(200_000)))), own_sender=True)
    add("huge JSON", "message as a list of 50k strings",
        dumps(message(SENDER, ["hello"] * 50_000)), own_sender=True)
    add("huge JSON", "message as a dict of 50k keys",
        dumps(message(SENDER, {f"k{i}": "v" for i in range(50_000)})), own_sender=True)
    add("huge JSON", "2 MB of whitespace around a normal body",
        b" " * 1_000_000 + dumps(message(SENDER, "hello")) + b"\n" * 1_000_000, own_sender=True)

    # Markup and SQL-looking text, alone and inside patient messages.
    for i, text in enumerate(MARKUP_AND_SQL):
        add("markup and SQL", text[:40], dumps(message(SENDER, text)))
        add("markup and SQL", f"in a message #{i}",
            dumps(message(SENDER, f"{rng.choice(REALISTIC)} {text}")))
    for i, text in enumerate(MARKUP_AND_SQL[:25]):
        add("markup and SQL", f"as sender #{i}", dumps(message(text, "hello")), own_sender=True)

    # Patient messages with typos and noise.
    for i in range(100):
        add("mutated messages", f"mutated #{i}", dumps(message(SENDER, mutate(rng, rng.choice(REALISTIC)))))
    return cases


def socketio_payloads(rng: random.Random, session_id: str,
                      token: Optional[str] = None) -> List[Tuple[str, str, Any]]:
    """(category, event, data) for emits on one socket; `session_id` is the socket's session
    and `token` its patient session token, added to every event naming that session (the
    others, and the odd session ids, go without one and are refused)."""
    payloads: List[Tuple[str, str, Any]] = []
    for _ in range(150):
        payloads.append(("generated text", "user_uttered",
                         {"message": fuzz_text(rng), "session_id": session_id}))
    for text in ["a" * LONG, "\u200b" * LONG, "e\u0301" * (LONG // 2), "\x00" * 1000]:
        payloads.append(("100k strings", "user_uttered", {"message": text, "session_id": session_id}))
    for text in MARKUP_AND_SQL[:30]:
        payloads.append(("markup and SQL", "user_uttered", {"message": text, "session_id": session_id}))
    wrong_values = [5, 3.5, True, None, [], ["hi"], {}, {"text": "hi"}, "x" * 200, b"\x00\xff"]
    for value in wrong_values:
        payloads.append(("wrong types", "user_uttered", {"message": value, "session_id": session_id}))
        payloads.append(("wrong types", "user_uttered", {"message": "hello", "session_id": value}))
        payloads.append(("wrong types", "user_uttered", value))
        payloads.append(("wrong types", "session_request", value))
        payloads.append(("wrong types", "session_request", {"session_id": value}))
    for metadata in ["not json {", "[1, 2]", "{\"a\": 1}", "5", 5, [1], None, {"a": {"b": [1]}}]:
        payloads.append(("wrong types", "user_uttered",
                         {"message": "hello", "session_id": session_id, "metadata": metadata}))
    payloads.append(("wrong types", "user_uttered", {"session_id": session_id}))
    payloads.append(("wrong types", "user_uttered", {"message": "hello"}))
    payloads.append(("wrong types", "user_uttered", {"message": "hello", "session_id": ""}))
    for i in range(20):
        payloads.append(("unknown events", rng.choice(["bot_uttered", "session_confirm", "message",
                                                       "disconnect", "connect", "x" * 100,
                                                       "../user_uttered", ""]) + f"{i % 3 or ''}",
                         {"message": "hello", "session_id": session_id}))
    for i in range(40):
        payloads.append(("mutated messages", "user_uttered",
                         {"message": mutate(rng, rng.choice(REALISTIC)), "session_id": session_id}))
    # Last: lone surrogates (sent as \u escapes) in the message and in the session id.
    for surrogate in SURROGATES[:3]:
        payloads.append(("escaped surrogates", "user_uttered",
                         {"message": "hello " + surrogate, "session_id": session_id}))
    payloads.append(("escaped surrogates", "session_request", {"session_id": "\ud800-fuzz"}))
    payloads.append(("escaped surrogates", "user_uttered",
                     {"message": "hello", "session_id": "\ud800-fuzz"}))
    if token:
        payloads = [(category, event, {**data, "token": token})
                    if isinstance(data, dict) and data.get("session_id") == session_id
                    else (category, event, data) for category, event, data in payloads]
    return payloads


def engineio_requests(rng: random.Random) -> List[Tuple[str, str, str, Dict[str, str], bytes]]:
    """(label, method, path+query with @SID@ for a live engine.io session, headers, body) for
    raw HTTP at the socket.io endpoint: bad handshakes, bad session ids, malformed packets."""
    requests_: List[Tuple[str, str, str, Dict[str, str], bytes]] = []
    plain = {"Content-Type": "text/plain;charset=UTF-8"}
    for eio in ["0", "1", "2", "3", "5", "abc", "", "4.0", "-1", "9" * 50]:
        requests_.append((f"handshake EIO={eio[:10]}", "GET",
                          f"/socket.io/?EIO={eio}&transport=polling", {}, b""))
    for transport in ["", "websocket", "flashsocket", "polling%00", "x" * 300]:
        requests_.append((f"handshake transport={transport[:12]}", "GET",
                          f"/socket.io/?EIO=4&transport={transport}", {}, b""))
    requests_.append(("handshake without query", "GET", "/socket.io/", {}, b""))
    requests_.append(("handshake with junk query", "GET", "/socket.io/?%%%&&==", {}, b""))
    requests_.append(("POST without session", "POST", "/socket.io/?EIO=4&transport=polling",
                      plain, b"40"))
    for sid in ["nope", "", "x" * 500, "%00", "../..", "@SID@x"]:
        requests_.append((f"unknown sid {sid[:12]}", "GET",
                          f"/socket.io/?EIO=4&transport=polling&sid={sid}", {}, b""))
        requests_.append((f"POST unknown sid {sid[:12]}", "POST",
                          f"/socket.io/?EIO=4&transport=polling&sid={sid}", plain, b"40"))
    packets = [b"", b"4", b"40", b"42", b'42["user_uttered"', b"42{}", b"42[]", b"42[1,2]",
               b'42["user_uttered",{"message":"hi"', b"4x", b"9", b"2probe", b"41", b"40/nope,",
               b'42/nope,["user_uttered",{}]', b"45-[\"x\",{\"_placeholder\":true,\"num\":9}]",
               b'43["x"]', b"6", b"5", b"\x1e\x1e\x1e", b"40\x1e" * 100, b"1", "42[\"\u202e\"]".encode()]
    for i in range(30):
        packets.append(bytes(rng.getrandbits(8) for _ in range(rng.randint(1, 300))))
    packets.append(b"4" + b"x" * 1_100_000)  # over the default 1 MB maxPayload
    for i, packet in enumerate(packets):
        requests_.append((f"packet #{i} {packet[:20]!r}", "POST",
                          "/socket.io/?EIO=4&transport=polling&sid=@SID@", plain, packet))
    requests_.append(("GET poll after the packets", "GET",
                      "/socket.io/?EIO=4&transport=polling&sid=@SID@", {}, b""))
    return requests_


def websocket_frames(rng: random.Random) -> List[Tuple[str, List[Any]]]:
    """(label, frames) for raw websocket connections: each gets its own connection, is
    opened properly ("40") and then sent these text (str) or binary (bytes) frames."""
    frames: List[Tuple[str, List[Any]]] = [
        ("empty text frame", [""]), ("unknown packet type", ["9"]), ("truncated event", ['42["x"']),
        ("event not a list", ["42{}"]), ("empty event", ["42[]"]), ("numeric event", ["42[1,2]"]),
        ("bad namespace", ["40/nope,"]), ("binary garbage", [b"\x00\x01\x02garbage"]),
        ("NUL text", ["\x00" * 100]), ("ping flood", ["2"] * 200),
        ("user_uttered without data", ['42["user_uttered"]']),
        ("user_uttered with 5", ['42["user_uttered",5]']),
        ("huge text frame", ["42" + json.dumps(["user_uttered", {"message": "a" * 900_000}])]),
        ("over maxPayload", ["4" + "x" * 1_100_000]),
    ]
    for i in range(20):
        frames.append((f"random text frame #{i}",
                       ["".join(chr(rng.randint(0x20, 0x7E)) for _ in range(rng.randint(1, 200)))]))
    for i in range(10):
        frames.append((f"random binary frame #{i}",
                       [bytes(rng.getrandbits(8) for _ in range(rng.randint(1, 500)))]))
    return frames
