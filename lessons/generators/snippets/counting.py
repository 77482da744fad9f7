def counting(n):
    for i in range(n):
        yield i
        print(f"inside counting: after yielding {i}")


x = counting(3)
