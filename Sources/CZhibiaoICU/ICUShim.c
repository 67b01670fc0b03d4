// ICU headers are included here only; see include/CZhibiaoICU.h.
#include "CZhibiaoICU.h"

#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>
#include <unicode/uversion.h>

#define E(err) ((UErrorCode *)(err))

_Static_assert(sizeof(UErrorCode) == sizeof(int32_t), "UErrorCode is 32 bits");
_Static_assert(sizeof(UChar) == sizeof(uint16_t), "UChar is 16 bits");
_Static_assert(U_ZERO_ERROR == ZB_U_ZERO_ERROR, "abi");
_Static_assert(U_INVALID_CHAR_FOUND == ZB_U_INVALID_CHAR_FOUND, "abi");
_Static_assert(U_TRUNCATED_CHAR_FOUND == ZB_U_TRUNCATED_CHAR_FOUND, "abi");
_Static_assert(U_ILLEGAL_CHAR_FOUND == ZB_U_ILLEGAL_CHAR_FOUND, "abi");
_Static_assert(U_BUFFER_OVERFLOW_ERROR == ZB_U_BUFFER_OVERFLOW_ERROR, "abi");

const char *zb_icu_version(void) {
    static char text[U_MAX_VERSION_STRING_LENGTH];
    UVersionInfo info;
    u_getVersion(info);
    u_versionToString(info, text);
    return text;
}

const char *zb_icu_error_name(int32_t code) { return u_errorName((UErrorCode)code); }

// MARK: Charsets

int32_t zb_detect_charsets(const char *bytes, int32_t length, const char **names,
                           int32_t *confidences, int32_t max, int32_t *err) {
    UCharsetDetector *det = ucsdet_open(E(err));
    if (U_FAILURE(*E(err))) return 0;
    ucsdet_setText(det, bytes, length, E(err));
    int32_t found = 0;
    const UCharsetMatch **matches = ucsdet_detectAll(det, &found, E(err));
    int32_t n = 0;
    if (U_SUCCESS(*E(err)) && matches != NULL) {
        for (int32_t i = 0; i < found && n < max; i++) {
            UErrorCode local = U_ZERO_ERROR;
            const char *name = ucsdet_getName(matches[i], &local);
            int32_t conf = ucsdet_getConfidence(matches[i], &local);
            if (U_FAILURE(local) || name == NULL) continue;
            names[n] = name;  // static strings owned by ICU
            confidences[n] = conf;
            n++;
        }
    }
    ucsdet_close(det);
    return n;
}

int32_t zb_decode(const char *charset, const char *bytes, int32_t length, uint16_t *dst,
                  int32_t capacity, int strict, int32_t *errorOffset, int32_t *err) {
    *errorOffset = -1;
    UConverter *conv = ucnv_open(charset, E(err));
    if (U_FAILURE(*E(err))) return 0;
    if (strict) {
        ucnv_setToUCallBack(conv, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, E(err));
        if (U_FAILURE(*E(err))) { ucnv_close(conv); return 0; }
    }
    const char *source = bytes;
    const char *sourceLimit = bytes + length;
    UChar *target = (UChar *)dst;
    UChar *targetLimit = (UChar *)dst + capacity;
    ucnv_toUnicode(conv, &target, targetLimit, &source, sourceLimit, NULL, 1, E(err));
    int32_t written = (int32_t)(target - (UChar *)dst);
    if (*E(err) == U_BUFFER_OVERFLOW_ERROR) {
        // Count the rest to report the needed size.
        UChar scratch[4096];
        while (*E(err) == U_BUFFER_OVERFLOW_ERROR) {
            *E(err) = U_ZERO_ERROR;
            UChar *t = scratch;
            ucnv_toUnicode(conv, &t, scratch + 4096, &source, sourceLimit, NULL, 1, E(err));
            written += (int32_t)(t - scratch);
        }
        if (U_SUCCESS(*E(err))) *E(err) = U_BUFFER_OVERFLOW_ERROR;
    }
    if (U_FAILURE(*E(err)) && *E(err) != U_BUFFER_OVERFLOW_ERROR) {
        char invalid[32];
        int8_t invalidLength = (int8_t)sizeof(invalid);
        UErrorCode local = U_ZERO_ERROR;
        ucnv_getInvalidChars(conv, invalid, &invalidLength, &local);
        if (U_FAILURE(local)) invalidLength = 0;
        *errorOffset = (int32_t)(source - bytes) - invalidLength;
        if (*errorOffset < 0) *errorOffset = 0;
    }
    ucnv_close(conv);
    return written;
}

int32_t zb_encode(const char *charset, const uint16_t *src, int32_t length, char *dst,
                  int32_t capacity, int strict, int32_t *err) {
    UConverter *conv = ucnv_open(charset, E(err));
    if (U_FAILURE(*E(err))) return 0;
    if (strict) {
        ucnv_setFromUCallBack(conv, UCNV_FROM_U_CALLBACK_STOP, NULL, NULL, NULL, E(err));
        if (U_FAILURE(*E(err))) { ucnv_close(conv); return 0; }
    }
    int32_t n = ucnv_fromUChars(conv, dst, capacity, (const UChar *)src, length, E(err));
    ucnv_close(conv);
    return n;
}

