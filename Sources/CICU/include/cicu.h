#ifndef CICU_H
#define CICU_H

#include <stdint.h>

/*
 * A tiny plain-C facade over ICU. This header exposes only plain C types so that Swift
 * modules that also import Foundation never see ICU's own headers (their enums clash
 * with the copy of ICU that Foundation carries). All text is UTF-8.
 */

/* Error codes returned as negative values. */
#define CICU_ERROR_ICU (-1)
#define CICU_ERROR_CAPACITY (-2)

/*
 * Case-folds and removes accents: full case folding, canonical decomposition, then every
 * non-spacing mark is dropped ("Maternità" -> "maternita", "Straße" -> "strasse").
 * Writes at most `capacity` bytes to `dst` (not NUL-terminated) and returns the number of
 * bytes written, or a negative CICU_ERROR_* code. Invalid UTF-8 is replaced by U+FFFD.
 */
int32_t cicu_fold(const char *src, int32_t length, char *dst, int32_t capacity);

/* Lower-cases (Italian rules) keeping accents. Same contract as cicu_fold. */
int32_t cicu_lower(const char *src, int32_t length, char *dst, int32_t capacity);

/*
 * Finds the words of `src` with ICU's word-boundary rules (UAX #29): letters, numbers and
 * ideographs; spaces and punctuation are skipped. Writes up to `maxWords` pairs of UTF-8
 * byte offsets [start, end) into `offsets` (2 * maxWords int32_t) and returns the number of
 * words written, or a negative CICU_ERROR_* code.
 */
int32_t cicu_words(const char *src, int32_t length, int32_t *offsets, int32_t maxWords);

/* The ICU version as "major.minor" (for `sportello kb stats` and diagnostics). */
const char *cicu_version(void);

#endif
