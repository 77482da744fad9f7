

def job(_):
    work()


def main():
    started = time.perf_counter()
    with multiprocessing.Pool() as pool:  # one process per core
        pool.map(job, range(WORKERS))
    print(f"Time elapsed: {time.perf_counter() - started:.1f}")


if __name__ == "__main__":
    main()