int zb_charset_exists(const char *charset) {
    UErrorCode err = U_ZERO_ERROR;
    const char *name = ucnv_getCanonicalName(charset, "", &err);
    if (U_SUCCESS(err) && name != NULL) return 1;
    err = U_ZERO_ERROR;
    UConverter *conv = ucnv_open(charset, &err);
    if (U_FAILURE(err)) return 0;
    ucnv_close(conv);
    return 1;
}

const char *zb_charset_canonical(const char *charset) {
    UErrorCode err = U_ZERO_ERROR;
    UConverter *conv = ucnv_open(charset, &err);
    if (U_FAILURE(err)) return NULL;
    const char *name = ucnv_getName(conv, &err);
    ucnv_close(conv);
    // ucnv_getName returns a pointer into ICU's alias table, valid after close.
    return U_SUCCESS(err) ? name : NULL;
}

// MARK: Normalization

static const UNormalizer2 *nfkc(UErrorCode *err) { return unorm2_getNFKCInstance(err); }

int zb_nfkc_is_inert(int32_t c) {
    UErrorCode err = U_ZERO_ERROR;
    const UNormalizer2 *n = nfkc(&err);
    if (U_FAILURE(err)) return 0;
    return unorm2_isInert(n, (UChar32)c) ? 1 : 0;
}

int32_t zb_nfkc_bmp_table(uint32_t *codes, uint16_t *mapping, int32_t capacity, int32_t *err) {
    const UNormalizer2 *n = nfkc(E(err));
    if (U_FAILURE(*E(err))) return 0;
    int32_t used = 0;
    UChar out[32];
    for (UChar32 c = 0; c < 0x10000; c++) {
        if (U_IS_SURROGATE(c) || unorm2_isInert(n, c)) { codes[c] = ZB_NFKC_IDENTITY; continue; }
        if (!unorm2_hasBoundaryBefore(n, c)) { codes[c] = ZB_NFKC_COMBINING; continue; }
        UChar in[1] = { (UChar)c };
        UErrorCode local = U_ZERO_ERROR;
        int32_t length = unorm2_normalize(n, in, 1, out, 32, &local);
        if (U_FAILURE(local) || length >= 32) { codes[c] = ZB_NFKC_COMBINING; continue; }
        if (length == 1 && out[0] == (UChar)c) { codes[c] = ZB_NFKC_IDENTITY; continue; }
        if (used + length <= capacity) {
            for (int32_t k = 0; k < length; k++) mapping[used + k] = out[k];
        }
        codes[c] = 2 + (((uint32_t)used << 5) | (uint32_t)length);
        used += length;
    }
    if (used > capacity) *E(err) = U_BUFFER_OVERFLOW_ERROR;
    return used;
}

int zb_nfkc_has_boundary_before(int32_t c) {
    UErrorCode err = U_ZERO_ERROR;
    const UNormalizer2 *n = nfkc(&err);
    if (U_FAILURE(err)) return 1;
    return unorm2_hasBoundaryBefore(n, (UChar32)c) ? 1 : 0;
}

int32_t zb_nfkc(const uint16_t *src, int32_t length, uint16_t *dst, int32_t capacity,
                int32_t *err) {
    const UNormalizer2 *n = nfkc(E(err));
    if (U_FAILURE(*E(err))) return 0;
    return unorm2_normalize(n, (const UChar *)src, length, (UChar *)dst, capacity, E(err));
}

