# close(), and the close Python does itself when the last reference to a suspended
# generator goes: GeneratorExit at the paused yield, so finally clauses and except
# GeneratorExit run right there. Inside yield from, the delegate closes first.
from report import error, state


def guarded(name):
    try:
        yield f"{name} 1"
        yield f"{name} 2"
    finally:
        print(f"{name} cleans up")


g = guarded("g")
print(next(g))
print("dropping g")
del g
print("g is gone")

for value in guarded("loop"):
    print(value)
    break
print("after the loop")

untouched = guarded("untouched")
del untouched
print("an unstarted generator has nothing to clean up")


def polite():
    try:
        yield "listening"
    except GeneratorExit:
        print("polite got GeneratorExit")
        return "ignored value"


p = polite()
print(next(p))
print(p.close())
state("p", p)
print(p.close())


def stubborn():
    while True:
        try:
            yield "still here"
        except GeneratorExit:
            print("stubborn refuses")


s = stubborn()
print(next(s))
try:
    s.close()
except RuntimeError as e:
    error(e)
state("s", s)
print("dropping s")
del s
print("s is gone")


def delegating():
    try:
        yield from guarded("inner")
    finally:
        print("outer cleans up")


d = delegating()
print(next(d))
d.close()
state("d", d)

d2 = delegating()
print(next(d2))
print(next(d2))
del d2
print("d2 is gone")
