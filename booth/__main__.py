"""`python -m booth` is the same door as the `booth` command."""

from booth.cli import main

raise SystemExit(main())
