"""The README stays true: its catalogue lists exactly the registered exercises, and
every picture and file it points to is in the tree."""

import re
from pathlib import Path

from workbook.cli import catalogue_markdown

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"


def test_catalogue_matches_the_registry() -> None:
    text = README.read_text(encoding="utf-8")
    start = text.index("<!-- catalogue:")
    block = text[text.index("\n", start) + 1 : text.index("<!-- /catalogue -->")]
    assert block.strip() == catalogue_markdown(), (
        "README catalogue is stale: regenerate it with `workbook list --markdown`"
    )


def test_every_linked_file_exists() -> None:
    text = README.read_text(encoding="utf-8")
    targets = re.findall(r"\]\(([^)#:]+)\)", text)  # relative links; no URLs, no anchors
    assert targets, "the README links no pictures: the pattern no longer matches"
    missing = [target for target in targets if not (ROOT / target).is_file()]
    assert not missing, f"README links files that are not in the tree: {missing}"
