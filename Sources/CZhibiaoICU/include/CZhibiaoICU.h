// Zhibiao's narrow window onto ICU.
//
// This header includes no ICU header: ICU renames its symbols per version (urename.h) and the
// Swift toolchain's Foundation carries its own ICU headers, which clash with the system's in any
// Swift module that sees both. Everything here uses plain C types; UChar is uint16_t and
// UErrorCode is int32_t (0 ok, < 0 warning, > 0 error).
#ifndef CZHIBIAO_ICU_H
#define CZHIBIAO_ICU_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// UErrorCode values Swift needs to test (pinned by _Static_assert in ICUShim.c).
enum {
    ZB_U_ZERO_ERROR = 0,
    ZB_U_INVALID_CHAR_FOUND = 10,
    ZB_U_TRUNCATED_CHAR_FOUND = 11,
    ZB_U_ILLEGAL_CHAR_FOUND = 12,
    ZB_U_BUFFER_OVERFLOW_ERROR = 15,
};

typedef struct zb_translit zb_translit;
typedef struct zb_brk zb_brk;

/// ICU's runtime version, e.g. "72.1".
const char *zb_icu_version(void);
/// The symbolic name of a UErrorCode, e.g. "U_ILLEGAL_CHAR_FOUND".
const char *zb_icu_error_name(int32_t code);

// MARK: Charsets

/// Runs ICU's charset detector; fills up to `max` names (static strings) and confidences (0-100),
/// best first. Returns the number of matches.
int32_t zb_detect_charsets(const char *bytes, int32_t length, const char **names,
                           int32_t *confidences, int32_t max, int32_t *err);

/// Decodes `length` bytes in `charset` into UTF-16. With `strict`, stops at the first illegal
/// or unmapped sequence and sets *errorOffset to its byte offset (else *errorOffset is -1);
/// otherwise substitutes U+FFFD. A truncated sequence at the end is an error in strict mode.
/// Returns the number of UTF-16 units written (or needed, with ZB_U_BUFFER_OVERFLOW_ERROR).
int32_t zb_decode(const char *charset, const char *bytes, int32_t length, uint16_t *dst,
                  int32_t capacity, int strict, int32_t *errorOffset, int32_t *err);

/// Encodes UTF-16 into `charset`. Unmappable characters become the charset's substitution
/// character unless `strict`, which stops with an error. Returns bytes written (or needed).
int32_t zb_encode(const char *charset, const uint16_t *src, int32_t length, char *dst,
                  int32_t capacity, int strict, int32_t *err);

/// Whether ICU knows the charset name or alias (e.g. "GBK", "big5", "UTF-16LE").
int zb_charset_exists(const char *charset);

/// The canonical ICU name of a charset alias ("gbk" -> "GBK"), or NULL.
const char *zb_charset_canonical(const char *charset);

// MARK: Normalization (NFKC)

/// 1 when `c` is NFKC-inert: unchanged by NFKC and never combining with a neighbour.
int zb_nfkc_is_inert(int32_t c);

/// NFKC of src[0..<length] into dst. Each output unit k gets the smallest input segment that
/// produced it: mapStart[k]..<mapEnd[k] (UTF-16 offsets into src). Returns output length
/// (or the needed length, with ZB_U_BUFFER_OVERFLOW_ERROR).
int32_t zb_nfkc_mapped(const uint16_t *src, int32_t length, uint16_t *dst, int32_t capacity,
                       int32_t *mapStart, int32_t *mapEnd, int32_t *err);

/// Per-character NFKC of the BMP, so callers can skip ICU for most text. For each code point c
/// below 0x10000, codes[c] is ZB_NFKC_IDENTITY when NFKC leaves c alone in any context where
/// the next character starts a new segment; ZB_NFKC_COMBINING when c has no normalization
/// boundary before it (a combining mark: normalize it with its base); otherwise
/// 2 + (offset << 5 | length): c's NFKC is mapping[offset..<offset+length] (UTF-16).
/// Returns the mapping length used (or needed, with ZB_U_BUFFER_OVERFLOW_ERROR).
enum { ZB_NFKC_IDENTITY = 0, ZB_NFKC_COMBINING = 1 };
int32_t zb_nfkc_bmp_table(uint32_t *codes, uint16_t *mapping, int32_t capacity, int32_t *err);

/// 1 when NFKC has a boundary before c in every context.
int zb_nfkc_has_boundary_before(int32_t c);

/// Plain NFKC (for checks). Returns output length or the needed length on overflow.
int32_t zb_nfkc(const uint16_t *src, int32_t length, uint16_t *dst, int32_t capacity,
                int32_t *err);

// MARK: Transliteration

/// Opens a system transliterator such as "Traditional-Simplified".
zb_translit *zb_translit_open(const char *id, int32_t *err);

/// Compiles a transliterator from rule text. On a parse error, *errorLine and *errorOffset
/// locate it in the rules (otherwise -1).
zb_translit *zb_translit_open_rules(const char *id, const uint16_t *rules, int32_t length,
                                    int32_t *errorLine, int32_t *errorOffset, int32_t *err);
void zb_translit_close(zb_translit *t);

/// The transliterator's rules as source text (utrans_toRules). Returns the length or the
/// needed length on overflow.
int32_t zb_translit_rules(const zb_translit *t, uint16_t *dst, int32_t capacity, int32_t *err);

/// Transliterates text[0..<length] in place; capacity is the buffer size. Returns the new
/// length (or the needed length, with ZB_U_BUFFER_OVERFLOW_ERROR).
int32_t zb_translit_apply(const zb_translit *t, uint16_t *text, int32_t length,
                          int32_t capacity, int32_t *err);

// MARK: Sentence breaks

/// Sentence_Break property values (UAX #29), numbered as ICU's USentenceBreak.
enum {
    ZB_SB_OTHER = 0, ZB_SB_ATERM = 1, ZB_SB_CLOSE = 2, ZB_SB_FORMAT = 3, ZB_SB_LOWER = 4, ZB_SB_NUMERIC = 5,
    ZB_SB_OLETTER = 6, ZB_SB_SEP = 7, ZB_SB_SP = 8, ZB_SB_STERM = 9, ZB_SB_UPPER = 10, ZB_SB_CR = 11,
    ZB_SB_EXTEND = 12, ZB_SB_LF = 13, ZB_SB_SCONTINUE = 14,
};
/// The Sentence_Break property of code point c (a ZB_SB_* value).
int32_t zb_sentence_break(int32_t c);
/// The Sentence_Break property of every code point below `count`, one byte each.
void zb_sentence_break_table(uint8_t *table, int32_t count);
/// Opens a sentence break iterator over `text`, which must outlive it.
zb_brk *zb_brk_open_sentence(const char *locale, const uint16_t *text, int32_t length,
                             int32_t *err);
/// The next boundary (UTF-16 offset) or -1 when done.
int32_t zb_brk_next(zb_brk *b);
void zb_brk_close(zb_brk *b);

#ifdef __cplusplus
}
#endif

#endif
