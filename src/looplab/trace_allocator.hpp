// Storage for the trace's events. A long run records millions of events; natively, large
// buffers are placed on transparent huge pages, so filling them costs a page fault per 2 MB
// instead of per 4 KB (measured: about a third of a sleep(0)-heavy run went to page faults).
#pragma once

#include <cstddef>
#include <cstdlib>
#include <new>

#if defined(__linux__) && !defined(__EMSCRIPTEN__)
#include <sys/mman.h>
#endif

namespace looplab {

template <class T> struct TraceAllocator {
  using value_type = T;
  static constexpr std::size_t kHugePage = std::size_t{1} << 21;

  TraceAllocator() = default;
  template <class U> TraceAllocator(const TraceAllocator<U>&) {}

  T* allocate(std::size_t n) {
    const std::size_t bytes = n * sizeof(T);
#if defined(__linux__) && !defined(__EMSCRIPTEN__)
    if (bytes >= kHugePage) {
      const std::size_t rounded = (bytes + kHugePage - 1) & ~(kHugePage - 1);
      void* p = std::aligned_alloc(kHugePage, rounded);
      if (p == nullptr) throw std::bad_alloc();
      madvise(p, rounded, MADV_HUGEPAGE);  // a hint: without huge pages it works as before
      return static_cast<T*>(p);
    }
#endif
    return static_cast<T*>(::operator new(bytes));
  }

  void deallocate(T* p, std::size_t n) {
#if defined(__linux__) && !defined(__EMSCRIPTEN__)
    if (n * sizeof(T) >= kHugePage) {
      std::free(p);
      return;
    }
#endif
    (void)n;
    ::operator delete(p);
  }

  template <class U> bool operator==(const TraceAllocator<U>&) const { return true; }
  template <class U> bool operator!=(const TraceAllocator<U>&) const { return false; }
};

}  // namespace looplab
