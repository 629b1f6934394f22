"""Formats and markings as data with their variants: separators (space, dot, dash, slash,
underscore, none), case, and the markings and abbreviations of the list in `markings.yml`;
what must not match is in `tests/fixtures/guard/near-misses.md` (`test_guard.py`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from lft.check.guard.config import marking_pattern
from test_guard import PAGE, found, scan


@pytest.mark.parametrize(
    ("written", "rule"),
    [
        ("06/12345678", "phone"),
        ("020/1234567", "phone"),
        ("+31/6/12345678", "phone"),
        ("1112/22/333", "bsn"),
        ("nl91 abna 0417 1643 00", "iban"),
        ("NL91.ABNA.0417.1643.00", "iban"),
        ("nl91abna0417164300", "iban"),
        ("NL91/ABNA/0417/1643/00", "iban"),
        ("Politievertrouwelijk", "marking"),
        ("POLITIE-VERTROUWELIJK", "marking"),
        ("politie/vertrouwelijk", "marking"),
        ("ZEER GEHEIM", "marking"),
        ("CONFIDENTIEEL", "marking"),
        ("Dep.V.", "marking"),
        ("dep. v.", "marking"),
        ("TLP RED", "marking"),
        ("tlp/amber", "marking"),
        ("TLP - RED", "marking"),
        ("Niet_openbaar", "marking"),
        ("Staatsgeheim/Confidentieel", "marking"),
        ("NietVoorPublicatie", "marking"),
        ("Restreint-UE", "marking"),
    ],
)
def test_every_variant_of_a_format_or_marking_is_found(
    tmp_path: Path, written: str, rule: str
) -> None:
    text = f"Zie hier: {written}.\n"
    report = scan(tmp_path, {PAGE: text})
    assert found(report) == [f"{PAGE}:1:11 {rule}"]


def test_variants_come_from_the_one_list() -> None:
    pattern = marking_pattern("TLP:RED")
    assert pattern == "TLP[\\s/_-]*:?[\\s/_-]*RED"
    assert marking_pattern("Stg. Geheim") == "Stg\\.?[\\s/_-]*Geheim"
