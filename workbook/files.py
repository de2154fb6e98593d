"""Importing a Python file by path: a user's solution, or a benchmark declaration."""

from __future__ import annotations

import hashlib
import importlib.util
import sys
from pathlib import Path
from types import ModuleType


def import_file(path: Path) -> ModuleType:
    """Import the Python file at ``path`` as a module of its own, whatever its folder.

    As for a script, the file's folder comes first on ``sys.path`` while it runs, so
    that it can import its neighbours.  Importing the same file twice gives the same
    module.

    Raises
    ------
    ImportError
        If the file cannot be loaded as a module; errors raised by its code propagate.
    """
    resolved = path.resolve()
    digest = hashlib.sha1(str(resolved).encode()).hexdigest()[:12]
    name = f"_workbook_{resolved.stem}_{digest}"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, resolved)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import {str(path)!r}: not a Python file")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    sys.path.insert(0, str(resolved.parent))
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[name]
        raise
    finally:
        sys.path.remove(str(resolved.parent))
    return module
