"""`python -m hormgraph` runs the command line."""

from hormgraph.cli import main

raise SystemExit(main())
