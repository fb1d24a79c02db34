"""NegExpA.Fit: q(t) ~ exp(x/2) with x = 8t - 7.75, on x in [-14, 0]; NegExpA squares q.

Degree 8 without a t^7 term (so PolynomialA needs no t^3). The protocol's error is
q^2 - exp(x) = (q - e)(q + e) with e = exp(x/2): the first fit weights q - e by 2e, the second by
q0 + e with q0 the first fit, so the error of q^2 itself is levelled (max 4.2e-6).
"""

import math

import minimax
from common import Constant, print_constants

CUTOFF = -14.0   # NegExpA.Cutoff
CENTRE = -7.75   # NegExpA.Variable.Centre
SHIFT = 3        # NegExpA.Variable.Shift: t = (x - centre) / 2^3
EXPONENTS = [0, 1, 2, 3, 4, 5, 6, 8]


def x_of(t):
    return t * 2 ** SHIFT + CENTRE


def root(t):
    return math.exp(x_of(t) / 2)


def polynomial(coefficients):
    return lambda t: sum(c * t ** e for c, e in zip(coefficients, EXPONENTS))


def fits():
    basis = minimax.power_basis(EXPONENTS)
    low, high = (CUTOFF - CENTRE) / 2 ** SHIFT, -CENTRE / 2 ** SHIFT
    first, _ = minimax.fit(root, basis, low, high, lambda t: 2 * root(t))
    q0 = polynomial(first)
    coefficients, _ = minimax.fit(root, basis, low, high, lambda t: q0(t) + root(t))
    q = polynomial(coefficients)
    error = minimax.error(lambda t: root(t) ** 2, [lambda t: q(t) ** 2], [1.0], low, high)
    # The C# array holds every power up to 8, with 0 for t^7.
    full = [0.0] * 9
    for c, e in zip(coefficients, EXPONENTS):
        full[e] = c
    return [Constant("NegExpA.cs", "Fit", full)], [f"max abs error of q^2 - exp on [-14, 0]: {error:.3e}"]


if __name__ == "__main__":
    print_constants(*fits())
