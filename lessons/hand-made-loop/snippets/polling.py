# Tasks that wait by asking the clock, over and over, in a busy loop. No asyncio.
import time


class Task:
    def __init__(self, number, seconds):
        self.number = number
        self.deadline = time.time() + seconds
        self.done = False

    def run(self):  # one poll: has my time come?
        if time.time() >= self.deadline:
            self.done = True
            print(f"task {self.number} done")


def busy_loop(tasks):
    pending = set(tasks)  # a set: its order is not the order of creation
    polls = 0
    started, cpu = time.time(), time.process_time()
    while pending:
        for task in list(pending):
            task.run()
            polls += 1
            if task.done:
                pending.remove(task)
    print(f"Time elapsed: {time.time() - started:.1f}")
    print(f"{polls:,} polls, {polls - len(tasks):,} of them wasted")
    print(f"CPU time: {time.process_time() - cpu:.1f} s")


busy_loop([Task(n, 3) for n in range(10)])
