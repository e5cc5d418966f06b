"""Every number-guessing latent's defining property holds for many seeds."""

import pytest

from latentgym.envs import resolve

SEEDS = range(200)


def draws(latent, n=10):
    env = resolve("number_guessing", latent, num_episodes=n)
    return [env.draw(s) for s in SEEDS]


def in_intervals(x, intervals):
    return any(a <= x <= b for a, b in intervals)


@pytest.mark.parametrize("latent, size", [("set_of_2", 2), ("set_of_3", 3)])
def test_sets(latent, size):
    for d in draws(latent):
        values = d.context["values"]
        assert len(set(values)) == size and values == sorted(values)
        assert all(1 <= v <= 1000 for v in values)
        for c in d.configs:
            assert c["target_number"] in values and (c["min_range"], c["max_range"]) == (1, 1000)


@pytest.mark.parametrize(
    "latent, width, shown",
    [("range_100", 100, (1, 1000)), ("range_1000", 1000, (1, 10000))],
)
def test_fixed_ranges(latent, width, shown):
    for d in draws(latent):
        [(a, b)] = d.context["intervals"]
        assert b - a == width
        targets = [c["target_number"] for c in d.configs]
        assert all(a <= t <= b for t in targets)
        assert all((c["min_range"], c["max_range"]) == shown for c in d.configs)


def test_dynamic_range():
    for d in draws("dynamic_range"):
        o, top = d.context["shown"]
        [(a, b)] = d.context["intervals"]
        assert top - o == 10000 and 1 <= o <= 1000 and o <= a <= o + 9000 and b == a + 1000
        for c in d.configs:
            assert (c["min_range"], c["max_range"]) == (o, top)
            assert a <= c["target_number"] <= b


def test_dynamic_full_range():
    for d in draws("dynamic_full_range"):
        low, high = d.context["shown"]
        assert high - low == 1000
        for c in d.configs:
            assert (c["min_range"], c["max_range"]) == (low, high)
            assert low <= c["target_number"] <= high


def test_two_ranges():
    for d in draws("two_ranges"):
        (a1, b1), (a2, b2) = d.context["intervals"]
        assert b1 - a1 == 500 and b2 - a2 == 500 and a2 >= a1 + 1000 and a2 <= 9500
        for c in d.configs:
            assert in_intervals(c["target_number"], d.context["intervals"])
            assert (c["min_range"], c["max_range"]) == (1, 10000)


@pytest.mark.parametrize("latent", ["set_of_3", "range_100", "two_ranges", "dynamic_range"])
def test_targets_inside_shown_range(latent):
    for d in draws(latent):
        for c in d.configs:
            assert c["min_range"] <= c["target_number"] <= c["max_range"]


def test_prefix_stable_across_n():
    """N only sets how many games are drawn: the first games do not depend on N."""
    short = resolve("number_guessing", "two_ranges", num_episodes=3).draw(7)
    long = resolve("number_guessing", "two_ranges", num_episodes=10).draw(7)
    assert [c["target_number"] for c in long.configs[:3]] == [c["target_number"] for c in short.configs]
