#include "CZhibiaoCrypto.h"

#include <openssl/evp.h>

int32_t zb_sha256(const uint8_t *bytes, size_t length, uint8_t digest[32]) {
    unsigned int size = 0;
    if (EVP_Digest(bytes, length, digest, &size, EVP_sha256(), NULL) != 1 || size != 32) return 0;
    return 1;
}
