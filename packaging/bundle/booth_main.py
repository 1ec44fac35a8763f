"""The bundle's program: the `booth` console script, as PyInstaller's entry point (packaging/bundle/booth.spec).

In the bundle `sys.executable` is this program, not a Python; `booth doctor` probes Qt in a child process
with `sys.executable -c CODE`, so `-c` runs the code as Python would.
"""

import multiprocessing
import sys


def _run() -> int:
    if len(sys.argv) >= 3 and sys.argv[1] == "-c":
        code, sys.argv = sys.argv[2], ["-c", *sys.argv[3:]]
        exec(compile(code, "<string>", "exec"), {"__name__": "__main__"})
        return 0
    from booth.cli import main

    return main()


if __name__ == "__main__":
    multiprocessing.freeze_support()  # Windows: a frozen child process must not start a second booth
    sys.exit(_run())
