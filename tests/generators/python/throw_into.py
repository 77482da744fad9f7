# gen.throw(error): the error is raised at the yield the generator is paused on. Caught there,
# the generator goes on and throw() returns what it yields next; not caught, it leaves
# through throw() and the generator is closed. A generator that has not started, or has
# finished, never runs: the error comes straight back.
from report import error, state


def tolerant():
    total = 0
    while True:
        try:
            value = yield total
        except ValueError as e:
            print(f"ignored {e!r}")
            continue
        total += value


t = tolerant()
print(next(t))
print(t.send(4))
print(t.throw(ValueError("not a number")))
state("t", t)
print(t.send(3))
try:
    t.throw(KeyError("boom"))
except KeyError as e:
    error(e)
state("t", t)
try:
    t.throw(ValueError("too late"))
except ValueError as e:
    error(e)


def finishes_when_told():
    try:
        yield "working"
    except RuntimeError:
        return "told to stop"


f = finishes_when_told()
print(next(f))
try:
    f.throw(RuntimeError("stop"))
except StopIteration as e:
    print(f"stopped with {e.value!r}")
state("f", f)

fresh = tolerant()
try:
    fresh.throw(ValueError("before the start"))
except ValueError as e:
    error(e)
state("fresh", fresh)


def inner():
    try:
        yield "inner 1"
    except ValueError:
        print("inner caught it")
    yield "inner 2"
    raise KeyError("inner gives up")


def outer():
    try:
        result = yield from inner()
    except KeyError as e:
        print(f"outer caught {e!r} at the yield from")
    yield "outer goes on"


o = outer()
print(next(o))
print(o.throw(ValueError("into the delegate")))
state("o", o)
print(next(o))
state("o", o)
