/** One benchmark for tests/bench/run.ts: it measures, prints its own table, and throws only if it cannot run. */
export interface BenchModule {
  name: string;
  run(): Promise<void>;
}
