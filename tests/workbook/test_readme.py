"""The README stays true: its catalogue lists exactly the registered exercises."""

from pathlib import Path

from workbook.cli import catalogue_markdown

README = Path(__file__).resolve().parents[2] / "README.md"


def test_catalogue_matches_the_registry() -> None:
    text = README.read_text(encoding="utf-8")
    start = text.index("<!-- catalogue:")
    block = text[text.index("\n", start) + 1 : text.index("<!-- /catalogue -->")]
    assert block.strip() == catalogue_markdown(), (
        "README catalogue is stale: regenerate it with `workbook list --markdown`"
    )
