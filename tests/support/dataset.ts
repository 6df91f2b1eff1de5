/** The real dataset, validated and indexed once per test file. */
import { readDataset } from '../../src/data/load-node';
import { buildDataset, type Dataset } from '../../src/engine/dataset';

let cached: Dataset | undefined;
export function realDataset(): Dataset {
  cached ??= buildDataset(readDataset());
  return cached;
}
