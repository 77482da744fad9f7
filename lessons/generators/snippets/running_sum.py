def running_sum():
    c = 0
    for i in range(100):
        c += yield i  # what send() passes in is what this yield gives back
        print(f"c = {c}")


x = running_sum()
print(next(x))  # start it: run to the first yield
for value in [10, 5, 20, 1.5]:
    try:
        print(x.send(value))
    except TypeError as error:
        print(f"TypeError: {error}")
        break
