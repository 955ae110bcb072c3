"""Which earlier network each network of a relink continues (``engine.succession``)."""

from __future__ import annotations

from itertools import count, permutations

from lintas.networks.engine.succession import Ended, Fate, succeed


def test_unchanged_networks_keep_their_ids() -> None:
    result = succeed({46: {1, 2, 3}, 47: {4, 5}}, [{4, 5}, {1, 2, 3}])
    assert result.kept == (47, 46)
    assert result.ended == ()


def test_a_network_that_grows_keeps_its_id() -> None:
    result = succeed({46: {1, 2}}, [{1, 2, 3, 4}])
    assert result.kept == (46,)
    assert result.ended == ()


def test_a_network_that_loses_a_minority_of_its_cases_keeps_its_id() -> None:
    result = succeed({46: {1, 2, 3}}, [{1, 2}])
    assert result.kept == (46,)


def test_the_part_of_a_split_holding_most_cases_keeps_the_id_and_the_rest_gets_a_new_one() -> None:
    result = succeed({46: {1, 2, 3, 4, 5}}, [{4, 5}, {1, 2, 3}])
    assert result.kept == (None, 46)
    assert result.ended == ()


def test_a_split_into_halves_ends_the_id_and_names_both_parts_largest_first() -> None:
    result = succeed({46: {1, 2, 3, 4, 5, 6}}, [{5, 6, 9}, {1, 2, 3}, {4, 7}])
    assert result.kept == (None, None, None)
    assert result.ended == (Ended(46, Fate.SPLIT, (1, 0, 2)),)


def test_a_merge_keeps_the_oldest_id_and_the_younger_network_is_merged_into_it() -> None:
    result = succeed({52: {1, 2}, 46: {3, 4, 5}, 49: {6, 7}}, [{1, 2, 3, 4, 5, 6, 7}])
    assert result.kept == (46,)
    assert result.ended == (
        Ended(49, Fate.MERGED, (0,)),
        Ended(52, Fate.MERGED, (0,)),
    )


def test_a_merge_keeps_the_oldest_only_among_the_networks_whose_majority_it_holds() -> None:
    # 46 keeps most of its cases apart; the new network takes all of 49 and one case of 46
    result = succeed({46: {1, 2, 3}, 49: {4, 5}}, [{3, 4, 5}, {1, 2}])
    assert result.kept == (49, 46)
    assert result.ended == ()


def test_a_network_none_of_whose_cases_is_linked_any_more_is_dissolved() -> None:
    result = succeed({46: {1, 2}, 47: {3, 4}}, [{3, 4}])
    assert result.kept == (47,)
    assert result.ended == (Ended(46, Fate.DISSOLVED, ()),)


def test_everything_dissolves_when_no_network_is_left() -> None:
    result = succeed({46: {1, 2}}, [])
    assert result.kept == ()
    assert result.ended == (Ended(46, Fate.DISSOLVED, ()),)


def test_the_first_relink_keeps_nothing_and_ends_nothing() -> None:
    result = succeed({}, [{1, 2}, {3, 4}])
    assert result.kept == (None, None)
    assert result.ended == ()


def test_the_answer_does_not_depend_on_the_order_of_the_inputs() -> None:
    old = {10: {1, 2, 3, 4}, 11: {5, 6}, 12: {7, 8, 9}}
    new = [{1, 2, 5, 6}, {3, 4, 7}, {8, 9, 20}, {30, 31}]
    expected = succeed(old, new)
    assert expected.kept == (11, None, 12, None)
    assert expected.ended == (Ended(10, Fate.SPLIT, (0, 1)),)
    for order in permutations(range(len(new))):
        shuffled = succeed(dict(reversed(old.items())), [new[j] for j in order])
        assert [shuffled.kept[order.index(j)] for j in range(len(new))] == list(expected.kept)
        assert [(e.old, e.fate, tuple(order[j] for j in e.successors)) for e in shuffled.ended] == [
            (e.old, e.fate, e.successors) for e in expected.ended
        ]


def test_a_chain_of_relinks_keeps_the_id_while_the_network_keeps_most_of_its_cases() -> None:
    """Ids given by the caller as a database would: increasing, never given twice."""
    fresh = count(46)
    current: dict[int, set[int]] = {}
    history: list[tuple[int, Fate, tuple[int, ...]]] = []

    def relink(groups: list[set[int]]) -> list[int]:
        result = succeed(current, groups)
        ids = [old if old is not None else next(fresh) for old in result.kept]
        history.extend((e.old, e.fate, tuple(ids[j] for j in e.successors)) for e in result.ended)
        current.clear()
        current.update(zip(ids, groups, strict=True))
        return ids

    assert relink([{1, 2}, {3, 4}]) == [46, 47]
    assert relink([{1, 2, 5}, {3, 4}]) == [46, 47]  # grows
    assert relink([{3, 4}, {1, 2, 5}]) == [47, 46]  # unchanged, listed in another order
    assert relink([{1, 2, 5, 3, 4, 6}]) == [46]  # merge: the oldest stays
    assert relink([{1, 2, 5, 6}, {3, 4}]) == [46, 48]  # split: the larger part stays
    assert relink([{3, 4, 7}]) == [48]  # 46 dissolves
    assert relink([{3, 4, 7}]) == [48]  # unchanged
    assert history == [
        (47, Fate.MERGED, (46,)),
        (46, Fate.DISSOLVED, ()),
    ]
