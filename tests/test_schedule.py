"""The suite's order (`conftest.worksteal_order`): a permutation, split as xdist's worksteal splits it, each share
longest first and within one test's time of the others."""
from conftest import worksteal_order


def test_worksteal_order():
    secs = [5.0, 1.0, 3.0, 2.0, 2.0, 8.0, 1.0]
    for workers in (1, 2, 3, 7, 9):
        assert sorted(worksteal_order(secs, workers)) == list(range(len(secs)))
    order = worksteal_order(secs, 2)   # worksteal gives 7 // 2 = 3 tests to one worker, the other 4 to the next
    shares = [[secs[i] for i in order[:3]], [secs[i] for i in order[3:]]]
    assert shares == [[8.0, 2.0, 1.0], [5.0, 3.0, 2.0, 1.0]]   # the greedy fill: 11 s each, longest first
    assert worksteal_order([1.0, 9.0], 1) == [1, 0]             # one worker: longest first
