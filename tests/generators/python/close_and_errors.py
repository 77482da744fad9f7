# close() raises GeneratorExit at the paused yield (a finally clause runs); a generator that
# lets StopIteration escape gets a RuntimeError instead (PEP 479); one that calls next on
# itself is told it is already executing; yield from None is refused.
from report import error, state


def guarded():
    try:
        yield 1
        yield 2
    finally:
        print("cleaning up")


g = guarded()
print(next(g))
g.close()
state("g", g)
g.close()
fresh = guarded()
fresh.close()
state("fresh", fresh)


def empty():
    return
    yield


def leaky():
    yield next(empty())


try:
    next(leaky())
except RuntimeError as e:
    error(e)


def selfish():
    yield next(me)


me = selfish()
try:
    next(me)
except ValueError as e:
    error(e)
state("me", me)


def delegate_to_none():
    yield from None


try:
    next(delegate_to_none())
except TypeError as e:
    error(e)


def failing():
    yield "first"
    raise KeyError("missing")


def catcher():
    try:
        yield from failing()
    except KeyError as e:
        print(f"caught at the yield from: {e!r}")
    yield "after"


c = catcher()
print(next(c))
print(next(c))
