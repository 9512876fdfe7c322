package maplab.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import maplab.alloc.GrowSlice;
import maplab.engine.GoVersion;
import org.junit.jupiter.api.Test;

/** Malloc.footprint (mallocgc's slot or pages) and GrowSlice (growslice's capacities). */
class MallocAndGrowSliceTest {

    @Test
    void smallObjectsTakeTheirSizeClass() {
        assertEquals(48, Malloc.footprint(48, false, GoVersion.GO1_19)); // hmap
        assertEquals(24, Malloc.footprint(24, false, GoVersion.GO1_19)); // mapextra, slice header
        assertEquals(208, Malloc.footprint(200, true, GoVersion.GO1_19)); // a [200]byte elem object
        assertEquals(0, Malloc.footprint(0, true, GoVersion.GO1_19));
    }

    @Test
    void mallocHeadersFrom122OnlyForPointerfulObjectsOver512Bytes() {
        // 1024-byte pointerful object: class 1024 in 1.19, class of 1032 (1152) in 1.22.
        assertEquals(1024, Malloc.footprint(1024, false, GoVersion.GO1_19));
        assertEquals(1152, Malloc.footprint(1024, false, GoVersion.GO1_22));
        assertEquals(1024, Malloc.footprint(1024, true, GoVersion.GO1_22));
        assertEquals(512, Malloc.footprint(512, false, GoVersion.GO1_23));
    }

    @Test
    void largeObjectsTakeWholePages() {
        assertEquals(40960, Malloc.footprint(40000, true, GoVersion.GO1_19));
        assertEquals(32768, Malloc.footprint(32768, false, GoVersion.GO1_19));
        // 32768 bytes with pointers no longer fits a small slot with its header in 1.22: pages.
        assertEquals(32768, Malloc.footprint(32768, false, GoVersion.GO1_22));
        assertEquals(32768, Malloc.footprint(32761, false, GoVersion.GO1_22));
        assertEquals(24576, Malloc.footprint(24576, false, GoVersion.GO1_19));
        assertEquals(27264, Malloc.footprint(24576, false, GoVersion.GO1_22));
        assertThrows(IllegalArgumentException.class, () -> Malloc.footprint(-1, true, GoVersion.GO1_19));
    }

    @Test
    void appendDoublesBelow256ThenGrowsByAQuarterPlus192() {
        long cap = 0;
        long[] expected = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512};
        for (long want : expected) {
            cap = GrowSlice.grownCap(cap + 1, cap, GoVersion.GO1_19.mallocHeaders());
            assertEquals(want, cap);
        }
        // 512 + (512 + 768) / 4 = 832 elements = 6656 bytes, rounded up to the 6784-byte class: 848.
        assertEquals(848, GrowSlice.grownCap(513, 512, GoVersion.GO1_19.mallocHeaders()));
        // 1.22: the pointer array needs its 8-byte header inside the same class: 6776 / 8 = 847.
        assertEquals(847, GrowSlice.grownCap(513, 512, GoVersion.GO1_22.mallocHeaders()));
        assertEquals(832, GrowSlice.nextCap(513, 512));
        assertThrows(IllegalArgumentException.class, () -> GrowSlice.nextCap(3, 4));
    }
}
