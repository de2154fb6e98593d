"""The practice file ``workbook new`` writes: the statement, the signature, a stub body.

Everything comes from the catalogue entry, never from the reference's source: the
statement is the docstring, the declared signature the ``def`` line (or the declared
class skeleton), and the body raises ``NotImplementedError``.
"""

from __future__ import annotations

import re
import textwrap

from workbook.exercise import Exercise

_ELLIPSIS_BODY = re.compile(r"^(?P<indent>[ \t]+)\.\.\.[ \t]*$", re.MULTILINE)


def stub_source(exercise: Exercise) -> str:
    """The text of a practice file for ``exercise``.

    >>> from workbook.catalogue import get
    >>> source = stub_source(get("max_sliding_window"))
    >>> "def max_sliding_window(nums: list[int], k: int) -> list[int]:" in source
    True
    >>> source.rstrip().endswith("raise NotImplementedError")
    True
    """
    header = (
        f"Practice: {exercise.id} ({exercise.topic}, {exercise.difficulty}; "
        f"target {exercise.complexity})."
    )
    if exercise.source:
        header += f"  Source: {exercise.source}."
    commands = (
        f"Check it:  workbook check {exercise.id}     (--strict: the reference's promises too)\n"
        f"Time it:   workbook bench {exercise.id}"
    )
    imports = "\n".join(exercise.imports)
    import_block = f"{imports}\n\n\n" if imports else "\n"
    if exercise.kind == "class":
        module_doc = _docstring(f"{header}\n\n{statement_text(exercise)}\n\n{commands}", "")
        body = _ELLIPSIS_BODY.sub(
            r"\g<indent>raise NotImplementedError", exercise.signature.strip()
        )
        return f"{module_doc}\n\nfrom __future__ import annotations\n\n{import_block}{body}\n"
    module_doc = _docstring(f"{header}\n\n{commands}", "")
    doc = _docstring(statement_text(exercise), "    ")
    return (
        f"{module_doc}\n\nfrom __future__ import annotations\n\n{import_block}"
        f"{exercise.signature.strip()}:\n{doc}\n    raise NotImplementedError\n"
    )


def statement_text(exercise: Exercise) -> str:
    """The statement, dedented, with how the output is compared."""
    text = textwrap.dedent(exercise.statement).strip()
    return f"{text}\n\nOutput: {exercise.compare.describe()}."


def _docstring(text: str, indent: str) -> str:
    quote = 'r"""' if "\\" in text else '"""'
    return textwrap.indent(f'{quote}{text}\n"""', indent, lambda line: True).replace(
        f"{indent}\n", "\n"
    )
