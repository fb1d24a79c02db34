"""Weighted minimax fitting by the Remez exchange, in pure Python (no numpy).

fit(f, basis, a, b, weight) returns coefficients c minimising
    max over [a, b] of |weight(x) * (f(x) - sum_k c_k * basis_k(x))|.
The maximum is taken over a uniform grid of GRID_POINTS + 1 points, both ends included, which decides
the coefficients to well below the precision the protocols can use (f = 18 fractional bits) and
makes every run give the same doubles on the same platform.
"""

import math

GRID_POINTS = 20000
MAX_ITERATIONS = 60
# Stop when the largest error on the grid exceeds the levelled reference error by at most this
# fraction (the rounding of f alone moves the error by ~1e-11 of a 1e-6 error).
TOLERANCE = 1e-9


def power_basis(exponents):
    """Monomials t^e for e in exponents (e.g. range(9) without 7, or only the even ones)."""
    return [lambda t, e=e: t ** e for e in exponents]


def solve(matrix, rhs):
    """Gaussian elimination with partial pivoting (the systems are at most 10 x 10)."""
    n = len(rhs)
    rows = [list(row) + [value] for row, value in zip(matrix, rhs)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(rows[r][col]))
        rows[col], rows[pivot] = rows[pivot], rows[col]
        for r in range(col + 1, n):
            factor = rows[r][col] / rows[col][col]
            for k in range(col, n + 1):
                rows[r][k] -= factor * rows[col][k]
    solution = [0.0] * n
    for r in reversed(range(n)):
        solution[r] = (rows[r][n] - sum(rows[r][k] * solution[k] for k in range(r + 1, n))) / rows[r][r]
    return solution


def _levelled(f, basis, weight, reference):
    """Coefficients and signed error E with weight*(f - p) = (-1)^i E at every reference point."""
    m = len(basis)
    matrix = [[phi(x) for phi in basis] + [(-1) ** i / weight(x)] for i, x in enumerate(reference)]
    solution = solve(matrix, [f(x) for x in reference])
    return solution[:m], solution[m]


def _alternating_extrema(errors):
    """Indices of the local extrema of the error, one per run of equal sign (the largest of the run)."""
    extrema = []
    for i, e in enumerate(errors):
        left = errors[i - 1] if i > 0 else None
        right = errors[i + 1] if i + 1 < len(errors) else None
        is_extremum = (left is None or abs(e) >= abs(left)) and (right is None or abs(e) >= abs(right))
        if not is_extremum or e == 0:
            continue
        if extrema and (errors[extrema[-1]] > 0) == (e > 0):
            if abs(e) > abs(errors[extrema[-1]]):
                extrema[-1] = i
        else:
            extrema.append(i)
    return extrema


def _keep(indices, errors, count):
    """Drops the smallest extrema until `count` remain, keeping the signs alternating: an interior
    one goes with its smaller neighbour, an end one alone (also when just one is too many)."""
    indices = list(indices)
    while len(indices) > count:
        if len(indices) - count == 1:
            indices.pop(0 if abs(errors[indices[0]]) < abs(errors[indices[-1]]) else -1)
            continue
        smallest = min(range(len(indices)), key=lambda k: abs(errors[indices[k]]))
        if smallest in (0, len(indices) - 1):
            indices.pop(smallest)
            continue
        neighbour = min(smallest - 1, smallest + 1, key=lambda k: abs(errors[indices[k]]))
        for k in sorted((smallest, neighbour), reverse=True):
            indices.pop(k)
    return indices


def fit(f, basis, a, b, weight=lambda x: 1.0):
    """Remez exchange; returns (coefficients, max weighted error on the grid)."""
    grid = [a + (b - a) * i / GRID_POINTS for i in range(GRID_POINTS + 1)]
    values = [f(x) for x in grid]
    weights = [weight(x) for x in grid]
    columns = [[phi(x) for x in grid] for phi in basis]
    count = len(basis) + 1
    # Start from the Chebyshev extrema mapped to [a, b].
    reference = [(a + b) / 2 - (b - a) / 2 * math.cos(math.pi * i / (count - 1)) for i in range(count)]
    for _ in range(MAX_ITERATIONS):
        coefficients, levelled = _levelled(f, basis, weight, reference)
        errors = [weights[i] * (values[i] - sum(c * column[i] for c, column in zip(coefficients, columns)))
                  for i in range(len(grid))]
        worst = max(abs(e) for e in errors)
        if worst <= abs(levelled) * (1 + TOLERANCE):
            return coefficients, worst
        extrema = _alternating_extrema(errors)
        if len(extrema) < count:
            raise RuntimeError(f"the error alternates only {len(extrema)} times; the basis needs {count}")
        reference = [grid[i] for i in _keep(extrema, errors, count)]
    raise RuntimeError("Remez exchange did not converge")


def error(f, basis, coefficients, a, b, weight=lambda x: 1.0, points=GRID_POINTS):
    """Max weighted error of given coefficients on the grid (for checks)."""
    grid = [a + (b - a) * i / points for i in range(points + 1)]
    return max(abs(weight(x) * (f(x) - sum(c * phi(x) for c, phi in zip(coefficients, basis)))) for x in grid)
