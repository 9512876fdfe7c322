package maplab.table;

import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** Builds a table row by row from typed columns declared up front. */
public final class TableBuilder {

    private final String name;
    private final List<Column<?>> columns = new ArrayList<>();

    public TableBuilder(String name) {
        this.name = name;
    }

    public TableBuilder ints(String... names) {
        for (String n : names) {
            columns.add(IntColumn.create(n));
        }
        return this;
    }

    public TableBuilder longs(String... names) {
        for (String n : names) {
            columns.add(LongColumn.create(n));
        }
        return this;
    }

    public TableBuilder doubles(String... names) {
        for (String n : names) {
            columns.add(DoubleColumn.create(n));
        }
        return this;
    }

    public TableBuilder strings(String... names) {
        for (String n : names) {
            columns.add(StringColumn.create(n));
        }
        return this;
    }

    public TableBuilder booleans(String... names) {
        for (String n : names) {
            columns.add(BooleanColumn.create(n));
        }
        return this;
    }

    /** Appends one row: one value per column, in declaration order. */
    public void row(Object... values) {
        if (values.length != columns.size()) {
            throw new IllegalStateException(name + ": row of " + values.length + " values for " + columns.size()
                    + " columns");
        }
        for (int i = 0; i < values.length; i++) {
            Column<?> c = columns.get(i);
            Object v = values[i];
            if (c instanceof IntColumn ic) {
                ic.append(((Number) v).intValue());
            } else if (c instanceof LongColumn lc) {
                lc.append(((Number) v).longValue());
            } else if (c instanceof DoubleColumn dc) {
                dc.append(((Number) v).doubleValue());
            } else if (c instanceof StringColumn sc) {
                sc.append(String.valueOf(v));
            } else if (c instanceof BooleanColumn bc) {
                bc.append((Boolean) v);
            }
        }
    }

    public Table build() {
        return Table.create(name, columns);
    }
}
