"""The ``bvframework`` command line (argparse; ``main(argv) -> int``)."""


class UsageError(Exception):
    """The command line was used wrongly; printed as one line, exit status 2."""
