"""Command-line interface: thin commands that parse, build, call and print."""
