// Inflating (DOCX) and deflating (XLSX) zip entries with zlib, behind plain C types (zlib's headers stay in ZipShim.c).
#ifndef CZHIBIAO_ZIP_H
#define CZHIBIAO_ZIP_H

#include <stddef.h>
#include <stdint.h>

enum {
    ZB_INFLATE_OK = 0,
    /// The input ended before the deflate stream did.
    ZB_INFLATE_TRUNCATED = 1,
    /// The stream is not valid deflate data.
    ZB_INFLATE_DAMAGED = 2,
    /// The stream inflates to more than the output buffer holds.
    ZB_INFLATE_TOO_LONG = 3,
    /// A length over 4 GB or zlib out of memory.
    ZB_INFLATE_FAILED = 4,
};

/// Inflates one raw deflate stream (a zip entry's data) into `output` in one call: never reads
/// past `input + input_length` nor writes past `output + output_capacity`. `produced` gets the
/// bytes written.
int32_t zb_inflate_raw(const uint8_t *input, size_t input_length, uint8_t *output, size_t output_capacity,
                       size_t *produced);

/// The most `zb_deflate_raw` can produce for `length` input bytes.
size_t zb_deflate_bound(size_t length);

/// Deflates `input` into one raw deflate stream (a zip entry's data, no header) in `output`,
/// which must hold `zb_deflate_bound(input_length)` bytes. Returns the bytes written, 0 on failure.
size_t zb_deflate_raw(const uint8_t *input, size_t input_length, uint8_t *output, size_t output_capacity);

/// The CRC-32 that zip stores for an entry.
uint32_t zb_crc32(const uint8_t *bytes, size_t length);

#endif
