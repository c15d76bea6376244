"""Small-cell suppression for published survey counts (statistical secrecy).

Results are published per structure (a *leaf*) and per group of structures
(a network, a territory, the whole campaign...). A group's count is the sum
of its leaves' counts; groups may overlap and nest. A cell (leaf or group)
with ``0 < n < threshold`` respondents is hidden (*primary suppression*), and
further cells are hidden (*secondary suppression*) until no hidden count, nor
the total of any set of hidden leaves between 1 and ``threshold - 1``, can be
recomputed from the shown cells by subtraction or any linear combination.
Cells with ``n == 0`` are not sensitive: they stay shown.

The attacker model works on leaves only: a shown leaf is a known value, a
shown group is a known equation over its leaves, a hidden group is nothing.
Three passes run until nothing more has to be hidden:

(a) margins: in each shown group the hidden leaves total 0 or ``>= threshold``;
(b) peeling: an equation with one unknown leaf reveals it, which may reveal
    others (chains across partitions, a total minus its shown parts...);
(c) exact check: in the row space of the shown groups over the hidden leaves
    (exact integer elimination), no primary-hidden cell is found: neither the
    unit vector of a leaf with ``0 < n < threshold`` nor the indicator of the
    leaves of a group with ``0 < n < threshold``.

Each violation comes with the combination of shown groups that gives it away;
one more cell of that combination is hidden. Hiding only grows, so the loop
ends. Subsets of hidden leaves that are no cell and that only a combination
of several groups isolates are not searched (that search is exponential):
(a) and (b) cover those that a single group, possibly after peeling, leaves.
Pure Python, no Django.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from math import gcd
from typing import TypeVar

__all__ = ["Suppression", "suppress"]

K = TypeVar("K", bound=Hashable)
G = TypeVar("G", bound=Hashable)

# Sparse integer vectors: over columns, and over groups (a combination).
Vector = dict[int, int]
Combination = dict[Hashable, int]


@dataclass(frozen=True)
class Suppression:
    """Which cells must not be published."""

    hidden_leaves: frozenset[Hashable]
    hidden_groups: frozenset[Hashable]

    def leaf_shown(self, key: Hashable) -> bool:
        """True when the leaf's count and distribution may be published."""
        return key not in self.hidden_leaves

    def group_shown(self, key: Hashable) -> bool:
        """True when the group's count and distribution may be published."""
        return key not in self.hidden_groups


def suppress(
    leaves: Mapping[K, int], groups: Mapping[G, Iterable[K]], threshold: int
) -> Suppression:
    """Return the cells to hide so that no small count can be recomputed.

    ``leaves`` maps each leaf to its count of respondents, ``groups`` maps each
    group to the leaves it adds up (any sets, possibly overlapping), and
    ``threshold`` is the smallest count that may be shown (11 in the product).
    Raises ``ValueError`` for a threshold below 1, a negative or non-integer
    count, or a group naming an unknown leaf. The result depends only on the
    input (ties are broken by ``str`` of the keys).
    """
    return _Problem(leaves, groups, threshold).solve()


def _order_key(key: Hashable) -> tuple[str, str]:
    return (str(key), repr(key))


def _axpy(target: dict, factor: int, source: dict) -> None:
    """``target += factor * source`` on sparse vectors, dropping zeros."""
    for key, value in source.items():
        new = target.get(key, 0) + factor * value
        if new:
            target[key] = new
        else:
            target.pop(key, None)


