# Seed 002: a "generator" with no yield in it is a plain function; calling it runs its whole
# body and returns None, which next() refuses.
from report import error


def hello():
    print("hello")
    print("goodbye")


g = hello()
try:
    next(g)
except TypeError as e:
    error(e)
try:
    list(g)
except TypeError as e:
    error(e)
try:
    g.send(None)
except AttributeError as e:
    error(e)
