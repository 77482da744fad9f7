# Sleeps written as generators, and a loop that sends into each until it returns.
import time


def sleep(seconds, result):
    deadline = time.time() + seconds
    while time.time() < deadline:
        yield  # not yet: the loop gets control back
    return result


def event_loop(generators):
    pending = list(generators)
    results = {g: None for g in generators}
    started = time.time()
    while pending:
        for g in pending:
            try:
                results[g] = g.send(results[g])
            except StopIteration as stop:
                results[g] = stop.value
                pending.remove(g)  # removed mid-iteration: the next one waits a round
    print(f"Time elapsed: {time.time() - started:.1f}")
    return list(results.values())


print(event_loop([sleep(3, n) for n in range(1, 6)]))
