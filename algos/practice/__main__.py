"""``python -m algos.practice`` is the ``workbook`` command."""

from algos.practice.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
