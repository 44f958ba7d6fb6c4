from ._cli.main import console

console()
