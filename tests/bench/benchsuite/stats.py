"""Small statistics: median and spread of repeated runs, and how a cost grows with the registry's size."""
import math
import statistics


def median(values):
    return statistics.median(values) if values else None


def spread_percent(values):
    """(max - min) / median, in percent: how far apart the runs were."""
    if not values or len(values) < 2:
        return 0.0
    m = statistics.median(values)
    return 100.0 * (max(values) - min(values)) / m if m else 0.0


def growth(sizes, costs):
    """Fits cost = a * N^b by least squares on logs; returns b (0 flat, ~0.1 logarithmic over 1k..100k, 1 linear),
    and also how well a logarithmic and a linear model explain the points (R^2), for the report."""
    xs = [math.log(n) for n in sizes]
    ys = [math.log(max(c, 1e-9)) for c in costs]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    b = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sxx if sxx else 0.0
    return {
        "exponent": b,
        "ratio": costs[-1] / costs[0] if costs[0] else None,
        "r2_log": _r2([math.log(n) for n in sizes], costs),
        "r2_linear": _r2(list(sizes), costs),
    }


def _r2(xs, ys):
    """R^2 of the straight-line fit y = a + c*x (c may be 0: then a flat cost, and R^2 means little)."""
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if not sxx or not syy:
        return 1.0
    c = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sxx
    residual = sum((y - (my + c * (x - mx))) ** 2 for x, y in zip(xs, ys))
    return 1.0 - residual / syy


def describe_growth(fit):
    b = fit["exponent"]
    if b < 0.05:
        shape = "flat"
    elif b < 0.2:
        shape = "logarithmic or flatter"
    elif b < 0.8:
        shape = "sub-linear, worse than logarithmic"
    else:
        shape = "linear or worse"
    return f"cost ~ N^{b:.2f} ({shape}); x{fit['ratio']:.2f} over the range"