class _Problem:
    """The state of one suppression: counts, membership, and what is hidden."""

    def __init__(
        self, leaves: Mapping, groups: Mapping[Hashable, Iterable], threshold: int
    ) -> None:
        if isinstance(threshold, bool) or not isinstance(threshold, int):
            raise ValueError(f"threshold must be an integer, not {threshold!r}")
        if threshold < 1:
            raise ValueError(f"threshold must be at least 1, not {threshold}")
        for key, n in leaves.items():
            if isinstance(n, bool) or not isinstance(n, int):
                raise ValueError(f"count of {key!r} must be an integer, not {n!r}")
            if n < 0:
                raise ValueError(f"count of {key!r} is negative: {n}")
        self.t = threshold
        self.n: dict[Hashable, int] = dict(leaves)
        # Deterministic orders, independent of the mappings' insertion order.
        ordered_leaves = sorted(self.n, key=_order_key)
        self.rank = {key: i for i, key in enumerate(ordered_leaves)}
        self.groups: list[Hashable] = sorted(groups, key=_order_key)
        self.group_rank = {g: i for i, g in enumerate(self.groups)}
        self.members: dict[Hashable, tuple] = {}
        for g in self.groups:
            keys = set(groups[g])
            unknown = [k for k in keys if k not in self.n]
            if unknown:
                raise ValueError(f"group {g!r} names unknown leaves: {unknown!r}")
            self.members[g] = tuple(sorted(keys, key=self.rank.__getitem__))
        self.group_n = {g: sum(self.n[k] for k in self.members[g]) for g in self.groups}
        self.leaf_groups: dict[Hashable, list] = {k: [] for k in ordered_leaves}
        for g in self.groups:
            for k in self.members[g]:
                self.leaf_groups[k].append(g)

        # Primary suppression.
        self.primary = frozenset(k for k, n in self.n.items() if 0 < n < threshold)
        self.hidden_leaves: set = set(self.primary)
        self.hidden_groups: set = {
            g for g, n in self.group_n.items() if 0 < n < threshold
        }
        self.hidden_in = {
            g: sum(1 for k in self.members[g] if k in self.hidden_leaves)
            for g in self.groups
        }
        self.touched: set = set()  # groups changed by the current batch of fixes

    # -- the loop --------------------------------------------------------------

    def solve(self) -> Suppression:
        """Run the three passes until none of them hides anything more."""
        while self._margins() or self._peel() or self._exact():
            pass
        return Suppression(frozenset(self.hidden_leaves), frozenset(self.hidden_groups))

    def _shown_groups(self) -> list:
        return [g for g in self.groups if g not in self.hidden_groups]

    # -- hiding more -----------------------------------------------------------

    def _hide_leaf(self, key: Hashable) -> None:
        self.hidden_leaves.add(key)
        for g in self.leaf_groups[key]:
            self.hidden_in[g] += 1
            self.touched.add(g)

    def _hide_group(self, g: Hashable) -> None:
        self.hidden_groups.add(g)
        self.touched.add(g)

    def _pinned(self, key: Hashable, exclude: set) -> bool:
        """Whether a shown group (outside ``exclude``) would give the leaf's
        value at once if it were hidden: one with no hidden leaf yet."""
        return any(
            g not in exclude and g not in self.hidden_groups and not self.hidden_in[g]
            for g in self.leaf_groups[key]
        )

    def _break(self, combination: Combination) -> bool:
        """Hide one more cell so that a combination of shown groups that gives
        away a small count no longer does. False if nothing could be hidden.

        Only a shown leaf that keeps a non-zero weight in the combination
        breaks it. In order of preference: such a leaf that no other shown
        group would pin down at once (the smallest, then by key); when the
        combination chains several groups, its smallest group; such a leaf
        even if pinned down (more hiding follows); the smallest group.
        """
        involved = [g for g in combination if g not in self.hidden_groups]
        if not involved:
            return False
        weight: dict = {}
        for g, factor in combination.items():
            for k in self.members[g]:
                weight[k] = weight.get(k, 0) + factor
        skip = set(involved)
        leaves = [
            (self._pinned(k, skip), self.n[k], self.rank[k], k)
            for k, w in weight.items()
            if w and self.n[k] and k not in self.hidden_leaves
        ]
        best_leaf = min(leaves, default=None)
        if best_leaf is not None and (not best_leaf[0] or len(involved) == 1):
            self._hide_leaf(best_leaf[3])
        elif len(involved) > 1 or best_leaf is None:
            self._hide_group(
                min(involved, key=lambda g: (self.group_n[g], self.group_rank[g]))
            )
        else:
            self._hide_leaf(best_leaf[3])
        return True

    # -- (a) margins -----------------------------------------------------------

    def _margins(self) -> bool:
        """In each shown group, the hidden leaves must total 0 or >= threshold."""
        changed = False
        for g in self._shown_groups():
            if not self.hidden_in[g]:
                continue
            total = sum(self.n[k] for k in self.members[g] if k in self.hidden_leaves)
            if 0 < total < self.t:
                changed |= self._break({g: 1})
        return changed

    # -- (b) peeling -----------------------------------------------------------

    def _peel(self) -> bool:
        """Solve the shown equations one unknown at a time, as an attacker would.

        A violation is a primary leaf that gets determined, or a shown group
        whose leaves still undetermined total 1..threshold-1.
        """
        shown = self._shown_groups()
        unknown = dict.fromkeys(self.hidden_leaves, True)
        count = {g: self.hidden_in[g] for g in shown}
        rest = {
            g: sum(self.n[k] for k in self.members[g] if k in self.hidden_leaves)
            for g in shown
        }
        revealed_by: dict = {}  # leaf -> the group that gave it, in order
        queue = deque(g for g in shown if count[g] == 1)
        while queue:
            g = queue.popleft()
            if count[g] != 1:
                continue
            leaf = next(k for k in self.members[g] if unknown.get(k))
            unknown[leaf] = False
            revealed_by[leaf] = g
            for h in self.leaf_groups[leaf]:
                if h in count:
                    count[h] -= 1
                    rest[h] -= self.n[leaf]
                    if count[h] == 1:
                        queue.append(h)

        offending: list[Combination] = [
            self._derivation(k, revealed_by) for k in revealed_by if k in self.primary
        ]
        for g in shown:
            if 0 < rest[g] < self.t:
                combination: Combination = {g: 1}
                for k in self.members[g]:
                    if k in revealed_by:
                        _axpy(combination, -1, self._derivation(k, revealed_by))
                offending.append(combination)
        return self._fix(offending)

    def _derivation(self, leaf: Hashable, revealed_by: dict) -> Combination:
        """The combination of shown groups that peeling used to find a leaf."""
        needed, stack = set(), [leaf]
        while stack:  # the leaves this one depends on, without recursion
            k = stack.pop()
            if k not in needed:
                needed.add(k)
                g = revealed_by[k]
                stack += [j for j in self.members[g] if j != k and j in revealed_by]
        found: dict = {}
        for k in revealed_by:  # in the order they were found
            if k in needed:
                g = revealed_by[k]
                combination: Combination = {g: 1}
                for j in self.members[g]:
                    if j != k and j in revealed_by:
                        _axpy(combination, -1, found[j])
                found[k] = combination
        return found[leaf]

    def _fix(self, offending: list[Combination]) -> bool:
        """Break each offending combination, skipping those that an earlier
        fix of the batch changed (the next round checks them again)."""
        self.touched = set()
        changed = False
        for combination in offending:
            if any(g in self.touched or g in self.hidden_groups for g in combination):
                continue
            changed |= self._break(combination)
        return changed

    # -- (c) exact check -------------------------------------------------------

    def _exact(self) -> bool:
        """Exact linear algebra over the hidden leaves (see the module doc).

        The sensitive targets are the primary-hidden cells: each leaf with
        0 < n < threshold and the set of hidden leaves of each group with
        0 < n < threshold. One is revealed when its indicator vector lies in
        the row space of the shown groups restricted to the hidden leaves.
        """
        shown = self._shown_groups()
        shown_set = set(shown)
        # Hidden leaves in the same shown groups always appear together: one
        # column (a "class") stands for all of them.
        column_of_signature: dict[tuple, int] = {}
        column_of_leaf: dict = {}
        size: list[int] = []
        for k in sorted(self.hidden_leaves, key=self.rank.__getitem__):
            signature = tuple(g for g in self.leaf_groups[k] if g in shown_set)
            if not signature:
                continue  # in no shown equation: cannot be recomputed
            if signature not in column_of_signature:
                column_of_signature[signature] = len(size)
                size.append(0)
            column_of_leaf[k] = column_of_signature[signature]
            size[column_of_leaf[k]] += 1
        if not size:
            return False
        rows: dict[Hashable, Vector] = {g: {} for g in shown}
        for signature, c in column_of_signature.items():
            for g in signature:
                rows[g][c] = 1
        pivots = _reduce([(g, rows[g]) for g in shown if rows[g]])

        targets = [[k] for k in sorted(self.primary, key=self.rank.__getitem__)]
        targets += [
            [k for k in self.members[g] if self.n[k]]
            for g in self.groups
            if 0 < self.group_n[g] < self.t
        ]
        offending: list[Combination] = []
        for target in targets:
            if any(k not in column_of_leaf for k in target):
                continue  # a leaf in no shown equation
            vector: Vector = {}
            for k in target:
                vector[column_of_leaf[k]] = 1
            if any(
                size[c] != sum(1 for k in target if column_of_leaf[k] == c)
                for c in vector
            ):
                continue  # splits a class, which the shown groups cannot do
            combination = _express(vector, pivots)
            if combination is not None:
                offending.append(combination)
        return self._fix(offending)


