"""Entry script frozen into the bundle's one executable, ``lamplight``.

One executable (one copy of Python, torch and Qt in the bundle) serves three
programs, chosen by the name it is started under or by its first argument:

* ``lamplight [options]`` — the desktop app (``desktop.app.main``);
* ``lamplight-engine ...`` or ``lamplight engine ...`` — the engine CLI
  (``engine.cli.main``: store, model and evaluation commands);
* ``lamplight-smoke OUTDIR`` or ``lamplight smoke-test OUTDIR`` — the
  bundle's self-test (``installer/smoke_entry.py``).

On Linux the build adds ``lamplight-engine`` and ``lamplight-smoke`` as
symbolic links next to ``lamplight``.
"""
from __future__ import annotations

import sys
from pathlib import Path


def main() -> int:
    name = Path(sys.argv[0]).name.lower().removesuffix(".exe")
    args = sys.argv[1:]
    if name == "lamplight-engine" or (args[:1] == ["engine"]):
        from engine.cli import main as engine_main

        return engine_main(args[1:] if args[:1] == ["engine"] and name != "lamplight-engine" else args)
    if name == "lamplight-smoke" or (args[:1] == ["smoke-test"]):
        import smoke_entry

        return smoke_entry.main(args[1:] if args[:1] == ["smoke-test"] and name != "lamplight-smoke" else args)
    from desktop.app import main as desktop_main

    return desktop_main(args)


if __name__ == "__main__":
    sys.exit(main())
