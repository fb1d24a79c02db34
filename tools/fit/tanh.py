"""TanhA.Odd: x·(c1 + c3 x^2 + c5 x^4 + c7 x^6) ~ tanh(x) on [0, 2.7], minimax of the absolute error.

Beyond 2.7 TanhA saturates at ±1 (error 1 - tanh(2.7) = 0.0090, just under the fit's 0.0099).
SigmoidA reuses this fit (1/2 + tanh(x/2)/2). The grid starts a step above 0, where every odd
term and tanh vanish together.
"""

import math

import minimax
from common import Constant, print_constants

SATURATION = 2.7


def fits():
    odd = [1, 3, 5, 7]
    coefficients, error = minimax.fit(math.tanh, minimax.power_basis(odd), SATURATION / 1000, SATURATION)
    full = [0.0] * 8
    for c, e in zip(coefficients, odd):
        full[e] = c
    return [Constant("TanhA.cs", "Odd", full)], [f"max abs error on [0, 2.7]: {error:.4f}"]


if __name__ == "__main__":
    print_constants(*fits())