def _reduce(
    rows: list[tuple[Hashable, Vector]],
) -> dict[int, tuple[Vector, Combination]]:
    """Reduced row echelon form of sparse integer rows, keyed by pivot column.

    Fraction-free: a row is scaled instead of divided, then divided by the
    gcd of its entries, so every number stays an exact integer (each row
    stands for the rational row it is a multiple of). Each row carries the
    combination of input rows it is, with the same scale.
    """
    pivots: dict[int, tuple[Vector, Combination]] = {}
    for name, original in rows:
        row: Vector = dict(original)
        combination: Combination = {name: 1}
        for p in [c for c in row if c in pivots]:
            factor = row.get(p)
            if factor:
                pivot_row, pivot_combination = pivots[p]
                lead = pivot_row[p]
                _combine(row, lead, -factor, pivot_row)
                _combine(combination, lead, -factor, pivot_combination)
        if not row:
            continue  # a consequence of the rows before it
        _simplify(row, combination)
        p = min(row)
        lead = row[p]
        for other_row, other_combination in pivots.values():
            factor = other_row.get(p)
            if factor:
                _combine(other_row, lead, -factor, row)
                _combine(other_combination, lead, -factor, combination)
                _simplify(other_row, other_combination)
        pivots[p] = (row, combination)
    return pivots


