/**
 * Reads data/*.json from disk (Node only: the build hook, the CLI and the tests) and validates it.
 * A file that cannot be read or is not valid JSON is reported like any other problem, with its name.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RawDataset } from './schema';
import { DATA_FILES } from './schema';
import { DataError, fileLabel, validateDataset, type DataFileKey } from './validate';

/** The repository's data/ folder. */
export const DEFAULT_DATA_DIR = fileURLToPath(new URL('../../data/', import.meta.url));

/** Reads every data file as JSON without validating; problems (unreadable file, bad JSON) are collected. */
export function readDataFiles(dir: string = DEFAULT_DATA_DIR): { files: Record<DataFileKey, unknown>; problems: string[] } {
  const files = {} as Record<DataFileKey, unknown>;
  const problems: string[] = [];
  for (const key of Object.keys(DATA_FILES) as DataFileKey[]) {
    const path = join(dir, DATA_FILES[key].file);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      problems.push(`${fileLabel(key)}: cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      continue;
    }
    try {
      files[key] = JSON.parse(text);
    } catch (error) {
      problems.push(`${fileLabel(key)}: invalid JSON: ${(error as Error).message}`);
    }
  }
  return { files, problems };
}

export function readDataset(dir: string = DEFAULT_DATA_DIR): RawDataset {
  const { files, problems } = readDataFiles(dir);
  if (problems.length) throw new DataError(problems);
  return validateDataset(files);
}
