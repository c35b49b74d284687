#ifndef CDUNPREFETCH_H
#define CDUNPREFETCH_H

#include <stddef.h>
#include <stdint.h>
#if defined(__linux__)
#include <sys/mman.h>
#endif

// A cache prefetch hint for the engine's hot path (Swift has no prefetch of its own). The engine knows which
// accounts the due queue hands it next and asks for their memory a few decisions ahead, so that the cache
// misses of consecutive decisions overlap instead of following one another. A hint only: it changes no value.
static inline __attribute__((always_inline)) void dun_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

// The same hint for memory that will be written.
static inline __attribute__((always_inline)) void dun_prefetch_write(const void *address) {
    __builtin_prefetch(address, 1, 3);
}

// Asks Linux to back the 2 MiB-aligned part of a large, not yet touched allocation with huge pages
// (MADV_HUGEPAGE; transparent huge pages are often in "madvise" mode): per-account arrays of a million
// accounts are read at random, and with 4 KiB pages nearly every read also misses the TLB. A hint only: it
// changes no value, and does nothing elsewhere or when the kernel declines.
static inline void dun_advise_huge_pages(void *address, size_t length) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    uintptr_t start = ((uintptr_t)address + 0x1FFFFF) & ~(uintptr_t)0x1FFFFF;
    uintptr_t end = ((uintptr_t)address + length) & ~(uintptr_t)0x1FFFFF;
    if (end > start) {
        (void)madvise((void *)start, end - start, MADV_HUGEPAGE);
    }
#else
    (void)address;
    (void)length;
#endif
}

#endif