def _express(
    vector: Vector, pivots: dict[int, tuple[Vector, Combination]]
) -> Combination | None:
    """A combination of input rows proportional to ``vector``, or None if the
    vector is not in their span (the rows being in reduced echelon form).

    Pivot rows are zero on the other pivots, so the only candidate is the sum
    of the pivot rows weighted by the vector's entries on their pivots.
    """
    used = [p for p in vector if p in pivots]
    if len(vector) == 1:  # a unit vector: its own pivot row, alone
        if not used or len(pivots[used[0]][0]) != 1:
            return None
        return dict(pivots[used[0]][1])
    rest = dict(vector)
    combination: Combination = {}
    for p in used:
        factor = rest[p]
        pivot_row, pivot_combination = pivots[p]
        lead = pivot_row[p]
        _combine(rest, lead, -factor, pivot_row)
        _combine(combination, lead, factor, pivot_combination)
    return None if rest else combination


def _combine(target: dict, scale: int, factor: int, source: dict) -> None:
    """``target = scale * target + factor * source`` on sparse integer vectors."""
    if scale != 1:
        for key in target:
            target[key] *= scale
    _axpy(target, factor, source)


def _simplify(row: Vector, combination: Combination) -> None:
    """Divide a row and its combination by the gcd of all their entries, with
    a positive pivot."""
    divisor = gcd(*row.values(), *combination.values())
    if row[min(row)] < 0:
        divisor = -divisor
    if divisor != 1:
        for vector in (row, combination):
            for key in vector:
                vector[key] //= divisor
