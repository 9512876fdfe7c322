package maplab.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SizeClasses.roundupsize against Go's own lookup: the tables below are copied from
 * src/runtime/sizeclasses.go (identical in Go 1.19, 1.21, 1.22, 1.23), and {@link #go119} and
 * {@link #go122} are line-by-line ports of roundupsize from src/runtime/msize.go (1.19-1.21) and
 * msize_allocheaders.go (1.22; msize.go in 1.23).
 */
class SizeClassesTest {

    /** class_to_size. */
    private static final int[] CLASS_TO_SIZE = {
        0, 8, 16, 24, 32, 48, 64, 80, 96, 112, 128, 144, 160, 176, 192, 208, 224, 240, 256, 288,
        320, 352, 384, 416, 448, 480, 512, 576, 640, 704, 768, 896, 1024, 1152, 1280, 1408, 1536,
        1792, 2048, 2304, 2688, 3072, 3200, 3456, 4096, 4864, 5376, 6144, 6528, 6784, 6912, 8192,
        9472, 9728, 10240, 10880, 12288, 13568, 14336, 16384, 18432, 19072, 20480, 21760, 24576,
        27264, 28672, 32768,
    };
    /** size_to_class8: [smallSizeMax/smallSizeDiv + 1], smallSizeMax = 1024, smallSizeDiv = 8. */
    private static final int[] SIZE_TO_CLASS8 = {
        0, 1, 2, 3, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13, 14, 14, 15, 15,
        16, 16, 17, 17, 18, 18, 19, 19, 19, 19, 20, 20, 20, 20, 21, 21, 21, 21, 22, 22, 22, 22, 23,
        23, 23, 23, 24, 24, 24, 24, 25, 25, 25, 25, 26, 26, 26, 26, 27, 27, 27, 27, 27, 27, 27, 27,
        28, 28, 28, 28, 28, 28, 28, 28, 29, 29, 29, 29, 29, 29, 29, 29, 30, 30, 30, 30, 30, 30, 30,
        30, 31, 31, 31, 31, 31, 31, 31, 31, 31, 31, 31, 31, 31, 31, 31, 31, 32, 32, 32, 32, 32, 32,
        32, 32, 32, 32, 32, 32, 32, 32, 32, 32,
    };
    /** size_to_class128: [(_MaxSmallSize-smallSizeMax)/largeSizeDiv + 1], largeSizeDiv = 128. */
    private static final int[] SIZE_TO_CLASS128 = {
        32, 33, 34, 35, 36, 37, 37, 38, 38, 39, 39, 40, 40, 40, 41, 41, 41, 42, 43, 43, 44, 44, 44,
        44, 44, 45, 45, 45, 45, 45, 45, 46, 46, 46, 46, 47, 47, 47, 47, 47, 47, 48, 48, 48, 49, 49,
        50, 51, 51, 51, 51, 51, 51, 51, 51, 51, 51, 52, 52, 52, 52, 52, 52, 52, 52, 52, 52, 53, 53,
        54, 54, 54, 54, 55, 55, 55, 55, 55, 56, 56, 56, 56, 56, 56, 56, 56, 56, 56, 56, 57, 57, 57,
        57, 57, 57, 57, 57, 57, 57, 58, 58, 58, 58, 58, 58, 59, 59, 59, 59, 59, 59, 59, 59, 59, 59,
        59, 59, 59, 59, 59, 59, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 61,
        61, 61, 61, 61, 62, 62, 62, 62, 62, 62, 62, 62, 62, 62, 62, 63, 63, 63, 63, 63, 63, 63, 63,
        63, 63, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64,
        64, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 66,
        66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67,
        67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67,
    };

    private static final long MAX_SMALL_SIZE = 32768;
    private static final long SMALL_SIZE_DIV = 8;
    private static final long SMALL_SIZE_MAX = 1024;
    private static final long LARGE_SIZE_DIV = 128;
    private static final long PAGE_SIZE = 8192;
    private static final long MALLOC_HEADER_SIZE = 8;
    private static final long MIN_SIZE_FOR_MALLOC_HEADER = 8 * 64; // goarch.PtrSize * ptrBits

    private static long divRoundUp(long n, long a) {
        return (n + a - 1) / a;
    }

    /** msize.go roundupsize(size) of Go 1.19-1.21. */
    private static long go119(long size) {
        if (size < MAX_SMALL_SIZE) {
            if (size <= SMALL_SIZE_MAX - 8) {
                return CLASS_TO_SIZE[SIZE_TO_CLASS8[(int) divRoundUp(size, SMALL_SIZE_DIV)]];
            } else {
                return CLASS_TO_SIZE[SIZE_TO_CLASS128[(int) divRoundUp(size - SMALL_SIZE_MAX, LARGE_SIZE_DIV)]];
            }
        }
        if (size + PAGE_SIZE < size) {
            return size;
        }
        return (size + PAGE_SIZE - 1) / PAGE_SIZE * PAGE_SIZE; // alignUp(size, _PageSize)
    }

    /** msize_allocheaders.go (1.22) / msize.go (1.23) roundupsize(size, noscan). */
    private static long go122(long size, boolean noscan) {
        long reqSize = size;
        if (reqSize <= MAX_SMALL_SIZE - MALLOC_HEADER_SIZE) {
            if (!noscan && reqSize > MIN_SIZE_FOR_MALLOC_HEADER) {
                reqSize += MALLOC_HEADER_SIZE;
            }
            if (reqSize <= SMALL_SIZE_MAX - 8) {
                return CLASS_TO_SIZE[SIZE_TO_CLASS8[(int) divRoundUp(reqSize, SMALL_SIZE_DIV)]] - (reqSize - size);
            }
            return CLASS_TO_SIZE[SIZE_TO_CLASS128[(int) divRoundUp(reqSize - SMALL_SIZE_MAX, LARGE_SIZE_DIV)]]
                    - (reqSize - size);
        }
        reqSize += PAGE_SIZE - 1;
        if (reqSize < size) {
            return size;
        }
        return reqSize & ~(PAGE_SIZE - 1);
    }

    @Test
    void everySizeUpTo40KiBMatchesGosTablesWithoutMallocHeaders() {
        // msize.go (1.19-1.21): size_to_class8 up to 1016 bytes, size_to_class128 below 32768, then pages
        for (long size = 0; size <= 40960; size++) {
            assertEquals(go119(size), SizeClasses.roundupsize(size, true, false), "noscan, size " + size);
            assertEquals(go119(size), SizeClasses.roundupsize(size, false, false), "pointerful, size " + size);
        }
    }

    @Test
    void everySizeUpTo40KiBMatchesGosTablesWithMallocHeaders() {
        // msize_allocheaders.go (1.22+): a pointerful object over 512 bytes carries an 8-byte header
        for (long size = 0; size <= 40960; size++) {
            assertEquals(go122(size, true), SizeClasses.roundupsize(size, true, true), "noscan, size " + size);
            assertEquals(go122(size, false), SizeClasses.roundupsize(size, false, true), "pointerful, size " + size);
        }
    }

    @ParameterizedTest(name = "roundupsize({0}) = {1}")
    @CsvSource({
        "0, 0", "1, 8", "8, 8", "9, 16", "17, 24", "33, 48", "144, 144", "145, 160", "512, 512", "513, 576",
        "1016, 1024", "1017, 1024", "1024, 1024", "1025, 1152", "1153, 1280", "3073, 3200", "10880, 10880",
        "10881, 12288", "12240, 12288", "28673, 32768", "32767, 32768", "32768, 32768", "32769, 40960",
        "39168, 40960", "40960, 40960", "40961, 49152", "10027008, 10027008"
    })
    void spotValuesWithoutHeaders(long size, long expected) {
        // class_to_size boundaries, and alignUp(size, 8192) from 32768 on
        assertEquals(expected, SizeClasses.roundupsize(size, true, false));
        assertEquals(expected, SizeClasses.roundupsize(size, false, false));
        assertEquals(expected, SizeClasses.roundupsize(size, true, true), "noscan objects have no header");
    }

    @ParameterizedTest(name = "pointerful roundupsize({0}) = {1} with malloc headers")
    @CsvSource({
        "512, 512", "513, 568", "520, 568", "568, 568", "569, 632", "1016, 1016", "1017, 1144", "1144, 1144",
        "10880, 12280", "12240, 12280", "32752, 32760", "32760, 32760", "32761, 32768", "32768, 32768",
        "32769, 40960"
    })
    void spotValuesWithMallocHeaders(long size, long expected) {
        // msize_allocheaders.go: reqSize = size + 8 when !noscan && size > 512; result minus the 8
        assertEquals(expected, SizeClasses.roundupsize(size, false, true));
    }

    @Test
    void sizesNearTheTopDoNotOverflow() {
        // msize.go: if size+_PageSize < size { return size }
        long huge = Long.MAX_VALUE - 100;
        assertEquals(huge, SizeClasses.roundupsize(huge, true, false));
        assertEquals(huge, SizeClasses.roundupsize(huge, false, true));
        assertEquals(Long.MAX_VALUE - 8191, SizeClasses.roundupsize(Long.MAX_VALUE - 8191, true, false));
        assertThrows(IllegalArgumentException.class, () -> SizeClasses.roundupsize(-1, true, false));
    }
}
