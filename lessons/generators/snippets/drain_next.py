while True:
    try:
        value = next(x)
    except StopIteration:
        print("StopIteration: counting has no more values")
        break
    print(value)
