"""ExpA.Fit: p(r) ~ exp(r) on [0, ln 2), degree 4, minimax of the relative error."""

import math

import minimax
from common import Constant, print_constants


def fits():
    coefficients, error = minimax.fit(math.exp, minimax.power_basis(range(5)), 0, math.log(2), lambda r: math.exp(-r))
    return [Constant("ExpA.cs", "Fit", coefficients)], [f"max relative error: {error:.2e}"]


if __name__ == "__main__":
    print_constants(*fits())
