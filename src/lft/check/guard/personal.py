"""Personal data and case references: BSN, IBAN, phone, e-mail, case numbers, names of suspects.

Every function reads normalised text (`lft.check.guard.text.normalise`) and reports at the original
offset. Digit groups may be apart by a space, a dot or a hyphen, with spaces around the hyphen
in a phone number ('06 - 1234 5678'); check digits come from python-stdnum.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from stdnum import iban as stdnum_iban
from stdnum.nl import bsn as stdnum_bsn

from lft.check.guard.text import Finding, Text, finding
from lft.check.quick import Quick, Spans, outside
from lft.problems import Severity

Origin = Callable[[int], int]

URL = re.compile(r"(?i)\b(?:https?|ftp|file)://[^\s<>\"'\]\)]+|\bwww\.[^\s<>\"'\]\)]+")

# A digit first (the engine then skips quickly to digits), not preceded by another digit.
_BSN = re.compile(
    r"\d(?<!\d\d)(?:\d{8}|\d{3}[ ./-]\d{2}[ ./-]\d{3}|\d{2}[ ./-]\d{3}[ ./-]\d{3})(?!\d)"
)
# An amount or a key-fact figure, not a BSN: "€ 130.000.000", "figure: 130000000", "… kg".
_FIGURE_BEFORE = re.compile(r"(?i)(?:[€$£]|\beur|\bfigure:)\s*$")
_UNIT_AFTER = re.compile(
    r"(?i)(?<!\s)\s*(?:euro|eur|kg|kilo|ton|m2|m²|liter|miljoen|million)\b|(?<!\s)\s*[€%]"
)

_IBAN = re.compile(r"(?i)\b[A-Z]{2}\d{2}(?:[ ./-]?[A-Z0-9]{4}){2,7}(?:[ ./-]?[A-Z0-9]{1,3})?\b")

_SEP = r"(?:[ ]?[./-][ ]?|[ ])?"  # between two digits of a phone number
_PHONE = re.compile(
    r"(?<![\w+/.,-])"
    r"(?:"
    rf"(?:\+|00)31{_SEP}(?:\(0\){_SEP})?[1-9](?:{_SEP}\d){{8}}"
    rf"|\(0[1-9]\d{{0,2}}\)[ ]?\d(?:{_SEP}\d){{4,7}}"
    rf"|0[1-9](?:{_SEP}\d){{8}}"
    rf"|0[89]0[069](?:{_SEP}\d){{4}}(?:(?:{_SEP}\d){{3}})?"  # a service number: 0800, 0900…
    r")"
    r"(?!\d|[.,-]\d)"
)
_DATE_LIKE = re.compile(r"^\d{1,2}[-./]\d{1,2}[-./]\d{2,4}")
_GROUPS = re.compile(r"[ ]?[.-][ ]?|[ ]")

_EMAIL = re.compile(
    r"(?<![\w.%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])"
)

# Case numbers of the Public Prosecution Service (parketnummer 13/123456-19, also with hyphens
# or dots) and police registrations (PL0900-12345678); any number after a word that names one.
_CASE_NUMBER = re.compile(
    r"(?<![\w/.-])\d{2}[/.-]\d{6}[.-]\d{2}(?![\w/-]|\.\d)|\b[Pp][Ll]\d{4}-?\d{6,}\b"
    r"|(?i:\b(?:parket|zaak|dossier|proces-verbaal|pv|bvh|mutatie|case)"
    r"[ -]?(?:nummer|nr\.?|no\.?|number)[ \t]*:?[ \t]*)"
    r"(?P<number>[A-Za-z]{0,4}\d[\d/.-]*\d)"
)

_NAME = re.compile(r"\b([A-Z][a-z]+) [A-Z]\.(?=[\s,;:)]|$)", re.MULTILINE)
_NAME_CONTEXT = re.compile(
    r"(?i)\b(?:verdachten?|veroordeelden?|aangehouden|daders?|betrokkenen?|"
    r"suspects?|suspected|convicted)\b"
)
_NAME_WINDOW = 60
_FIND_URL, _FIND_IBAN, _FIND_PHONE, _FIND_CASE_NUMBER, _FIND_NAME = map(
    Quick, (URL, _IBAN, _PHONE, _CASE_NUMBER, _NAME)
)
"""The searches that pass over text quickly (`lft.check.quick`)."""
# Capitalised words that are followed by a letter in ordinary prose ("Bijlage A.").
_NOT_NAMES = {
    "Bijlage",
    "Artikel",
    "Figuur",
    "Tabel",
    "Stap",
    "Fase",
    "Categorie",
    "Niveau",
    "Optie",
    "Punt",
    "Model",
    "Type",
    "Plan",
    "Route",
    "Scenario",
    "Appendix",
    "Annex",
    "Table",
    "Figure",
    "Step",
    "Phase",
    "Level",
    "Option",
    "Point",
    "Article",
    "Section",
    "Paragraaf",
    "Hoofdstuk",
    "Chapter",
    "Deel",
    "Part",
    "Groep",
    "Group",
    "Zone",
    "Klasse",
    "Class",
}


def mask(value: str) -> str:
    """Show at most the first two and the last two characters of personal data."""
    value = value.strip()
    if len(value) <= 4:
        return "…"
    return f"{value[:2]}…{value[-2:]}"


def bsn_valid(digits: str) -> bool:
    """Nine digits that pass the 11-proef (python-stdnum), and not all zeros."""
    return len(digits) == 9 and digits.isdigit() and stdnum_bsn.is_valid(digits)


def iban_valid(iban: str) -> bool:
    """A valid IBAN (ISO 13616: country format, length and check digits; python-stdnum)."""
    return bool(re.fullmatch(r"[A-Za-z]{2}\d{2}[A-Za-z0-9]{11,30}", iban)) and bool(
        stdnum_iban.is_valid(iban)
    )


def _iban_in(match: re.Match[str]) -> tuple[int, int] | None:
    """The span of the longest valid IBAN that starts the match, if any."""
    raw = match[0]
    offsets = [i for i, c in enumerate(raw) if c not in " ./-"]
    compact = "".join(raw[i] for i in offsets).upper()  # 'nl91 abna …' is one too
    for length in range(min(len(compact), 34), 14, -1):
        end = match.start() + offsets[length - 1] + 1
        if end < len(match.string) and match.string[end].isalnum():
            continue  # only the start of a longer code
        if iban_valid(compact[:length]):
            return match.start(), end
    return None


def phone_digits(number: str) -> str:
    """The digits of a Dutch phone number as dialled at home: '+31 (0)20 …' gives '020…'."""
    digits = re.sub(r"\D", "", number)
    if digits.startswith("0031"):
        digits = "0" + digits[4:]
    elif digits.startswith("31") and number.startswith("+"):
        digits = "0" + digits[2:]
    if digits.startswith("00"):  # +31 (0)20 …: the (0) is dropped
        digits = digits[1:]
    return digits


def _phone_shaped(number: str) -> bool:
    """Post-checks for a Dutch phone number: ten digits (eight or eleven for a 0800 or 0900
    service number), sensible groups, not a date."""
    digits = phone_digits(number)
    if re.fullmatch(r"0[89]0[069](?:\d{4}|\d{7})", digits):
        return not _DATE_LIKE.match(number)
    if len(digits) != 10:
        return False
    if number.startswith(("+", "00")) or number.startswith("("):
        return True
    if _DATE_LIKE.match(number):
        return False
    groups = _GROUPS.split(number)
    if len(groups) == 1:
        return True
    first = groups[0]
    if (len(first) == 2 and first != "06") or len(first) > 4:
        return False
    return all(len(g) >= 2 for g in groups[1:])


def _bsn_context_excludes(text: str, start: int, end: int) -> bool:
    """Whether the nine digits at text[start:end] are part of a larger number or an amount."""
    value = text[start:end]
    if value.isdigit():
        if re.search(r"\d[.,]$", text[max(0, start - 2) : start]) or re.match(
            r"[.,]\d", text[end : end + 2]
        ):
            return True
    elif re.search(r"\d[ .,-]$", text[max(0, start - 2) : start]) or re.match(
        r"[ .,-]\d", text[end : end + 2]
    ):
        return True  # one group of a longer grouped number
    return bool(
        _FIGURE_BEFORE.search(text[max(0, start - 40) : start])
        or _UNIT_AFTER.match(text[end : end + 12])
    )  # an amount or a quantity, like "€ 130.000.000"


Hit = tuple[int, str, str, str, Severity]
"""A finding before its position is known: (offset, rule, message, what to do, severity)."""


def personal_data(
    doc: Text, text: str, origin: Origin, mailboxes: set[str], public_numbers: set[str]
) -> list[Finding]:
    """BSN, IBAN, phone numbers and e-mail addresses not on the allow-lists, case numbers, names."""
    urls = Spans.of(_FIND_URL, text)
    ibans = Spans([])
    hits = _ibans(text, ibans)  # first: a number inside an IBAN is no BSN or phone number
    hits += _bsns(text, urls, ibans)
    hits += _phones(text, urls, ibans, public_numbers)
    hits += _emails(text, mailboxes)
    hits += _case_numbers(text, urls)
    hits += _names(text)
    return [
        finding(doc, origin(at), rule, message, todo, level)
        for at, rule, message, todo, level in hits
    ]


def _ibans(text: str, ibans: Spans) -> list[Hit]:
    """Each IBAN, also added to `ibans`."""
    hits: list[Hit] = []
    for match in _FIND_IBAN.finditer(text):
        span = _iban_in(match)
        if span is None:
            continue
        ibans.add(*span)
        hits.append(
            (
                span[0],
                "iban",
                f"bank account number (IBAN) {mask(text[span[0] : span[1]])}",
                "remove the bank account number; the site never publishes personal data",
                Severity.ERROR,
            )
        )
    return hits


def _bsns(text: str, urls: Spans, ibans: Spans) -> list[Hit]:
    hits: list[Hit] = []
    for match in outside(_BSN, text, urls, ibans):
        start, end = match.span()
        if _bsn_context_excludes(text, start, end) or not bsn_valid(re.sub(r"\D", "", match[0])):
            continue
        hits.append(
            (
                start,
                "bsn",
                f"possible BSN {mask(match[0])}",
                "remove the citizen service number; the site never publishes personal data",
                Severity.ERROR,
            )
        )
    return hits


def _phones(text: str, urls: Spans, ibans: Spans, public_numbers: set[str]) -> list[Hit]:
    hits: list[Hit] = []
    for match in outside(_FIND_PHONE, text, urls, ibans):
        if not _phone_shaped(match[0]) or phone_digits(match[0]) in public_numbers:
            continue
        hits.append(
            (
                match.start(),
                "phone",
                f"phone number {mask(match[0])}",
                "remove the phone number; refer readers to a function mailbox instead, or list a "
                "public service number under public_numbers in guard.yml",
                Severity.ERROR,
            )
        )
    return hits


def _emails(text: str, mailboxes: set[str]) -> list[Hit]:
    if "@" not in text:  # every address holds one
        return []
    return [
        (
            match.start(),
            "email",
            f"e-mail address {mask(match[0])} is not an allowed function mailbox",
            "use a function mailbox listed under allowed_mailboxes in guard.yml, never the "
            "address of a person",
            Severity.ERROR,
        )
        for match in _EMAIL.finditer(text)
        if match[0].lower() not in mailboxes
    ]


def _case_numbers(text: str, urls: Spans) -> list[Hit]:
    hits: list[Hit] = []
    for match in _FIND_CASE_NUMBER.finditer(text):
        start = match.start("number") if match["number"] else match.start()
        if urls.overlap(start, match.end()):
            continue
        hits.append(
            (
                start,
                "case-number",
                f"possible case or registration number {mask(text[start : match.end()])}",
                "remove it; nothing on the site may point at a concrete case",
                Severity.ERROR,
            )
        )
    return hits


def _names(text: str) -> list[Hit]:
    """Capitalised names near a word that points at a suspect: a warning, for the reviewer."""
    hits: list[Hit] = []
    for match in _FIND_NAME.finditer(text):
        if match[1] in _NOT_NAMES:
            continue
        window = text[max(0, match.start() - _NAME_WINDOW) : match.end() + _NAME_WINDOW]
        context = _NAME_CONTEXT.search(window)
        if context is None:
            continue
        hits.append(
            (
                match.start(),
                "suspect-name",
                f"possible name of a person ({mask(match[0])}) near '{context[0]}'",
                "never name suspects or others involved; describe the case in general terms",
                Severity.WARNING,
            )
        )
    return hits
