#ifndef CDUNPREFETCH_H
#define CDUNPREFETCH_H

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

#endif
