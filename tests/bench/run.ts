import type { BenchModule } from './bench-module';
import { botBench } from './bot-bench';
import { deliveryBench } from './delivery-bench';
import { resultsApiBench } from './results-api-bench';
import { scoringBench } from './scoring-bench';
import { storageBench } from './storage-bench';
import { tabBench } from './tab-bench';

// Every benchmark, in the order they run. Add new modules here.
const BENCHES: BenchModule[] = [scoringBench, storageBench, resultsApiBench, tabBench, deliveryBench, botBench];

async function main(): Promise<void> {
  for (const bench of BENCHES) {
    console.log(`\n== ${bench.name}`);
    const started = performance.now();
    await bench.run();
    console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }
}

// Run only when started as the entry point (npm run bench).
if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(`bench failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  });
}
