package maplab.alloc;

/**
 * Go's malloc size classes on amd64, a fact from runtime/sizeclasses.go ({@code class_to_size},
 * identical in Go 1.19 through 1.26), and {@code roundupsize}: the size malloc really hands out for
 * a request.
 */
public final class SizeClasses {

    /** class_to_size: class 0 is unused, classes 1..67 are the small-object sizes. */
    private static final int[] CLASS_TO_SIZE = {
        0, 8, 16, 24, 32, 48, 64, 80, 96, 112, 128, 144, 160, 176, 192, 208, 224, 240, 256, 288, 320,
        352, 384, 416, 448, 480, 512, 576, 640, 704, 768, 896, 1024, 1152, 1280, 1408, 1536, 1792, 2048,
        2304, 2688, 3072, 3200, 3456, 4096, 4864, 5376, 6144, 6528, 6784, 6912, 8192, 9472, 9728, 10240,
        10880, 12288, 13568, 14336, 16384, 18432, 19072, 20480, 21760, 24576, 27264, 28672, 32768,
    };

    /** class_to_allocnpages: the pages of one span of each class (identical in Go 1.19 through 1.26). */
    private static final int[] CLASS_TO_NPAGES = {
        0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        2, 1, 2, 1, 2, 1, 3, 2, 3, 1, 3, 2, 3, 4, 5, 6, 1, 7, 6, 5, 4, 3, 5, 7, 2, 9, 7, 5, 8, 3, 10, 7, 4,
    };

    /** _MaxSmallSize: larger objects get whole pages. */
    public static final long MAX_SMALL_SIZE = 32768;
    /** _PageSize. */
    public static final long PAGE_SIZE = 8192;
    /** mallocHeaderSize (Go 1.22+): a pointerful object over 512 bytes carries an 8-byte header. */
    public static final long MALLOC_HEADER_SIZE = 8;
    /** minSizeForMallocHeader = PtrSize * ptrBits. */
    public static final long MIN_SIZE_FOR_MALLOC_HEADER = 512;

    private SizeClasses() {
    }

    /**
     * runtime.roundupsize. Without malloc headers (Go 1.19-1.21) it is the smallest class size
     * that holds {@code size} (the runtime's size_to_class8/128 lookups give exactly that, because
     * every class size is a multiple of the lookup step), or whole pages above 32 KiB. With malloc
     * headers (Go 1.22+) a pointerful object over 512 bytes needs 8 more bytes, which the result
     * does not include.
     */
    public static long roundupsize(long size, boolean noscan, boolean mallocHeaders) {
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size);
        }
        long header = 0;
        if (mallocHeaders) {
            if (size <= MAX_SMALL_SIZE - MALLOC_HEADER_SIZE) {
                if (!noscan && size > MIN_SIZE_FOR_MALLOC_HEADER) {
                    header = MALLOC_HEADER_SIZE;
                }
                return smallClassAtLeast(size + header) - header;
            }
        } else if (size < MAX_SMALL_SIZE) {
            return smallClassAtLeast(size);
        }
        long up = size + PAGE_SIZE - 1;
        return up < size ? size : up & ~(PAGE_SIZE - 1);
    }

    /** The pages of a span of the small size class whose size is exactly {@code classSize} (class_to_allocnpages). */
    public static int spanPages(long classSize) {
        int c = java.util.Arrays.binarySearch(CLASS_TO_SIZE, (int) Math.min(classSize, Integer.MAX_VALUE));
        if (c <= 0 || classSize > MAX_SMALL_SIZE) {
            throw new IllegalArgumentException(classSize + " is not the size of a small size class");
        }
        return CLASS_TO_NPAGES[c];
    }

    private static long smallClassAtLeast(long size) {
        if (size == 0) {
            return 0; // size_to_class8[0] is class 0, whose size is 0
        }
        int lo = 1;
        int hi = CLASS_TO_SIZE.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (CLASS_TO_SIZE[mid] >= size) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return CLASS_TO_SIZE[lo];
    }
}
