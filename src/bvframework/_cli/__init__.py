"""The ``bvframework`` command line (argparse; ``main(argv) -> int``).

Building the parser imports no model or algorithm: each command's ``run`` function imports
what it uses, so ``--help`` costs little more than starting Python.
"""
