"""Secrets given in settings never reach the log, whichever part of booth writes the line."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path


def test_password_and_pin_are_scrubbed_from_every_logger(tmp_path: Path) -> None:
    config = tmp_path / "booth.toml"
    config.write_text('[kiosk]\noperator_pin = "48151623"\n', encoding="utf-8")
    script = textwrap.dedent(
        """
        import argparse, logging, sys
        from booth.cli import main
        from booth.cli import common

        def handler(args):
            loaded = common.load_settings(args)
            # booth holds the PIN only as its hash, so even the whole settings in a log line cannot show it.
            logging.getLogger("booth.messages").warning("operator typed %r, password pa55word-xyz",
                                                        loaded.model_dump(mode="json"))
            logging.getLogger("booth.messages").warning("settings %r", loaded.kiosk)
            logging.getLogger("some.library").error("token=pa55word-xyz")
            return 0

        common_register = lambda sub: sub.add_parser("leak").set_defaults(func=handler)
        import booth.cli.config_cmd as mod
        original = mod.register
        mod.register = lambda sub: (original(sub), common_register(sub))
        sys.exit(main(["--config", sys.argv[1], "leak"]))
        """
    )
    env = {**os.environ, "BOOTH_API_PASSWORD": "pa55word-xyz"}
    done = subprocess.run(
        [sys.executable, "-c", script, str(config)], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert "operator typed" in done.stderr
    assert "48151623" not in done.stderr
    assert "pa55word-xyz" not in done.stderr
    assert "***" in done.stderr
