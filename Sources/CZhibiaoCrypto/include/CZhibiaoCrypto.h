// SHA-256 from OpenSSL's libcrypto (SHA extensions or AVX2 when the CPU has them), behind plain
// C types (OpenSSL's headers stay in CryptoShim.c).
#ifndef CZHIBIAO_CRYPTO_H
#define CZHIBIAO_CRYPTO_H

#include <stddef.h>
#include <stdint.h>

/// The SHA-256 digest of `length` bytes into `digest` (32 bytes). Returns 1, or 0 when libcrypto
/// failed (out of memory): the caller then hashes by other means.
int32_t zb_sha256(const uint8_t *bytes, size_t length, uint8_t digest[32]);

#endif
