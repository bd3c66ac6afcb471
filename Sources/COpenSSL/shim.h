#ifndef COHORTLINK_COPENSSL_SHIM_H
#define COHORTLINK_COPENSSL_SHIM_H

/* The keyed HMAC re-uses precomputed SHA-256 pad states through the low-level SHA256_* API,
   which OpenSSL 3 marks deprecated but still ships; it is the fastest way to hash millions of
   short identifiers. Suppress the deprecation attributes so the Swift build stays warning-free. */
#define OPENSSL_SUPPRESS_DEPRECATED 1

#include <openssl/sha.h>
#include <openssl/hmac.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/crypto.h>

#endif
