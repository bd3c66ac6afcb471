#ifndef CPREFETCH_H
#define CPREFETCH_H

/// A hint that the memory at `address` is about to be read: the processor starts bringing its cache
/// line in and goes on at once. Swift has no prefetch of its own.
static inline void cohortlink_prefetch(const void *address) { __builtin_prefetch(address, 0, 3); }

#endif
