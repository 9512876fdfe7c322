/**
 * The Swiss-table map of Go 1.24, 1.25 and 1.26 (internal/runtime/maps), modelled function by
 * function in classes that follow Go's files: {@link maplab.engine.swiss.SwissMap} is the public
 * face; {@code Map} is map.go, {@code Table} and {@code Iter} are table.go, {@code Group} and
 * {@code Groups} are group.go, {@code Runtime} is runtime.go, {@code RuntimeFast} is
 * runtime_fast32.go, runtime_fast64.go and runtime_faststr.go. Release differences are data of
 * {@link maplab.engine.GoVersion}.
 */
package maplab.engine.swiss;
