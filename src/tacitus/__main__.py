"""``python -m tacitus`` runs the CLI (what the tests and the benchmark spawn)."""

from tacitus.cli.main import main

main()
