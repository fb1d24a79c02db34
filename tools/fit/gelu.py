"""GeluA.EvenPart: g(s) ~ GeLU(x) - x/2 with s = x^2/8, on [0, T^2/8], T = 3.125.

GeLU(x) - x/2 = (x/2)·erf(x/sqrt 2) is even and smooth in s, so one degree-4 polynomial in s
covers all of [-T, T]. Minimax of the absolute error.
"""

import math

import minimax
from common import Constant, print_constants

THRESHOLD = 3.125  # GeluA.Threshold
SQUARE_SHIFT = 3   # GeluA.SquareShift: s = x^2 / 2^3


def even_part(s):
    x = math.sqrt(s * 2 ** SQUARE_SHIFT)
    return 0.5 * x * math.erf(x / math.sqrt(2))


def fits():
    coefficients, error = minimax.fit(even_part, minimax.power_basis(range(5)), 0, THRESHOLD ** 2 / 2 ** SQUARE_SHIFT)
    return [Constant("GeluA.cs", "EvenPart", coefficients)], [f"max abs error of g on [-T, T]: {error:.3e}"]


if __name__ == "__main__":
    print_constants(*fits())
