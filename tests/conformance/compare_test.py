"""compare.py's time check, on logs made up for it: CPython's real clock may run late, by more
the longer the chain of waits, but not early.
Usage: compare_test.py"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "backend"))
from backend_harness import check, finish  # noqa: E402
from compare import compare  # noqa: E402

TOLERANCE, DRIFT = 0.5, 0.1


def waves(late_by):
    """semaphore_limit's shape: ten waves of ten tasks, one unit apart; wave k late_by(k) units."""
    return [(k + late_by(k), f"Task-{10 * k + n}", f"start {10 * k + n}") for k in range(10) for n in range(10)]


def main():
    looplab = waves(lambda k: 0)
    # Seen on a busy 2-core machine: each wave about 0.09 units later than the one before.
    busy = waves(lambda k: 0.09 * k + 0.02)
    check(compare(busy, looplab, True, TOLERANCE, DRIFT) == [],
          "lateness that adds up along ten chained waits (0.83 units at the last) agrees")
    check(compare(busy, looplab, True, TOLERANCE, 0) != [],
          "the same log fails a fixed 0.5-unit tolerance (the flake this allowance removes)")
    early = waves(lambda k: -0.6 if k == 3 else 0)
    problems = compare(early, looplab, True, TOLERANCE, DRIFT)
    check(len(problems) == 10 and "CPython 2.400, LoopLab 3.000" in problems[0],
          f"a wave 0.6 units early is ten problems (a real clock is never early): {problems[:1]}")
    late = waves(lambda k: 1.0 if k == 2 else 0)
    problems = compare(late, looplab, True, TOLERANCE, DRIFT)
    check(len(problems) == 10 and "CPython 3.000, LoopLab 2.000" in problems[0],
          f"a wave at 2 units a whole unit late is past 0.5 + 10% of 2: {problems[:1]}")
    finish()


if __name__ == "__main__":
    main()
