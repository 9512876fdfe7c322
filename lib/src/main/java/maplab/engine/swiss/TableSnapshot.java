package maplab.engine.swiss;

import java.util.List;

/**
 * A read-only copy of one table: its header fields and its groups, in index order.
 *
 * @param id the table's allocation number ({@code table#id})
 * @param index its first directory entry, -1 once replaced
 * @param groupsId the allocation number of its groups array
 */
public record TableSnapshot(int id, int localDepth, int index, int capacity, int used, int growthLeft,
                            int groupsId, List<GroupSnapshot> groups) {

    /** t.tombstones(): capacity*7/8 - used - growthLeft. */
    public int tombstones() {
        return capacity * Table.MAX_AVG_GROUP_LOAD / GroupType.SLOTS - used - growthLeft;
    }

    @Override
    public String toString() {
        return "table#" + id;
    }
}
