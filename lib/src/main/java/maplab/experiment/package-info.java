/**
 * Ready experiments on the classic map model for notebooks: each returns a Tablesaw
 * {@link tech.tablesaw.api.Table}, runs from a seed (same seed, same table) and prints progress to
 * {@code System.out} when it runs for more than a couple of seconds. Start at {@link
 * maplab.experiment.Experiments}; {@link maplab.experiment.Charts} turns the tables into static
 * XChart charts. Nothing here changes the engine: experiments watch its events and snapshots.
 */
package maplab.experiment;
