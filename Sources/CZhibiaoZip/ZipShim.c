// zlib headers are included here only; see include/CZhibiaoZip.h.
#include "CZhibiaoZip.h"

#include <limits.h>
#include <string.h>
#include <zlib.h>

int32_t zb_inflate_raw(const uint8_t *input, size_t input_length, uint8_t *output, size_t output_capacity,
                       size_t *produced) {
    *produced = 0;
    if (input_length > UINT_MAX || output_capacity > UINT_MAX) return ZB_INFLATE_FAILED;
    z_stream stream;
    memset(&stream, 0, sizeof stream);
    if (inflateInit2(&stream, -MAX_WBITS) != Z_OK) return ZB_INFLATE_FAILED;  // raw deflate, no header
    stream.next_in = (Bytef *)input;
    stream.avail_in = (uInt)input_length;
    stream.next_out = output;
    stream.avail_out = (uInt)output_capacity;
    int result = inflate(&stream, Z_FINISH);
    *produced = (size_t)(output_capacity - stream.avail_out);
    int32_t status;
    switch (result) {
    case Z_STREAM_END: status = ZB_INFLATE_OK; break;
    case Z_OK:
    case Z_BUF_ERROR: status = stream.avail_out == 0 ? ZB_INFLATE_TOO_LONG : ZB_INFLATE_TRUNCATED; break;
    case Z_MEM_ERROR: status = ZB_INFLATE_FAILED; break;
    default: status = ZB_INFLATE_DAMAGED; break;
    }
    inflateEnd(&stream);
    return status;
}

uint32_t zb_crc32(const uint8_t *bytes, size_t length) {
    uLong crc = crc32(0L, Z_NULL, 0);
    while (length > 0) {
        uInt chunk = length > UINT_MAX ? UINT_MAX : (uInt)length;
        crc = crc32(crc, bytes, chunk);
        bytes += chunk;
        length -= chunk;
    }
    return (uint32_t)crc;
}

size_t zb_deflate_bound(size_t length) {
    // deflateBound for raw deflate at the default settings, with room for the stored-block case.
    return length + length / 1000 + (length >> 12) + (length >> 14) + (length >> 25) + 64;
}

size_t zb_deflate_raw(const uint8_t *input, size_t input_length, uint8_t *output, size_t output_capacity) {
    if (input_length > UINT_MAX || output_capacity > UINT_MAX) return 0;
    z_stream stream;
    memset(&stream, 0, sizeof stream);
    if (deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK) return 0;
    stream.next_in = (Bytef *)input;
    stream.avail_in = (uInt)input_length;
    stream.next_out = output;
    stream.avail_out = (uInt)output_capacity;
    int result = deflate(&stream, Z_FINISH);
    size_t written = (size_t)(output_capacity - stream.avail_out);
    deflateEnd(&stream);
    return result == Z_STREAM_END ? written : 0;
}
