"""RsqrtA.Fit: r(t) ~ 1/sqrt(u) with u = (2t + 33.5)/128, degree 2, minimax of the relative error.

RsqrtA normalises X to u in [1/4, 2^(1/8)/4) (eight intervals per octave), i.e. v = 128u in
[32, 32·2^(1/8)) and t = (v - 33.5)/2 in [-0.75, 0.698].
"""

import math

import minimax
from common import Constant, print_constants

CENTRE = 33.5        # RsqrtA.Centre
SHIFT = 1            # RsqrtA.Shift
INTERVALS_PER_OCTAVE = 8


def u_of(t):
    return (t * 2 ** SHIFT + CENTRE) / 128


def fits():
    low = (32 - CENTRE) / 2 ** SHIFT
    high = (32 * 2 ** (1 / INTERVALS_PER_OCTAVE) - CENTRE) / 2 ** SHIFT
    coefficients, error = minimax.fit(lambda t: 1 / math.sqrt(u_of(t)), minimax.power_basis(range(3)), low, high,
                                      lambda t: math.sqrt(u_of(t)))
    return [Constant("RsqrtA.cs", "Fit", coefficients)], [f"max relative error: {error:.2e}"]


if __name__ == "__main__":
    print_constants(*fits())
