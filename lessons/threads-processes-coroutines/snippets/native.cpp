// The contrast row: the same work on C++ threads. No GIL: every core computes at once.
#include <chrono>
#include <cstdio>
#include <thread>
#include <vector>

constexpr int workers = 4000;
constexpr double seconds = 3;
constexpr long long prime = 16769823;

bool is_prime(long long number) {
  long long divisor = number - 1;  // down to the first divisor, step by step
  while (number % divisor) --divisor;
  return divisor == 1;
}

void work() {
WORK
}

int main() {
  const auto started = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  for (int i = 0; i < workers; ++i) threads.emplace_back(work);
  for (std::thread& thread : threads) thread.join();
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - started;
  std::printf("Time elapsed: %.1f\n", elapsed.count());
}
