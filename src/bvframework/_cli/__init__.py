"""The ``bvframework`` command line (argparse; ``main(argv) -> int``)."""
