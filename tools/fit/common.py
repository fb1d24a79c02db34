"""Shared by the fitters: where the constants live and how they are printed."""

import os

REPOSITORY = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
FUNCTIONS = os.path.join("src", "Puma.Protocols", "Functions")


class Constant:
    """A coefficient array as the C# source declares it: file, array name, values (c0 first)."""

    def __init__(self, file, name, values):
        self.file = os.path.join(FUNCTIONS, file)
        self.name = name
        self.values = [float(v) for v in values]

    def csharp(self):
        # repr is the shortest string that reads back as the same double, as .NET prints doubles.
        return f"{self.name} = [{', '.join(repr(v) for v in self.values)}];"


def print_constants(constants, error_lines):
    for constant in constants:
        print(f"// {constant.file}")
        print(constant.csharp())
    for line in error_lines:
        print(f"// {line}")
