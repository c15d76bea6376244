"""Small-cell suppression of published survey counts: a cell with fewer than
the threshold's respondents is hidden, and enough other cells are hidden that
it cannot be recomputed from the shown ones (subtraction, chains across the
networks and territories, or any linear combination).

Pure Python: no database. The safety checks use their own exact linear
algebra (Fractions), independent of the module's."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from surveys.suppression import Suppression, suppress

# -- an independent attacker ----------------------------------------------------


def echelon(rows: list[list[Fraction]]) -> list[tuple[int, list[Fraction]]]:
    """Row echelon form by plain dense Gaussian elimination over Fractions:
    (pivot column, row with 1 at the pivot) pairs, pivots increasing."""
    matrix = [list(row) for row in rows]
    basis: list[tuple[int, list[Fraction]]] = []
    width = len(matrix[0]) if matrix else 0
    for col in range(width):
        pivot = next((row for row in matrix if row[col]), None)
        if pivot is None:
            continue
        matrix.remove(pivot)
        pivot = [x / pivot[col] for x in pivot]
        matrix = [[a - row[col] * b for a, b in zip(row, pivot)] for row in matrix]
        basis.append((col, pivot))
    return basis


class Attacker:
    """Everything that can be worked out from the shown cells: the shown
    groups as equations over the hidden leaves (a shown leaf is a known value,
    so it drops out of each equation)."""

    def __init__(self, groups, result: Suppression):
        self.hidden = sorted(result.hidden_leaves, key=str)
        rows = [
            [Fraction(int(k in set(members))) for k in self.hidden]
            for g, members in groups.items()
            if result.group_shown(g)
        ]
        self.basis = echelon(rows)

    def can_recompute(self, target) -> bool:
        """Whether the total of the leaves ``target`` follows from the shown
        cells: its indicator vector is in the row space of the equations."""
        if not set(target) <= set(self.hidden):
            return True  # a shown leaf is known outright
        vector = [Fraction(int(k in set(target))) for k in self.hidden]
        for col, row in self.basis:
            if vector[col]:
                factor = vector[col]
                vector = [a - factor * b for a, b in zip(vector, row)]
        return not any(vector)


def assert_safe(leaves, groups, threshold, result: Suppression) -> None:
    """Everything the publication promises, checked from the outside."""
    for key, n in leaves.items():
        if result.leaf_shown(key):
            assert n == 0 or n >= threshold, key
    for g, members in groups.items():
        total = sum(leaves[k] for k in members)
        if result.group_shown(g):
            assert total == 0 or total >= threshold, g
            hidden_total = sum(
                leaves[k] for k in set(members) if not result.leaf_shown(k)
            )
            assert hidden_total == 0 or hidden_total >= threshold, g
    attacker = Attacker(groups, result)
    for key, n in leaves.items():
        if 0 < n < threshold:
            assert not attacker.can_recompute([key]), key
    for g, members in groups.items():
        if 0 < sum(leaves[k] for k in members) < threshold:
            nonzero = [k for k in set(members) if leaves[k]]
            assert not attacker.can_recompute(nonzero), g


# -- examples -------------------------------------------------------------------


def test_a_structure_under_the_threshold_is_hidden_and_the_others_are_shown():
    leaves = {"petite": 3, "limite": 11, "grande": 25, "vide": 0, "une": 1}
    result = suppress(leaves, {}, threshold=11)
    assert result.hidden_leaves == {"petite", "une"}
    assert result.leaf_shown("limite")
    assert result.leaf_shown("grande")
    assert result.leaf_shown("vide")


def test_a_group_under_the_threshold_is_hidden_and_an_empty_one_is_shown():
    leaves = {"a": 2, "b": 3, "c": 0, "d": 0}
    groups = {"petit réseau": ["a", "b"], "réseau vide": ["c", "d"]}
    result = suppress(leaves, groups, threshold=11)
    assert not result.group_shown("petit réseau")
    assert result.group_shown("réseau vide")
    assert result.hidden_leaves == {"a", "b"}


def test_a_network_with_one_hidden_structure_hides_a_second_one():
    leaves = {"a": 3, "b": 20, "c": 30, "d": 40}
    groups = {"réseau": ["a", "b", "c", "d"]}
    result = suppress(leaves, groups, threshold=11)
    # Otherwise a = réseau - b - c - d.
    assert result.group_shown("réseau")
    assert result.hidden_leaves == {"a", "b"}
    assert_safe(leaves, groups, 11, result)


def test_the_campaign_total_minus_the_shown_networks_does_not_reveal_a_network():
    leaves = {"a1": 2, "a2": 3, "b1": 20, "b2": 30, "c1": 25, "c2": 40}
    groups = {
        "A": ["a1", "a2"],
        "B": ["b1", "b2"],
        "C": ["c1", "c2"],
        "campagne": list(leaves),
    }
    result = suppress(leaves, groups, threshold=11)
    assert not result.group_shown("A")
    assert result.group_shown("campagne")
    # A = campagne - B - C unless enough is hidden besides A's structures.
    assert not Attacker(groups, result).can_recompute(["a1", "a2"])
    assert_safe(leaves, groups, 11, result)


def grid(values: dict[tuple[int, int], int]) -> tuple[dict, dict]:
    """One structure per (network, territory), plus the campaign total."""
    leaves = {f"s{r}{c}": n for (r, c), n in values.items()}
    groups: dict = {"campagne": list(leaves)}
    for r, c in values:
        groups.setdefault(f"réseau {r}", []).append(f"s{r}{c}")
        groups.setdefault(f"territoire {c}", []).append(f"s{r}{c}")
    return leaves, groups


def test_a_chain_across_networks_and_territories_is_broken():
    values = {(r, c): 20 + 10 * r + 3 * c for r in range(3) for c in range(3)}
    values[0, 0] = 3
    leaves, groups = grid(values)
    # Hiding one more structure in its network and one in its territory is not
    # enough: s01 is alone hidden in territory 1, so it is found there, and
    # then s00 = réseau 0 - s01 - s02.
    naive = Suppression(frozenset({"s00", "s01", "s10"}), frozenset())
    assert Attacker(groups, naive).can_recompute(["s00"])

    result = suppress(leaves, groups, threshold=11)
    assert_safe(leaves, groups, 11, result)
    assert all(result.group_shown(g) for g in groups)


def test_the_same_input_gives_the_same_cells_whatever_the_order():
    values = {(r, c): (7 * r + 5 * c) % 23 for r in range(4) for c in range(5)}
    leaves, groups = grid(values)
    first = suppress(leaves, groups, threshold=11)
    assert suppress(leaves, groups, threshold=11) == first
    reordered_leaves = dict(reversed(list(leaves.items())))
    reordered_groups = {g: list(reversed(m)) for g, m in reversed(groups.items())}
    assert suppress(reordered_leaves, reordered_groups, threshold=11) == first


@pytest.mark.parametrize(
    ("leaves", "groups", "threshold"),
    [
        ({"a": 3}, {}, 0),
        ({"a": -1}, {}, 11),
        ({"a": 3}, {"g": ["a", "inconnue"]}, 11),
    ],
    ids=["threshold below one", "negative count", "unknown structure"],
)
def test_bad_input_is_refused(leaves, groups, threshold):
    with pytest.raises(ValueError):
        suppress(leaves, groups, threshold)


# -- random cuts ----------------------------------------------------------------

counts = st.one_of(st.integers(1, 12), st.just(0), st.integers(0, 60))


@st.composite
def campaigns(draw):
    size = draw(st.integers(1, 40))
    values = draw(st.lists(counts, min_size=size, max_size=size))
    leaves = dict(enumerate(values))
    networks = draw(st.integers(1, 6))
    territories = draw(st.integers(1, 6))
    in_network = draw(
        st.lists(st.integers(0, networks - 1), min_size=size, max_size=size)
    )
    in_territory = draw(
        st.lists(st.integers(0, territories - 1), min_size=size, max_size=size)
    )
    groups: dict = {"campagne": list(leaves)}
    for i in leaves:
        groups.setdefault(("réseau", in_network[i]), []).append(i)
        groups.setdefault(("territoire", in_territory[i]), []).append(i)
    return leaves, groups, draw(st.integers(5, 15))


@settings(max_examples=300, deadline=None)
@given(campaigns())
def test_no_small_count_can_be_recomputed_from_what_is_shown(campaign):
    leaves, groups, threshold = campaign
    result = suppress(leaves, groups, threshold)
    assert_safe(leaves, groups, threshold, result)
    assert {k for k, n in leaves.items() if 0 < n < threshold} <= result.hidden_leaves
    assert all(result.leaf_shown(k) for k, n in leaves.items() if n == 0)
