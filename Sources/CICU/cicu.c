#include "cicu.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>
#include <unicode/uversion.h>

/* Per-thread scratch buffers and break iterator: ICU objects are not thread-safe, and
 * opening a break iterator costs far more than one question's analysis. */
typedef struct {
    UChar *a;
    UChar *b;
    int32_t cap;
} Scratch;

static __thread Scratch tl_scratch = {NULL, NULL, 0};
static __thread UBreakIterator *tl_words = NULL;

static int ensure_scratch(int32_t need) {
    if (tl_scratch.cap >= need) return 1;
    int32_t cap = need < 256 ? 256 : need;
    UChar *a = (UChar *)realloc(tl_scratch.a, sizeof(UChar) * (size_t)cap);
    if (a == NULL) return 0;
    tl_scratch.a = a;
    UChar *b = (UChar *)realloc(tl_scratch.b, sizeof(UChar) * (size_t)cap);
    if (b == NULL) return 0;
    tl_scratch.b = b;
    tl_scratch.cap = cap;
    return 1;
}

/* UTF-8 -> UTF-16 into scratch a; returns length or -1. */
static int32_t to_utf16(const char *src, int32_t length, int32_t *outLen) {
    /* A UTF-8 sequence never yields more UTF-16 units than bytes. Case folding and
     * decomposition can grow the text: reserve four times the input. */
    if (!ensure_scratch(length * 4 + 16)) return CICU_ERROR_CAPACITY;
    UErrorCode status = U_ZERO_ERROR;
    int32_t n = 0;
    u_strFromUTF8WithSub(tl_scratch.a, tl_scratch.cap, &n, src, length, 0xFFFD, NULL, &status);
    if (U_FAILURE(status)) return CICU_ERROR_ICU;
    *outLen = n;
    return 0;
}

static int32_t to_utf8(const UChar *s, int32_t n, char *dst, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t written = 0;
    u_strToUTF8WithSub(dst, capacity, &written, s, n, 0xFFFD, NULL, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR) return CICU_ERROR_CAPACITY;
    if (U_FAILURE(status) && status != U_STRING_NOT_TERMINATED_WARNING) return CICU_ERROR_ICU;
    return written;
}

int32_t cicu_fold(const char *src, int32_t length, char *dst, int32_t capacity) {
    int32_t n = 0;
    int32_t rc = to_utf16(src, length, &n);
    if (rc < 0) return rc;
    UErrorCode status = U_ZERO_ERROR;
    int32_t folded = u_strFoldCase(tl_scratch.b, tl_scratch.cap, tl_scratch.a, n, U_FOLD_CASE_DEFAULT, &status);
    if (U_FAILURE(status)) return CICU_ERROR_ICU;
    const UNormalizer2 *nfd = unorm2_getNFDInstance(&status);
    if (U_FAILURE(status)) return CICU_ERROR_ICU;
    int32_t decomposed = unorm2_normalize(nfd, tl_scratch.b, folded, tl_scratch.a, tl_scratch.cap, &status);
    if (U_FAILURE(status)) return CICU_ERROR_ICU;
    /* Drop non-spacing marks in place. */
    int32_t out = 0;
    for (int32_t i = 0; i < decomposed;) {
        UChar32 c;
        int32_t start = i;
        U16_NEXT(tl_scratch.a, i, decomposed, c);
        if (u_charType(c) == U_NON_SPACING_MARK) continue;
        for (int32_t k = start; k < i; k++) tl_scratch.b[out++] = tl_scratch.a[k];
    }
    return to_utf8(tl_scratch.b, out, dst, capacity);
}

int32_t cicu_lower(const char *src, int32_t length, char *dst, int32_t capacity) {
    int32_t n = 0;
    int32_t rc = to_utf16(src, length, &n);
    if (rc < 0) return rc;
    UErrorCode status = U_ZERO_ERROR;
    int32_t lowered = u_strToLower(tl_scratch.b, tl_scratch.cap, tl_scratch.a, n, "it", &status);
    if (U_FAILURE(status)) return CICU_ERROR_ICU;
    return to_utf8(tl_scratch.b, lowered, dst, capacity);
}

int32_t cicu_words(const char *src, int32_t length, int32_t *offsets, int32_t maxWords) {
    UErrorCode status = U_ZERO_ERROR;
    if (tl_words == NULL) {
        tl_words = ubrk_open(UBRK_WORD, "it", NULL, 0, &status);
        if (U_FAILURE(status)) {
            tl_words = NULL;
            return CICU_ERROR_ICU;
        }
    }
    UText text = UTEXT_INITIALIZER;
    utext_openUTF8(&text, src, length, &status);
    if (U_FAILURE(status)) return CICU_ERROR_ICU;
    ubrk_setUText(tl_words, &text, &status);
    if (U_FAILURE(status)) {
        utext_close(&text);
        return CICU_ERROR_ICU;
    }
    int32_t count = 0;
    int32_t start = ubrk_first(tl_words);
    for (int32_t end = ubrk_next(tl_words); end != UBRK_DONE; start = end, end = ubrk_next(tl_words)) {
        int32_t rule = ubrk_getRuleStatus(tl_words);
        if (rule < UBRK_WORD_NUMBER) continue; /* spaces, punctuation, symbols */
        if (count >= maxWords) break;
        offsets[2 * count] = start;
        offsets[2 * count + 1] = end;
        count++;
    }
    /* Detach the iterator from the caller's buffer before it goes away. */
    utext_close(&text);
    static const UChar empty[1] = {0};
    UErrorCode ignored = U_ZERO_ERROR;
    ubrk_setText(tl_words, empty, 0, &ignored);
    return count;
}

const char *cicu_version(void) {
    static char buffer[U_MAX_VERSION_STRING_LENGTH];
    UVersionInfo info;
    u_getVersion(info);
    u_versionToString(info, buffer);
    return buffer;
}
