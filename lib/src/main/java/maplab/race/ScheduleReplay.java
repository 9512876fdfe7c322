package maplab.race;

import java.util.ArrayList;
import java.util.List;
import maplab.engine.MapState;
import maplab.engine.SharedField;
import maplab.render.SvgDiagram;
import maplab.render.TextDiagram;
import maplab.table.TableBuilder;
import tech.tablesaw.api.Table;

/**
 * One schedule replayed step by step: each step's goroutine, statement, runtime function and
 * memory access, and the map's state after it (render it with {@link #svg(int)}). Step 0 is the
 * initial state.
 */
public final class ScheduleReplay {

    /** One executed step; {@code state} is the map after it (null if the model could not read it). */
    public record Step(int index, int goroutine, String statement, String function, String access,
                       boolean write, MapState state) {

        /** e.g. {@code 12 G2 mapassign_fast64 write buckets#0[0].tophash[0]}. */
        @Override
        public String toString() {
            return index + " G" + (goroutine + 1) + " " + function + " " + (write ? "write " : "read ") + access;
        }
    }

    private final Scenario scenario;
    private final Schedule schedule;
    private final List<Step> steps;
    private final String outcome;
    private final String detail;

    private ScheduleReplay(Scenario scenario, Schedule schedule, List<Step> steps, String outcome, String detail) {
        this.scenario = scenario;
        this.schedule = schedule;
        this.steps = List.copyOf(steps);
        this.outcome = outcome;
        this.detail = detail;
    }

    /** Replays {@code schedule} on {@code scenario}; the schedule must come from this scenario. */
    public static ScheduleReplay of(Scenario scenario, Schedule schedule) {
        List<Step> steps = new ArrayList<>();
        // Each step's state is read at the next step, before that one's access: the state after it.
        Object[] open = new Object[1];
        try (Scheduler scheduler = new Scheduler(scenario)) {
            Scheduler.Observer obs = new Scheduler.Observer() {
                @Override
                public void step(int g, int statement, SharedField field, String access, boolean write) {
                    closeStep(steps, open, scheduler);
                    Op op = scenario.goroutines().get(g).get(statement);
                    open[0] = new Object[] {g, op.go(), op.onMap() ? op.function(scenario.type()) : "sync",
                            access, write};
                }
            };
            steps.add(new Step(0, -1, "initial state", "", "", false, scenario.newMap(schedule.seed()).snapshot()));
            Scheduler.Run r = scheduler.execute(new FixedSchedule(schedule.choices()), schedule.seed(), false, obs);
            closeStep(steps, open, scheduler);
            String outcome = r.outcome();
            String detail = r.detail();
            if (outcome == null) {
                String[] c = new Classifier(scenario, SequentialOutcomes.of(scenario)).classify(scheduler.map());
                outcome = c[0];
                detail = c[1];
            }
            return new ScheduleReplay(scenario, schedule, steps, outcome, detail);
        }
    }

    private static void closeStep(List<Step> steps, Object[] open, Scheduler scheduler) {
        if (open[0] == null) {
            return;
        }
        Object[] o = (Object[]) open[0];
        MapState state;
        try {
            state = scheduler.map().snapshot();
        } catch (RuntimeException e) {
            state = null; // a state the snapshot cannot walk; the step list still says what happened
        }
        steps.add(new Step(steps.size(), (Integer) o[0], (String) o[1], (String) o[2], (String) o[3],
                (Boolean) o[4], state));
        open[0] = null;
    }

    public Scenario scenario() { return scenario; }

    public Schedule schedule() { return schedule; }

    /** The steps, the initial state first. */
    public List<Step> steps() { return steps; }

    public Step step(int i) {
        if (i < 0 || i >= steps.size()) {
            throw new IndexOutOfBoundsException("step " + i + " of a replay with steps 0.." + (steps.size() - 1));
        }
        return steps.get(i);
    }

    public String outcome() { return outcome; }

    public String detail() { return detail; }

    /** The map after step i, as an SVG bucket diagram. */
    public String svg(int i) {
        MapState s = step(i).state();
        return s == null ? SvgDiagram.render(steps.get(0).state()) : SvgDiagram.render(s);
    }

    /** The map after step i, as text. */
    public String text(int i) {
        MapState s = step(i).state();
        return s == null ? "(the model could not read the state after step " + i + ")" : TextDiagram.render(s);
    }

    /** The steps whose access writes: where the map changed. */
    public List<Step> writes() {
        return steps.stream().filter(Step::write).toList();
    }

    /** Step, goroutine, statement, function, read/write and memory, one row per step. */
    public Table table() {
        TableBuilder t = new TableBuilder(scenario.name() + ": " + schedule)
                .ints("step").strings("goroutine").strings("statement").strings("function").strings("access")
                .strings("memory");
        for (Step s : steps) {
            if (s.goroutine() < 0) {
                continue;
            }
            t.row(s.index(), "G" + (s.goroutine() + 1), s.statement(), s.function(), s.write() ? "write" : "read",
                    s.access());
        }
        return t.build();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(scenario.name()).append(", schedule ").append(schedule).append(": ").append(outcome)
                .append(" (").append(detail).append(")\n");
        for (Step s : steps) {
            if (s.goroutine() >= 0) {
                sb.append("  ").append(s).append('\n');
            }
        }
        return sb.toString();
    }
}
