

def main():
    threads = [threading.Thread(target=work) for _ in range(WORKERS)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(f"Time elapsed: {time.perf_counter() - started:.1f}")


main()
