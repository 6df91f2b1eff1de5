/**
 * The dataset as the extension ships it: the JSON files bundled into the annotator. They were validated
 * with zod when the extension was built (wxt.config.ts, build:before), so the page pays no schema cost.
 */
import claims from '../../data/claims.json';
import events from '../../data/events.json';
import holdings from '../../data/holdings.json';
import meta from '../../data/meta.json';
import reserves from '../../data/reserves.json';
import sources from '../../data/sources.json';
import vocabulary from '../../data/vocabulary.json';
import type { RawDataset } from './schema';

export const bundledDataset = { sources, holdings, reserves, events, claims, vocabulary, meta } as unknown as RawDataset;