int32_t zb_nfkc_mapped(const uint16_t *src, int32_t length, uint16_t *dst, int32_t capacity,
                       int32_t *mapStart, int32_t *mapEnd, int32_t *err) {
    const UNormalizer2 *n = nfkc(E(err));
    if (U_FAILURE(*E(err))) return 0;
    const UChar *s = (const UChar *)src;
    int32_t out = 0;
    int32_t pos = 0;
    int overflow = 0;
    UChar segment[256];
    while (pos < length) {
        // The part that is already normalized is copied one to one.
        int32_t yes = pos + unorm2_spanQuickCheckYes(n, s + pos, length - pos, E(err));
        if (U_FAILURE(*E(err))) return 0;
        if (yes < length) {
            // Back off to a boundary: the last code point before `yes` may combine with it.
            while (yes > pos) {
                UChar32 c;
                int32_t at = yes;
                U16_PREV(s, pos, at, c);
                if (unorm2_hasBoundaryBefore(n, c)) { yes = at; break; }
                yes = at;
            }
        }
        for (int32_t i = pos; i < yes; i++) {
            if (out < capacity) { dst[out] = s[i]; mapStart[out] = i; mapEnd[out] = i + 1; }
            else overflow = 1;
            out++;
        }
        pos = yes;
        if (pos >= length) break;
        // One boundary-to-boundary segment.
        int32_t end = pos;
        UChar32 c;
        U16_NEXT(s, end, length, c);
        while (end < length) {
            int32_t next = end;
            U16_NEXT(s, next, length, c);
            if (unorm2_hasBoundaryBefore(n, c)) break;
            end = next;
        }
        UErrorCode local = U_ZERO_ERROR;
        int32_t produced = unorm2_normalize(n, s + pos, end - pos, segment, 256, &local);
        if (local == U_BUFFER_OVERFLOW_ERROR || U_FAILURE(local)) {
            // Pathological run of combining marks: copy it unchanged rather than fail.
            produced = end - pos;
            for (int32_t k = 0; k < produced; k++) {
                if (out < capacity) { dst[out] = s[pos + k]; mapStart[out] = pos; mapEnd[out] = end; }
                else overflow = 1;
                out++;
            }
        } else {
            for (int32_t k = 0; k < produced; k++) {
                if (out < capacity) { dst[out] = segment[k]; mapStart[out] = pos; mapEnd[out] = end; }
                else overflow = 1;
                out++;
            }
        }
        pos = end;
    }
    if (overflow) *E(err) = U_BUFFER_OVERFLOW_ERROR;
    return out;
}

// MARK: Transliteration

zb_translit *zb_translit_open(const char *id, int32_t *err) {
    UChar uid[128];
    u_uastrncpy(uid, id, 127);
    uid[127] = 0;
    return (zb_translit *)utrans_openU(uid, -1, UTRANS_FORWARD, NULL, 0, NULL, E(err));
}

zb_translit *zb_translit_open_rules(const char *id, const uint16_t *rules, int32_t length,
                                    int32_t *errorLine, int32_t *errorOffset, int32_t *err) {
    UChar uid[128];
    u_uastrncpy(uid, id, 127);
    uid[127] = 0;
    UParseError parse;
    memset(&parse, 0, sizeof(parse));
    UTransliterator *t = utrans_openU(uid, -1, UTRANS_FORWARD, (const UChar *)rules, length,
                                      &parse, E(err));
    *errorLine = U_FAILURE(*E(err)) ? parse.line : -1;
    *errorOffset = U_FAILURE(*E(err)) ? parse.offset : -1;
    return (zb_translit *)t;
}

void zb_translit_close(zb_translit *t) {
    if (t != NULL) utrans_close((UTransliterator *)t);
}

int32_t zb_translit_rules(const zb_translit *t, uint16_t *dst, int32_t capacity, int32_t *err) {
    return utrans_toRules((const UTransliterator *)t, 0, (UChar *)dst, capacity, E(err));
}

int32_t zb_translit_apply(const zb_translit *t, uint16_t *text, int32_t length,
                          int32_t capacity, int32_t *err) {
    int32_t textLength = length;
    int32_t limit = length;
    utrans_transUChars((const UTransliterator *)t, (UChar *)text, &textLength, capacity, 0,
                       &limit, E(err));
    return textLength;
}

// MARK: Sentence breaks

zb_brk *zb_brk_open_sentence(const char *locale, const uint16_t *text, int32_t length,
                             int32_t *err) {
    return (zb_brk *)ubrk_open(UBRK_SENTENCE, locale, (const UChar *)text, length, E(err));
}

int32_t zb_brk_next(zb_brk *b) {
    int32_t next = ubrk_next((UBreakIterator *)b);
    return next == UBRK_DONE ? -1 : next;
}

void zb_brk_close(zb_brk *b) {
    if (b != NULL) ubrk_close((UBreakIterator *)b);
}

_Static_assert(U_SB_OTHER == ZB_SB_OTHER && U_SB_ATERM == ZB_SB_ATERM && U_SB_CLOSE == ZB_SB_CLOSE &&
               U_SB_FORMAT == ZB_SB_FORMAT && U_SB_LOWER == ZB_SB_LOWER && U_SB_NUMERIC == ZB_SB_NUMERIC &&
               U_SB_OLETTER == ZB_SB_OLETTER && U_SB_SEP == ZB_SB_SEP && U_SB_SP == ZB_SB_SP &&
               U_SB_STERM == ZB_SB_STERM && U_SB_UPPER == ZB_SB_UPPER && U_SB_CR == ZB_SB_CR &&
               U_SB_EXTEND == ZB_SB_EXTEND && U_SB_LF == ZB_SB_LF && U_SB_SCONTINUE == ZB_SB_SCONTINUE,
               "Sentence_Break values");

int32_t zb_sentence_break(int32_t c) {
    return u_getIntPropertyValue((UChar32)c, UCHAR_SENTENCE_BREAK);
}

void zb_sentence_break_table(uint8_t *table, int32_t count) {
    for (int32_t c = 0; c < count; c++) table[c] = (uint8_t)u_getIntPropertyValue((UChar32)c, UCHAR_SENTENCE_BREAK);
}
