# The hand-made-loop lesson's generator sleeps: lessons/hand-made-loop/snippets/sleeps.py with
# short sleeps and without the timing line. The loop removes from the list it iterates.
import time


def sleep(seconds, result):
    deadline = time.time() + seconds
    while time.time() < deadline:
        yield
    return result


def event_loop(generators):
    pending = list(generators)
    results = {g: None for g in generators}
    while pending:
        for g in pending:
            try:
                results[g] = g.send(results[g])
            except StopIteration as stop:
                results[g] = stop.value
                pending.remove(g)
    return list(results.values())


print(event_loop([sleep(0.2, n) for n in range(1, 6)]))
